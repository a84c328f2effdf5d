"""What each party of a chain may read: its own links, the campaign in the view its role allows, and
the chain's progress with identities masked.

A CSP-type upstream sees a reduced campaign: no originating CSP, reseller, reference id, billing or
renewal, tags, mock flag, carriers, and of the brand no EIN or address. A DCA sees everything,
including the whole chain.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from tendlc.core.actor import Actor
from tendlc.core.brands.model import Brand
from tendlc.core.campaigns.model import Campaign
from tendlc.core.clock import Clock
from tendlc.core.errors import FieldProblem, InvalidInput, NotTheUpstream
from tendlc.core.model import Page
from tendlc.core.paging import TCR_LEGACY_MAX, TCR_SEARCH_MAX, TCR_SEARCH_REACHABLE, check_page
from tendlc.core.ports import UnitOfWork
from tendlc.core.sharing.chains import load_campaign, load_chain, member_chain, not_found
from tendlc.core.sharing.model import Chain, PartyKind, SharingLink, SharingStatus
from tendlc.core.sharing.notify import masked_label, visible_positions
from tendlc.core.sharing.ports import SharedFilter, SharedRecord, SharedRole

# TCR ``SharedCampaign``: what a CSP-type upstream may read of a campaign, in the schema's order.
SHARED_CAMPAIGN_FIELDS: tuple[str, ...] = (
    "campaign_id", "status", "create_date", "brand_id", "usecase", "sub_usecases", "description",
    "subscriber_optin", "subscriber_optout", "subscriber_help", "direct_lending", "number_pool", "embedded_link",
    "embedded_phone", "terms_and_conditions", "age_gated", "sample1", "sample2", "sample3", "sample4", "sample5",
    "message_flow", "help_message", "optin_keywords", "optout_keywords", "help_keywords", "optin_message",
    "optout_message", "privacy_policy_link", "terms_and_conditions_link", "embedded_link_sample",
)
# TCR ``SharedCampaignBrand``: what a CSP-type upstream may read of the brand (no EIN, no address).
SHARED_BRAND_FIELDS: tuple[str, ...] = (
    "brand_id", "display_name", "company_name", "first_name", "last_name", "email", "phone", "website",
    "optional_attributes", "evp_vetting_score",
)


def reduced_campaign(campaign: Campaign) -> dict[str, Any]:
    return {name: getattr(campaign, name) for name in SHARED_CAMPAIGN_FIELDS}


def reduced_brand(brand: Brand) -> dict[str, Any]:
    return {name: getattr(brand, name) for name in SHARED_BRAND_FIELDS}


def sharing_status(uow: UnitOfWork, clock: Clock, actor: Actor, campaign_id: str,
                   cnp_migration: bool = False) -> tuple[SharingLink | None, SharingLink | None]:
    """The caller's two links: (sharedWithMe, sharedByMe). The campaign's CSP always may ask; another
    account only while it is in the chain."""
    campaign = load_campaign(uow, campaign_id)
    chain = load_chain(uow, campaign, cnp_migration, clock.now())
    if chain is None or chain.position(actor.cnp_id) is None:
        if campaign.csp_id == actor.cnp_id:
            return None, None
        raise not_found(campaign_id)
    return chain.incoming(actor.cnp_id), chain.outgoing(actor.cnp_id)


@dataclass(frozen=True)
class PartnerView:
    """A campaign as an upstream sees it. ``full`` (a DCA): ``campaign``, ``brand`` and ``chain`` are
    everything; otherwise only ``fields`` and ``brand_fields`` may be shown."""

    full: bool
    campaign: Campaign
    brand: Brand | None
    chain: Chain
    fields: dict[str, Any]
    brand_fields: dict[str, Any] | None


def partner_campaign(uow: UnitOfWork, clock: Clock, actor: Actor, campaign_id: str,
                     cnp_migration: bool | None = None) -> PartnerView:
    """``GET /partnerCampaign/{campaignId}``: the campaign in the view the caller's role allows."""
    campaign = load_campaign(uow, campaign_id)
    chain = member_chain(uow, campaign, actor, cnp_migration, clock.now())
    if chain.incoming(actor.cnp_id) is None:
        raise NotTheUpstream(f"you are the CSP of campaign {campaign_id}; read it with GET /v2/campaign/{campaign_id}",
                             ["campaignId"])
    brand = uow.brands.get(campaign.brand_id)
    full = chain.is_dca(actor.cnp_id)
    return PartnerView(full, campaign, brand, chain, reduced_campaign(campaign),
                       reduced_brand(brand) if brand is not None else None)


def parse_day(value: str | None, field: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InvalidInput.of([FieldProblem(field, "must be a date YYYY-MM-DD")]) from None


def check_sharing_statuses(values: list[str]) -> tuple[str, ...]:
    unknown = [v for v in values if v not in SharingStatus.__members__]
    if unknown:
        raise InvalidInput.of([FieldProblem("sharingStatus", f"{unknown[0]!r} is not PENDING, ACCEPTED or DECLINED")])
    return tuple(dict.fromkeys(values))


def search_shared(uow: UnitOfWork, clock: Clock, actor: Actor, role: SharedRole, where: SharedFilter, page: int,
                  per_page: int, *, legacy: bool = False) -> Page[SharedRecord]:
    """``/partnerCampaign/sharedWithMe|sharedByMe[/search]``: ≤ 50 a page and 10,000 reachable, or ≤ 500
    a page for the deprecated lists."""
    if legacy:
        request = check_page(page, per_page, TCR_LEGACY_MAX)
    else:
        request = check_page(page, per_page, TCR_SEARCH_MAX, TCR_SEARCH_REACHABLE)
    if where.start_date and where.end_date and where.start_date > where.end_date:
        raise InvalidInput.of([FieldProblem("endDate", "must not be before the start date")])
    return uow.sharing.search(actor.cnp_id, role, where, request, clock.now())


@dataclass(frozen=True)
class PartyView:
    """A party as the viewer may see it: its id, or only its place (``cnp_id`` None)."""

    cnp_id: str | None
    label: str
    kind: PartyKind


@dataclass(frozen=True)
class HopView:
    hop: int
    downstream: PartyView
    upstream: PartyView
    link: SharingLink


@dataclass(frozen=True)
class ChainView:
    campaign_id: str
    cnp_migration: bool
    complete: bool
    hops: list[HopView]


def chain_view(uow: UnitOfWork, clock: Clock, actor: Actor, campaign_id: str,
               cnp_migration: bool = False) -> ChainView:
    """``GET /api/v1/campaigns/{campaignId}/chain``: every hop's status, dates and decline reason. The
    viewer sees the identities of its neighbours (a DCA: all); the others are "hop 2 (CNP)"."""
    campaign = load_campaign(uow, campaign_id)
    chain = load_chain(uow, campaign, cnp_migration, clock.now())
    if chain is None:
        if campaign.csp_id != actor.cnp_id:
            raise not_found(campaign_id)
        chain = Chain(campaign_id, campaign.csp_id, cnp_migration, ())
    if chain.position(actor.cnp_id) is None:
        raise not_found(campaign_id)
    visible = visible_positions(chain, actor.cnp_id)

    def party(position: int) -> PartyView:
        kind = chain.kind_at(position)
        if position in visible:
            cnp_id = chain.parties[position]
            return PartyView(cnp_id, cnp_id, kind)
        return PartyView(None, masked_label(chain, position), kind)

    hops = [HopView(link.hop, party(link.hop - 1), party(link.hop), link) for link in chain.links]
    return ChainView(campaign_id, cnp_migration, chain.complete, hops)
