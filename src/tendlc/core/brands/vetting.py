"""External vetting of a brand (TCR ``ExternalVetting``): the record, the request bodies and the pure rules.

A vet is ordered (``POST``: a simulated provider completes it after ``VettingPolicy.delay_seconds``) or
imported (``PUT``: a report the provider already made, given by its ``vettingId``). Statuses follow
``/enum/vettingStatus``: PENDING → ACTIVE | FAILED, and ACTIVE → EXPIRED once ``validUntil`` passes.

**Which score is the brand's.** A brand's ``evpVettingScore`` is the score of its most recently completed
ACTIVE STANDARD or ENHANCED vet, not the best one: TCR documents that vetting results are replaced by a
newer vet of the brand (a re-vet is how a brand whose data changed gets terms that match it, and CSP
guides warn that a new vet applies even when it scores lower). When that vet expires, the latest of
the remaining active ones applies; with none the brand is unvetted again (``None``). POLITICAL vets
carry no throughput score.

**Sandbox vetting ids.** tendlc talks to no real provider, so an import accepts vetting ids of the form
``tendlc|<evpId>|<vettingClass>|<score or ->|<reference>[|<validUntil YYYY-MM-DD>]``, e.g.
``tendlc|AEGIS|STANDARD|82|acme-2026``. The score it encodes is the vet's score; ``-`` asks for the
simulated score of the brand (:func:`simulated_score`). Any other id is unknown to the provider (520).
Ordered vets get ids of the same form (with ``-``), so an ordered vet cannot be imported into another brand.
"""

from __future__ import annotations

import calendar
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from pydantic import Field

from tendlc.core.brands.model import Brand
from tendlc.core.catalog.registry import VETTING_CLASSES
from tendlc.core.catalog.vetting import PROVIDERS, SCORING_CLASSES, Provider
from tendlc.core.errors import FieldProblem, InvalidInput
from tendlc.core.model import CoreModel, InputModel

OPEN_STATUSES = ("PENDING", "UNSCORE")
REORDER_WAIT = timedelta(days=30)
SANDBOX_PREFIX = "tendlc"
SANDBOX_ID = re.compile(
    r"^tendlc\|(?P<evp>[A-Z0-9_]{1,10})\|(?P<cls>[A-Z_]{1,20})\|(?P<score>-|\d{1,3})\|(?P<ref>[^|]{1,120})"
    r"(?:\|(?P<until>\d{4}-\d\d-\d\d))?$")


class ExternalVetting(CoreModel):
    """One vet of a brand. ``record_id`` is tendlc's key; ``due_at`` is when the worker next looks at it
    (completion of a PENDING vet, expiry of an ACTIVE one)."""

    record_id: str
    brand_id: str
    csp_id: str
    evp_id: str
    vetting_id: str
    vetting_token: str | None = None
    vetting_score: int | None = None
    vetting_class: str
    vetting_status: str = "PENDING"
    reasons: list[str] = []
    vetted_date: datetime | None = None
    create_date: datetime
    valid_until: datetime | None = None
    expiration_date: datetime | None = None
    imported: bool = False
    due_at: datetime | None = None
    sandbox_score: int | None = None
    sandbox_outcome: str | None = None
    version: int = 1


class OrderRequest(InputModel):
    """``ExternalVettingOrderRequest``."""

    evp_id: str = Field(min_length=1, max_length=10)
    vetting_class: str | None = Field(default=None, max_length=20)
    additional_request_payload: str | None = None


class ImportRequest(InputModel):
    """``ExternalVettingImportRequest`` (a ``vettingId`` is needed to find the report)."""

    evp_id: str = Field(min_length=1, max_length=10)
    vetting_id: str = Field(min_length=1, max_length=255)
    vetting_token: str | None = Field(default=None, max_length=65535)


@dataclass(frozen=True)
class VettingPolicy:
    """``delay_seconds``: time from an order to its result (TCR's Aegis answers in about 30 seconds)."""

    delay_seconds: float = 30.0


@dataclass(frozen=True)
class SandboxReport:
    """What a sandbox vetting id says about the report it names."""

    evp_id: str
    vetting_class: str
    score: int | None
    valid_until: date | None


def provider(evp_id: str) -> Provider:
    found = PROVIDERS.get(evp_id)
    if found is None:
        raise InvalidInput.of([FieldProblem(
            "evpId", f"unknown vetting provider {evp_id!r}; see /v2/enum/extVettingProvider")])
    return found


def order_class(request: OrderRequest, evp: Provider) -> str:
    """The class ordered: the one asked for (offered by the provider), else the provider's first class."""
    cls = request.vetting_class or evp.vetting_classes[0]
    if cls not in evp.vetting_classes:
        raise InvalidInput.of([FieldProblem(
            "vettingClass", f"{evp.evp_id} vets {', '.join(evp.vetting_classes)}, not {cls!r}")])
    return cls


def order_payload(request: OrderRequest, vetting_class: str) -> dict[str, Any]:
    """The parsed ``additionalRequestPayload`` (a JSON object, required for POLITICAL vets).

    Sandbox keys: ``sandboxScore`` (0–100) sets the score the simulated provider gives, and
    ``sandboxOutcome: "FAILED"`` makes the vet fail."""
    raw = request.additional_request_payload
    if raw is None:
        if vetting_class == "POLITICAL":
            raise InvalidInput.of([FieldProblem("additionalRequestPayload", "is required for POLITICAL vets")])
        return {}
    try:
        payload = json.loads(raw)
    except ValueError:
        payload = None
    if not isinstance(payload, dict):
        raise InvalidInput.of([FieldProblem("additionalRequestPayload", "must be a JSON object in a string")])
    score = payload.get("sandboxScore")
    if score is not None and (type(score) is not int or not 0 <= score <= 100):
        raise InvalidInput.of([FieldProblem("additionalRequestPayload", "sandboxScore must be an integer 0..100")])
    if payload.get("sandboxOutcome") not in (None, "ACTIVE", "FAILED"):
        raise InvalidInput.of([FieldProblem("additionalRequestPayload", "sandboxOutcome must be ACTIVE or FAILED")])
    return payload


