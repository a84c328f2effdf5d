"""Brands of a CSP: the list, one brand (with a sole proprietor's SMS verification, ``pages_brand_otp``), the
register-a-brand form."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request, Response
from starlette.datastructures import FormData

from tendlc.core.brands import otp_service, service
from tendlc.core.brands.model import Brand
from tendlc.core.campaigns import service as campaigns
from tendlc.core.catalog import brands as catalog
from tendlc.core.errors import DomainError
from tendlc.core.ports import BrandFilter, CampaignFilter
from tendlc.portal.web import (
    Pager,
    PortalRoute,
    Viewer,
    account_viewer,
    container,
    csrf_form,
    field_errors,
    form_dict,
    page_number,
    redirect,
    render,
)

router = APIRouter(prefix="/portal/brands", route_class=PortalRoute)
PER_PAGE = 20
NOTICES = {"registered": "Brand registered; its identity is being verified.",
           "otp-sent": "PIN sent. Enter it below once it arrives.",
           "otp-verified": "Mobile phone verified: the brand may now register its campaign."}

BRAND_TEXT_FIELDS = ("displayName", "companyName", "ein", "firstName", "lastName", "phone", "mobilePhone", "email",
                     "street", "city", "state", "postalCode", "country", "website", "referenceId")


def brand_options() -> dict[str, Any]:
    return {
        "entity_types": [(e, e.replace("_", " ").title()) for e in catalog.ENTITY_TYPES],
        "verticals": [(k, v[1]) for k, v in catalog.VERTICALS.items()],
        "relationships": [(r, r.replace("_", " ").title()) for r in catalog.BRAND_RELATIONSHIPS],
    }


def brand_body(form: dict[str, Any]) -> dict[str, Any]:
    """The form as a registration request: empty fields left out."""
    body: dict[str, Any] = {}
    for name in (*BRAND_TEXT_FIELDS, "entityType", "vertical", "brandRelationship"):
        value = form.get(name)
        if isinstance(value, str) and value.strip():
            body[name] = value.strip()
    return body


@router.get("")
def list_brands(request: Request, v: Viewer = Depends(account_viewer)) -> Response:
    page = page_number(request.query_params.get("page"))
    c = container(request)
    with c.uow() as uow:
        found = service.search(uow, v.as_actor(), BrandFilter(status="ACTIVE"), page, PER_PAGE)
    return render(request, "brands.html", brands=found.items, pager=Pager(page, PER_PAGE, found.total))


@router.get("/new")
def new_brand(request: Request, v: Viewer = Depends(account_viewer)) -> Response:
    values = {"country": "US", "entityType": "PRIVATE_PROFIT", "brandRelationship": "SMALL_ACCOUNT"}
    return render(request, "brand_new.html", values=values, errors={}, **brand_options())


@router.post("")
def register_brand(request: Request, v: Viewer = Depends(account_viewer), form: FormData = Depends(csrf_form)
                   ) -> Response:
    c = container(request)
    values = form_dict(form)
    try:
        with c.uow(write=True) as uow:
            brand = service.register(uow, c.ids, c.clock, v.as_actor(), brand_body(values), c.identity_policy)
    except DomainError as exc:
        return render(request, "brand_new.html", 422, values=values, errors=field_errors(exc), **brand_options())
    return redirect(f"/portal/brands/{brand.brand_id}?done=registered")


@router.get("/{brand_id}")
def show_brand(brand_id: str, request: Request, v: Viewer = Depends(account_viewer)) -> Response:
    return brand_page(request, v, brand_id, {}, 200)


def brand_page(request: Request, v: Viewer, brand_id: str, errors: dict[str, str], status: int) -> Response:
    """One brand: its fields, its campaigns and, for a sole proprietor not yet VERIFIED, its SMS verification
    (``errors``: ``otp`` for sending a PIN, ``otpPin`` for checking one)."""
    page = page_number(request.query_params.get("page"))
    c = container(request)
    actor = v.as_actor()
    with c.uow() as uow:
        brand = service.get(uow, actor, brand_id)
        found = campaigns.search(uow, actor, CampaignFilter(brand_id=brand_id), page, PER_PAGE)
        otp_due = needs_otp(brand)
        latest = otp_service.latest_for_brand(uow, actor, brand_id) if otp_due else None
    return render(request, "brand.html", status, brand=brand, campaigns=found.items,
                  pager=Pager(page, PER_PAGE, found.total), notice=NOTICES.get(request.query_params.get("done", "")),
                  errors=errors, otp_due=otp_due, otp=latest)


def needs_otp(brand: Brand) -> bool:
    """A sole proprietor verifies its mobile phone by SMS OTP before its campaign (the core refuses it after)."""
    return brand.status == "ACTIVE" and brand.is_sole_proprietor and brand.identity_status != "VERIFIED"
