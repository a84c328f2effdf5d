"""A provider's customer view of its campaigns (RumbleUp's ``/api/tcr/…``): each campaign with its brand,
readiness, carrier terms, last send and traffic, and the brands of those campaigns, paged by token.

The scope is the caller's: a project key sees its project's campaigns (registered for it, or shared with
the account by a CSP associated with it); an account key every campaign the account owns or was shared
with on a live chain. What the account may read of a campaign follows its role, as in the partner views:
the campaign's CSP and a DCA read everything, a CSP-type upstream no billing or renewal; of a brand it does
not own, an account reads no EIN and no address.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Generic, TypeVar

from tendlc.core.actor import Actor
from tendlc.core.brands.model import Brand
from tendlc.core.campaigns.model import Campaign
from tendlc.core.clock import Clock
from tendlc.core.errors import FieldProblem, InvalidInput
from tendlc.core.ports import UnitOfWork
from tendlc.core.readiness.model import Readiness
from tendlc.core.readiness.ports import CustomerScope
from tendlc.core.readiness.service import facts_of, readiness_for
from tendlc.core.readiness.traffic import day_start
from tendlc.core.sharing.chains import live_chain

PAGE_SIZE = 100
MAX_IDS = 100
TRAFFIC_DAYS = 30

T = TypeVar("T")


@dataclass(frozen=True)
class CustomerCampaign:
    campaign: Campaign
    brand: Brand | None
    readiness: Readiness
    cid: str  # the project id, or the account id for an account key
    full: bool  # billing and renewal may be shown
    sent_time: datetime | None
    daily_counts: tuple[int, ...]  # messages on each day it sent in the last TRAFFIC_DAYS days


@dataclass(frozen=True)
class CustomerBrand:
    brand: Brand
    cid: str
    full: bool  # EIN and address may be shown


@dataclass(frozen=True)
class CustomerPage(Generic[T]):
    items: list[T]
    next_token: str | None


def scope_of(actor: Actor) -> CustomerScope:
    return CustomerScope(actor.cnp_id, actor.project_id)


def cid_of(actor: Actor) -> str:
    return actor.project_id or actor.cnp_id


def encode_token(last_id: str) -> str:
    return base64.urlsafe_b64encode(last_id.encode()).decode().rstrip("=")


def decode_token(token: str | None) -> str | None:
    """The id a ``next_token`` continues after (InvalidInput naming ``next_token`` when it is not one)."""
    if token is None or token == "":
        return None
    try:
        value = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError):
        value = ""
    if not value.isascii() or not value.isalnum() or len(value) > 10:
        raise InvalidInput.of([FieldProblem("next_token", "is not a token this API returned")])
    return value


def id_list(values: Sequence[str], field: str) -> list[str]:
    ids = list(dict.fromkeys(v for v in values if v))
    if len(ids) > MAX_IDS:
        raise InvalidInput.of([FieldProblem(field, f"at most {MAX_IDS} ids")])
    if any(not v.isascii() or not v.isalnum() or len(v) > 10 for v in ids):
        raise InvalidInput.of([FieldProblem(field, "must be ids separated by commas")])
    return ids


def _page(ids: list[str], limit: int) -> tuple[list[str], str | None]:
    if len(ids) > limit:
        return ids[:limit], encode_token(ids[limit - 1])
    return ids, None


def customer_campaigns(uow: UnitOfWork, clock: Clock, actor: Actor, campaign_ids: Sequence[str],
                       brand_ids: Sequence[str], token: str | None,
                       limit: int = PAGE_SIZE) -> CustomerPage[CustomerCampaign]:
    """The caller's campaigns (of these ids and brands when given), in id order, ``limit`` at a time."""
    wanted = id_list(campaign_ids, "campaignId")
    brands_wanted = id_list(brand_ids, "brandId")
    after = decode_token(token)
    found = uow.readiness.scope_campaigns(scope_of(actor), wanted, brands_wanted, after, limit + 1)
    ids, next_token = _page(found, limit)
    loaded = [c for c in (uow.campaigns.get(i) for i in ids) if c is not None]
    pairs = [(c, live_chain(uow, c)) for c in loaded]
    facts = facts_of(uow, pairs)
    sent = uow.readiness.sent_times(ids)
    daily = uow.readiness.daily_counts(ids, day_start(clock.now()) - timedelta(days=TRAFFIC_DAYS - 1))
    brands: dict[str, Brand | None] = {}
    items = []
    for fact in facts:
        campaign = fact.campaign
        if campaign.brand_id not in brands:
            brands[campaign.brand_id] = uow.brands.get(campaign.brand_id)
        full = campaign.csp_id == actor.cnp_id or fact.chain.is_dca(actor.cnp_id)
        items.append(CustomerCampaign(campaign, brands[campaign.brand_id], readiness_for(fact, actor.cnp_id),
                                      cid_of(actor), full, sent.get(campaign.campaign_id),
                                      tuple(daily.get(campaign.campaign_id, []))))
    return CustomerPage(items, next_token)


def customer_brands(uow: UnitOfWork, actor: Actor, brand_ids: Sequence[str], token: str | None,
                    limit: int = PAGE_SIZE) -> CustomerPage[CustomerBrand]:
    """The brands of the caller's campaigns (of these ids when given), in id order."""
    wanted = id_list(brand_ids, "brandId")
    found = uow.readiness.scope_brands(scope_of(actor), wanted, decode_token(token), limit + 1)
    ids, next_token = _page(found, limit)
    brands = [b for b in (uow.brands.get(i) for i in ids) if b is not None]
    return CustomerPage([CustomerBrand(b, cid_of(actor), b.csp_id == actor.cnp_id) for b in brands], next_token)
