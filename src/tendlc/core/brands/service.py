"""Brand use cases: register, read, update, search, delete, and score identity."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from tendlc.core.actor import SYSTEM, Actor
from tendlc.core.brands.identity import IdentityPolicy, score_identity
from tendlc.core.brands.model import IDENTITY_FIELDS, Brand, BrandFields, BrandRequest
from tendlc.core.brands.rules import check_brand
from tendlc.core.clock import Clock
from tendlc.core.errors import (
    BrandHasActiveCampaigns,
    Duplicate,
    IdentityFieldsLocked,
    InvalidInput,
    NotFound,
    RelationshipChangeTooSoon,
)
from tendlc.core.events import Event, EventType
from tendlc.core.ids import NO_RESELLER, IdGenerator
from tendlc.core.model import Page, check_tags, merge_problems, normalise_tags, parse_partial, wire_name
from tendlc.core.paging import TCR_LEGACY_MAX, check_page
from tendlc.core.ports import BrandFilter, UnitOfWork

RELATIONSHIP_CHANGE_INTERVAL = timedelta(days=90)


def _event(kind: EventType, brand: Brand, at: datetime, description: str, **extra: Any) -> Event:
    payload = {
        "cspId": brand.csp_id,
        "cspName": brand.csp_name,
        "brandId": brand.brand_id,
        "brandName": brand.display_name,
        "brandReferenceId": brand.reference_id,
        "description": description,
        "mock": brand.mock,
        **extra,
    }
    return Event(kind, (brand.csp_id,), at, payload)


def _record(uow: UnitOfWork, brand: Brand, action: str, actor: Actor, at: datetime) -> None:
    uow.record_history("brand", brand.brand_id, brand.version, action, actor.label, at,
                       brand.model_dump(mode="json"))


def register(
    uow: UnitOfWork, ids: IdGenerator, clock: Clock, actor: Actor, body: Any, policy: IdentityPolicy
) -> Brand:
    """Register a brand (``POST /brand/nonBlocking``). Identity is scored later; the brand starts
    UNVERIFIED and BRAND_IDENTITY_STATUS_UPDATE follows."""
    request, bad = parse_partial(BrandRequest, body)
    problems = merge_problems(bad, check_brand(request), check_tags(request.tag))
    if problems:
        raise InvalidInput.of(problems)
    if request.reference_id and uow.brands.reference_id_owner(actor.cnp_id, request.reference_id):
        raise Duplicate(f"a brand with referenceId {request.reference_id!r} already exists", ["referenceId"])
    now = clock.now()
    brand_id = ids.tcr_id("B")
    while uow.brands.get(brand_id) is not None:
        brand_id = ids.tcr_id("B")
    fields = request.model_dump(exclude={"mock", "tag"})
    brand = Brand(
        **fields,
        brand_id=brand_id,
        csp_id=actor.cnp_id,
        csp_name=actor.name,
        mock=request.mock,
        tag=normalise_tags(request.tag),
        universal_ein=_universal_ein(request),
        create_date=now,
        identity_check_due_at=now + timedelta(seconds=policy.delay_seconds),
    )
    uow.brands.add(brand)
    _record(uow, brand, "create", actor, now)
    uow.emit(_event(EventType.BRAND_ADD, brand, now, f"Brand {brand_id} ({brand.display_name}) is added"))
    return brand


def _universal_ein(b: BrandFields) -> str | None:
    if not b.ein:
        return None
    return f"{b.ein_issuing_country or b.country or 'US'}_{b.ein.replace('-', '')}"


def get(uow: UnitOfWork, actor: Actor, brand_id: str) -> Brand:
    """A brand of the caller's (deleted ones too); another account's brand is not found."""
    brand = uow.brands.get(brand_id)
    if brand is None or brand.csp_id != actor.cnp_id:
        raise NotFound(f"brand {brand_id} not found", ["brandId"])
    return brand


def update(
    uow: UnitOfWork, clock: Clock, actor: Actor, brand_id: str, body: Any, policy: IdentityPolicy
) -> Brand:
    """``PUT /brand/{brandId}``: change the given fields. Identity fields are locked once the brand
    has campaigns (537); changing them otherwise re-opens identity verification."""
    brand = get(uow, actor, brand_id)
    if brand.status != "ACTIVE":
        raise NotFound(f"brand {brand_id} is deleted", ["brandId"])
    parsed, bad = parse_partial(BrandFields, body)
    changes = parsed.model_dump(exclude_unset=True)
    merged = brand.model_copy(update=changes)
    problems = merge_problems(bad, check_brand(merged))
    if problems:
        raise InvalidInput.of(problems)
    if changes.get("reference_id") and changes["reference_id"] != brand.reference_id:
        owner = uow.brands.reference_id_owner(actor.cnp_id, changes["reference_id"])
        if owner not in (None, brand_id):
            raise Duplicate(f"a brand with referenceId {changes['reference_id']!r} already exists",
                            ["referenceId"])
    if merged == brand:
        return brand  # nothing changed: no new version, no event
    now = clock.now()
    changed_identity = [f for f in IDENTITY_FIELDS if getattr(merged, f) != getattr(brand, f)]
    if changed_identity and (uow.campaigns.count_for_brand(brand_id, active_only=False) > 0
                             or uow.vettings.count_open_or_active(brand_id) > 0):
        raise IdentityFieldsLocked(
            "companyName, ein, einIssuingCountry and entityType cannot change once the brand has campaigns "
            "or external vets",
            [wire_name(f) for f in changed_identity],
        )
    updates: dict[str, Any] = {}
    if merged.brand_relationship != brand.brand_relationship:
        last = brand.relationship_changed_at
        if last is not None and now - last < RELATIONSHIP_CHANGE_INTERVAL:
            raise RelationshipChangeTooSoon(
                f"brandRelationship was changed on {last:%Y-%m-%d}; it may change again after "
                f"{last + RELATIONSHIP_CHANGE_INTERVAL:%Y-%m-%d}",
                ["brandRelationship"],
            )
        updates["relationship_changed_at"] = now
    if merged.mobile_phone != brand.mobile_phone:
        updates["mobile_phone_verified_date"] = None  # the OTP verified the old number, not this one
    if changed_identity or merged.mobile_phone != brand.mobile_phone:
        updates |= {
            "identity_status": "UNVERIFIED",
            "identity_feedback": [],
            "identity_check_due_at": now + timedelta(seconds=policy.delay_seconds),
            "universal_ein": _universal_ein(merged),
        }
    saved = uow.brands.save(merged.model_copy(update=updates))
    _record(uow, saved, "update", actor, now)
    uow.emit(_event(EventType.BRAND_UPDATE, saved, now, f"Brand {brand_id} is updated"))
    return saved


def delete(uow: UnitOfWork, clock: Clock, actor: Actor, brand_id: str) -> None:
    """``DELETE /brand/{brandId}``: status DELETED, irreversible; refused with active campaigns (542).
    Deleting a deleted brand again changes nothing."""
    brand = get(uow, actor, brand_id)
    if brand.status == "DELETED":
        return
    active = uow.campaigns.count_for_brand(brand_id, active_only=True)
    if active:
        raise BrandHasActiveCampaigns(
            f"brand {brand_id} has {active} active campaign(s); deactivate them first", ["brandId"]
        )
    now = clock.now()
    saved = uow.brands.save(brand.model_copy(update={"status": "DELETED", "identity_check_due_at": None}))
    _record(uow, saved, "delete", actor, now)
    uow.emit(_event(EventType.BRAND_DELETE, saved, now, f"Brand {brand_id} is deleted"))


def search(uow: UnitOfWork, actor: Actor, where: BrandFilter, page: int, per_page: int) -> Page[Brand]:
    """``GET /brand``: the caller's brands matching ``where``, ≤ 500 a page. A record has at most 10 tags,
    so a filter naming more (or malformed ones) is invalid input."""
    tag_problems = check_tags(where.tags)
    if tag_problems:
        raise InvalidInput.of(tag_problems)
    request = check_page(page, per_page, TCR_LEGACY_MAX)
    if where.reseller_id not in (None, NO_RESELLER) or where.authentication_plus_compliant:
        # tendlc brands have no reseller and no Authentication+ verification yet: nothing matches.
        return Page(total=0, items=[])
    return uow.brands.search(actor.cnp_id, where, request)


def score_due(uow: UnitOfWork, clock: Clock, policy: IdentityPolicy, limit: int = 100) -> int:
    """Score every brand whose identity check is due; returns how many were scored."""
    now = clock.now()
    scored = 0
    for brand in uow.brands.due_for_identity_check(now, limit):
        verdict = score_identity(brand, policy)
        saved = uow.brands.save(
            brand.model_copy(
                update={
                    "identity_status": verdict.status,
                    "identity_feedback": verdict.feedback,
                    "identity_check_due_at": None,
                }
            )
        )
        _record(uow, saved, "identity", SYSTEM, now)
        uow.emit(
            _event(
                EventType.BRAND_IDENTITY_STATUS_UPDATE, saved, now,
                f"Brand {saved.brand_id} identity status is {verdict.status}",
                brandIdentityStatus=verdict.status,
            )
        )
        scored += 1
    return scored
