"""``/v2/10dlc/brand/{brandId}/smsOtp`` (GET status, POST trigger, PUT verify) and
``/v2/10dlc/brand/smsOtp/{referenceId}``: sole-proprietor SMS OTP verification, parse → core → translate."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request, Response

from tendlc.api.auth import bearer_actor
from tendlc.api.deps import container, json_body, read_handler
from tendlc.api.responses import json_response
from tendlc.core.actor import Actor
from tendlc.core.brands import otp_service as service
from tendlc.core.brands.otp import OtpRequest
from tendlc.core.model import iso_millis
from tendlc.dialects.telnyx.errors import TelnyxRoute

router = APIRouter(prefix="/v2/10dlc", route_class=TelnyxRoute, tags=["Telnyx brand SMS OTP"])


def otp_status(r: OtpRequest) -> dict[str, Any]:
    """``BrandSmsOtpStatus`` (``deliveryStatus`` is required there; tendlc always has one)."""
    out: dict[str, Any] = {"brandId": r.brand_id, "referenceId": r.reference_id, "mobilePhone": r.mobile_phone,
                           "requestDate": iso_millis(r.request_date), "deliveryStatus": r.delivery_status or "PENDING"}
    for key, value in (("verifyDate", r.verify_date), ("deliveryStatusDate", r.delivery_status_date)):
        if value is not None:
            out[key] = iso_millis(value)
    if r.delivery_status_details is not None:
        out["deliveryStatusDetails"] = r.delivery_status_details
    return out


@router.post("/brand/{brandId}/smsOtp")
def trigger_sms_otp(brandId: str, request: Request, body: Any = Depends(json_body),
                    actor: Actor = Depends(bearer_actor)) -> Response:
    c = container(request)
    with c.uow(write=True) as uow:
        made = service.trigger(uow, c.ids, c.clock, actor, brandId, body)
    return json_response({"brandId": made.brand_id, "referenceId": made.reference_id})


@router.put("/brand/{brandId}/smsOtp", status_code=204)
def verify_sms_otp(brandId: str, request: Request, body: Any = Depends(json_body),
                   actor: Actor = Depends(bearer_actor)) -> Response:
    c = container(request)
    with c.uow(write=True) as uow:
        outcome = service.verify(uow, c.clock, actor, brandId, body)
    outcome.raise_refusal()  # after the commit: a wrong PIN stays counted
    return Response(status_code=204)


@router.get("/brand/{brandId}/smsOtp")
@read_handler
def sms_otp_status_of_brand(brandId: str, request: Request, actor: Actor = Depends(bearer_actor)) -> Response:
    """The brand's newest OTP request."""
    with container(request).uow() as uow:
        found = service.status_for_brand(uow, actor, brandId)
    return json_response(otp_status(found))


@router.get("/brand/smsOtp/{referenceId}")
@read_handler
def sms_otp_status(referenceId: str, request: Request, actor: Actor = Depends(bearer_actor),
                   brandId: str | None = None) -> Response:
    with container(request).uow() as uow:
        found = service.status_by_reference(uow, actor, referenceId, brandId)
    return json_response(otp_status(found))
