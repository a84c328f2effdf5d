"""A sole proprietor's SMS verification from its brand page: send a PIN to the brand's mobile phone, then check
the PIN given back (the core's ``otp_service``, as the TCR and Telnyx doors use it)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request, Response
from starlette.datastructures import FormData

from tendlc.core.brands import otp_service, service
from tendlc.core.errors import DomainError
from tendlc.portal.pages_brands import brand_page
from tendlc.portal.web import PortalRoute, Viewer, account_viewer, container, csrf_form, redirect

router = APIRouter(prefix="/portal/brands", route_class=PortalRoute)
PIN_SMS = "Your {name} verification PIN is @OTP_PIN@"


def _refused(request: Request, v: Viewer, brand_id: str, field: str, exc: DomainError) -> Response:
    if exc.code == "NOT_FOUND" and "brandId" in exc.fields:
        raise exc  # not the caller's brand: the portal's 404
    return brand_page(request, v, brand_id, {field: exc.message}, 422)


@router.post("/{brand_id}/otp/send")
def send_pin(brand_id: str, request: Request, v: Viewer = Depends(account_viewer),
             form: FormData = Depends(csrf_form)) -> Response:
    c = container(request)
    actor = v.as_actor()
    try:
        with c.uow(write=True) as uow:
            brand = service.get(uow, actor, brand_id)
            body = {"pinSms": PIN_SMS.format(name=brand.display_name or brand_id)}
            otp_service.trigger(uow, c.ids, c.clock, actor, brand_id, body)
    except DomainError as exc:
        return _refused(request, v, brand_id, "otp", exc)
    return redirect(f"/portal/brands/{brand_id}?done=otp-sent")


@router.post("/{brand_id}/otp/verify")
def verify_pin(brand_id: str, request: Request, v: Viewer = Depends(account_viewer),
               form: FormData = Depends(csrf_form)) -> Response:
    c = container(request)
    pin = form.get("otpPin")
    try:
        with c.uow(write=True) as uow:
            outcome = otp_service.verify(uow, c.clock, v.as_actor(), brand_id,
                                         {"otpPin": pin.strip() if isinstance(pin, str) else ""})
        outcome.raise_refusal()  # after the commit: a wrong PIN stays counted
    except DomainError as exc:
        return _refused(request, v, brand_id, "otpPin", exc)
    return redirect(f"/portal/brands/{brand_id}?done=otp-verified")
