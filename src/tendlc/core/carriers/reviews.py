"""Carrier review use cases: open reviews when a DCA accepts, decide them (an operator, or a policy once
its delay has passed), and the owner's and partners' views of the per-MNO status.

Every change notifies the whole chain (the CSP, each CNP and the DCA) with ``mnoId`` and ``mnoName``;
the originating CSP's id and the campaign's reference id go only to those entitled to know them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from tendlc.core.actor import Actor
from tendlc.core.campaigns import service as campaigns
from tendlc.core.campaigns.model import Campaign
from tendlc.core.carriers.policies import Mode, Outcome, Policies, Policy
from tendlc.core.carriers.review import (
    EVENT_OF,
    NEEDS_REASON,
    MnoReview,
    OperationStatus,
    ReviewAction,
    mno_name,
    next_operation_status,
)
from tendlc.core.carriers.terms_check import terms_violations
from tendlc.core.clock import Clock
from tendlc.core.errors import (
    CampaignExpired,
    FieldProblem,
    InvalidInput,
    NotFound,
    OperationDeclined,
)
from tendlc.core.events import Event
from tendlc.core.ports import UnitOfWork
from tendlc.core.sharing.chains import live_chain, load_campaign, load_chain, member_chain
from tendlc.core.sharing.model import Chain, SharingStatus
from tendlc.core.sharing.notify import visible_positions

MAX_REASON = 1024


def campaign_mnos(campaign: Campaign) -> list[int]:
    """The MNOs the campaign was submitted to."""
    return sorted(campaign.mno_ids or [int(k) for k in campaign.mno_metadata])


def elected_mnos(campaign: Campaign, chain: Chain) -> list[int]:
    """The campaign's MNOs covered by the DCA that accepted ``chain`` (none before a DCA accepts)."""
    top = chain.top
    if top is None or not top.upstream_is_dca or top.sharing_status is not SharingStatus.ACCEPTED:
        return []
    excluded = set(top.excluded_mno_ids)
    return [m for m in campaign_mnos(campaign) if m not in excluded]


def _notify(uow: UnitOfWork, campaign: Campaign, review: MnoReview, action: ReviewAction, at: datetime,
            description: str) -> None:
    """Tell every party of the chain. Identities follow the chain's rule (``sharing/notify.py``): the
    originating CSP's id goes to those who may know it, the DCA's id likewise, the reference id to the
    CSP alone."""
    chain = live_chain(uow, campaign)
    parties = list(dict.fromkeys([campaign.csp_id, *chain.parties]))
    base: dict[str, Any] = {"campaignId": campaign.campaign_id, "brandId": campaign.brand_id, "mnoId": review.mno_id,
                            "mnoName": review.mno_name, "description": description, "mock": campaign.mock}
    if review.reason and action in NEEDS_REASON:
        base["reason"] = review.reason
    dca_position = chain.position(review.dca_id)
    groups: dict[tuple[bool, bool], list[str]] = {}
    for party in parties:
        seen = visible_positions(chain, party) if chain.position(party) is not None else {0}
        knows = (0 in seen, dca_position is not None and dca_position in seen)
        groups.setdefault(knows, []).append(party)
    for (knows_csp, knows_dca), recipients in groups.items():
        payload = dict(base)
        if knows_csp:
            payload["cspId"] = campaign.csp_id
        if knows_dca:
            payload["dcaId"] = review.dca_id
        if campaign.csp_id in recipients and len(recipients) > 1:
            others = [r for r in recipients if r != campaign.csp_id]
            uow.emit(Event(EVENT_OF[action], tuple(others), at, payload))
            recipients = [campaign.csp_id]
        if recipients == [campaign.csp_id]:
            payload = {**payload, "campaignReferenceId": campaign.reference_id}
        uow.emit(Event(EVENT_OF[action], tuple(recipients), at, payload))


