"""Brands of a CSP: the list, one brand, the register-a-brand form."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request, Response
from starlette.datastructures import FormData

from tendlc.core.brands import service
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
    page = page_number(request.query_params.get("page"))
    c = container(request)
    with c.uow() as uow:
        brand = service.get(uow, v.as_actor(), brand_id)
        found = campaigns.search(uow, v.as_actor(), CampaignFilter(brand_id=brand_id), page, PER_PAGE)
    notice = "Brand registered; its identity is being verified." if request.query_params.get("done") else None
    return render(request, "brand.html", brand=brand, campaigns=found.items, pager=Pager(page, PER_PAGE, found.total),
                  notice=notice)
