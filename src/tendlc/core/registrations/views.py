"""What a customer reads: a registration with its derived status, its feedback, lists, qualification."""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from tendlc.core.accounts.project_service import visible_project
from tendlc.core.actor import Actor
from tendlc.core.campaigns.model import Campaign
from tendlc.core.carriers import service as carriers
from tendlc.core.carriers.qualify import Standing, edition_on, mno_metadata
from tendlc.core.carriers.reviews import status_map
from tendlc.core.clock import Clock
from tendlc.core.errors import FieldProblem, InvalidInput, NotFound
from tendlc.core.model import PageRequest
from tendlc.core.numbers.model import AssignmentStatus, NumberFilter
from tendlc.core.ports import UnitOfWork
from tendlc.core.registrations.common import load
from tendlc.core.registrations.model import Problem, Registration, RegistrationStatus
from tendlc.core.registrations.ports import RegistrationFilter
from tendlc.core.registrations.status import Progress, derived_status
from tendlc.core.sharing.model import SharingStatus

MAX_PAGE_SIZE = 100
DEFAULT_PAGE_SIZE = 20
ORDERS = {"createDate": "created_at", "modifiedDate": "updated_at", "campaignName": "name", "status": "status"}


@dataclass(frozen=True)
class RegistrationView:
    registration: Registration
    status: RegistrationStatus
    campaign: Campaign | None
    mno_metadata: dict[str, dict[str, Any]]
    monthly_fee: float
    setup_fee: float
    progress: Progress


def progress_of(uow: UnitOfWork, r: Registration) -> Progress:
    if r.campaign_id is None:
        return Progress()
    campaign = uow.campaigns.get(r.campaign_id)
    reviews = uow.reviews.for_campaign(r.campaign_id)
    assigned = uow.numbers.search(r.cnp_id, NumberFilter(campaign_id=r.campaign_id,
                                                         status=AssignmentStatus.ASSIGNED.value), PageRequest(1, 1))
    return Progress(campaign=campaign, links=tuple(uow.sharing.chain_links(r.campaign_id, False)),
                    mno_statuses=status_map(reviews),
                    mno_reasons={str(v.mno_id): v.reason for v in reviews if v.reason and v.status.value == "REJECTED"},
                    numbers_assigned=assigned.total)


def view(uow: UnitOfWork, clock: Clock, r: Registration) -> RegistrationView:
    progress = progress_of(uow, r)
    edition = edition_on(clock.now().date())
    fee = edition.fees.for_usecase(r.usecase)
    if progress.campaign is not None:
        metadata, monthly = progress.campaign.mno_metadata, progress.campaign.monthly_fee
    else:
        brand = uow.brands.get(r.brand_id)
        standing = Standing.of(brand) if brand is not None else Standing()
        metadata, monthly = mno_metadata(edition, standing, r.usecase, r.request.get("mno_ids")), fee.monthly
    return RegistrationView(r, derived_status(r, progress), progress.campaign, metadata, monthly,
                            round(monthly * edition.fees.upfront_months, 2), progress)


def get(uow: UnitOfWork, clock: Clock, actor: Actor, project_id: str | None, registration_id: str) -> RegistrationView:
    return view(uow, clock, load(uow, actor, project_id, registration_id))


def by_campaign(uow: UnitOfWork, clock: Clock, actor: Actor, project_id: str, campaign_id: str) -> RegistrationView:
    """The project's registration of the registry campaign ``campaign_id``."""
    visible_project(uow, actor, project_id)
    found = uow.registrations.by_campaign(actor.cnp_id, campaign_id) if "\x00" not in campaign_id else None
    if found is None or found.project_id != project_id:
        raise NotFound(f"no campaign registration for campaign {campaign_id}", ["campaignId"])
    return view(uow, clock, found)


