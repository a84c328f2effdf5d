"""Native ``/api/v1`` routes of the connectivity chain that TCR's CSP API has no words for: a DCA's
acceptance (TCR's DCA API is not public) and the owner's view of the whole chain."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request

from tendlc.api.auth import basic_actor
from tendlc.api.deps import container, json_body, read_handler
from tendlc.api.native_errors import NativeRoute
from tendlc.core.actor import Actor
from tendlc.core.model import iso_millis
from tendlc.core.sharing import service, views
from tendlc.core.sharing.model import SharingLink

router = APIRouter(prefix="/api/v1", route_class=NativeRoute, tags=["native: connectivity chain"])


def link_document(link: SharingLink) -> dict[str, Any]:
    return {
        "campaignId": link.campaign_id,
        "hop": link.hop,
        "downstreamCnpId": link.downstream_cnp_id,
        "upstreamCnpId": link.upstream_cnp_id,
        "sharingStatus": link.sharing_status.value,
        "sharedDate": iso_millis(link.shared_date),
        "statusDate": iso_millis(link.status_date),
        "cnpMigration": link.cnp_migration,
        "excludedMnoIds": list(link.excluded_mno_ids),
    }


def _party(party: views.PartyView) -> dict[str, Any]:
    return {"cnpId": party.cnp_id, "label": party.label, "kind": party.kind.value}


@router.post("/partner/campaigns/{campaignId}/accept")
def accept_campaign(campaignId: str, request: Request, cnpMigration: bool | None = None,
                    body: Any = Depends(json_body), actor: Actor = Depends(basic_actor)) -> dict[str, Any]:
    """A DCA accepts the campaign shared with it (optional ``{"excludedMnoIds": [...]}``): the chain is
    complete, every party below hears CAMPAIGN_SHARE_ACCEPT and every party CAMPAIGN_DCA_COMPLETE."""
    c = container(request)
    excluded = service.parse_accept(body)
    with c.uow(write=True) as uow:
        link = service.accept(uow, c.ids, c.clock, actor, campaignId, excluded, cnp_migration=cnpMigration)
    return {**link_document(link), "chainComplete": True}


@router.get("/campaigns/{campaignId}/chain")
@read_handler
def campaign_chain(campaignId: str, request: Request, cnpMigration: bool = False,
                   actor: Actor = Depends(basic_actor)) -> dict[str, Any]:
    """Every hop's status, dates and decline reason. Parties the caller does not deal with directly are
    named by position ("hop 2 (CNP)"); a DCA in the chain sees every identity."""
    c = container(request)
    with c.uow() as uow:
        view = views.chain_view(uow, c.clock, actor, campaignId, cnpMigration)
    return chain_document(view)


def chain_document(view: views.ChainView) -> dict[str, Any]:
    """The native chain document (also what ``tendlc campaigns chain --json`` prints)."""
    return {
        "campaignId": view.campaign_id,
        "cnpMigration": view.cnp_migration,
        "complete": view.complete,
        "hops": [{
            "hop": hop.hop,
            "downstream": _party(hop.downstream),
            "upstream": _party(hop.upstream),
            "sharingStatus": hop.link.sharing_status.value,
            "explanation": hop.link.explanation,
            "rejectionCategories": list(hop.link.rejection_categories),
            "sharedDate": iso_millis(hop.link.shared_date),
            "statusDate": iso_millis(hop.link.status_date),
        } for hop in view.hops],
    }
