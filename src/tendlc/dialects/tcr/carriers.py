"""Carrier status routes: ``/v2/campaign/{id}/operationStatus``, ``…/excludedMno``,
``…/mnoIdsWithDcaElected``, ``DELETE …/operationStatus/{mnoId}``, and the partner side
``/v2/partnerCampaign/{id}/operationStatus|mnoMetadata``."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request, Response

from tendlc.api.auth import basic_actor
from tendlc.api.deps import container, json_body, read_handler
from tendlc.api.responses import json_response
from tendlc.core.actor import Actor
from tendlc.core.carriers import reviews
from tendlc.core.errors import FieldProblem, InvalidInput
from tendlc.dialects.tcr.errors import TcrRoute

router = APIRouter(prefix="/v2", route_class=TcrRoute, tags=["TCR carriers"])


def _mno_id(raw: str) -> int:
    if not raw.isdigit() or len(raw) > 9:
        raise InvalidInput.of([FieldProblem("mnoId", f"{raw!r} is not an MNO network id; see /v2/enum/mno")])
    return int(raw)


@router.get("/campaign/{campaignId}/operationStatus")
@read_handler
def operation_status(campaignId: str, request: Request, actor: Actor = Depends(basic_actor)) -> Response:
    with container(request).uow() as uow:
        return json_response(reviews.operation_status(uow, actor, campaignId))


@router.delete("/campaign/{campaignId}/operationStatus/{mnoId}", status_code=204)
def remove_excluded_mno(campaignId: str, mnoId: str, request: Request, body: Any = Depends(json_body),
                        actor: Actor = Depends(basic_actor)) -> Response:
    c = container(request)
    mno_id = _mno_id(mnoId)
    with c.uow(write=True) as uow:
        reviews.remove_excluded_mno(uow, c.clock, actor, campaignId, mno_id, body)
    return Response(status_code=204)


@router.get("/campaign/{campaignId}/excludedMno")
@read_handler
def excluded_mno(campaignId: str, request: Request, actor: Actor = Depends(basic_actor)) -> Response:
    with container(request).uow() as uow:
        return json_response(reviews.excluded_mnos(uow, actor, campaignId))


@router.get("/campaign/{campaignId}/mnoIdsWithDcaElected")
@read_handler
def mno_ids_with_dca_elected(campaignId: str, request: Request, cnpMigration: bool = False,
                             actor: Actor = Depends(basic_actor)) -> Response:
    c = container(request)
    with c.uow() as uow:
        return json_response(reviews.mno_ids_with_dca_elected(uow, c.clock, actor, campaignId, cnpMigration))


@router.get("/partnerCampaign/{campaignId}/operationStatus")
@read_handler
def partner_operation_status(campaignId: str, request: Request, actor: Actor = Depends(basic_actor)) -> Response:
    c = container(request)
    with c.uow() as uow:
        return json_response(reviews.partner_operation_status(uow, c.clock, actor, campaignId))


@router.get("/partnerCampaign/{campaignId}/mnoMetadata")
@read_handler
def partner_mno_metadata(campaignId: str, request: Request, actor: Actor = Depends(basic_actor)) -> Response:
    c = container(request)
    with c.uow() as uow:
        return json_response(reviews.partner_mno_metadata(uow, c.clock, actor, campaignId))
