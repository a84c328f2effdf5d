"""SMS OTP verification of sole-proprietor brands: the request, its transition table and the pure rules.

TCR verifies a sole proprietor by a one-time PIN sent to the brand's ``mobilePhone``
(``POST /brand/{brandId}/smsOtp``), which the brand owner gives back (``PUT …/smsOtp``); the brand's
identity then becomes VERIFIED and it may register its campaign (``reference/tcr-api.md`` §2.1).

tendlc sends no SMS: the PIN is delivered as a ``BRAND_MOCK_OTP`` event carrying ``otpPin`` (what TCR does
for mock brands), and the delivery status is DELIVERED_HANDSET at once. Only a salted hash of the PIN is
kept with the request. A reply-confirmation template (``@OTP_YES@``) is accepted; since no reply can
arrive, the PIN of the event confirms it the same way.

Limits (tendlc's choice; TCR documents 557 without numbers):
- a PIN is valid for 24 hours (TCR's figure);
- a brand may trigger at most one OTP a minute and five in any 24 hours (557 beyond);
- five wrong PINs burn the request: it can no longer be verified and a new one must be triggered (552).
A new trigger supersedes the brand's open request, so only the newest PIN works.
"""

from __future__ import annotations

import hashlib
import hmac
from datetime import datetime, timedelta
from enum import StrEnum

import phonenumbers
from pydantic import Field

from tendlc.core.brands.model import Brand
from tendlc.core.errors import (
    DomainError,
    FieldProblem,
    OperationDeclined,
    OtpInvalid,
    OtpNotAllowed,
    OtpRateLimited,
    UnsupportedPhone,
)
from tendlc.core.model import CoreModel, InputModel, iso_millis

PIN_TTL = timedelta(hours=24)
MIN_TRIGGER_INTERVAL = timedelta(minutes=1)
TRIGGER_WINDOW = timedelta(hours=24)
MAX_TRIGGERS_PER_WINDOW = 5
MAX_WRONG_PINS = 5
PIN_MACROS = ("@OTP_PIN@", "@OTP_YES@")
OTP_REGIONS = ("US", "CA")
DELIVERED = "DELIVERED_HANDSET"
DELIVERY_DETAILS = "Simulated by tendlc: no SMS is sent; the PIN is in the BRAND_MOCK_OTP event (otpPin)"


class OtpStatus(StrEnum):
    PENDING = "PENDING"  # sent; waiting for its PIN
    VERIFIED = "VERIFIED"  # the right PIN came back in time
    FAILED = "FAILED"  # burnt by too many wrong PINs
    SUPERSEDED = "SUPERSEDED"  # a newer request of the brand replaced it


class OtpAction(StrEnum):
    VERIFY = "verify"
    WRONG_PIN = "wrong_pin"
    BURN = "burn"
    SUPERSEDE = "supersede"


TRANSITIONS: dict[tuple[OtpStatus, OtpAction], OtpStatus] = {
    (OtpStatus.PENDING, OtpAction.VERIFY): OtpStatus.VERIFIED,
    (OtpStatus.PENDING, OtpAction.WRONG_PIN): OtpStatus.PENDING,
    (OtpStatus.PENDING, OtpAction.BURN): OtpStatus.FAILED,
    (OtpStatus.PENDING, OtpAction.SUPERSEDE): OtpStatus.SUPERSEDED,
}


_CLOSED = {OtpStatus.VERIFIED: "was already used", OtpStatus.FAILED: "was burnt by too many wrong PINs",
           OtpStatus.SUPERSEDED: "was replaced by a newer OTP"}


def next_status(current: OtpStatus, action: OtpAction, reference_id: str) -> OtpStatus:
    """The status after ``action``; OtpInvalid when the request is no longer open (every action needs PENDING)."""
    try:
        return TRANSITIONS[(current, action)]
    except KeyError:
        raise OtpInvalid(f"OTP {reference_id} {_CLOSED.get(current, 'is closed')}; trigger a new OTP",
                         ["otpPin"]) from None


class TriggerRequest(InputModel):
    """``SendSmsOtpRequest`` / Telnyx ``TriggerBrandSmsOtpRequest``."""

    pin_sms: str = Field(max_length=1024)
    success_sms: str | None = Field(default=None, max_length=1024)


class VerifyRequest(InputModel):
    """``VerifySmsOtpRequest``: the PIN the brand owner received."""

    otp_pin: str = Field(min_length=1, max_length=10)


class OtpRequest(CoreModel):
    """One OTP sent to a brand's mobile phone. ``pin_hash`` is HMAC-SHA256 of the PIN keyed by ``pin_salt``."""

    reference_id: str
    brand_id: str
    csp_id: str
    mobile_phone: str
    status: OtpStatus = OtpStatus.PENDING
    pin_hash: str
    pin_salt: str
    pin_sms: str
    success_sms: str | None = None
    failed_attempts: int = 0
    request_date: datetime
    expires_at: datetime
    verify_date: datetime | None = None
    delivery_status: str | None = None
    delivery_status_date: datetime | None = None
    delivery_status_details: str | None = None
    version: int = 1

    def snapshot(self) -> dict[str, object]:
        """The history row: everything but the PIN's hash and salt."""
        return self.model_dump(mode="json", exclude={"pin_hash", "pin_salt"})


