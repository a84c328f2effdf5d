"""``/v2/10dlc/brand…``: parse → core → translate."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request, Response

from tendlc.api.auth import bearer_actor
from tendlc.api.deps import container, json_body, read_handler
from tendlc.api.responses import json_response
from tendlc.core.actor import Actor
from tendlc.core.brands import service
from tendlc.core.brands import vetting_service as vetting
from tendlc.core.brands.model import Brand
from tendlc.core.campaigns import service as campaigns
from tendlc.core.catalog.registry import VETTING_STATUSES
from tendlc.core.errors import NotFound
from tendlc.core.model import Page as Found
from tendlc.core.ports import BrandFilter, CampaignFilter
from tendlc.dialects.telnyx import hooks, translate
from tendlc.dialects.telnyx.common import Page, PerPage, webhook_url_check
from tendlc.dialects.telnyx.errors import TelnyxRoute
from tendlc.dialects.telnyx.translate_vetting import external_vetting

router = APIRouter(prefix="/v2/10dlc", route_class=TelnyxRoute, tags=["Telnyx brands"])

DEFAULT_RELATIONSHIP = "BASIC_ACCOUNT"  # Telnyx's create has no brandRelationship; TCR requires one


def _campaign_count(uow: Any, actor: Actor, brand_id: str) -> int:
    return campaigns.search(uow, actor, CampaignFilter(brand_id=brand_id, status="ACTIVE"), 1, 1).total


def _brand(uow: Any, actor: Actor, b: Brand, count: bool = False) -> dict[str, Any]:
    return translate.brand(b, hooks.urls(uow, actor.cnp_id, b.brand_id),
                           _campaign_count(uow, actor, b.brand_id) if count else None)


@router.post("/brand")
def create_brand(request: Request, body: Any = Depends(json_body), actor: Actor = Depends(bearer_actor)) -> Response:
    c = container(request)
    if isinstance(body, dict):
        body = {"brandRelationship": DEFAULT_RELATIONSHIP, **body}
        if body.get("entityType") == "SOLE_PROPRIETOR" and not body.get("referenceId"):
            body["referenceId"] = c.ids.ulid()  # Telnyx's create has none; TCR requires one of a sole proprietor
    hooks.check(body, webhook_url_check(c))
    with c.uow(write=True) as uow:
        brand = service.register(uow, c.ids, c.clock, actor, body, c.identity_policy)
        hooks.save(uow, c.ids, c.clock, actor, brand.brand_id, body)
        return json_response(_brand(uow, actor, brand))


@router.get("/brand")
@read_handler
def list_brands(request: Request, actor: Actor = Depends(bearer_actor), page: Page = 1, recordsPerPage: PerPage = 10,
                sort: str | None = None, brandId: str | None = None, tcrBrandId: str | None = None,
                displayName: str | None = None, entityType: str | None = None, state: str | None = None,
                country: str | None = None) -> Response:
    """Newest first (``sort`` is accepted; tendlc lists in one order)."""
    where = BrandFilter(display_name=displayName, entity_type=entityType, state=state, country=country)
    with container(request).uow() as uow:
        found = service.search(uow, actor, where, page, recordsPerPage)
        wanted = brandId or tcrBrandId
        if wanted:
            items = [b for b in found.items if b.brand_id == wanted]
            if not items and page == 1:
                try:
                    items = [service.get(uow, actor, wanted)]
                except NotFound:
                    items = []
            found = Found(total=len(items) if page == 1 else 0, items=items if page == 1 else [])
        body = translate.page_of(page, found, lambda b: translate.brand_list_item(
            b, _campaign_count(uow, actor, b.brand_id)))
    return json_response(body)


@router.get("/brand/feedback/{brandId}")
@read_handler
def brand_feedback(brandId: str, request: Request, actor: Actor = Depends(bearer_actor)) -> Response:
    with container(request).uow() as uow:
        brand = service.get(uow, actor, brandId)
    return json_response(translate.feedback(brand))


@router.get("/brand/{brandId}")
@read_handler
def get_brand(brandId: str, request: Request, actor: Actor = Depends(bearer_actor)) -> Response:
    with container(request).uow() as uow:
        brand = service.get(uow, actor, brandId)
        return json_response(_brand(uow, actor, brand, count=True))


@router.put("/brand/{brandId}")
def update_brand(brandId: str, request: Request, body: Any = Depends(json_body),
                 actor: Actor = Depends(bearer_actor)) -> Response:
    c = container(request)
    hooks.check(body, webhook_url_check(c))
    with c.uow(write=True) as uow:
        brand = service.update(uow, c.clock, actor, brandId, body, c.identity_policy)
        hooks.save(uow, c.ids, c.clock, actor, brand.brand_id, body)
        return json_response(_brand(uow, actor, brand))


@router.delete("/brand/{brandId}", status_code=204)
def delete_brand(brandId: str, request: Request, actor: Actor = Depends(bearer_actor)) -> Response:
    c = container(request)
    with c.uow(write=True) as uow:
        service.delete(uow, c.clock, actor, brandId)
    return Response(status_code=204)


@router.put("/brand/{brandId}/revet")
def revet_brand(brandId: str, request: Request, actor: Actor = Depends(bearer_actor)) -> Response:
    c = container(request)
    with c.uow(write=True) as uow:
        brand, _pending = vetting.revet(uow, c.clock, actor, brandId, c.identity_policy)
        return json_response(_brand(uow, actor, brand))


@router.post("/brand/{brandId}/2faEmail")
def resend_2fa_email(brandId: str, request: Request, actor: Actor = Depends(bearer_actor)) -> Response:
    """tendlc sends no e-mail: the brand must exist and be the caller's; the answer is empty."""
    with container(request).uow() as uow:
        service.get(uow, actor, brandId)
    return Response(status_code=200)


@router.get("/brand/{brandId}/externalVetting")
@read_handler
def list_external_vets(brandId: str, request: Request, actor: Actor = Depends(bearer_actor)) -> Response:
    with container(request).uow() as uow:
        found = vetting.list_vets(uow, actor, brandId, list(VETTING_STATUSES), None, None)
    return json_response([external_vetting(v) for v in found])


@router.post("/brand/{brandId}/externalVetting")
def order_external_vet(brandId: str, request: Request, body: Any = Depends(json_body),
                       actor: Actor = Depends(bearer_actor)) -> Response:
    c = container(request)
    with c.uow(write=True) as uow:
        vet = vetting.order(uow, c.ids, c.clock, actor, brandId, body, c.vetting_policy)
    return json_response(external_vetting(vet))


@router.put("/brand/{brandId}/externalVetting")
def import_external_vet(brandId: str, request: Request, body: Any = Depends(json_body),
                        actor: Actor = Depends(bearer_actor)) -> Response:
    c = container(request)
    with c.uow(write=True) as uow:
        vet = vetting.import_vet(uow, c.ids, c.clock, actor, brandId, body)
    return json_response(external_vetting(vet))
