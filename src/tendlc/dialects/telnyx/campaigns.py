"""``/v2/10dlc/campaignBuilder…`` and ``/v2/10dlc/campaign…``: parse → core → translate."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request, Response

from tendlc.api.auth import bearer_actor
from tendlc.api.deps import container, json_body, read_handler
from tendlc.api.responses import json_response
from tendlc.core.actor import Actor
from tendlc.core.campaigns import service
from tendlc.core.campaigns.model import Campaign
from tendlc.core.carriers import reviews
from tendlc.core.carriers import service as carriers
from tendlc.core.carriers.qualify import edition_on
from tendlc.core.catalog.usecases import USECASES
from tendlc.core.errors import FieldProblem, InvalidInput, NotFound, OperationDeclined
from tendlc.core.model import iso_millis
from tendlc.core.ports import CampaignFilter
from tendlc.core.sharing import service as sharing
from tendlc.core.sharing import views
from tendlc.dialects.telnyx import hooks, translate
from tendlc.dialects.telnyx.common import Page, PerPage, brand_name, campaign_status, webhook_url_check
from tendlc.dialects.telnyx.errors import TelnyxRoute

router = APIRouter(prefix="/v2/10dlc", route_class=TelnyxRoute, tags=["Telnyx campaigns"])


def _campaign(uow: Any, actor: Actor, c: Campaign) -> dict[str, Any]:
    word, mno = campaign_status(uow, c, actor.cnp_id)
    return translate.campaign(c, word, mno, brand_name(uow, c.brand_id), hooks.urls(uow, actor.cnp_id, c.campaign_id))


@router.post("/campaignBuilder")
def submit_campaign(request: Request, body: Any = Depends(json_body), actor: Actor = Depends(bearer_actor)) -> Response:
    c = container(request)
    hooks.check(body, webhook_url_check(c))
    with c.uow(write=True) as uow:
        campaign = service.register(uow, c.ids, c.clock, actor, body)
        hooks.save(uow, c.ids, c.clock, actor, campaign.campaign_id, body)
        return json_response(_campaign(uow, actor, campaign))


@router.get("/campaignBuilder/brand/{brandId}/usecase/{usecase}")
@read_handler
def qualify_by_usecase(brandId: str, usecase: str, request: Request, actor: Actor = Depends(bearer_actor)) -> Response:
    c = container(request)
    with c.uow() as uow:
        return json_response(carriers.qualify(uow, c.clock, actor, brandId, usecase))


@router.get("/campaign")
@read_handler
def list_campaigns(request: Request, brandId: str, actor: Actor = Depends(bearer_actor), page: Page = 1,
                   recordsPerPage: PerPage = 10, sort: str | None = None) -> Response:
    """The brand's campaigns, newest first (``sort`` is accepted; tendlc lists in one order)."""
    with container(request).uow() as uow:
        found = service.search(uow, actor, CampaignFilter(brand_id=brandId), page, recordsPerPage)
        return json_response(translate.page_of(page, found, lambda x: _campaign(uow, actor, x)))


@router.get("/campaign/usecase/cost")
@read_handler
def usecase_cost(request: Request, usecase: str, _: Actor = Depends(bearer_actor)) -> Response:
    known = USECASES.get(usecase)
    if known is None:
        raise InvalidInput.of([FieldProblem("usecase", f"{usecase!r} is not a use case; see /10dlc/enum/usecase")])
    fee = edition_on(container(request).clock.now().date()).fees.for_usecase(usecase)
    return json_response(translate.usecase_cost(usecase, known.description, fee.monthly, fee.setup))


@router.post("/campaign/acceptSharing/{campaignId}", status_code=202)
def accept_sharing(campaignId: str, request: Request, actor: Actor = Depends(bearer_actor)) -> Response:
    """A DCA accepts the campaign shared with it. A CSP-type account accepts by forwarding it to the upstream
    DCA configured on the account (``PUT /api/v1/telnyx/upstreamDca``)."""
    c = container(request)
    with c.uow(write=True) as uow:
        if actor.kind == "DCA":
            sharing.accept(uow, c.ids, c.clock, actor, campaignId)
        else:
            account = uow.accounts.get(actor.cnp_id)
            upstream = account.upstream_dca_id if account is not None else None
            if not upstream:
                raise OperationDeclined(f"account {actor.cnp_id} has no upstream DCA to forward campaign {campaignId} "
                                        "to; set one with PUT /api/v1/telnyx/upstreamDca", ["campaignId"])
            sharing.forward(uow, c.ids, c.clock, actor, campaignId, upstream)
    return json_response({}, status_code=202)


