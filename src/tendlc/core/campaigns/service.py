"""Campaign use cases: register (campaign builder), read, update, deactivate, search."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from tendlc.core.actor import Actor
from tendlc.core.brands.mock_cleanup import removal_due
from tendlc.core.brands.model import Brand
from tendlc.core.campaigns import billing, hooks
from tendlc.core.campaigns.billing import add_months
from tendlc.core.campaigns.lifecycle import CampaignAction, next_status
from tendlc.core.campaigns.model import (
    IMMUTABLE_FIELDS,
    SAMPLE_FIELDS,
    Campaign,
    CampaignRequest,
    MutableCampaignFields,
)
from tendlc.core.campaigns.rules import check_campaign
from tendlc.core.campaigns.sole_proprietor import claim_campaign_slot
from tendlc.core.carriers.qualify import registration_terms
from tendlc.core.clock import Clock
from tendlc.core.compliance.stored import submission_report
from tendlc.core.errors import (
    BrandPendingScoring,
    CampaignRejected,
    Duplicate,
    FieldProblem,
    InvalidInput,
    NotFound,
)
from tendlc.core.events import Event, EventType
from tendlc.core.ids import NO_RESELLER, IdGenerator
from tendlc.core.model import Page, check_tags, merge_problems, normalise_tags, parse_partial, wire_name
from tendlc.core.paging import TCR_LEGACY_MAX, TCR_SEARCH_MAX, TCR_SEARCH_REACHABLE, check_page
from tendlc.core.ports import CampaignFilter, UnitOfWork

# A sole proprietor is SELF_DECLARED until its mobile phone is verified by SMS OTP (TCR: no campaign before).
USABLE_IDENTITIES = frozenset({"VERIFIED", "VETTED_VERIFIED"})
COMPLIANCE_PROFILE = "tcr"  # the registry's own rules; a provider lints its submissions under its profile


def _event(kind: EventType, c: Campaign, brand_name: str | None, at: datetime, description: str) -> Event:
    payload = {
        "cspId": c.csp_id,
        "brandId": c.brand_id,
        "brandName": brand_name,
        "campaignId": c.campaign_id,
        "campaignReferenceId": c.reference_id,
        "description": description,
        "mock": c.mock,
    }
    return Event(kind, (c.csp_id,), at, payload)


def _record(uow: UnitOfWork, c: Campaign, action: str, actor: Actor, at: datetime) -> None:
    uow.record_history("campaign", c.campaign_id, c.version, action, actor.label, at, c.model_dump(mode="json"))


def _usable_brand(uow: UnitOfWork, actor: Actor, brand_id: str) -> Brand:
    brand = uow.brands.get(brand_id)
    if brand is None or brand.csp_id != actor.cnp_id or brand.status != "ACTIVE":
        raise NotFound(f"brand {brand_id} not found", ["brandId"])
    if brand.identity_pending:
        raise BrandPendingScoring(
            f"brand {brand_id} identity is still being verified; retry once BRAND_IDENTITY_STATUS_UPDATE "
            "arrives", ["brandId"])
    if brand.identity_status not in USABLE_IDENTITIES and brand.is_sole_proprietor:
        raise CampaignRejected(
            f"sole proprietor brand {brand_id} is {brand.identity_status}: verify its mobilePhone by SMS OTP first "
            f"(POST /brand/{brand_id}/smsOtp sends a PIN, PUT /brand/{brand_id}/smsOtp with otpPin verifies it)",
            ["brandId"])
    if brand.identity_status not in USABLE_IDENTITIES:
        raise CampaignRejected(
            f"brand {brand_id} identity is {brand.identity_status}; see GET /v2/brand/feedback/{brand_id}, fix "
            "the brand and wait for it to verify", ["brandId"])
    return brand


def register(uow: UnitOfWork, ids: IdGenerator, clock: Clock, actor: Actor, body: Any) -> Campaign:
    """``POST /campaignBuilder``: validate and register a campaign for one of the caller's brands."""
    request, bad = parse_partial(CampaignRequest, body)
    problems = merge_problems(bad, check_campaign(request), check_tags(request.tag))
    if problems:
        raise InvalidInput.of(problems)
    assert request.brand_id is not None and request.usecase is not None
    brand = _usable_brand(uow, actor, request.brand_id)
    _check_sole_proprietor(brand, request)
    if request.reseller_id not in (None, NO_RESELLER):
        raise NotFound(f"reseller {request.reseller_id} not found", ["resellerId"])
    if request.reference_id and uow.campaigns.reference_id_owner(actor.cnp_id, request.reference_id):
        raise Duplicate(f"a campaign with referenceId {request.reference_id!r} already exists", ["referenceId"])
    now = clock.now()
    brand = claim_campaign_slot(uow, actor, brand, now)  # a sole proprietor: one campaign not EXPIRED (511)
    samples = sum(1 for name in SAMPLE_FIELDS if getattr(request, name))
    terms = registration_terms(brand, request.usecase, request.mno_ids, samples, now.date())
    campaign_id = ids.tcr_id("C")
    while uow.campaigns.get(campaign_id) is not None:
        campaign_id = ids.tcr_id("C")
    given = request.model_dump(exclude_none=True, exclude={"tag", "mno_ids"})
    campaign = Campaign(
        **given,
        campaign_id=campaign_id,
        csp_id=actor.cnp_id,
        tag=normalise_tags(request.tag),
        mno_ids=sorted(set(request.mno_ids or [])),
        create_date=now,
        billed_date=None if brand.mock else now,
        # A mock campaign is never billed; it goes with its mock brand (core.brands.mock_cleanup).
        next_renewal_or_expiration_date=(removal_due(brand.create_date).date() if brand.mock
                                         else add_months(now.date(), terms.upfront_months)),
        mock=brand.mock,
        monthly_fee=terms.monthly_fee,
        mno_metadata=terms.mno_metadata,
    )
    # The lint runs on every submission and is kept with the campaign; it refuses nothing (TCR's own limits
    # were checked above) — the findings are for the reviewers (GET /api/v1/campaigns/{id}/compliance).
    campaign = campaign.model_copy(update={"compliance": submission_report(campaign, brand, COMPLIANCE_PROFILE, now)})
    uow.campaigns.add(campaign)
    _record(uow, campaign, "create", actor, now)
    if actor.project_id is not None:  # registered with a project key: the campaign belongs to that project
        uow.projects.attribute(actor.cnp_id, campaign_id, actor.project_id, now)
    uow.emit(_event(EventType.CAMPAIGN_ADD, campaign, brand.display_name, now,
                    f"Campaign {campaign_id} for brand {brand.brand_id} ({brand.display_name}) is provisioned in "
                    "the registry"))
    if not campaign.mock:  # registration bills the first term (the up-front months); see billing
        uow.emit(billing.billed_event(campaign, now, now.date(), terms.upfront_months))
    return campaign


