"""SMS OTP use cases of sole-proprietor brands: trigger, verify, read the status (rules in ``otp.py``).

- ``trigger``: ``POST /brand/{brandId}/smsOtp`` → a new request (the brand's open one is superseded) and a
  ``BRAND_MOCK_OTP`` event with the PIN.
- ``verify``: ``PUT /brand/{brandId}/smsOtp`` → the brand's identity VERIFIED, ``mobilePhoneVerifiedDate``
  set, ``BRAND_OTP_VERIFIED`` and ``BRAND_IDENTITY_STATUS_UPDATE``. A wrong PIN is refused but counted,
  so ``verify`` returns the refusal instead of raising it: the door raises it after the unit of work
  committed the count (raising inside would roll it back and allow unlimited guesses).
- ``status_by_reference`` / ``status_for_brand``: the request as ``SmsOtpStatus`` shows it; ``latest_for_brand``:
  the same, or None (the portal's brand page).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from tendlc.core.actor import Actor
from tendlc.core.brands import otp
from tendlc.core.brands import service as brands
from tendlc.core.brands.model import Brand
from tendlc.core.brands.otp import OtpAction, OtpRequest, TriggerRequest, VerifyRequest
from tendlc.core.clock import Clock
from tendlc.core.errors import InvalidInput, NotFound, OtpInvalid
from tendlc.core.events import Event, EventType
from tendlc.core.ids import IdGenerator
from tendlc.core.model import merge_problems, parse_input, parse_partial
from tendlc.core.ports import UnitOfWork


@dataclass(frozen=True)
class VerifyOutcome:
    """What ``verify`` did: the request as stored, and the refusal to raise once that is committed."""

    request: OtpRequest
    refusal: OtpInvalid | None = None

    def raise_refusal(self) -> None:
        if self.refusal is not None:
            raise self.refusal


def _brand(uow: UnitOfWork, actor: Actor, brand_id: str) -> Brand:
    brand = brands.get(uow, actor, brand_id)
    if brand.status != "ACTIVE":
        raise NotFound(f"brand {brand_id} is deleted", ["brandId"])
    refusal = otp.refusal_for(brand)
    if refusal is not None:
        raise refusal
    return brand


def _event(kind: EventType, brand: Brand, at: datetime, description: str, **extra: Any) -> Event:
    return Event(kind, (brand.csp_id,), at, {
        "cspId": brand.csp_id, "cspName": brand.csp_name, "brandId": brand.brand_id,
        "brandName": brand.display_name, "brandReferenceId": brand.reference_id, "description": description,
        "mock": brand.mock, **extra})


def _record(uow: UnitOfWork, request: OtpRequest, action: str, actor: Actor, at: datetime) -> None:
    uow.record_history("otp", request.reference_id, request.version, action, actor.label, at, request.snapshot())


def trigger(uow: UnitOfWork, ids: IdGenerator, clock: Clock, actor: Actor, brand_id: str, body: Any) -> OtpRequest:
    """Send a new PIN to the brand's ``mobilePhone`` (valid 24 h). Refused for other entity types (592), a
    VERIFIED brand (506), a number outside the US and Canada (551) and past the rate limit (557)."""
    request, bad = parse_partial(TriggerRequest, body)
    problems = merge_problems(bad, otp.check_trigger(request))  # parse_partial kept pinSms only if valid
    brand = _brand(uow, actor, brand_id)
    if problems:
        raise InvalidInput.of(problems)
    phone_refusal = otp.phone_refusal(brand)
    if phone_refusal is not None:
        raise phone_refusal
    now = clock.now()
    rate_refusal = otp.rate_refusal(uow.otp_requests.requested_since(brand_id, now - otp.TRIGGER_WINDOW), now)
    if rate_refusal is not None:
        raise rate_refusal
    previous = uow.otp_requests.latest_for_brand(brand_id)
    if previous is not None and previous.status == otp.OtpStatus.PENDING:
        superseded = uow.otp_requests.save(previous.model_copy(update={
            "status": otp.next_status(previous.status, OtpAction.SUPERSEDE, previous.reference_id)}))
        _record(uow, superseded, "supersede", actor, now)
    reference_id = ids.tcr_id("OTP")
    while uow.otp_requests.get(reference_id) is not None:
        reference_id = ids.tcr_id("OTP")
    pin, salt = otp.pin_from(ids.token(16)), ids.token(16)
    sent = OtpRequest(
        reference_id=reference_id, brand_id=brand_id, csp_id=brand.csp_id, mobile_phone=brand.mobile_phone or "",
        pin_hash=otp.pin_hash(pin, salt), pin_salt=salt, pin_sms=request.pin_sms, success_sms=request.success_sms,
        request_date=now, expires_at=now + otp.PIN_TTL, delivery_status=otp.DELIVERED, delivery_status_date=now,
        delivery_status_details=otp.DELIVERY_DETAILS)
    uow.otp_requests.add(sent)
    _record(uow, sent, "create", actor, now)
    # The simulated SMS: the event is the only place the PIN exists in clear.
    uow.emit(_event(EventType.BRAND_MOCK_OTP, brand, now,
                    f"OTP {reference_id} for brand {brand_id}: {otp.render_sms(request.pin_sms, pin)}",
                    otpPin=pin, otpReferenceId=reference_id))
    return sent


def verify(uow: UnitOfWork, clock: Clock, actor: Actor, brand_id: str, body: Any) -> VerifyOutcome:
    """Check ``otpPin`` against the brand's newest OTP. Right and in time: the brand is VERIFIED. Otherwise the
    outcome carries the 552 refusal (wrong, expired, burnt or superseded PIN, or none requested)."""
    given = parse_input(VerifyRequest, body)
    brand = _brand(uow, actor, brand_id)
    latest = uow.otp_requests.latest_for_brand(brand_id)
    if latest is None:
        raise OtpInvalid(f"no OTP was sent to brand {brand_id}; trigger one with POST /brand/{brand_id}/smsOtp",
                         ["otpPin"])
    now = clock.now()
    after, refusal = otp.attempt(latest, given.otp_pin, brand.mobile_phone, now)
    if after == latest:
        return VerifyOutcome(latest, refusal)
    saved = uow.otp_requests.save(after)
    _record(uow, saved, "verify" if refusal is None else "wrong-pin", actor, now)
    if refusal is None:
        _verify_brand(uow, brand, saved, actor, now)
    return VerifyOutcome(saved, refusal)


def _verify_brand(uow: UnitOfWork, brand: Brand, request: OtpRequest, actor: Actor, now: datetime) -> None:
    # The OTP is a sole proprietor's identity verdict, so a pending identity check has nothing left to do.
    saved = uow.brands.save(brand.model_copy(update={
        "identity_status": "VERIFIED", "identity_feedback": [], "identity_check_due_at": None,
        "mobile_phone_verified_date": now}))
    uow.record_history("brand", saved.brand_id, saved.version, "otp-verified", actor.label, now,
                       saved.model_dump(mode="json"))
    uow.emit(_event(EventType.BRAND_OTP_VERIFIED, saved, now,
                    f"Brand {saved.brand_id} mobile phone is verified by OTP {request.reference_id}",
                    otpReferenceId=request.reference_id))
    uow.emit(_event(EventType.BRAND_IDENTITY_STATUS_UPDATE, saved, now,
                    f"Brand {saved.brand_id} identity status is VERIFIED", brandIdentityStatus="VERIFIED"))


def status_by_reference(uow: UnitOfWork, actor: Actor, reference_id: str, brand_id: str | None = None) -> OtpRequest:
    """``GET /brand/smsOtp/{referenceId}``: one of the caller's OTP requests (of ``brand_id`` when given)."""
    found = uow.otp_requests.get(reference_id)
    if found is None or found.csp_id != actor.cnp_id or brand_id not in (None, found.brand_id):
        raise NotFound(f"OTP request {reference_id} not found", ["referenceId"])
    return found


def latest_for_brand(uow: UnitOfWork, actor: Actor, brand_id: str) -> OtpRequest | None:
    """The newest OTP request of one of the caller's brands, None when none was sent yet."""
    brands.get(uow, actor, brand_id)
    return uow.otp_requests.latest_for_brand(brand_id)


def status_for_brand(uow: UnitOfWork, actor: Actor, brand_id: str) -> OtpRequest:
    """The newest OTP request of one of the caller's brands."""
    brands.get(uow, actor, brand_id)
    found = uow.otp_requests.latest_for_brand(brand_id)
    if found is None:
        raise NotFound(f"no OTP was sent to brand {brand_id}", ["brandId"])
    return found
