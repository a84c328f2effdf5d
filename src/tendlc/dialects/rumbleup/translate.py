"""RumbleUp's words for tendlc's campaigns and brands (pure).

``status`` is RumbleUp's six words, mapped from the canonical readiness stage:

================================================================  ===================
NOT_SHARED, PROVIDER_REVIEW, SHARE_PENDING, DCA_REVIEW             REVIEW IN PROGRESS
SHARE_DECLINED, CARRIER_REJECTED                                   REVIEW FAILED
CARRIER_REVIEW, NUMBERS_PENDING                                    PENDING
ACTIVE                                                             ACTIVE
SUSPENDED                                                          DISABLED
EXPIRED                                                            EXPIRED
================================================================  ===================

RumbleUp's REVIEW IN PROGRESS is "under review by a CNP": every stage before the DCA accepts. REVIEW FAILED
is "declined, requires changes and resubmission": a declined share and a carrier rejection both ask for
that. Once the DCA accepted, what remains for a customer is RumbleUp's PENDING, "proxy provisioning is in
progress": carriers registering the campaign, then numbers being assigned. A carrier suspension is the
nearest thing to DISABLED ("disabled by admin"): the campaign may not send until somebody lifts it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from tendlc.core.brands.model import Brand
from tendlc.core.readiness.customers import CustomerBrand, CustomerCampaign
from tendlc.core.readiness.model import Stage

STATUS_WORDS: tuple[str, ...] = ("ACTIVE", "DISABLED", "EXPIRED", "REVIEW FAILED", "REVIEW IN PROGRESS", "PENDING")

STATUS_OF: dict[Stage, str] = {
    Stage.NOT_SHARED: "REVIEW IN PROGRESS",
    Stage.PROVIDER_REVIEW: "REVIEW IN PROGRESS",
    Stage.SHARE_PENDING: "REVIEW IN PROGRESS",
    Stage.SHARE_DECLINED: "REVIEW FAILED",
    Stage.DCA_REVIEW: "REVIEW IN PROGRESS",
    Stage.CARRIER_REVIEW: "PENDING",
    Stage.CARRIER_REJECTED: "REVIEW FAILED",
    Stage.SUSPENDED: "DISABLED",
    Stage.NUMBERS_PENDING: "PENDING",
    Stage.ACTIVE: "ACTIVE",
    Stage.EXPIRED: "EXPIRED",
}

EASTERN = ZoneInfo("America/New_York")
TMOBILE = "10035"
VOLUME_BANDS: tuple[int, ...] = (1000, 2000, 5000, 10_000, 25_000, 50_000, 100_000, 200_000)


def status_word(stage: Stage) -> str:
    return STATUS_OF[stage]


def rumbleup_time(at: datetime | None) -> str | None:
    """RumbleUp's ``04/01/2025 12:00 EST``: US Eastern time, with EST or EDT as the day has it."""
    if at is None:
        return None
    local = at.astimezone(EASTERN)
    return local.strftime("%m/%d/%Y %H:%M ") + (local.tzname() or "ET")


def rumbleup_date(day: date | None) -> str | None:
    return day.strftime("%m/%d/%Y") if day is not None else None


def keywords(text: str | None) -> list[str]:
    """TCR's comma-separated keywords as RumbleUp's array."""
    return [k.strip() for k in (text or "").split(",") if k.strip()]


def volume_band(daily: Sequence[int]) -> str:
    """``messageSentPerDay``: the band ("1000-2000") of the campaign's average messages per sending day over
    the last 30 days (recorded by the traffic gate); "0-1000" before it sent."""
    average = sum(daily) / len(daily) if daily else 0
    low = 0
    for high in VOLUME_BANDS:
        if average < high:
            return f"{low}-{high}"
        low = high
    return f"{low}+"


def brand_daily_cap(mno_metadata: dict[str, dict[str, Any]]) -> int | None:
    """T-Mobile's ``brandDailyCap`` of the campaign's terms (None when uncapped or not on T-Mobile)."""
    cap = mno_metadata.get(TMOBILE, {}).get("brandDailyCap")
    return cap if isinstance(cap, int) else None


