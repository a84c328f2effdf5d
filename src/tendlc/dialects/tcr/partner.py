"""``/v2/partnerCampaign…``: the upstream side of the connectivity chain — the campaigns shared with
me and by me, the role-based view of one, forwarding (= accepting) and declining."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request

from tendlc.api.auth import basic_actor
from tendlc.api.deps import container, read_handler
from tendlc.core.actor import Actor
from tendlc.core.catalog.registry import CAMPAIGN_STATUSES
from tendlc.core.sharing import service, views
from tendlc.core.sharing.ports import SharedFilter, SharedRole
from tendlc.dialects.tcr import translate
from tendlc.dialects.tcr import translate_sharing as out
from tendlc.dialects.tcr.errors import TcrRoute
from tendlc.dialects.tcr.params import PageNumber, RecordsPerPage, check_enum_filters

router = APIRouter(prefix="/v2", route_class=TcrRoute, tags=["TCR partner campaigns"])

Statuses = Annotated[list[str] | None, Query()]


def _filter(counterpart: str | None, brand_id: str | None, status: str | None, sharing_status: list[str] | None,
            start: str | None, end: str | None, cnp_migration: bool, start_name: str, end_name: str) -> SharedFilter:
    check_enum_filters(status=(status, CAMPAIGN_STATUSES))
    return SharedFilter(counterpart=counterpart, brand_id=brand_id, status=status,
                        sharing_statuses=views.check_sharing_statuses(sharing_status or []),
                        start_date=views.parse_day(start, start_name), end_date=views.parse_day(end, end_name),
                        cnp_migration=cnp_migration)


def _list(request: Request, actor: Actor, role: SharedRole, where: SharedFilter, page: int, per_page: int,
          legacy: bool) -> dict[str, Any]:
    c = container(request)
    with c.uow() as uow:
        found = views.search_shared(uow, c.clock, actor, role, where, page, per_page, legacy=legacy)
    return translate.record_set(page, found, out.shared_campaign)


@router.get("/partnerCampaign/sharedWithMe/search")
@read_handler
def shared_with_me(request: Request, downstreamCnpId: str | None = None, brandId: str | None = None,
                   status: str | None = None, sharingStatus: Statuses = None, sharingStartDate: str | None = None,
                   sharingEndDate: str | None = None, cnpMigration: bool = False, page: PageNumber = 1,
                   recordsPerPage: RecordsPerPage = 10, actor: Actor = Depends(basic_actor)) -> dict[str, Any]:
    where = _filter(downstreamCnpId, brandId, status, sharingStatus, sharingStartDate, sharingEndDate, cnpMigration,
                    "sharingStartDate", "sharingEndDate")
    return _list(request, actor, SharedRole.WITH_ME, where, page, recordsPerPage, False)


@router.get("/partnerCampaign/sharedByMe/search")
@read_handler
def shared_by_me(request: Request, upstreamCnpId: str | None = None, brandId: str | None = None,
                 status: str | None = None, sharingStatus: Statuses = None, startDate: str | None = None,
                 endDate: str | None = None, cnpMigration: bool = False, page: PageNumber = 1,
                 recordsPerPage: RecordsPerPage = 10, actor: Actor = Depends(basic_actor)) -> dict[str, Any]:
    where = _filter(upstreamCnpId, brandId, status, sharingStatus, startDate, endDate, cnpMigration,
                    "startDate", "endDate")
    return _list(request, actor, SharedRole.BY_ME, where, page, recordsPerPage, False)


@router.get("/partnerCampaign/sharedWithMe", deprecated=True)
@read_handler
def legacy_shared_with_me(request: Request, downstreamCnpId: str | None = None, brandId: str | None = None,
                          status: str | None = None, sharingStatus: Statuses = None, startDate: str | None = None,
                          endDate: str | None = None, cnpMigration: bool = False, page: PageNumber = 1,
                          recordsPerPage: RecordsPerPage = 10, actor: Actor = Depends(basic_actor)) -> dict[str, Any]:
    where = _filter(downstreamCnpId, brandId, status, sharingStatus, startDate, endDate, cnpMigration,
                    "startDate", "endDate")
    return _list(request, actor, SharedRole.WITH_ME, where, page, recordsPerPage, True)


@router.get("/partnerCampaign/sharedByMe", deprecated=True)
@read_handler
def legacy_shared_by_me(request: Request, upstreamCnpId: str | None = None, brandId: str | None = None,
                        status: str | None = None, sharingStatus: Statuses = None, startDate: str | None = None,
                        endDate: str | None = None, cnpMigration: bool = False, page: PageNumber = 1,
                        recordsPerPage: RecordsPerPage = 10, actor: Actor = Depends(basic_actor)) -> dict[str, Any]:
    where = _filter(upstreamCnpId, brandId, status, sharingStatus, startDate, endDate, cnpMigration,
                    "startDate", "endDate")
    return _list(request, actor, SharedRole.BY_ME, where, page, recordsPerPage, True)


@router.get("/partnerCampaign/{campaignId}")
@read_handler
def partner_campaign(campaignId: str, request: Request, cnpMigration: bool | None = None,
                     actor: Actor = Depends(basic_actor)) -> dict[str, Any]:
    """The campaign in the view the caller's role allows (reduced for a CSP, full with the chain for a DCA)."""
    c = container(request)
    with c.uow() as uow:
        view = views.partner_campaign(uow, c.clock, actor, campaignId, cnpMigration)
    return out.partner_campaign(view)


@router.get("/partnerCampaign/{campaignId}/sharing")
@read_handler
def partner_sharing(campaignId: str, request: Request, cnpMigration: bool = False,
                    actor: Actor = Depends(basic_actor)) -> dict[str, Any]:
    c = container(request)
    with c.uow() as uow:
        with_me, by_me = views.sharing_status(uow, c.clock, actor, campaignId, cnpMigration)
    return out.sharing_chain(with_me, by_me)


@router.put("/partnerCampaign/{campaignId}/sharing/{upstreamCnpId}")
def forward_campaign(campaignId: str, upstreamCnpId: str, request: Request, cnpMigration: bool | None = None,
                     actor: Actor = Depends(basic_actor)) -> dict[str, Any]:
    """Share the campaign further up, which accepts the request the caller received. ``cnpMigration``
    (tendlc) picks the chain when the caller is in both the live and a provisional one."""
    c = container(request)
    with c.uow(write=True) as uow:
        link = service.forward(uow, c.ids, c.clock, actor, campaignId, upstreamCnpId, cnp_migration=cnpMigration)
    return out.sharing_status(link)


@router.delete("/partnerCampaign/{campaignId}/sharing")
def decline_campaign(campaignId: str, request: Request, explanation: str | None = None,
                     rejectionCategory: Statuses = None, cnpMigration: bool | None = None,
                     actor: Actor = Depends(basic_actor)) -> dict[str, Any]:
    """Decline the sharing request the caller received: a DECLINED ``CampaignSharingStatus``."""
    c = container(request)
    with c.uow(write=True) as uow:
        link = service.decline(uow, c.clock, actor, campaignId, explanation, rejectionCategory or [],
                               cnp_migration=cnpMigration)
    return out.sharing_status(link)
