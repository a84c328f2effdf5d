"""Simulated DCAs: a DCA account with a share policy (see ``policies``) decides the campaigns shared
with it by itself, once the policy's delay has passed since the share. ``rules`` declines a campaign
that breaks the terms of any carrier it is submitted to, with those findings as the explanation."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from tendlc.core.accounts.model import AccountKind
from tendlc.core.campaigns.model import Campaign
from tendlc.core.carriers.policies import Mode, Outcome, Policies, Policy
from tendlc.core.carriers.reviews import campaign_mnos
from tendlc.core.carriers.terms_check import terms_violations
from tendlc.core.clock import Clock
from tendlc.core.errors import CampaignExpired, NotTheUpstream, SharingAlreadyDecided
from tendlc.core.ids import IdGenerator
from tendlc.core.model import PageRequest
from tendlc.core.ports import UnitOfWork
from tendlc.core.sharing import service as sharing
from tendlc.core.sharing.hops import actor_for
from tendlc.core.sharing.ports import SharedFilter, SharedRole


def share_verdict(policy: Policy, campaign: Campaign) -> tuple[bool, str, list[str]]:
    """(accept?, explanation, rejection categories) of a non-manual share policy."""
    if policy.mode is Mode.RULES:
        found = [v for m in campaign_mnos(campaign) for v in terms_violations(campaign, campaign.mno_metadata.get(
            str(m), {}))]
        if found:
            return False, "; ".join(dict.fromkeys(found)), ["CAMPAIGN_DESCRIPTION_OR_ATTRIBUTES"]
        return True, "", []
    if policy.outcome is Outcome.REJECT:
        return False, policy.reason or "declined by the sandbox DCA policy", policy.rejection_categories or ["OTHER"]
    return True, "", []


@dataclass(frozen=True)
class DueShare:
    dca_id: str
    campaign_id: str
    cnp_migration: bool


def due_shares(uow: UnitOfWork, clock: Clock, policies: Policies, limit: int = 100) -> list[DueShare]:
    """The pending shares to DCAs whose share policy is not manual and whose delay has passed."""
    named, catch_all = policies.share_dcas()
    if not named and not catch_all:
        return []
    now = clock.now()
    due: list[DueShare] = []
    for account in uow.accounts.all():
        if account.kind is not AccountKind.DCA or not (catch_all or account.cnp_id in named):
            continue
        policy = policies.for_share(account.cnp_id)
        if policy.mode is Mode.MANUAL:
            continue
        pending = uow.sharing.search(account.cnp_id, SharedRole.WITH_ME, SharedFilter(sharing_statuses=("PENDING",)),
                                     PageRequest(1, limit), now)
        due += [DueShare(account.cnp_id, r.campaign.campaign_id, r.link.cnp_migration) for r in pending.items
                if r.campaign.active and r.link.status_date + timedelta(seconds=policy.delay_seconds) <= now]
    return due


def decide_share(uow: UnitOfWork, ids: IdGenerator, clock: Clock, policies: Policies, due: DueShare) -> bool:
    """Decide one due share as its DCA's policy says (run each in its own unit of work). False when it
    was no longer pending."""
    account = uow.accounts.get(due.dca_id)
    if account is None:
        return False
    policy = policies.for_share(account.cnp_id)
    campaign = uow.campaigns.get(due.campaign_id)
    if campaign is None or policy.mode is Mode.MANUAL:
        return False
    actor = actor_for(account, f"policy:{policy.mode.value}")
    accept, explanation, categories = share_verdict(policy, campaign)
    try:
        if accept:
            sharing.accept(uow, ids, clock, actor, due.campaign_id, cnp_migration=due.cnp_migration)
        else:
            sharing.decline(uow, clock, actor, due.campaign_id, explanation, categories,
                            cnp_migration=due.cnp_migration)
    except (NotTheUpstream, SharingAlreadyDecided, CampaignExpired):
        return False
    return True
