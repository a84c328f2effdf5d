"""The provider's review of its customers' registrations, and the registration of approved ones.

``auto``: approve when the compliance report of the round (under the provider's profile) has no errors,
otherwise reject with those findings. ``manual``: a reviewer of the provider decides, with a reason.
An approved registration is then registered in the registry for its project, and shared to the provider's
DCA; a refusal there leaves it SUBMISSION_FAILED with the registry's reason in its feedback.
"""

from __future__ import annotations

from datetime import datetime

from tendlc.core.accounts.project_service import require_account_key
from tendlc.core.actor import Actor
from tendlc.core.campaigns import service as campaigns
from tendlc.core.clock import Clock
from tendlc.core.compliance.stored import blocking
from tendlc.core.errors import DomainError, FieldProblem, InvalidInput
from tendlc.core.events import EventType
from tendlc.core.ids import IdGenerator
from tendlc.core.ports import UnitOfWork
from tendlc.core.registrations.common import by, emit, load, provider, provider_actor, record
from tendlc.core.registrations.lifecycle import Action, next_status
from tendlc.core.registrations.model import Decision, LastAction, Problem, Registration, ReviewPolicy
from tendlc.core.sharing import service as sharing

MAX_REASON = 1024


def compliance_problems(r: Registration) -> list[Problem]:
    current = r.current
    if current is None:
        return []
    return [Problem(code=f["code"], description=f["message"], fields=list(f["fields"]), source="compliance")
            for f in blocking(current.compliance)]


def _decide(uow: UnitOfWork, at: datetime, r: Registration, decision: Decision, reason: str | None, who: str,
            problems: list[Problem]) -> Registration:
    action = Action.APPROVE if decision is Decision.APPROVED else Action.REJECT
    status = next_status(r.status, action, r.registration_id)
    current = r.current
    assert current is not None
    decided = current.model_copy(update={"decision": decision, "reason": reason, "decided_by": who,
                                         "decided_at": at, "problems": problems})
    last = (LastAction.CREATE_IN_PROGRESS if decision is Decision.APPROVED
            else LastAction.RESUBMIT_FAILED if r.last_action_status is LastAction.RESUBMIT_IN_PROGRESS
            else r.last_action_status)
    saved = uow.registrations.save(r.model_copy(update={
        "status": status, "rounds": [*r.rounds[:-1], decided], "last_action_status": last, "updated_at": at,
        "modified_by": who[:20]}))
    record(uow, saved, decision.value.lower(), who, at)
    kind = (EventType.CAMPAIGN_REGISTRATION_APPROVED if decision is Decision.APPROVED
            else EventType.CAMPAIGN_REGISTRATION_REJECTED)
    text = f"Campaign registration {r.registration_id} is {decision.value.lower()} by the provider's review"
    emit(uow, kind, saved, at, f"{text}: {reason}" if reason else text, reason=reason,
         problems=[p.model_dump(mode="json", by_alias=True) for p in problems])
    return saved


def decide(uow: UnitOfWork, clock: Clock, actor: Actor, registration_id: str, decision: str,
           reason: str | None) -> Registration:
    """A reviewer of the provider (one of the account's own keys) approves or rejects a registration in
    review. A rejection needs a reason; the round's blocking compliance findings go with it."""
    require_account_key(actor)
    r = load(uow, actor, None, registration_id)
    wanted = {"approve": Decision.APPROVED, "reject": Decision.REJECTED}.get(str(decision).lower())
    if wanted is None:
        raise InvalidInput.of([FieldProblem("decision", "must be approve or reject")])
    reason = reason.strip() if isinstance(reason, str) else None
    if wanted is Decision.REJECTED and not reason:
        raise InvalidInput.of([FieldProblem("reason", "a rejection needs a reason the customer can act on")])
    if reason is not None and len(reason) > MAX_REASON:
        raise InvalidInput.of([FieldProblem("reason", f"must be at most {MAX_REASON} characters")])
    problems = [Problem(code="REVIEWER", description=reason, source="reviewer")] if reason else []
    if wanted is Decision.REJECTED:
        problems += compliance_problems(r)
    return _decide(uow, clock.now(), r, wanted, reason, by(actor), problems)


