"""The operator decides by hand what the simulated parties would: a pending DCA share, a carrier review,
and the review policies themselves."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from tendlc.core.accounts.model import AccountKind
from tendlc.core.carriers import reviews
from tendlc.core.carriers.policies import POLICIES_SETTING, Policies, load_policies, parse_policies
from tendlc.core.carriers.review import MnoReview, ReviewAction
from tendlc.core.clock import Clock
from tendlc.core.errors import FieldProblem, InvalidInput, OperationDeclined
from tendlc.core.ids import IdGenerator
from tendlc.core.model import PageRequest
from tendlc.core.ports import UnitOfWork
from tendlc.core.sharing import service as sharing
from tendlc.core.sharing.chains import load_campaign, load_chain
from tendlc.core.sharing.hops import actor_for
from tendlc.core.sharing.model import SharingLink, SharingStatus
from tendlc.core.sharing.ports import SharedFilter, SharedRole

OPERATOR = "sandbox operator"
OPERATOR_ACTIONS = (ReviewAction.APPROVE, ReviewAction.REJECT, ReviewAction.SUSPEND, ReviewAction.UNSUSPEND)


def policies(uow: UnitOfWork) -> Policies:
    return load_policies(uow.sandbox.get_setting(POLICIES_SETTING))


def set_policies(uow: UnitOfWork, body: Any) -> Policies:
    """Replace the review policies (validated; every problem named by its path)."""
    parsed = parse_policies(body)
    uow.sandbox.put_setting(POLICIES_SETTING, parsed.model_dump(mode="json", by_alias=True))
    return parsed


def parse_review_action(value: Any) -> ReviewAction:
    names = ", ".join(a.value for a in OPERATOR_ACTIONS)
    try:
        action = ReviewAction(value)
    except ValueError:
        raise InvalidInput.of([FieldProblem("action", f"must be one of {names}")]) from None
    if action not in OPERATOR_ACTIONS:
        raise InvalidInput.of([FieldProblem("action", f"must be one of {names} (a resubmission is the CSP's)")])
    return action


def decide_review(uow: UnitOfWork, clock: Clock, campaign_id: str, mno_id: int, action: ReviewAction,
                  reason: str | None) -> MnoReview:
    return reviews.decide(uow, clock.now(), campaign_id, mno_id, action, reason, OPERATOR)


def decide_share(uow: UnitOfWork, ids: IdGenerator, clock: Clock, campaign_id: str, accept: bool,
                 explanation: str | None = None, categories: Sequence[str] = (),
                 excluded_mno_ids: Sequence[int] = ()) -> SharingLink:
    """Accept or decline, as the DCA it waits for, the campaign's pending share (live chain first, then a
    migration's). 592 when no DCA decision is pending."""
    campaign = load_campaign(uow, campaign_id)
    now = clock.now()
    for flag in (False, True):
        chain = load_chain(uow, campaign, flag, now)
        top = chain.top if chain is not None else None
        if top is None or top.sharing_status is not SharingStatus.PENDING:
            continue
        account = uow.accounts.get(top.upstream_cnp_id)
        if account is None or account.kind is not AccountKind.DCA:
            raise OperationDeclined(f"campaign {campaign_id} waits for {top.upstream_cnp_id}, a CNP, not a DCA; "
                                    "the sandbox decides DCA shares only", ["campaignId"])
        actor = actor_for(account, OPERATOR)
        if accept:
            return sharing.accept(uow, ids, clock, actor, campaign_id, excluded_mno_ids, cnp_migration=flag)
        return sharing.decline(uow, clock, actor, campaign_id, explanation, categories, cnp_migration=flag)
    raise OperationDeclined(f"campaign {campaign_id} has no share waiting for a DCA", ["campaignId"])


@dataclass(frozen=True)
class PendingShare:
    campaign_id: str
    dca_id: str
    downstream_cnp_id: str
    shared_date: Any
    cnp_migration: bool


def pending(uow: UnitOfWork, clock: Clock, limit: int = 200) -> tuple[list[PendingShare], list[MnoReview]]:
    """Everything waiting for a decision: shares pending with a DCA, and reviews in REVIEW."""
    now = clock.now()
    shares: list[PendingShare] = []
    for account in uow.accounts.all():
        if account.kind is not AccountKind.DCA:
            continue
        page = uow.sharing.search(account.cnp_id, SharedRole.WITH_ME, SharedFilter(sharing_statuses=("PENDING",)),
                                  PageRequest(1, limit), now)
        shares += [PendingShare(r.campaign.campaign_id, account.cnp_id, r.link.downstream_cnp_id, r.link.shared_date,
                                r.link.cnp_migration) for r in page.items]
    return shares, uow.reviews.in_review(limit)