def open_reviews(uow: UnitOfWork, at: datetime, campaign: Campaign, chain: Chain) -> list[MnoReview]:
    """Open a REVIEW for each MNO the accepting DCA covers that has none yet (a CNP migration keeps the
    carriers' earlier decisions). Emits MNO_CAMPAIGN_OPERATION_REVIEW for each."""
    top = chain.top
    assert top is not None
    opened = []
    for mno_id in elected_mnos(campaign, chain):
        if uow.reviews.get(campaign.campaign_id, mno_id) is not None:
            continue
        review = MnoReview(campaign_id=campaign.campaign_id, mno_id=mno_id, dca_id=top.upstream_cnp_id,
                           status=OperationStatus.REVIEW, opened_at=at, status_date=at)
        uow.reviews.add(review)
        uow.record_history("mno_review", f"{campaign.campaign_id}/{mno_id}", 1, "open", top.upstream_cnp_id, at,
                           review.model_dump(mode="json"))
        _notify(uow, campaign, review, ReviewAction.RESUBMIT, at,
                f"Campaign {campaign.campaign_id} is under review by {review.mno_name}")
        opened.append(review)
    return opened


def _describe(review: MnoReview, action: ReviewAction) -> str:
    what = {ReviewAction.APPROVE: "is approved by", ReviewAction.REJECT: "is rejected by",
            ReviewAction.SUSPEND: "is suspended by", ReviewAction.UNSUSPEND: "is unsuspended by",
            ReviewAction.RESUBMIT: "is under review again by"}[action]
    text = f"Campaign {review.campaign_id} {what} {review.mno_name}"
    return f"{text}: {review.reason}" if review.reason and action in NEEDS_REASON else text


def check_reason(action: ReviewAction, reason: str | None) -> str | None:
    text = (reason or "").strip()
    if action in NEEDS_REASON and not text:
        raise InvalidInput.of([FieldProblem("reason", f"a {action.value} needs a reason the CSP can act on")])
    if len(text) > MAX_REASON:
        raise InvalidInput.of([FieldProblem("reason", f"must be at most {MAX_REASON} characters")])
    return text or None


def decide(uow: UnitOfWork, at: datetime, campaign_id: str, mno_id: int, action: ReviewAction,
           reason: str | None, decided_by: str) -> MnoReview:
    """Move one MNO's review by ``action`` (592 when the status does not allow it) and notify the chain."""
    text = check_reason(action, reason)
    campaign = load_campaign(uow, campaign_id)
    review = uow.reviews.get(campaign_id, mno_id)
    if review is None:
        raise NotFound(f"campaign {campaign_id} has no review by {mno_name(mno_id)} (reviews open when a DCA "
                       "accepts the campaign)", ["mnoId"])
    if not campaign.active:
        raise CampaignExpired(f"campaign {campaign_id} is expired", ["campaignId"])
    status = next_operation_status(review, action)
    keep_reason = text if action in NEEDS_REASON else None
    saved = uow.reviews.save(review.model_copy(update={
        "status": status, "status_date": at, "reason": keep_reason, "decided_by": decided_by,
        **({"opened_at": at} if status is OperationStatus.REVIEW else {})}))
    uow.record_history("mno_review", f"{campaign_id}/{mno_id}", saved.version, action.value, decided_by, at,
                       saved.model_dump(mode="json"))
    _notify(uow, campaign, saved, action, at, _describe(saved, action))
    return saved


