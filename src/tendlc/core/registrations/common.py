"""What the registration use cases share: loading, recording, events, the provider's acting identity."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from tendlc.core.accounts.model import Account
from tendlc.core.accounts.project_service import visible_project
from tendlc.core.actor import Actor
from tendlc.core.campaigns.model import CampaignRequest
from tendlc.core.campaigns.rules import check_campaign
from tendlc.core.errors import InvalidInput, NotFound
from tendlc.core.events import Event, EventType
from tendlc.core.model import merge_problems, parse_partial
from tendlc.core.ports import UnitOfWork
from tendlc.core.registrations.model import Registration

MAX_BY = 20  # createdBy / modifiedBy


def by(actor: Actor) -> str:
    return actor.label[:MAX_BY]


def provider(uow: UnitOfWork, cnp_id: str) -> Account:
    account = uow.accounts.get(cnp_id)
    if account is None:
        raise NotFound(f"account {cnp_id} not found", ["cnpId"])
    return account


def provider_actor(account: Account, project_id: str, via: str) -> Actor:
    """The provider acting in the registry for one of its projects (campaigns it registers belong to it)."""
    kind = "DCA" if account.kind.value == "DCA" else "CSP"
    return Actor(cnp_id=account.cnp_id, kind=kind, name=account.name, via=via, project_id=project_id)


def load(uow: UnitOfWork, actor: Actor, project_id: str | None, registration_id: str) -> Registration:
    """The caller's registration (of ``project_id`` when given: the project must be the caller's)."""
    if project_id is not None:
        visible_project(uow, actor, project_id)
    found = uow.registrations.get(registration_id) if "\x00" not in registration_id else None
    if (found is None or found.cnp_id != actor.cnp_id or (project_id is not None and found.project_id != project_id)
            or (actor.project_id is not None and found.project_id != actor.project_id)):
        raise NotFound(f"campaign registration {registration_id} not found", ["campaignRegistrationId"])
    return found


def checked_request(data: dict[str, Any]) -> CampaignRequest:
    """The campaign of a submission, held to the registry's own field rules (TCR's limits)."""
    request, bad = parse_partial(CampaignRequest, data)
    problems = merge_problems(bad, check_campaign(request))
    if problems:
        raise InvalidInput.of(problems)
    return request


def record(uow: UnitOfWork, r: Registration, action: str, actor: str, at: datetime) -> None:
    uow.record_history("registration", r.registration_id, r.version, action, actor, at, r.model_dump(mode="json"))


def emit(uow: UnitOfWork, kind: EventType, r: Registration, at: datetime, description: str,
         **extra: Any) -> None:
    """Tell the provider (and so its project's keys) about the registration."""
    payload: dict[str, Any] = {"cspId": r.cnp_id, "projectId": r.project_id, "campaignRegistrationId":
                               r.registration_id, "brandId": r.brand_id, "campaignId": r.campaign_id,
                               "status": r.status.value, "description": description, "mock": r.mock, **extra}
    uow.emit(Event(kind, (r.cnp_id,), at, payload))