def sandbox_id(evp_id: str, vetting_class: str, reference: str, score: int | None = None) -> str:
    return f"{SANDBOX_PREFIX}|{evp_id}|{vetting_class}|{'-' if score is None else score}|{reference}"


def parse_sandbox_id(vetting_id: str) -> SandboxReport | None:
    """The report a sandbox vetting id names, or None when it is not one (or its score or date is impossible)."""
    match = SANDBOX_ID.match(vetting_id)
    if match is None:
        return None
    score = None if match["score"] == "-" else int(match["score"])
    if score is not None and score > 100:
        return None
    try:
        until = date.fromisoformat(match["until"]) if match["until"] else None
    except ValueError:
        return None
    return SandboxReport(match["evp"], match["cls"], score, until)


def incompatibility(evp_id: str, brand: Brand) -> str | None:
    """Why a provider's report cannot belong to the brand (TCR's import validation rules), or None."""
    us = (brand.country or "US") == "US"
    if evp_id == "CV":
        exempt = str(brand.optional_attributes.get("taxExemptStatus") or "").lower().startswith("501")
        if not us or brand.entity_type != "NON_PROFIT" or exempt:
            return "Campaign Verify vets need a US NON_PROFIT brand without 501(c) tax exempt status"
    if evp_id == "WMC" and (not us or brand.entity_type not in ("PRIVATE_PROFIT", "PUBLIC_PROFIT")):
        return "WMC Global vets need a US PRIVATE_PROFIT or PUBLIC_PROFIT brand"
    return None


BASE_SCORES = {"PUBLIC_PROFIT": 75, "GOVERNMENT": 75, "NON_PROFIT": 55, "PRIVATE_PROFIT": 45}


def simulated_score(brand: Brand, vetting_class: str) -> int:
    """The simulated provider's score, from what the brand shows about itself: a base by entity type
    (public companies and government 75, non-profits 55, private companies 45), +10 with a website,
    +5 with a business contact email, +5 for a LARGE or KEY account, +10 for an ENHANCED vet; at most 100."""
    score = BASE_SCORES.get(brand.entity_type or "", 40)
    score += 10 if brand.website else 0
    score += 5 if brand.business_contact_email else 0
    score += 5 if brand.brand_relationship in ("LARGE_ACCOUNT", "KEY_ACCOUNT") else 0
    score += 10 if vetting_class == "ENHANCED" else 0
    return min(score, 100)


@dataclass(frozen=True)
class Outcome:
    status: str
    score: int | None
    reasons: list[str]


def outcome(vet: ExternalVetting, brand: Brand | None) -> Outcome:
    """What the simulated provider answers for an ordered vet of ``brand`` (None: deleted meanwhile)."""
    if brand is None or brand.status != "ACTIVE":
        return Outcome("FAILED", None, ["The brand was deleted before the vet completed."])
    if vet.sandbox_outcome == "FAILED":
        return Outcome("FAILED", None, ["The vetting provider declined the brand (sandbox outcome)."])
    if brand.identity_status == "UNVERIFIED":
        reasons = [f.description for f in brand.identity_feedback] or ["The brand's identity could not be verified."]
        return Outcome("FAILED", None, reasons)
    why = incompatibility(vet.evp_id, brand)
    if why:
        return Outcome("FAILED", None, [why])
    score = vet.sandbox_score if vet.sandbox_score is not None else simulated_score(brand, vet.vetting_class)
    return Outcome("ACTIVE", score, [])


def valid_until(vetted: datetime, vetting_class: str) -> datetime:
    """The end of a vet's validity: ``validityMonths`` of its class after it was vetted."""
    months = VETTING_CLASSES[vetting_class][2]
    index = vetted.month - 1 + months
    year, month = vetted.year + index // 12, index % 12 + 1
    day = min(vetted.day, calendar.monthrange(year, month)[1])
    return vetted.replace(year=year, month=month, day=day)


def end_of_day(day: date) -> datetime:
    return datetime.combine(day, time(23, 59, 59, 999000), tzinfo=UTC)


def brand_score(vets: Iterable[ExternalVetting]) -> int | None:
    """The brand's vetting score: that of its latest completed ACTIVE STANDARD/ENHANCED vet (see above)."""
    scoring = [v for v in vets if v.vetting_status == "ACTIVE" and v.vetting_class in SCORING_CLASSES
               and v.vetting_score is not None and v.vetted_date is not None]
    if not scoring:
        return None
    latest = max(scoring, key=lambda v: (v.vetted_date, v.create_date, v.record_id))
    return latest.vetting_score


def blocks_reorder(vet: ExternalVetting, evp_id: str, vetting_class: str, now: datetime) -> bool:
    """Whether ``vet`` makes a new order of the same provider and class a duplicate (549): it is still open,
    or it completed ACTIVE less than 30 days ago."""
    if vet.evp_id != evp_id or vet.vetting_class != vetting_class:
        return False
    if vet.vetting_status in OPEN_STATUSES:
        return True
    return vet.vetting_status == "ACTIVE" and vet.vetted_date is not None and now - vet.vetted_date < REORDER_WAIT
