"""Registration use cases of a provider's customers: submit, correct and resubmit, delete; and the
provider's settings (its DCA, how it reviews, under which compliance profile)."""

from __future__ import annotations

from typing import Any

from tendlc.core.accounts.project_service import require_account_key, visible_project
from tendlc.core.actor import Actor
from tendlc.core.campaigns import service as campaigns
from tendlc.core.carriers import service as carriers
from tendlc.core.clock import Clock
from tendlc.core.compliance import profile_named
from tendlc.core.compliance.stored import submission_report
from tendlc.core.errors import DomainError, FieldProblem, InvalidInput, NotFound
from tendlc.core.events import EventType
from tendlc.core.ids import IdGenerator, is_dca_code
from tendlc.core.ports import UnitOfWork
from tendlc.core.registrations.common import by, checked_request, emit, load, provider, provider_actor, record
from tendlc.core.registrations.lifecycle import Action, next_status
from tendlc.core.registrations.model import (
    LastAction,
    Problem,
    Registration,
    RegistrationStatus,
    ReviewPolicy,
    ReviewRound,
)

MAX_NAME = 128
RESUBMITTABLE = (RegistrationStatus.PROVIDER_REJECTED, RegistrationStatus.SUBMISSION_FAILED)


def _round(uow: UnitOfWork, cnp_id: str, request: dict[str, Any], at: Any) -> ReviewRound:
    account = provider(uow, cnp_id)
    brand = uow.brands.get(str(request.get("brand_id")))
    report = submission_report(request, brand, account.provider_profile, at)
    return ReviewRound(submitted_at=at, request=request, compliance=report)


def _brand_of(uow: UnitOfWork, actor: Actor, brand_id: str) -> Any:
    brand = uow.brands.get(brand_id)
    if brand is None or brand.csp_id != actor.cnp_id or brand.status != "ACTIVE":
        raise NotFound(f"brand {brand_id} not found", ["brandId"])
    return brand


def submit(uow: UnitOfWork, ids: IdGenerator, clock: Clock, actor: Actor, project_id: str, name: str,
           data: dict[str, Any], *, supersedes: str | None = None) -> Registration:
    """A project submits a campaign (core names of ``CampaignRequest``) for its provider's review. The
    registry's field rules refuse what the registry would; the compliance report (under the provider's
    profile) is kept for the review. ``supersedes``: the rejected registration this one corrects."""
    visible_project(uow, actor, project_id)
    if not name.strip() or len(name) > MAX_NAME:
        raise InvalidInput.of([FieldProblem("campaignName", f"must be 1-{MAX_NAME} characters")])
    request = checked_request(data)
    assert request.brand_id is not None and request.usecase is not None
    brand = _brand_of(uow, actor, request.brand_id)
    previous = load(uow, actor, project_id, supersedes) if supersedes is not None else None
    if previous is not None and (previous.status not in RESUBMITTABLE or previous.superseded_by is not None):
        raise InvalidInput.of([FieldProblem("supersedes", "only a rejected or failed registration, not yet "
                                                          "corrected, can be corrected")])
    now = clock.now()
    stored = request.model_dump(exclude_none=True)
    registration = Registration(
        registration_id=ids.ulid(), cnp_id=actor.cnp_id, project_id=project_id, name=name, brand_id=brand.brand_id,
        usecase=request.usecase, request=stored, mock=brand.mock, rounds=[_round(uow, actor.cnp_id, stored, now)],
        supersedes=supersedes, created_by=by(actor), modified_by=by(actor), created_at=now, updated_at=now)
    uow.registrations.add(registration)
    record(uow, registration, "submit", actor.label, now)
    emit(uow, EventType.CAMPAIGN_REGISTRATION_SUBMITTED, registration, now,
         f"Campaign registration {registration.registration_id} is submitted for review"
         + (f" (it corrects {supersedes})" if supersedes else ""))
    if previous is not None:
        closed = uow.registrations.save(previous.model_copy(update={
            "superseded_by": registration.registration_id, "updated_at": now, "modified_by": by(actor)}))
        record(uow, closed, "superseded", actor.label, now)
    return registration


def correct(uow: UnitOfWork, ids: IdGenerator, clock: Clock, actor: Actor, project_id: str | None,
            registration_id: str, changes: dict[str, Any], name: str | None = None) -> Registration:
    """A new submission that corrects a rejected one: its campaign with ``changes`` over it."""
    previous = load(uow, actor, project_id, registration_id)
    return submit(uow, ids, clock, actor, previous.project_id, name or previous.name,
                  {**previous.request, **changes}, supersedes=previous.registration_id)