def brand_name(brand: Brand | None) -> str | None:
    if brand is None:
        return None
    return brand.display_name or brand.company_name or " ".join(filter(None, [brand.first_name, brand.last_name]))


def campaign_json(item: CustomerCampaign) -> dict[str, Any]:
    """One campaign as ``/api/tcr/campaign/select`` lists it (every field of RumbleUp's campaign object;
    ``reason`` is tendlc's: why ``ok`` is false). Billing and renewal are null for a provider that is a
    CSP-type upstream of the campaign (TCR shows it no billing)."""
    c, r = item.campaign, item.readiness
    return {
        "cid": item.cid,
        "campaignId": c.campaign_id,
        "brandId": c.brand_id,
        "brandName": brand_name(item.brand),
        "usecase": c.usecase,
        "status": status_word(r.stage),
        "ok": r.ok,
        "proxy": [n.removeprefix("+") for n in r.provisioned],
        "reason": r.reason,
        "description": c.description,
        "messageFlow": c.message_flow,
        "privacyLink": c.privacy_policy_link,
        "autoRenewal": c.auto_renewal if item.full else None,
        "helpKeywords": keywords(c.help_keywords),
        "optinKeywords": keywords(c.optin_keywords),
        "optoutKeywords": keywords(c.optout_keywords),
        "helpMessage": c.help_message,
        "optinMessage": c.optin_message,
        "optoutMessage": c.optout_message,
        "ageGated": c.age_gated,
        "numberPool": c.number_pool,
        "embeddedLink": c.embedded_link,
        "embeddedPhone": c.embedded_phone,
        "directLending": c.direct_lending,
        "subscriberOptin": c.subscriber_optin,
        "subscriberOptout": c.subscriber_optout,
        "subscriberHelp": c.subscriber_help,
        "sample1": c.sample1,
        "sample2": c.sample2,
        "messageSentPerDay": volume_band(item.daily_counts),
        "createDate": rumbleup_time(c.create_date),
        "billedDate": rumbleup_time(c.billed_date) if item.full else None,
        "nextRenewalOrExpirationDate": rumbleup_date(c.next_renewal_or_expiration_date) if item.full else None,
        "sent_time": rumbleup_time(item.sent_time),
        "brandDailyCap": brand_daily_cap(c.mno_metadata),
        "mnoMetadata": c.mno_metadata,
    }


SHOWN_BRAND_FIELDS: tuple[tuple[str, str], ...] = (
    ("brandId", "brand_id"), ("companyName", "company_name"), ("displayName", "display_name"),
    ("firstName", "first_name"), ("lastName", "last_name"), ("entityType", "entity_type"),
    ("vertical", "vertical"), ("website", "website"), ("email", "email"), ("phone", "phone"),
    ("stockSymbol", "stock_symbol"), ("stockExchange", "stock_exchange"), ("brandRelationship", "brand_relationship"),
    ("identityStatus", "identity_status"), ("evpVettingScore", "evp_vetting_score"), ("status", "status"),
)
OWNER_BRAND_FIELDS: tuple[tuple[str, str], ...] = (
    ("ein", "ein"), ("einIssuingCountry", "ein_issuing_country"), ("street", "street"), ("city", "city"),
    ("state", "state"), ("postalCode", "postal_code"), ("country", "country"),
)


def brand_json(item: CustomerBrand) -> dict[str, Any]:
    """One brand as ``/api/tcr/brand/select`` lists it; EIN and address only for the brand's own CSP."""
    b = item.brand
    doc: dict[str, Any] = {"cid": item.cid, **{wire: getattr(b, name) for wire, name in SHOWN_BRAND_FIELDS}}
    doc["createDate"] = rumbleup_time(b.create_date)
    if item.full:
        doc.update({wire: getattr(b, name) for wire, name in OWNER_BRAND_FIELDS})
    return doc


def comma_list(value: str | None) -> list[str]:
    """RumbleUp's ``a,b,c`` query parameter."""
    return [v.strip() for v in (value or "").split(",") if v.strip()]