def check_trigger(request: TriggerRequest) -> list[FieldProblem]:
    if not any(macro in request.pin_sms for macro in PIN_MACROS):
        return [FieldProblem("pinSms", "must contain @OTP_PIN@ (the PIN) or @OTP_YES@ (reply confirmation)")]
    return []


def refusal_for(brand: Brand) -> DomainError | None:
    """Why ``brand`` cannot take part in SMS OTP, if it cannot: only sole proprietors (592), not once VERIFIED (506)."""
    if not brand.is_sole_proprietor:
        return OperationDeclined(f"brand {brand.brand_id} is {brand.entity_type}; SMS OTP is only for "
                                 "SOLE_PROPRIETOR brands", ["brandId"])
    if brand.identity_status == "VERIFIED":
        return OtpNotAllowed(f"brand {brand.brand_id} is already VERIFIED; no OTP is needed", ["brandId"])
    return None


def phone_refusal(brand: Brand) -> UnsupportedPhone | None:
    """A PIN goes to a US or Canadian number; a mock brand may use any (nothing is sent for it at TCR either)."""
    phone = brand.mobile_phone or ""
    if brand.mock and phone:
        return None
    try:
        region = phonenumbers.region_code_for_number(phonenumbers.parse(phone, None))
    except phonenumbers.NumberParseException:
        region = None
    if region in OTP_REGIONS:
        return None
    return UnsupportedPhone(f"mobilePhone {phone or '(none)'} is not a US or Canadian number; update the brand's "
                            "mobilePhone", ["mobilePhone"])


def rate_refusal(requested: list[datetime], now: datetime) -> OtpRateLimited | None:
    """557 when the brand's OTP requests (their dates) leave no room for another at ``now``."""
    recent = sorted((at for at in requested if now - at < TRIGGER_WINDOW), reverse=True)
    if recent and now - recent[0] < MIN_TRIGGER_INTERVAL:
        wait = int((recent[0] + MIN_TRIGGER_INTERVAL - now).total_seconds()) + 1
        return OtpRateLimited(f"an OTP was sent less than a minute ago; retry in {wait} s", ["brandId"])
    if len(recent) >= MAX_TRIGGERS_PER_WINDOW:
        again = recent[MAX_TRIGGERS_PER_WINDOW - 1] + TRIGGER_WINDOW
        return OtpRateLimited(f"at most {MAX_TRIGGERS_PER_WINDOW} OTPs may be sent to a brand in 24 hours; retry "
                              f"after {iso_millis(again)}", ["brandId"])
    return None


def pin_from(token: str) -> str:
    """A 6-digit PIN from a random token (randomness is injected through the id generator)."""
    number = int.from_bytes(hashlib.sha256(token.encode()).digest()[:8], "big")
    return f"{number % 1_000_000:06d}"  # 2**64 / 10**6: the modulo bias is negligible


def pin_hash(pin: str, salt: str) -> str:
    return hmac.new(salt.encode(), pin.encode(), hashlib.sha256).hexdigest()


def render_sms(template: str, pin: str) -> str:
    return template.replace("@OTP_PIN@", pin).replace("@OTP_YES@", "YES")


def attempt(request: OtpRequest, pin: str, brand_phone: str | None, now: datetime
            ) -> tuple[OtpRequest, OtpInvalid | None]:
    """The request after ``pin`` was given at ``now``, and the refusal when it does not verify.

    A wrong PIN is counted (the caller stores the request before refusing); the last allowed one burns it."""
    ref = request.reference_id
    next_status(request.status, OtpAction.VERIFY, ref)  # refuses a request that is no longer open
    if request.mobile_phone != brand_phone:
        return request, OtpInvalid(f"OTP {ref} was sent to {request.mobile_phone}, no longer the brand's "
                                   "mobilePhone; trigger a new OTP", ["otpPin"])
    if now >= request.expires_at:
        return request, OtpInvalid(f"OTP {ref} expired at {iso_millis(request.expires_at)} (a PIN is valid for 24 "
                                   "hours); trigger a new OTP", ["otpPin"])
    if hmac.compare_digest(request.pin_hash, pin_hash(pin, request.pin_salt)):
        return request.model_copy(update={"status": next_status(request.status, OtpAction.VERIFY, ref),
                                          "verify_date": now}), None
    failed = request.failed_attempts + 1
    if failed >= MAX_WRONG_PINS:
        burnt = request.model_copy(update={"status": next_status(request.status, OtpAction.BURN, ref),
                                           "failed_attempts": failed})
        return burnt, OtpInvalid(f"wrong PIN; after {MAX_WRONG_PINS} wrong PINs OTP {ref} is no longer valid: "
                                 "trigger a new OTP", ["otpPin"])
    counted = request.model_copy(update={"failed_attempts": failed})
    return counted, OtpInvalid(f"wrong PIN for OTP {ref}; {MAX_WRONG_PINS - failed} attempt(s) left", ["otpPin"])
