"""Loading a campaign's chains and finding the caller's place in them."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from tendlc.core.actor import Actor
from tendlc.core.campaigns.model import Campaign
from tendlc.core.errors import CampaignExpired, MockNotAllowed, NotFound
from tendlc.core.ports import UnitOfWork
from tendlc.core.sharing.model import Chain, CnpMigration


def load_campaign(uow: UnitOfWork, campaign_id: str) -> Campaign:
    campaign = uow.campaigns.get(campaign_id)
    if campaign is None:
        raise NotFound(f"campaign {campaign_id} not found", ["campaignId"])
    return campaign


def not_found(campaign_id: str) -> NotFound:
    """What a caller outside the campaign's chain is told: the campaign does not exist for it."""
    return NotFound(f"campaign {campaign_id} not found", ["campaignId"])


def open_migration(uow: UnitOfWork, campaign_id: str, now: datetime) -> CnpMigration | None:
    """The campaign's CNP migration if one is in progress at ``now`` (not completed, cancelled or expired)."""
    migration = uow.sharing.migration(campaign_id)
    if migration is None:
        return None
    migration = migration.effective(now)
    return migration if migration.open else None


def load_chain(uow: UnitOfWork, campaign: Campaign, cnp_migration: bool, now: datetime) -> Chain | None:
    """The live chain, or the provisional one of an open migration (None when there is none)."""
    if cnp_migration and open_migration(uow, campaign.campaign_id, now) is None:
        return None
    links = tuple(uow.sharing.chain_links(campaign.campaign_id, cnp_migration))
    return Chain(campaign.campaign_id, campaign.csp_id, cnp_migration, links)


def live_chain(uow: UnitOfWork, campaign: Campaign) -> Chain:
    links = tuple(uow.sharing.chain_links(campaign.campaign_id, False))
    return Chain(campaign.campaign_id, campaign.csp_id, False, links)


def member_chain(uow: UnitOfWork, campaign: Campaign, actor: Actor, cnp_migration: bool | None, now: datetime,
                 actionable: Callable[[Chain], bool] | None = None) -> Chain:
    """The chain the caller acts in. ``cnp_migration`` picks one; None means: the chain the caller is
    in, and when it is in both (live and provisional), the first where ``actionable`` holds, live
    first. A caller in neither is told the campaign does not exist."""
    flags = [False, True] if cnp_migration is None else [cnp_migration]
    candidates = []
    for flag in flags:
        chain = load_chain(uow, campaign, flag, now)
        if chain is not None and chain.position(actor.cnp_id) is not None:
            candidates.append(chain)
    if not candidates:
        raise not_found(campaign.campaign_id)
    if actionable is not None:
        for chain in candidates:
            if actionable(chain):
                return chain
    return candidates[0]


def check_shareable(campaign: Campaign) -> None:
    """Expired (518) and mock (536) campaigns cannot be shared or decided."""
    if not campaign.active:
        raise CampaignExpired(f"campaign {campaign.campaign_id} is expired and cannot be shared", ["campaignId"])
    if campaign.mock:
        raise MockNotAllowed(f"campaign {campaign.campaign_id} is a mock campaign; mock campaigns cannot be shared",
                             ["campaignId"])
