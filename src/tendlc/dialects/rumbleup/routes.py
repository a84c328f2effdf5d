"""``/api/tcr/campaign/select`` and ``/api/tcr/brand/select``: a provider's customer reads its campaigns
(with ``ok``, ``status`` and ``proxy``) and their brands, 100 at a time, following ``next_token``."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request

from tendlc.api.auth import cid_actor
from tendlc.api.deps import container, read_handler
from tendlc.core.actor import Actor
from tendlc.core.readiness import customers
from tendlc.dialects.rumbleup.errors import RumbleUpRoute
from tendlc.dialects.rumbleup.translate import brand_json, campaign_json, comma_list

router = APIRouter(prefix="/api/tcr", route_class=RumbleUpRoute, tags=["rumbleup"])


def _page(items: list[dict[str, Any]], next_token: str | None) -> dict[str, Any]:
    doc: dict[str, Any] = {"count": len(items), "data": items}
    if next_token is not None:
        doc["next_token"] = next_token
    return doc


@router.get("/campaign/select")
@read_handler
def campaign_select(request: Request, campaignId: str | None = None, brandId: str | None = None,
                    next_token: str | None = None, actor: Actor = Depends(cid_actor)) -> dict[str, Any]:
    """The caller's campaigns; ``campaignId`` and ``brandId`` are comma-separated lists."""
    c = container(request)
    with c.uow() as uow:
        page = customers.customer_campaigns(uow, c.clock, actor, comma_list(campaignId), comma_list(brandId),
                                            next_token)
        return _page([campaign_json(item) for item in page.items], page.next_token)


@router.get("/brand/select")
@read_handler
def brand_select(request: Request, brandId: str | None = None, next_token: str | None = None,
                 actor: Actor = Depends(cid_actor)) -> dict[str, Any]:
    """The brands of the caller's campaigns; ``brandId`` is a comma-separated list."""
    with container(request).uow() as uow:
        page = customers.customer_brands(uow, actor, comma_list(brandId), next_token)
        return _page([brand_json(item) for item in page.items], page.next_token)