@router.get("/campaign/{campaignId}")
@read_handler
def get_campaign(campaignId: str, request: Request, actor: Actor = Depends(bearer_actor)) -> Response:
    with container(request).uow() as uow:
        campaign = service.get(uow, actor, campaignId)
        return json_response(_campaign(uow, actor, campaign))


@router.put("/campaign/{campaignId}")
def update_campaign(campaignId: str, request: Request, body: Any = Depends(json_body),
                    actor: Actor = Depends(bearer_actor)) -> Response:
    c = container(request)
    hooks.check(body, webhook_url_check(c))
    with c.uow(write=True) as uow:
        campaign = service.update(uow, c.clock, actor, campaignId, body)
        hooks.save(uow, c.ids, c.clock, actor, campaign.campaign_id, body)
        return json_response(_campaign(uow, actor, campaign))


@router.delete("/campaign/{campaignId}")
def deactivate_campaign(campaignId: str, request: Request, actor: Actor = Depends(bearer_actor)) -> Response:
    c = container(request)
    with c.uow(write=True) as uow:
        service.deactivate(uow, c.clock, actor, campaignId)
    return json_response({"time": c.clock.now().timestamp(), "message": f"Campaign {campaignId} deactivated",
                          "record_type": "campaign"})


@router.post("/campaign/{campaignId}/appeal")
def appeal_campaign(campaignId: str, request: Request, body: Any = Depends(json_body),
                    actor: Actor = Depends(bearer_actor)) -> Response:
    """``{"appeal_reason"}``: resubmit the campaign to the MNOs that rejected it (they review it again)."""
    c = container(request)
    reason = body.get("appeal_reason") if isinstance(body, dict) else None
    if not isinstance(reason, str) or not reason.strip():
        raise InvalidInput.of([FieldProblem("appeal_reason", "is required")])
    with c.uow(write=True) as uow:
        rejected = [int(m) for m, s in reviews.operation_status(uow, actor, campaignId).items() if s == "REJECTED"]
        if not rejected:
            raise OperationDeclined(f"no MNO rejected campaign {campaignId}; there is nothing to appeal",
                                    ["campaignId"])
        carriers.resubmit(uow, c.clock, actor, campaignId, {"mnoIds": rejected})
    return json_response({"appealed_at": iso_millis(c.clock.now())})


@router.get("/campaign/{campaignId}/mnoMetadata")
@read_handler
def mno_metadata(campaignId: str, request: Request, actor: Actor = Depends(bearer_actor)) -> Response:
    """The campaign's carrier terms, for its CSP or a party it was shared with."""
    c = container(request)
    with c.uow() as uow:
        try:
            return json_response(carriers.campaign_mno_metadata(uow, actor, campaignId))
        except NotFound:
            return json_response(reviews.partner_mno_metadata(uow, c.clock, actor, campaignId))


@router.get("/campaign/{campaignId}/operationStatus")
@read_handler
def operation_status(campaignId: str, request: Request, actor: Actor = Depends(bearer_actor)) -> Response:
    """``{mnoId: REVIEW | REGISTERED | REJECTED | SUSPENDED}``, for its CSP or a party it was shared with."""
    c = container(request)
    with c.uow() as uow:
        try:
            return json_response(reviews.operation_status(uow, actor, campaignId))
        except NotFound:
            return json_response(reviews.partner_operation_status(uow, c.clock, actor, campaignId))


@router.get("/campaign/{campaignId}/osr/attributes")
@read_handler
def osr_attributes(campaignId: str, request: Request, actor: Actor = Depends(bearer_actor)) -> Response:
    """The campaign attributes number routing (OSR) is provisioned with."""
    with container(request).uow() as uow:
        x = service.get(uow, actor, campaignId)
    return json_response({"campaignId": x.campaign_id, "brandId": x.brand_id, "usecase": x.usecase,
                          "numberPool": x.number_pool, "ageGated": x.age_gated, "directLending": x.direct_lending,
                          "embeddedLink": x.embedded_link, "embeddedPhone": x.embedded_phone,
                          "mnoIds": [int(m) for m in sorted(x.mno_metadata)]})


@router.get("/campaign/{campaignId}/sharing")
@read_handler
def sharing_status(campaignId: str, request: Request, actor: Actor = Depends(bearer_actor)) -> Response:
    c = container(request)
    with c.uow() as uow:
        with_me, by_me = views.sharing_status(uow, c.clock, actor, campaignId)
    return json_response(translate.sharing_pair(with_me, by_me))