def _check_sole_proprietor(brand: Brand, request: CampaignRequest) -> None:
    if brand.is_sole_proprietor != (request.usecase == "SOLE_PROPRIETOR"):
        raise InvalidInput.of([FieldProblem(
            "usecase", "SOLE_PROPRIETOR campaigns are for sole-proprietor brands, and sole-proprietor brands "
            "may only register SOLE_PROPRIETOR campaigns")])


def get(uow: UnitOfWork, actor: Actor, campaign_id: str) -> Campaign:
    """One of the caller's campaigns; another account's campaign is not found."""
    campaign = uow.campaigns.get(campaign_id)
    if campaign is None or campaign.csp_id != actor.cnp_id:
        raise NotFound(f"campaign {campaign_id} not found", ["campaignId"])
    return campaign


def update(uow: UnitOfWork, clock: Clock, actor: Actor, campaign_id: str, body: Any) -> Campaign:
    """``PUT /campaign/{campaignId}``: change mutable fields. An immutable field may be sent only with
    its current value (so a client can send back what it read)."""
    campaign = billing.catch_up(uow, get(uow, actor, campaign_id), clock.now())  # a term already over
    next_status(campaign.status, CampaignAction.UPDATE, campaign_id)
    parsed, bad = parse_partial(CampaignRequest, body)
    sent = parsed.model_dump(exclude_unset=True)
    frozen = [FieldProblem(wire_name(k), "cannot be changed after registration") for k in IMMUTABLE_FIELDS
              if k in sent and not _unchanged(campaign, k, sent[k])]
    changes = {k: v for k, v in sent.items() if k in MutableCampaignFields.model_fields
               and (v is not None or k not in _NOT_NULLABLE)}
    merged = campaign.model_copy(update=changes)
    problems = merge_problems(bad, frozen, _check_reseller_change(campaign.reseller_id, merged.reseller_id),
                              check_campaign(merged))
    if problems:
        raise InvalidInput.of(problems)
    if merged == campaign:
        return campaign  # nothing changed: no new version, no event
    now = clock.now()
    saved = uow.campaigns.save(merged)
    _record(uow, saved, "update", actor, now)
    uow.emit(_event(EventType.CAMPAIGN_UPDATE, saved, None, now, f"Campaign {campaign_id} is updated"))
    return saved