def auto_review(uow: UnitOfWork, clock: Clock, r: Registration) -> Registration | None:
    """Decide a registration in review whose provider reviews automatically (None when it does not)."""
    account = provider(uow, r.cnp_id)
    if account.provider_review != ReviewPolicy.AUTO.value:
        return None
    problems = compliance_problems(r)
    if problems:
        reason = f"{len(problems)} compliance problem(s): " + "; ".join(
            f"{', '.join(p.fields) or p.code}: {p.description}" for p in problems)
        return _decide(uow, clock.now(), r, Decision.REJECTED, reason[:MAX_REASON], "policy:auto", problems)
    return _decide(uow, clock.now(), r, Decision.APPROVED, None, "policy:auto", [])


def _failed(uow: UnitOfWork, at: datetime, r: Registration, problems: list[Problem]) -> Registration:
    saved = uow.registrations.save(r.model_copy(update={
        "status": next_status(r.status, Action.FAIL, r.registration_id), "last_action_status": LastAction.CREATE_FAILED,
        "internal_errors": problems, "updated_at": at}))
    record(uow, saved, "submission_failed", "registrations", at)
    emit(uow, EventType.CAMPAIGN_REGISTRATION_UPDATE, saved, at,
         f"Campaign registration {r.registration_id} could not be submitted: "
         + "; ".join(p.description for p in problems))
    return saved


def register_approved(uow: UnitOfWork, ids: IdGenerator, clock: Clock, r: Registration) -> Registration:
    """Register an approved registration's campaign for its project and share it to the provider's DCA
    (a mock campaign is registered only: mock campaigns are never shared). Run it in a unit of work of its own:
    the registry's refusal of the campaign is recorded here (SUBMISSION_FAILED); a refusal of the share raises,
    and the caller rolls back and records it with :func:`submission_failed`."""
    at = clock.now()
    account = provider(uow, r.cnp_id)
    if not r.mock and account.upstream_dca_id is None:
        return _failed(uow, at, r, [Problem(code="NO_UPSTREAM_DCA", source="provider", description=(
            "the provider has no upstream DCA configured to share campaigns to"))])
    actor = provider_actor(account, r.project_id, "registrations")
    try:
        campaign = campaigns.register(uow, ids, clock, actor, r.request)
    except DomainError as exc:
        return _failed(uow, at, r, [Problem(code=exc.code, description=exc.message, fields=exc.fields,
                                            source="registry")])
    if not r.mock:
        assert account.upstream_dca_id is not None
        sharing.share(uow, ids, clock, actor, campaign.campaign_id, account.upstream_dca_id)
    saved = uow.registrations.save(r.model_copy(update={
        "status": next_status(r.status, Action.REGISTER, r.registration_id), "campaign_id": campaign.campaign_id,
        "last_action_status": LastAction.CREATE_SUCCESSFUL, "internal_errors": [], "updated_at": at}))
    record(uow, saved, "submitted", "registrations", at)
    emit(uow, EventType.CAMPAIGN_REGISTRATION_UPDATE, saved, at,
         f"Campaign registration {r.registration_id} is registered as campaign {campaign.campaign_id}"
         + ("" if r.mock else f" and shared to {account.upstream_dca_id}"))
    return saved


def submission_failed(uow: UnitOfWork, clock: Clock, registration_id: str, exc: DomainError) -> Registration | None:
    """Record that submitting an approved registration was refused (after its unit of work rolled back)."""
    r = uow.registrations.get(registration_id)
    if r is None or r.status.value != "PROVIDER_APPROVED":
        return None
    return _failed(uow, clock.now(), r, [Problem(code=exc.code, description=exc.message, fields=exc.fields,
                                                  source="registry")])