def feedback(v: RegistrationView) -> tuple[list[Problem], list[Problem]]:
    """(registry errors, internal errors): the DCA's decline and the carriers' rejections; the provider
    review's reasons and findings of the latest decided round, and why a submission failed."""
    registry: list[Problem] = []
    top = v.progress.links[-1] if v.progress.links else None
    if top is not None and top.sharing_status is SharingStatus.DECLINED:
        registry.append(Problem(code="DCA_DECLINED", description=top.explanation or "declined by the DCA",
                                fields=list(top.rejection_categories), source="dca"))
    for mno_id, reason in sorted((v.progress.mno_reasons or {}).items()):
        registry.append(Problem(code=f"MNO_{mno_id}_REJECTED", description=reason, source="carrier"))
    decided = [r for r in v.registration.rounds if r.decision is not None]
    internal = list(decided[-1].problems) if decided else []
    return registry, internal + list(v.registration.internal_errors)


@dataclass(frozen=True)
class Listing:
    items: list[RegistrationView]
    total: int
    next_token: str


def _token(offset: int) -> str:
    return base64.urlsafe_b64encode(json.dumps({"o": offset}).encode()).decode().rstrip("=")


def _offset(token: str) -> int:
    try:
        data = json.loads(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)))
        offset = data["o"]
    except (binascii.Error, ValueError, TypeError, KeyError, UnicodeDecodeError):
        offset = None
    if not isinstance(offset, int) or isinstance(offset, bool) or offset < 0:
        raise InvalidInput.of([FieldProblem("pageToken", "is not a token this list returned")])
    return offset


def _sort_key(name: str) -> Any:
    def key(v: RegistrationView) -> tuple[Any, str]:
        value: Any = v.status.value if name == "status" else getattr(v.registration, name)
        return (value if not isinstance(value, datetime) else value.timestamp(), v.registration.registration_id)

    return key


def listing(uow: UnitOfWork, clock: Clock, actor: Actor, project_id: str, statuses: list[RegistrationStatus],
            where: RegistrationFilter, page_size: int | None, page_token: str | None,
            order_by: str | None) -> Listing:
    """The project's registrations: filtered (``statuses`` on the status the customer reads), ordered
    (``orderBy``: createDate, modifiedDate, campaignName or status, optionally `` desc``; createDate by
    default), paged by ``pageSize`` (1-100, 20 by default) and opaque ``pageToken``s."""
    visible_project(uow, actor, project_id)
    if page_size is not None and page_size < 0:
        raise InvalidInput.of([FieldProblem("pageSize", "must not be negative")])
    size = min(page_size or DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE)
    field, _, direction = (order_by or "createDate").strip().partition(" ")
    if field not in ORDERS or direction.strip().lower() not in ("", "asc", "desc"):
        raise InvalidInput.of([FieldProblem("orderBy", f"must be one of {', '.join(ORDERS)}, optionally with "
                                                       "' desc'")])
    offset = _offset(page_token) if page_token else 0
    found = [view(uow, clock, r) for r in uow.registrations.search(actor.cnp_id, RegistrationFilter(
        project_id=project_id, usecase=where.usecase, brand_id=where.brand_id, mock=where.mock))]
    if statuses:
        found = [v for v in found if v.status in statuses]
    found.sort(key=_sort_key(ORDERS[field]), reverse=direction.strip().lower() == "desc")
    page = found[offset:offset + size]
    more = offset + size < len(found)
    return Listing(page, len(found), _token(offset + size) if more else "")


def qualify(uow: UnitOfWork, clock: Clock, actor: Actor, project_id: str, brand_id: str,
            usecase: str) -> dict[str, Any]:
    """The terms a brand of the provider gets for a use case (TCR ``UsecaseMetadata``), for a project."""
    visible_project(uow, actor, project_id)
    meta = carriers.qualify(uow, clock, actor, brand_id, usecase)
    upfront = edition_on(clock.now().date()).fees.upfront_months
    return {**meta, "setupFee": round(meta["monthlyFee"] * upfront, 2)}
