"""Readiness use cases: who may ask about a campaign, loading what readiness needs, and the answer.

A campaign's readiness is visible to its CSP, to every party of its live chain, and to a project key of an
account the campaign is attributed to that project (``project_service.project_of_campaign``). Anyone else is
told the campaign does not exist.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from tendlc.core.accounts.project_service import project_of_campaign
from tendlc.core.actor import Actor
from tendlc.core.campaigns.model import Campaign
from tendlc.core.carriers.review import MnoReview
from tendlc.core.errors import NotFound
from tendlc.core.ports import UnitOfWork
from tendlc.core.readiness.derive import readiness
from tendlc.core.readiness.model import Acceptance, NumberTally, ProviderAcceptance, Readiness
from tendlc.core.sharing.chains import live_chain
from tendlc.core.sharing.model import Chain, SharingStatus

_ACCEPTANCE = {SharingStatus.PENDING: Acceptance.PENDING, SharingStatus.ACCEPTED: Acceptance.ACCEPTED,
               SharingStatus.DECLINED: Acceptance.DECLINED}


@dataclass(frozen=True)
class Facts:
    """Everything readiness looks at for one campaign."""

    campaign: Campaign
    chain: Chain
    reviews: list[MnoReview]
    numbers: NumberTally


def provider_acceptance(chain: Chain, provider_id: str) -> ProviderAcceptance | None:
    """A provider's acceptance of a campaign in ``chain``: none needed when it is the campaign's CSP (it
    registered it), else the status of the link shared with it (None when it is not in the chain)."""
    if provider_id == chain.owner:
        return None
    link = chain.incoming(provider_id)
    if link is None:
        return None
    if link.sharing_status is SharingStatus.ACCEPTED or link.hop < len(chain.links):
        return ProviderAcceptance(provider_id, Acceptance.ACCEPTED)
    return ProviderAcceptance(provider_id, _ACCEPTANCE[link.sharing_status], link.explanation)


def may_see(uow: UnitOfWork, actor: Actor, campaign: Campaign, chain: Chain) -> bool:
    if actor.project_id is not None:
        return project_of_campaign(uow, actor.cnp_id, campaign.campaign_id) == actor.project_id
    return campaign.csp_id == actor.cnp_id or chain.position(actor.cnp_id) is not None


def visible(uow: UnitOfWork, actor: Actor, campaign_id: str) -> tuple[Campaign, Chain]:
    """The campaign and its live chain, for a caller entitled to its readiness (else NotFound)."""
    campaign = uow.campaigns.get(campaign_id) if "\x00" not in campaign_id else None
    if campaign is not None:
        chain = live_chain(uow, campaign)
        if may_see(uow, actor, campaign, chain):
            return campaign, chain
    raise NotFound(f"campaign {campaign_id} not found", ["campaignId"])


def facts_of(uow: UnitOfWork, campaigns: Sequence[tuple[Campaign, Chain]], *,
             listing: int | None = None) -> list[Facts]:
    """The facts of several campaigns, their numbers counted in one query and listed: all of them, or the first
    ``listing`` (a campaign may hold 100,000 numbers; a status word needs only the counts)."""
    tallies = uow.readiness.tallies_of([c.campaign_id for c, _ in campaigns], listing=listing)
    empty = NumberTally()
    return [Facts(c, chain, uow.reviews.for_campaign(c.campaign_id), tallies.get(c.campaign_id, empty))
            for c, chain in campaigns]


def readiness_for(facts: Facts, viewer: str) -> Readiness:
    """Readiness as ``viewer`` (an account) sees it: when the campaign was shared with it, it is the provider
    whose acceptance counts."""
    return readiness(facts.campaign, facts.chain, facts.reviews, facts.numbers,
                     provider_acceptance(facts.chain, viewer), viewer)


def campaign_readiness(uow: UnitOfWork, actor: Actor, campaign_id: str) -> Readiness:
    """``GET /api/v1/campaigns/{id}/readiness``."""
    campaign, chain = visible(uow, actor, campaign_id)
    return readiness_for(facts_of(uow, [(campaign, chain)])[0], actor.cnp_id)
