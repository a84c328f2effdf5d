"""External vetting use cases (``/brand/{brandId}/externalVetting``) and the identity revet (``/revet``).

Rules (``reference/tcr-api.md`` §2.1 and the CSP API's error lists):
- Sole proprietors are not externally vetted: their identity is SELF_DECLARED and verified by OTP (525).
- Mock brands may be vetted like any other (they exist to exercise an integration; nothing is billed).
- An order of the same provider and class while one is open, or within 30 days of an ACTIVE one, is a
  duplicate (549). TCR documents the 30-day wait for RCS vets; tendlc applies it to every class because
  its simulated provider would answer the same brand with the same score, so a re-order would only re-bill.
- A provider's report belongs to one brand (543); importing it again into the same brand returns it.
When a vet becomes ACTIVE or stops being so, the brand's ``evpVettingScore`` is recomputed
(:func:`tendlc.core.brands.vetting.brand_score`) and with it the carrier terms it qualifies for.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from tendlc.core.actor import SYSTEM, Actor
from tendlc.core.brands import service as brands
from tendlc.core.brands.identity import IdentityPolicy, score_identity
from tendlc.core.brands.model import Brand
from tendlc.core.brands.vetting import (
    ExternalVetting,
    ImportRequest,
    OrderRequest,
    VettingPolicy,
    blocks_reorder,
    brand_score,
    end_of_day,
    incompatibility,
    order_class,
    order_payload,
    outcome,
    parse_sandbox_id,
    provider,
    sandbox_id,
    simulated_score,
    valid_until,
)
from tendlc.core.brands.vetting_ports import VettingFilter
from tendlc.core.catalog.registry import VETTING_CLASSES, VETTING_STATUSES
from tendlc.core.catalog.vetting import PROVIDERS
from tendlc.core.clock import Clock
from tendlc.core.errors import (
    BrandPendingScoring,
    FieldProblem,
    InvalidInput,
    NotFound,
    VettingBlockedByCampaigns,
    VettingDuplicate,
    VettingExpired,
    VettingIncompatible,
    VettingLinkedElsewhere,
    VettingNotAllowed,
    VettingRecordNotFound,
)
from tendlc.core.events import Event, EventType
from tendlc.core.ids import IdGenerator
from tendlc.core.model import parse_input
from tendlc.core.ports import UnitOfWork

EVENT_OF_STATUS = {"ACTIVE": EventType.EVP_REPORT_SCORE, "FAILED": EventType.EVP_REPORT_FAIL,
                   "EXPIRED": EventType.EVP_REPORT_EXPIRE}


def _active_brand(uow: UnitOfWork, actor: Actor, brand_id: str) -> Brand:
    brand = brands.get(uow, actor, brand_id)
    if brand.status != "ACTIVE":
        raise NotFound(f"brand {brand_id} is deleted", ["brandId"])
    return brand


def _vettable(brand: Brand) -> None:
    if brand.is_sole_proprietor:
        raise VettingNotAllowed(
            f"brand {brand.brand_id} is a sole proprietor; sole proprietors are verified by OTP, not external vetting",
            ["brandId"])


def _event(kind: EventType, brand: Brand, vet: ExternalVetting, at: datetime, description: str) -> Event:
    payload: dict[str, Any] = {
        "cspId": brand.csp_id, "cspName": brand.csp_name, "brandId": brand.brand_id,
        "brandName": brand.display_name, "brandReferenceId": brand.reference_id, "evpId": vet.evp_id,
        "evpName": PROVIDERS[vet.evp_id].display_name, "vettingId": vet.vetting_id,
        "vettingClass": vet.vetting_class, "vettingStatus": vet.vetting_status, "description": description,
        "mock": brand.mock,
    }
    if vet.vetting_score is not None:
        payload["vettingScore"] = vet.vetting_score
    return Event(kind, (brand.csp_id,), at, payload)


def _record(uow: UnitOfWork, vet: ExternalVetting, action: str, actor: Actor, at: datetime) -> None:
    uow.record_history("vetting", vet.record_id, vet.version, action, actor.label, at, vet.model_dump(mode="json"))


def list_vets(uow: UnitOfWork, actor: Actor, brand_id: str, statuses: list[str] | None, evp_id: str | None,
              vetting_class: str | None) -> list[ExternalVetting]:
    """``GET /brand/{brandId}/externalVetting``: the brand's vets in the given statuses (at least one)."""
    brands.get(uow, actor, brand_id)
    problems = []
    if not statuses:
        problems.append(FieldProblem("vettingStatus", f"is required: one or more of {', '.join(VETTING_STATUSES)}"))
    bad = [s for s in statuses or () if s not in VETTING_STATUSES]
    if bad:
        problems.append(FieldProblem("vettingStatus", f"{', '.join(bad)} not one of {', '.join(VETTING_STATUSES)}"))
    if evp_id is not None and evp_id not in PROVIDERS:
        problems.append(FieldProblem("evpId", f"unknown vetting provider {evp_id!r}"))
    if vetting_class is not None and vetting_class not in VETTING_CLASSES:
        problems.append(FieldProblem("vettingClass", f"unknown vetting class {vetting_class!r}"))
    if problems:
        raise InvalidInput.of(problems)
    return uow.vettings.for_brand(brand_id, VettingFilter(tuple(statuses or ()), evp_id, vetting_class))


