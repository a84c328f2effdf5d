"""Campaigns shared with / by the caller: ``/v2/10dlc/partner_campaigns…`` and ``/v2/10dlc/partnerCampaign/…``.
A partner sees the reduced view of a campaign (what TCR shows a CSP-type upstream)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request, Response

from tendlc.api.auth import bearer_actor
from tendlc.api.deps import container, json_body, read_handler
from tendlc.api.responses import json_response
from tendlc.core.actor import Actor
from tendlc.core.sharing import views
from tendlc.core.sharing.ports import SharedFilter, SharedRecord, SharedRole
from tendlc.dialects.telnyx import hooks, translate
from tendlc.dialects.telnyx.common import Page, PerPage, brand_name, campaign_status, webhook_url_check
from tendlc.dialects.telnyx.errors import TelnyxRoute

router = APIRouter(prefix="/v2/10dlc", route_class=TelnyxRoute, tags=["Telnyx partner campaigns"])


def _downstream(uow: Any, actor: Actor, view_fields: dict[str, Any], campaign: Any) -> dict[str, Any]:
    word, _ = campaign_status(uow, campaign, actor.cnp_id)
    return translate.downstream_campaign(view_fields, word, brand_name(uow, campaign.brand_id),
                                         hooks.urls(uow, actor.cnp_id, campaign.campaign_id))


@router.get("/partner_campaigns")
@read_handler
def list_partner_campaigns(request: Request, actor: Actor = Depends(bearer_actor), page: Page = 1,
                           recordsPerPage: PerPage = 10, sort: str | None = None) -> Response:
    """Campaigns shared with the caller (pending, accepted or declined), newest share first."""
    c = container(request)
    with c.uow() as uow:
        found = views.search_shared(uow, c.clock, actor, SharedRole.WITH_ME, SharedFilter(), page, recordsPerPage)

        def render(record: SharedRecord) -> dict[str, Any]:
            return _downstream(uow, actor, views.reduced_campaign(record.campaign), record.campaign)

        return json_response(translate.page_of(page, found, render))


@router.get("/partner_campaigns/{campaignId}")
@read_handler
def get_partner_campaign(campaignId: str, request: Request, actor: Actor = Depends(bearer_actor)) -> Response:
    c = container(request)
    with c.uow() as uow:
        view = views.partner_campaign(uow, c.clock, actor, campaignId)
        return json_response(_downstream(uow, actor, view.fields, view.campaign))


@router.patch("/partner_campaigns/{campaignId}")
def update_partner_campaign(campaignId: str, request: Request, body: Any = Depends(json_body),
                            actor: Actor = Depends(bearer_actor)) -> Response:
    """Set the caller's ``webhookURL`` / ``webhookFailoverURL`` for a campaign shared with it."""
    c = container(request)
    hooks.check(body, webhook_url_check(c))
    with c.uow(write=True) as uow:
        view = views.partner_campaign(uow, c.clock, actor, campaignId)
        hooks.save(uow, c.ids, c.clock, actor, view.campaign.campaign_id, body)
        return json_response(_downstream(uow, actor, view.fields, view.campaign))


@router.get("/partnerCampaign/sharedByMe")
@read_handler
def shared_by_me(request: Request, actor: Actor = Depends(bearer_actor), page: Page = 1,
                 recordsPerPage: PerPage = 10) -> Response:
    """Campaigns the caller shared further and the upstream accepted."""
    c = container(request)
    where = SharedFilter(sharing_statuses=("ACCEPTED",))
    with c.uow() as uow:
        found = views.search_shared(uow, c.clock, actor, SharedRole.BY_ME, where, page, recordsPerPage)
    return json_response(translate.page_of(page, found, lambda r: translate.shared_by_me(r.campaign)))


@router.get("/partnerCampaign/{campaignId}/sharing")
@read_handler
def partner_sharing(campaignId: str, request: Request, actor: Actor = Depends(bearer_actor)) -> Response:
    c = container(request)
    with c.uow() as uow:
        with_me, by_me = views.sharing_status(uow, c.clock, actor, campaignId)
    return json_response(translate.sharing_pair(with_me, by_me))
