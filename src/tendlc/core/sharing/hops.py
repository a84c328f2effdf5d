"""The mechanics shared by the sharing use cases: add a hop, decide a hop, complete a chain.

Every function here checks before it writes, writes the link, its history row and its events in
the caller's unit of work, and returns the chain as it now stands.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from tendlc.core.accounts.model import Account, AccountKind
from tendlc.core.actor import Actor
from tendlc.core.campaigns.model import Campaign
from tendlc.core.errors import (
    DomainError,
    NotFound,
    OperationDeclined,
    SharingDeclined,
    SharingLoop,
)
from tendlc.core.events import EventType
from tendlc.core.ids import IdGenerator
from tendlc.core.model import iso_millis
from tendlc.core.ports import UnitOfWork
from tendlc.core.sharing.chains import check_shareable, live_chain, open_migration
from tendlc.core.sharing.hooks import on_dca_accepted
from tendlc.core.sharing.lifecycle import MigrationAction, SharingAction, next_migration_status, next_status
from tendlc.core.sharing.model import Chain, SharingLink, SharingStatus, content_fingerprint
from tendlc.core.sharing.notify import notify


def record(uow: UnitOfWork, link: SharingLink, action: str, actor: Actor, at: datetime) -> None:
    uow.record_history("sharing_link", link.link_id, link.version, action, actor.label, at,
                       link.model_dump(mode="json"))


def actor_for(account: Account, via: str) -> Actor:
    kind = "DCA" if account.kind is AccountKind.DCA else "CSP"
    return Actor(cnp_id=account.cnp_id, kind=kind, name=account.name, via=via)


@dataclass(frozen=True)
class SharePlan:
    """A checked request to add the hop above ``position`` (the sharer's place in the chain)."""

    position: int
    upstream: Account
    replaced: SharingLink | None


def plan_share(uow: UnitOfWork, campaign: Campaign, chain: Chain, sharer: str, upstream_id: str) -> SharePlan:
    """Check that ``sharer`` may share ``campaign`` with ``upstream_id`` now; write nothing."""
    check_shareable(campaign)
    campaign_id = campaign.campaign_id
    position = chain.position(sharer)
    assert position is not None, "the sharer is in the chain"
    if chain.is_dca(sharer):
        raise OperationDeclined(f"{sharer} is a DCA, the end of the connectivity chain: a DCA accepts or declines "
                                "a campaign, it does not share it further", ["upstreamCnpId"])
    outgoing = chain.outgoing(sharer)
    if outgoing is not None and outgoing.sharing_status is not SharingStatus.DECLINED:
        raise OperationDeclined(
            f"campaign {campaign_id} is already shared with {outgoing.upstream_cnp_id} "
            f"({outgoing.sharing_status.value}); a pending or accepted sharing request cannot be rescinded or "
            "redirected", ["upstreamCnpId"])
    upstream = uow.accounts.get(upstream_id)
    if upstream is None:
        raise NotFound(f"connectivity partner {upstream_id} not found; see /v2/enum/cnp", ["upstreamCnpId"])
    if upstream_id in chain.parties[: position + 1]:
        who = " (the campaign's CSP)" if upstream_id == chain.owner else ""
        raise SharingLoop(f"{upstream_id}{who} is already in the connectivity chain of campaign {campaign_id}",
                          ["upstreamCnpId"])
    if chain.cnp_migration and not upstream.cnp_migration_supported:
        raise OperationDeclined(f"{upstream_id} does not take part in CNP migrations", ["upstreamCnpId"])
    declined = uow.sharing.last_decline(campaign_id, chain.cnp_migration, sharer, upstream_id)
    if declined is not None and declined.declined_fingerprint == content_fingerprint(campaign):
        raise SharingDeclined(
            f"{upstream_id} declined campaign {campaign_id} on {iso_millis(declined.status_date)} "
            f"({declined.explanation}); change the campaign before sharing it with {upstream_id} again",
            ["upstreamCnpId"])
    return SharePlan(position, upstream, outgoing)


def apply_share(uow: UnitOfWork, ids: IdGenerator, at: datetime, actor: Actor, campaign: Campaign, chain: Chain,
                plan: SharePlan) -> tuple[SharingLink, Chain, Campaign]:
    """Add the planned hop (replacing a declined one) and tell the new upstream and the owner."""
    if plan.replaced is not None:
        retire(uow, plan.replaced, actor, at, "superseded")
    sharer = chain.parties[plan.position]
    link = SharingLink(
        link_id=ids.ulid(), campaign_id=campaign.campaign_id, cnp_migration=chain.cnp_migration,
        hop=plan.position + 1, downstream_cnp_id=sharer, upstream_cnp_id=plan.upstream.cnp_id,
        upstream_is_dca=plan.upstream.kind is AccountKind.DCA, sharing_status=SharingStatus.PENDING,
        shared_date=at, status_date=at)
    uow.sharing.add_link(link)
    record(uow, link, "share", actor, at)
    new_chain = Chain(chain.campaign_id, chain.owner, chain.cnp_migration, (*chain.links[: plan.position], link))
    if plan.position == 0 and not chain.cnp_migration:
        campaign = set_first_upstream(uow, campaign, link.upstream_cnp_id, actor, at)
    migration = " for a CNP migration" if chain.cnp_migration else ""
    notify(uow, EventType.CAMPAIGN_SHARE_ADD, campaign, new_chain, link, [link.upstream_cnp_id, chain.owner], at,
           lambda who: f"Campaign {campaign.campaign_id} is shared with {who}{migration}, pending its review")
    return link, new_chain, campaign


def retire(uow: UnitOfWork, link: SharingLink, actor: Actor, at: datetime, why: str) -> SharingLink:
    """Take a link out of its chain (kept for the record and for the 522 rule)."""
    saved = uow.sharing.save_link(link.model_copy(update={"current": False}))
    record(uow, saved, why, actor, at)
    return saved


def set_first_upstream(uow: UnitOfWork, campaign: Campaign, upstream_id: str, actor: Actor,
                       at: datetime) -> Campaign:
    """Keep ``campaign.upstream_cnp_id`` (what ``/campaign/search?upstreamCnpId`` filters on) on hop 1."""
    if campaign.upstream_cnp_id == upstream_id:
        return campaign
    saved = uow.campaigns.save(campaign.model_copy(update={"upstream_cnp_id": upstream_id}))
    uow.record_history("campaign", saved.campaign_id, saved.version, "share", actor.label, at,
                       saved.model_dump(mode="json"))
    return saved


def decide(uow: UnitOfWork, at: datetime, actor: Actor, chain: Chain, link: SharingLink, action: SharingAction,
           **changes: Any) -> tuple[SharingLink, Chain]:
    """Move ``link`` through the transition table and store it."""
    status = next_status(link, action)
    saved = uow.sharing.save_link(link.model_copy(update={"sharing_status": status, "status_date": at, **changes}))
    record(uow, saved, action.value, actor, at)
    links = tuple(saved if x.link_id == saved.link_id else x for x in chain.links)
    return saved, Chain(chain.campaign_id, chain.owner, chain.cnp_migration, links)


def accept_forwarded(uow: UnitOfWork, at: datetime, actor: Actor, campaign: Campaign, chain: Chain,
                     link: SharingLink) -> Chain:
    """A CSP-type upstream forwards the campaign: its incoming link is ACCEPTED; tell everyone below."""
    saved, chain = decide(uow, at, actor, chain, link, SharingAction.FORWARD)
    notify(uow, EventType.CAMPAIGN_SHARE_ACCEPT, campaign, chain, saved, chain.below(saved.upstream_cnp_id), at,
           lambda who: f"{who} accepted campaign {campaign.campaign_id} and shared it further")
    return chain


def accept_by_dca(uow: UnitOfWork, at: datetime, actor: Actor, campaign: Campaign, chain: Chain, link: SharingLink,
                  excluded_mno_ids: list[int]) -> Chain:
    """A DCA accepts: the chain is complete (a provisional one replaces the live one), everybody below
    hears CAMPAIGN_SHARE_ACCEPT, everybody in the chain CAMPAIGN_DCA_COMPLETE, and MNO review starts."""
    saved, chain = decide(uow, at, actor, chain, link, SharingAction.ACCEPT, excluded_mno_ids=excluded_mno_ids)
    notify(uow, EventType.CAMPAIGN_SHARE_ACCEPT, campaign, chain, saved, chain.below(saved.upstream_cnp_id), at,
           lambda who: f"{who} accepted campaign {campaign.campaign_id}")
    if chain.cnp_migration:
        chain, campaign = complete_migration(uow, at, actor, campaign, chain)
    top = chain.top
    assert top is not None
    notify(uow, EventType.CAMPAIGN_DCA_COMPLETE, campaign, chain, top, chain.parties, at,
           lambda _: f"Campaign DCAs have been fully elected for campaign {campaign.campaign_id}")
    on_dca_accepted(uow, at, campaign, chain)
    return chain


def complete_migration(uow: UnitOfWork, at: datetime, actor: Actor, campaign: Campaign,
                       provisional: Chain) -> tuple[Chain, Campaign]:
    """The provisional chain becomes the live one; the old live links are retired and the parties that
    are not in the new chain are told the campaign is no longer shared with them."""
    migration = open_migration(uow, campaign.campaign_id, at)
    assert migration is not None, "a provisional chain exists only while its migration is open"
    old = live_chain(uow, campaign)
    for link in old.links:
        retire(uow, link, actor, at, "replaced by CNP migration")
    promoted = []
    for link in provisional.links:
        saved = uow.sharing.save_link(link.model_copy(update={"cnp_migration": False}))
        record(uow, saved, "promoted by CNP migration", actor, at)
        promoted.append(saved)
    status = next_migration_status(migration.status, MigrationAction.COMPLETE, campaign.campaign_id)
    done = uow.sharing.save_migration(migration.model_copy(update={"status": status, "end_date": at}))
    uow.record_history("cnp_migration", done.migration_id, done.version, "complete", actor.label, at,
                       done.model_dump(mode="json"))
    chain = Chain(campaign.campaign_id, campaign.csp_id, False, tuple(promoted))
    campaign = set_first_upstream(uow, campaign, promoted[0].upstream_cnp_id, actor, at)
    for link in old.links:
        if link.upstream_cnp_id not in chain.parties:
            notify(uow, EventType.CAMPAIGN_SHARE_DELETE, campaign, old, link, [link.upstream_cnp_id], at,
                   lambda who: f"Campaign {campaign.campaign_id} moved to a new connectivity chain (CNP migration) "
                               f"and is no longer shared with {who}",
                   {"sharingStatus": None})
    return chain, campaign


def auto_complete(uow: UnitOfWork, ids: IdGenerator, at: datetime, campaign: Campaign, chain: Chain) -> Chain:
    """``migrationAutoComplete``: while the top of a provisional chain is pending with a party that is
    also in the live chain and has the setting on, that party decides as it did in the live chain —
    a DCA accepts, a CNP forwards to its live upstream. Stops at the first party that must decide."""
    while chain.cnp_migration:
        top = chain.top
        if top is None or top.sharing_status is not SharingStatus.PENDING:
            return chain
        account = uow.accounts.get(top.upstream_cnp_id)
        live = live_chain(uow, campaign)
        was = live.incoming(top.upstream_cnp_id)
        if account is None or not account.cnp_migration_auto_complete or was is None \
                or was.sharing_status is not SharingStatus.ACCEPTED:
            return chain
        actor = actor_for(account, "migrationAutoComplete")
        if top.upstream_is_dca:
            return accept_by_dca(uow, at, actor, campaign, chain, top, list(was.excluded_mno_ids))
        live_up = live.outgoing(account.cnp_id)
        if live_up is None or live_up.sharing_status is not SharingStatus.ACCEPTED:
            return chain
        try:
            plan = plan_share(uow, campaign, chain, account.cnp_id, live_up.upstream_cnp_id)
        except DomainError:
            return chain
        chain = accept_forwarded(uow, at, actor, campaign, chain, top)
        _, chain, campaign = apply_share(uow, ids, at, actor, campaign, chain, plan)
    return chain