def order(uow: UnitOfWork, ids: IdGenerator, clock: Clock, actor: Actor, brand_id: str, body: Any,
          policy: VettingPolicy) -> ExternalVetting:
    """``POST /brand/{brandId}/externalVetting``: order a vet; it is PENDING until the provider answers
    (EVP_REPORT_SCORE or EVP_REPORT_FAIL, ``policy.delay_seconds`` later)."""
    brand = _active_brand(uow, actor, brand_id)
    request = parse_input(OrderRequest, body)
    evp = provider(request.evp_id)
    cls = order_class(request, evp)
    payload = order_payload(request, cls)
    _vettable(brand)
    if brand.identity_pending:
        raise BrandPendingScoring(f"brand {brand_id} identity is still being verified; order once it is scored",
                                  ["brandId"])
    now = clock.now()
    for vet in uow.vettings.for_brand(brand_id, VettingFilter(evp_id=evp.evp_id, vetting_class=cls)):
        if blocks_reorder(vet, evp.evp_id, cls, now):
            raise VettingDuplicate(
                f"brand {brand_id} already has a {cls} vet from {evp.evp_id} ({vet.vetting_status}); wait 30 days "
                "from its completion before ordering another", ["evpId", "vettingClass"])
    record_id = ids.ulid()
    vet = ExternalVetting(
        record_id=record_id, brand_id=brand_id, csp_id=brand.csp_id, evp_id=evp.evp_id,
        vetting_id=sandbox_id(evp.evp_id, cls, record_id.lower()), vetting_class=cls, create_date=now,
        due_at=now + timedelta(seconds=policy.delay_seconds), sandbox_score=payload.get("sandboxScore"),
        sandbox_outcome=payload.get("sandboxOutcome"))
    uow.vettings.add(vet)
    _record(uow, vet, "order", actor, now)
    return vet


def import_vet(uow: UnitOfWork, ids: IdGenerator, clock: Clock, actor: Actor, brand_id: str,
               body: Any) -> ExternalVetting:
    """``PUT /brand/{brandId}/externalVetting``: link a provider's report to the brand; it is ACTIVE at once
    (EVP_REPORT_IMPORT). See ``core/brands/vetting.py`` for the sandbox vetting ids accepted."""
    brand = _active_brand(uow, actor, brand_id)
    request = parse_input(ImportRequest, body)
    evp = provider(request.evp_id)
    if evp.token_required and not request.vetting_token:
        raise InvalidInput.of([FieldProblem("vettingToken", f"is required to import a {evp.evp_id} report")])
    _vettable(brand)
    linked = uow.vettings.by_vetting_id(evp.evp_id, request.vetting_id)
    if linked is not None:
        if linked.brand_id != brand_id:
            raise VettingLinkedElsewhere(
                f"vet {request.vetting_id} is already associated with another brand; request a new report",
                ["vettingId"])
        return linked
    report = parse_sandbox_id(request.vetting_id)
    if report is None or report.evp_id != evp.evp_id or report.vetting_class not in evp.vetting_classes:
        raise VettingRecordNotFound(
            f"{evp.evp_id} has no vetting report {request.vetting_id!r}; sandbox ids look like "
            f"tendlc|{evp.evp_id}|{evp.vetting_classes[0]}|<score or ->|<reference>[|<validUntil>]",
            ["vettingId"])
    now = clock.now()
    if report.valid_until is not None and end_of_day(report.valid_until) < now:
        raise VettingExpired(f"vetting report {request.vetting_id} expired on {report.valid_until}", ["vettingId"])
    why = incompatibility(evp.evp_id, brand)
    if why:
        raise VettingIncompatible(why, ["vettingId"])
    if evp.evp_id == "CV" and uow.campaigns.count_for_brand(brand_id, active_only=True):
        raise VettingBlockedByCampaigns(
            "a Campaign Verify report cannot be imported for a brand with active campaigns", ["brandId"])
    until = end_of_day(report.valid_until) if report.valid_until else valid_until(now, report.vetting_class)
    score = report.score if report.score is not None else simulated_score(brand, report.vetting_class)
    vet = ExternalVetting(
        record_id=ids.ulid(), brand_id=brand_id, csp_id=brand.csp_id, evp_id=evp.evp_id,
        vetting_id=request.vetting_id, vetting_token=request.vetting_token, vetting_score=score,
        vetting_class=report.vetting_class, vetting_status="ACTIVE", vetted_date=now, create_date=now,
        valid_until=until, imported=True, due_at=until)
    uow.vettings.add(vet)
    _record(uow, vet, "import", actor, now)
    uow.emit(_event(EventType.EVP_REPORT_IMPORT, brand, vet, now,
                    f"{evp.display_name} {vet.vetting_class} vet {vet.vetting_id} imported for brand {brand_id}"))
    _refresh_brand(uow, brand, now)
    return vet