_NOT_NULLABLE = frozenset({"reseller_id", "description", "message_flow", "optin_keywords", "optout_keywords",
                           "help_keywords", "embedded_link", "embedded_phone", "number_pool", "age_gated",
                           "direct_lending", "auto_renewal"})


_SET_FIELDS = frozenset({"sub_usecases", "mno_ids"})


def _unchanged(campaign: Campaign, name: str, sent: Any) -> bool:
    """Whether an immutable field was sent with its current value. Lists are sets (the registry keeps
    tags lower-case and carriers sorted), and a null list is the empty one."""
    current = getattr(campaign, name)
    if name == "tag":
        return normalise_tags(sent) == normalise_tags(current)
    if name in _SET_FIELDS and (sent is None or isinstance(sent, list)):
        return sorted(set(sent or [])) == sorted(set(current or []))
    return bool(sent == current)


def _check_reseller_change(old: str, new: str | None) -> list[FieldProblem]:
    if new is None or new == old:
        return []
    if old != NO_RESELLER and new == NO_RESELLER:
        return []
    return [FieldProblem("resellerId", "a reseller can only be removed (set to R000000), not set or replaced")]


def deactivate(uow: UnitOfWork, clock: Clock, actor: Actor, campaign_id: str) -> Campaign:
    """``DELETE /campaign/{campaignId}``: status EXPIRED, irreversible; a second call changes nothing."""
    campaign = billing.catch_up(uow, get(uow, actor, campaign_id), clock.now())
    if not campaign.active:
        return campaign
    now = clock.now()
    status = next_status(campaign.status, CampaignAction.DEACTIVATE, campaign_id)
    saved = uow.campaigns.save(campaign.model_copy(update={"status": status.value, "expiration_date": now,
                                                          "next_renewal_or_expiration_date": now.date()}))
    _record(uow, saved, "deactivate", actor, now)
    billing.tell_expired(uow, saved, now, f"Campaign {campaign_id} is deactivated")  # owner + chain parties
    hooks.on_campaign_expired(uow, now, saved)
    return saved


def search(uow: UnitOfWork, actor: Actor, where: CampaignFilter, page: int, per_page: int,
           *, legacy: bool = False) -> Page[Campaign]:
    """``GET /campaign/search`` (≤ 50 a page, first 10,000 reachable, no mock campaigns) or the legacy
    ``GET /campaign`` (≤ 500 a page, ``mock`` filter honoured). At most 10 well-formed tags to filter on."""
    tag_problems = check_tags(where.tags)
    if tag_problems:
        raise InvalidInput.of(tag_problems)
    if legacy:
        return uow.campaigns.search(actor.cnp_id, where, check_page(page, per_page, TCR_LEGACY_MAX))
    request = check_page(page, per_page, TCR_SEARCH_MAX, TCR_SEARCH_REACHABLE)
    found = uow.campaigns.search(actor.cnp_id, where, request)
    room = TCR_SEARCH_REACHABLE - request.offset  # a last page straddling the limit stops at it
    return found if len(found.items) <= room else Page(found.total, found.items[:room])