def resubmitted(uow: UnitOfWork, at: datetime, campaign: Campaign, mno_ids: Sequence[int], actor: Actor) -> None:
    """After ``PUT /resubmit``: a rejected MNO reviews the campaign again; an elected MNO without a review
    (added since the DCA accepted) opens one."""
    chain = live_chain(uow, campaign)
    elected = set(elected_mnos(campaign, chain))
    top = chain.top
    for mno_id in mno_ids:
        review = uow.reviews.get(campaign.campaign_id, mno_id)
        if review is not None and review.status is OperationStatus.REJECTED:
            decide(uow, at, campaign.campaign_id, mno_id, ReviewAction.RESUBMIT, None, actor.label)
        elif review is None and mno_id in elected and top is not None:
            fresh = MnoReview(campaign_id=campaign.campaign_id, mno_id=mno_id, dca_id=top.upstream_cnp_id,
                              status=OperationStatus.REVIEW, opened_at=at, status_date=at)
            uow.reviews.add(fresh)
            _notify(uow, campaign, fresh, ReviewAction.RESUBMIT, at,
                    f"Campaign {campaign.campaign_id} is under review by {fresh.mno_name}")


# --- automatic decisions --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Verdict:
    action: ReviewAction
    reason: str | None


def verdict(policy: Policy, campaign: Campaign, mno_id: int) -> Verdict:
    """What a non-manual policy decides for one review."""
    if policy.mode is Mode.RULES:
        found = terms_violations(campaign, campaign.mno_metadata.get(str(mno_id), {}))
        return Verdict(ReviewAction.REJECT, "; ".join(found)) if found else Verdict(ReviewAction.APPROVE, None)
    if policy.outcome is Outcome.REJECT:
        return Verdict(ReviewAction.REJECT, policy.reason or f"{mno_name(mno_id)} declined the campaign")
    return Verdict(ReviewAction.APPROVE, None)


@dataclass(frozen=True)
class DueReview:
    campaign_id: str
    mno_id: int
    due: datetime
    mode: Mode


def due_reviews(uow: UnitOfWork, now: datetime, policies: Policies, default: Policy, limit: int = 200
                ) -> list[DueReview]:
    """Reviews whose policy is not manual and whose delay has passed at ``now`` (a read: an idle pass of
    the worker never opens a write transaction)."""
    due = []
    for review in uow.reviews.in_review(limit):
        policy = policies.for_review(review.dca_id, review.mno_id, default)
        at = review.status_date + timedelta(seconds=policy.delay_seconds)
        if policy.mode is not Mode.MANUAL and at <= now:
            due.append(DueReview(review.campaign_id, review.mno_id, at, policy.mode))
    return due


def decide_due(uow: UnitOfWork, due: Sequence[DueReview], policies: Policies, default: Policy) -> int:
    """Decide the ``due`` reviews as their policies say. Each decision is dated when it fell due (not when
    the worker ran), so moving the clock far ahead gives the same history as moving it step by step.
    Returns how many were decided (a review decided meanwhile by someone else is skipped)."""
    done = 0
    for item in due:
        review = uow.reviews.get(item.campaign_id, item.mno_id)
        campaign = uow.campaigns.get(item.campaign_id)
        if review is None or review.status is not OperationStatus.REVIEW or campaign is None or not campaign.active:
            continue
        policy = policies.for_review(review.dca_id, review.mno_id, default)
        if policy.mode is Mode.MANUAL:
            continue
        outcome = verdict(policy, campaign, review.mno_id)
        decide(uow, item.due, review.campaign_id, review.mno_id, outcome.action, outcome.reason,
               f"policy:{policy.mode.value}")
        done += 1
    return done


# --- views ------------------------------------------------------------------------------------------------


def status_map(reviews: list[MnoReview]) -> dict[str, str]:
    return {str(r.mno_id): r.status.value for r in sorted(reviews, key=lambda r: r.mno_id)}


def _readable(campaign: Campaign) -> None:
    if not campaign.active:
        raise CampaignExpired(f"campaign {campaign.campaign_id} is expired", ["campaignId"])


def operation_status(uow: UnitOfWork, actor: Actor, campaign_id: str) -> dict[str, str]:
    """``GET /campaign/{id}/operationStatus``: ``{"10017": "REGISTERED", …}`` for the MNOs reviewing it."""
    campaign = campaigns.get(uow, actor, campaign_id)
    _readable(campaign)
    return status_map(uow.reviews.for_campaign(campaign_id))


