"""``/v2/campaignBuilder`` and ``/v2/campaign…`` routes: parse → core → translate."""

from __future__ import annotations

from dataclasses import replace
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request, Response

from tendlc.api.auth import basic_actor
from tendlc.api.deps import container, json_body, read_handler, write_handler
from tendlc.api.responses import json_response
from tendlc.core.actor import Actor
from tendlc.core.campaigns import service
from tendlc.core.catalog.registry import CAMPAIGN_STATUSES
from tendlc.core.ports import CampaignFilter
from tendlc.dialects.tcr import translate
from tendlc.dialects.tcr.errors import TcrRoute
from tendlc.dialects.tcr.params import PageNumber, RecordsPerPage, check_enum_filters

router = APIRouter(prefix="/v2", route_class=TcrRoute, tags=["TCR campaigns"])


@router.post("/campaignBuilder")
@write_handler
def create_campaign(request: Request, body: Any = Depends(json_body),
                    actor: Actor = Depends(basic_actor)) -> Response:
    c = container(request)
    with c.uow(write=True) as uow:
        campaign = service.register(uow, c.ids, c.clock, actor, body)
    return json_response({"campaignId": campaign.campaign_id, "mnoMetadata": campaign.mno_metadata})


def _filter(referenceId: str | None = None, brandId: str | None = None, status: str | None = None,
            usecase: str | None = None, vertical: str | None = None, resellerId: str | None = None,
            autoRenewal: bool | None = None, upstreamCnpId: str | None = None,
            tag: Annotated[list[str] | None, Query()] = None) -> CampaignFilter:
    check_enum_filters(status=(status, CAMPAIGN_STATUSES))
    return CampaignFilter(reference_id=referenceId, brand_id=brandId, status=status, usecase=usecase,
                          vertical=vertical, reseller_id=resellerId, auto_renewal=autoRenewal,
                          upstream_cnp_id=upstreamCnpId, tags=tuple(tag or ()))


@router.get("/campaign/search")
@read_handler
def search_campaigns(request: Request, where: CampaignFilter = Depends(_filter), page: PageNumber = 1,
                     recordsPerPage: RecordsPerPage = 10, actor: Actor = Depends(basic_actor)) -> Response:
    with container(request).uow() as uow:
        found = service.search(uow, actor, where, page, recordsPerPage)
    return json_response(translate.record_set(page, found, translate.campaign))


@router.get("/campaign/mock")
@read_handler
def search_mock_campaigns(request: Request, where: CampaignFilter = Depends(_filter), page: PageNumber = 1,
                          recordsPerPage: RecordsPerPage = 10,
                          actor: Actor = Depends(basic_actor)) -> Response:
    with container(request).uow() as uow:
        found = service.search(uow, actor, _with_mock(where, True), page, recordsPerPage)
    return json_response(translate.record_set(page, found, translate.campaign))


@router.get("/campaign", deprecated=True)
@read_handler
def legacy_search(request: Request, where: CampaignFilter = Depends(_filter), mock: bool | None = None,
                  page: PageNumber = 1, recordsPerPage: RecordsPerPage = 10,
                  actor: Actor = Depends(basic_actor)) -> Response:
    with container(request).uow() as uow:
        found = service.search(uow, actor, _with_mock(where, mock), page, recordsPerPage, legacy=True)
    return json_response(translate.record_set(page, found, translate.campaign))


def _with_mock(where: CampaignFilter, mock: bool | None) -> CampaignFilter:
    return replace(where, mock=mock)


@router.get("/campaign/{campaignId}")
@read_handler
def get_campaign(campaignId: str, request: Request, actor: Actor = Depends(basic_actor)) -> Response:
    with container(request).uow() as uow:
        campaign = service.get(uow, actor, campaignId)
    return json_response(translate.campaign(campaign))


@router.put("/campaign/{campaignId}")
@write_handler
def update_campaign(campaignId: str, request: Request, body: Any = Depends(json_body),
                    actor: Actor = Depends(basic_actor)) -> Response:
    c = container(request)
    with c.uow(write=True) as uow:
        campaign = service.update(uow, c.clock, actor, campaignId, body)
    return json_response(translate.campaign(campaign))


@router.delete("/campaign/{campaignId}", status_code=204)
@write_handler
def deactivate_campaign(campaignId: str, request: Request, actor: Actor = Depends(basic_actor)) -> Response:
    c = container(request)
    with c.uow(write=True) as uow:
        service.deactivate(uow, c.clock, actor, campaignId)
    return Response(status_code=204)