def complete_due(uow: UnitOfWork, clock: Clock, limit: int = 100) -> int:
    """The provider's answers that are due: complete PENDING orders, expire ACTIVE vets past validity."""
    now = clock.now()
    done = 0
    for vet in uow.vettings.due(now, limit):
        brand = uow.brands.get(vet.brand_id)
        if vet.vetting_status == "ACTIVE":
            changed = vet.model_copy(update={"vetting_status": "EXPIRED", "expiration_date": now, "due_at": None})
            action = "expire"
        else:
            answer = outcome(vet, brand)
            changed = vet.model_copy(update={
                "vetting_status": answer.status, "vetting_score": answer.score, "reasons": answer.reasons,
                "vetted_date": now if answer.status == "ACTIVE" else None,
                "valid_until": valid_until(now, vet.vetting_class) if answer.status == "ACTIVE" else None,
            })
            changed = changed.model_copy(update={"due_at": changed.valid_until})
            action = "complete"
        saved = uow.vettings.save(changed)
        _record(uow, saved, action, SYSTEM, now)
        if brand is not None:
            uow.emit(_event(EVENT_OF_STATUS[saved.vetting_status], brand, saved, now,
                            f"{saved.vetting_class} vet {saved.vetting_id} of brand {brand.brand_id} is "
                            f"{saved.vetting_status}"))
            if brand.status == "ACTIVE":
                _refresh_brand(uow, brand, now)
        done += 1
    return done


def _refresh_brand(uow: UnitOfWork, brand: Brand, now: datetime) -> Brand:
    """Recompute the brand's vetting score from its vets; a VERIFIED brand with a score is VETTED_VERIFIED."""
    score = brand_score(uow.vettings.for_brand(brand.brand_id, VettingFilter()))
    identity = brand.identity_status
    if score is not None and identity == "VERIFIED":
        identity = "VETTED_VERIFIED"
    elif score is None and identity == "VETTED_VERIFIED":
        identity = "VERIFIED"
    if score == brand.evp_vetting_score and identity == brand.identity_status:
        return brand
    saved = uow.brands.save(brand.model_copy(update={"evp_vetting_score": score, "identity_status": identity}))
    uow.record_history("brand", saved.brand_id, saved.version, "vetting", SYSTEM.label, now,
                       saved.model_dump(mode="json"))
    if identity != brand.identity_status:
        uow.emit(brands._event(EventType.BRAND_IDENTITY_STATUS_UPDATE, saved, now,
                               f"Brand {saved.brand_id} identity status is {identity}", brandIdentityStatus=identity))
    return saved


def revet(uow: UnitOfWork, clock: Clock, actor: Actor, brand_id: str, policy: IdentityPolicy) -> tuple[Brand, bool]:
    """``PUT /brand/{brandId}/revet``: check the brand's identity again (BRAND_REVET). Refused while a check
    is pending (527) and when the brand has not changed since its last check (525). With no scoring delay the
    check is done at once (the brand, and False); otherwise the brand is returned pending (and True)."""
    brand = _active_brand(uow, actor, brand_id)
    if brand.identity_pending:
        raise BrandPendingScoring(f"brand {brand_id} identity is still being verified", ["brandId"])
    if not uow.vettings.brand_changed_since_identity_check(brand_id):
        raise VettingNotAllowed(
            f"brand {brand_id} has not changed since its identity was checked; update the brand before a revet",
            ["brandId"])
    now = clock.now()
    uow.emit(brands._event(EventType.BRAND_REVET, brand, now, f"Brand {brand_id} is submitted for revet"))
    if policy.delay_seconds > 0:
        saved = uow.brands.save(brand.model_copy(update={
            "identity_check_due_at": now + timedelta(seconds=policy.delay_seconds)}))
        uow.record_history("brand", saved.brand_id, saved.version, "revet", actor.label, now,
                           saved.model_dump(mode="json"))
        return saved, True
    verdict = score_identity(brand, policy)
    status = verdict.status
    saved = uow.brands.save(brand.model_copy(update={
        "identity_status": status, "identity_feedback": verdict.feedback, "identity_check_due_at": None}))
    uow.record_history("brand", saved.brand_id, saved.version, "identity", actor.label, now,
                       saved.model_dump(mode="json"))
    uow.emit(brands._event(EventType.BRAND_IDENTITY_STATUS_UPDATE, saved, now,
                           f"Brand {brand_id} identity status is {status}", brandIdentityStatus=status))
    return saved, False