def reviews_of(uow: UnitOfWork, actor: Actor, campaign_id: str) -> list[MnoReview]:
    """The owner's full reviews (status, date, reason) — tendlc's native view."""
    campaigns.get(uow, actor, campaign_id)
    return uow.reviews.for_campaign(campaign_id)


def partner_campaign(uow: UnitOfWork, clock: Clock, actor: Actor, campaign_id: str) -> Campaign:
    """The campaign, for a party of its chain (others: not found)."""
    campaign = load_campaign(uow, campaign_id)
    member_chain(uow, campaign, actor, None, clock.now())
    return campaign


def partner_operation_status(uow: UnitOfWork, clock: Clock, actor: Actor, campaign_id: str) -> dict[str, str]:
    campaign = partner_campaign(uow, clock, actor, campaign_id)
    _readable(campaign)
    return status_map(uow.reviews.for_campaign(campaign_id))


def partner_mno_metadata(uow: UnitOfWork, clock: Clock, actor: Actor, campaign_id: str) -> dict[str, dict[str, Any]]:
    return partner_campaign(uow, clock, actor, campaign_id).mno_metadata


def excluded_mnos(uow: UnitOfWork, actor: Actor, campaign_id: str) -> list[int]:
    """``GET /campaign/{id}/excludedMno``: the campaign's MNOs the accepting DCA left out."""
    campaign = campaigns.get(uow, actor, campaign_id)
    top = live_chain(uow, campaign).top
    if top is None or not top.upstream_is_dca or top.sharing_status is not SharingStatus.ACCEPTED:
        return []
    mnos = set(campaign_mnos(campaign))
    return [m for m in sorted(top.excluded_mno_ids) if m in mnos]


def mno_ids_with_dca_elected(uow: UnitOfWork, clock: Clock, actor: Actor, campaign_id: str,
                             cnp_migration: bool = False) -> list[int]:
    """``GET /campaign/{id}/mnoIdsWithDcaElected``: the MNOs a DCA has accepted the campaign for."""
    campaign = campaigns.get(uow, actor, campaign_id)
    chain = load_chain(uow, campaign, cnp_migration, clock.now())
    return elected_mnos(campaign, chain) if chain is not None else []


def remove_excluded_mno(uow: UnitOfWork, clock: Clock, actor: Actor, campaign_id: str, mno_id: int,
                        body: Any) -> None:
    """``DELETE /campaign/{id}/operationStatus/{mnoId}`` (``{"explanation"}``): the CSP drops an MNO the DCA
    excluded, so the campaign no longer waits for it."""
    explanation = body.get("explanation") if isinstance(body, dict) else None
    if not isinstance(explanation, str) or not explanation.strip():
        raise InvalidInput.of([FieldProblem("explanation", "say why the MNO is removed from the campaign")])
    if len(explanation) > MAX_REASON:
        raise InvalidInput.of([FieldProblem("explanation", f"must be at most {MAX_REASON} characters")])
    campaign = campaigns.get(uow, actor, campaign_id)
    if mno_id not in excluded_mnos(uow, actor, campaign_id):
        raise OperationDeclined(f"{mno_name(mno_id)} ({mno_id}) is not excluded from campaign {campaign_id}; see "
                                f"GET /v2/campaign/{campaign_id}/excludedMno", ["mnoId"])
    now = clock.now()
    remaining = [m for m in campaign_mnos(campaign) if m != mno_id]
    metadata = {k: v for k, v in campaign.mno_metadata.items() if k != str(mno_id)}
    saved = uow.campaigns.save(campaign.model_copy(update={"mno_ids": remaining, "mno_metadata": metadata}))
    uow.record_history("campaign", campaign_id, saved.version, "remove excluded MNO", actor.label, now,
                       {**saved.model_dump(mode="json"),
                        "removedMno": {"mnoId": mno_id, "explanation": explanation.strip()}})