def resubmit(uow: UnitOfWork, clock: Clock, actor: Actor, project_id: str | None, registration_id: str,
             changes: dict[str, Any], mno_ids: list[int]) -> Registration:
    """A rejected (or failed) registration, with ``changes`` to its campaign, goes back to the provider's review
    (its earlier rounds stay in its history). A registered one is resubmitted to the carriers of ``mno_ids``
    (all when empty): their terms are evaluated again; ``lastActionStatus`` says how that went."""
    r = load(uow, actor, project_id, registration_id)
    now = clock.now()
    if r.status in RESUBMITTABLE:
        if r.superseded_by is not None:
            raise InvalidInput.of([FieldProblem("campaignRegistrationId", f"corrected by {r.superseded_by}; "
                                                                          "resubmit that one")])
        merged = {**r.request, **changes}
        checked_request(merged)
        if merged.get("brand_id") != r.brand_id or merged.get("usecase") != r.usecase:
            raise InvalidInput.of([FieldProblem("brandId", "the brand and use case of a registration cannot "
                                                           "change; submit a new registration")])
        status = next_status(r.status, Action.RESUBMIT, registration_id)
        saved = uow.registrations.save(r.model_copy(update={
            "status": status, "request": merged, "rounds": [*r.rounds, _round(uow, r.cnp_id, merged, now)],
            "last_action_status": LastAction.RESUBMIT_IN_PROGRESS, "internal_errors": [],
            "updated_at": now, "modified_by": by(actor)}))
        record(uow, saved, "resubmit", actor.label, now)
        emit(uow, EventType.CAMPAIGN_REGISTRATION_SUBMITTED, saved, now,
             f"Campaign registration {registration_id} is resubmitted for review")
        return saved
    if r.status is not RegistrationStatus.SUBMITTED or r.campaign_id is None:
        raise InvalidInput.of([FieldProblem("campaignRegistrationId", f"a {r.status.value} registration cannot be "
                                                                      "resubmitted")])
    if changes:
        raise InvalidInput.of([FieldProblem(next(iter(changes)), "a registered campaign's content cannot change "
                                                                 "here; submit a corrected registration")])
    account = provider(uow, r.cnp_id)
    registry_actor = provider_actor(account, r.project_id, "registrations")
    wanted = mno_ids or [int(m) for m in (uow.campaigns.get(r.campaign_id) or _gone(r)).mno_metadata]
    try:
        carriers.resubmit(uow, clock, registry_actor, r.campaign_id, {"mnoIds": wanted})
        outcome, problems = LastAction.RESUBMIT_SUCCESSFUL, []
    except DomainError as exc:
        outcome = LastAction.RESUBMIT_FAILED
        problems = [Problem(code=exc.code, description=exc.message, fields=exc.fields, source="registry")]
    saved = uow.registrations.save(r.model_copy(update={
        "last_action_status": outcome, "internal_errors": problems, "updated_at": now, "modified_by": by(actor)}))
    record(uow, saved, "resubmit", actor.label, now)
    emit(uow, EventType.CAMPAIGN_REGISTRATION_UPDATE, saved, now,
         f"Campaign registration {registration_id}: resubmission to carriers {outcome.value.split('_')[1].lower()}")
    return saved


def _gone(r: Registration) -> Any:
    raise NotFound(f"campaign {r.campaign_id} not found", ["campaignId"])


def delete(uow: UnitOfWork, clock: Clock, actor: Actor, project_id: str | None, registration_id: str) -> Registration:
    """Deactivate the campaign in the registry (EXPIRED, irreversible), or withdraw a registration that never
    got there. Deleting an expired one changes nothing."""
    r = load(uow, actor, project_id, registration_id)
    if r.status is RegistrationStatus.EXPIRED:
        return r
    now = clock.now()
    status = next_status(r.status, Action.DELETE, registration_id)
    last = r.last_action_status
    if r.campaign_id is not None:
        account = provider(uow, r.cnp_id)
        campaigns.deactivate(uow, clock, provider_actor(account, r.project_id, "registrations"), r.campaign_id)
        last = LastAction.DELETE_SUCCESSFUL
    saved = uow.registrations.save(r.model_copy(update={"status": status, "last_action_status": last,
                                                        "updated_at": now, "modified_by": by(actor)}))
    record(uow, saved, "delete", actor.label, now)
    emit(uow, EventType.CAMPAIGN_REGISTRATION_UPDATE, saved, now,
         f"Campaign registration {registration_id} is deleted")
    return saved


def settings(uow: UnitOfWork, actor: Actor) -> dict[str, Any]:
    account = provider(uow, actor.cnp_id)
    return {"upstreamDcaId": account.upstream_dca_id, "review": account.provider_review,
            "profile": account.provider_profile}


def change_settings(uow: UnitOfWork, actor: Actor, body: Any) -> dict[str, Any]:
    """``{"upstreamDcaId"?: "DCA…" | null, "review"?: "auto" | "manual", "profile"?: "tcr" | "sinch" | …}``
    (the account's own keys only)."""
    require_account_key(actor)
    if not isinstance(body, dict):
        raise InvalidInput.of([FieldProblem("body", "must be a JSON object")])
    unknown = sorted(set(body) - {"upstreamDcaId", "review", "profile"})
    if unknown:
        raise InvalidInput.of([FieldProblem(k, "is not a provider setting") for k in unknown])
    account = provider(uow, actor.cnp_id)
    changes: dict[str, Any] = {}
    if "upstreamDcaId" in body:
        dca_id = body["upstreamDcaId"]
        if dca_id is not None:
            upstream = uow.accounts.get(dca_id) if isinstance(dca_id, str) and is_dca_code(dca_id) else None
            if upstream is None or upstream.kind.value != "DCA":
                raise InvalidInput.of([FieldProblem("upstreamDcaId", "must be the id of a DCA account, or null")])
        changes["upstream_dca_id"] = dca_id
    if "review" in body:
        if body["review"] not in tuple(ReviewPolicy):
            raise InvalidInput.of([FieldProblem("review", "must be auto or manual")])
        changes["provider_review"] = body["review"]
    if "profile" in body:
        if not isinstance(body["profile"], str):
            raise InvalidInput.of([FieldProblem("profile", "must be a profile name")])
        changes["provider_profile"] = profile_named(body["profile"]).name
    if changes:
        uow.accounts.save(account.model_copy(update=changes))
    return settings(uow, actor)
