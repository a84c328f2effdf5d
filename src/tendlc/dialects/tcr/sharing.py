"""``/v2/campaign/{campaignId}/sharing|nudge|migrateCnp`` and ``/v2/settings/cnpMigration``: the
campaign's CSP side of the connectivity chain (parse → core → translate)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Query, Request, Response

from tendlc.api.auth import basic_actor
from tendlc.api.deps import container, json_body, read_handler
from tendlc.core.actor import Actor
from tendlc.core.sharing import migration, service, views
from tendlc.dialects.tcr import translate_sharing as out
from tendlc.dialects.tcr.errors import TcrRoute

router = APIRouter(prefix="/v2", route_class=TcrRoute, tags=["TCR campaign sharing"])


@router.put("/campaign/{campaignId}/sharing/{upstreamCnpId}")
def share_campaign(campaignId: str, upstreamCnpId: str, request: Request,
                   actor: Actor = Depends(basic_actor)) -> dict[str, Any]:
    """Share the campaign with an upstream CNP or DCA: a PENDING ``CampaignSharingStatus``."""
    c = container(request)
    with c.uow(write=True) as uow:
        link = service.share(uow, c.ids, c.clock, actor, campaignId, upstreamCnpId)
    return out.sharing_status(link)


@router.get("/campaign/{campaignId}/sharing")
@read_handler
def campaign_sharing(campaignId: str, request: Request, cnpMigration: bool = False,
                     actor: Actor = Depends(basic_actor)) -> dict[str, Any]:
    """``{sharedWithMe, sharedByMe}``: the caller's links of the live (or provisional) chain."""
    c = container(request)
    with c.uow() as uow:
        with_me, by_me = views.sharing_status(uow, c.clock, actor, campaignId, cnpMigration)
    return out.sharing_chain(with_me, by_me)


@router.post("/campaign/{campaignId}/nudge")
def nudge_campaign(campaignId: str, request: Request, body: Any = Depends(json_body),
                   actor: Actor = Depends(basic_actor)) -> dict[str, str]:
    c = container(request)
    with c.uow(write=True) as uow:
        service.nudge(uow, c.clock, actor, campaignId, body)
    return {"message": "Nudge successful"}


@router.post("/campaign/{campaignId}/migrateCnp/{upstreamCnpId}", status_code=204)
def start_migration(campaignId: str, upstreamCnpId: str, request: Request,
                    actor: Actor = Depends(basic_actor)) -> Response:
    c = container(request)
    with c.uow(write=True) as uow:
        migration.start(uow, c.ids, c.clock, actor, campaignId, upstreamCnpId)
    return Response(status_code=204)


@router.get("/campaign/{campaignId}/migrateCnp")
@read_handler
def get_migration(campaignId: str, request: Request, actor: Actor = Depends(basic_actor)) -> dict[str, Any]:
    c = container(request)
    with c.uow() as uow:
        found = migration.get(uow, c.clock, actor, campaignId)
    return out.migration(found)


@router.delete("/campaign/{campaignId}/migrateCnp", status_code=204)
def cancel_migration(campaignId: str, request: Request, explanation: str | None = Query(None),
                     actor: Actor = Depends(basic_actor)) -> Response:
    c = container(request)
    with c.uow(write=True) as uow:
        migration.cancel(uow, c.clock, actor, campaignId, explanation)
    return Response(status_code=204)


@router.get("/settings/cnpMigration")
@read_handler
def get_migration_settings(request: Request, actor: Actor = Depends(basic_actor)) -> dict[str, bool]:
    with container(request).uow() as uow:
        account = migration.settings(uow, actor)
    return out.migration_settings(account)


@router.put("/settings/cnpMigration")
def put_migration_settings(request: Request, body: Any = Depends(json_body),
                           actor: Actor = Depends(basic_actor)) -> dict[str, bool]:
    c = container(request)
    with c.uow(write=True) as uow:
        account = migration.update_settings(uow, c.clock, actor, body)
    return out.migration_settings(account)
