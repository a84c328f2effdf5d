"""Qualification and carrier terms: ``/v2/campaignBuilder/brand/…``, ``/v2/campaign/{id}/mnoMetadata``,
``/v2/campaign/{id}/resubmit``. The core already answers in TCR's keys (``UsecaseMetadata``, ``Metadata``)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request, Response

from tendlc.api.auth import basic_actor
from tendlc.api.deps import container, json_body, read_handler
from tendlc.api.responses import json_response
from tendlc.core.actor import Actor
from tendlc.core.carriers import service
from tendlc.dialects.tcr.errors import TcrRoute

router = APIRouter(prefix="/v2", route_class=TcrRoute, tags=["TCR qualification"])


@router.get("/campaignBuilder/brand/{brandId}")
@read_handler
def qualify_brand(brandId: str, request: Request, actor: Actor = Depends(basic_actor)) -> Response:
    c = container(request)
    with c.uow() as uow:
        found = service.qualify_all(uow, c.clock, actor, brandId)
    return json_response(found)


@router.get("/campaignBuilder/brand/{brandId}/usecase/{usecase}")
@read_handler
def qualify_brand_usecase(brandId: str, usecase: str, request: Request,
                          actor: Actor = Depends(basic_actor)) -> Response:
    c = container(request)
    with c.uow() as uow:
        found = service.qualify(uow, c.clock, actor, brandId, usecase)
    return json_response(found)


@router.get("/campaign/{campaignId}/mnoMetadata")
@read_handler
def campaign_mno_metadata(campaignId: str, request: Request, actor: Actor = Depends(basic_actor)) -> Response:
    with container(request).uow() as uow:
        found = service.campaign_mno_metadata(uow, actor, campaignId)
    return json_response(found)


@router.put("/campaign/{campaignId}/resubmit")
def resubmit_campaign(campaignId: str, request: Request, body: Any = Depends(json_body),
                      actor: Actor = Depends(basic_actor)) -> Response:
    c = container(request)
    with c.uow(write=True) as uow:
        done = service.resubmit(uow, c.clock, actor, campaignId, body)
    return json_response({"campaignId": done.campaign_id, "mnoMetadata": done.mno_metadata})
