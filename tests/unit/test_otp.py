"""The pure rules of sole-proprietor SMS OTP: the transition table, who may use it, the pinSms macro, the phone
check, the rate limit, PINs and their hash, and what a PIN attempt does (right, wrong, expired, burnt)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from tendlc.core.brands.identity import IdentityPolicy, score_identity
from tendlc.core.brands.model import Brand
from tendlc.core.brands.otp import (
    MAX_TRIGGERS_PER_WINDOW,
    MAX_WRONG_PINS,
    PIN_TTL,
    TRANSITIONS,
    OtpAction,
    OtpRequest,
    OtpStatus,
    TriggerRequest,
    attempt,
    check_trigger,
    next_status,
    phone_refusal,
    pin_from,
    pin_hash,
    rate_refusal,
    refusal_for,
    render_sms,
)
from tendlc.core.errors import OperationDeclined, OtpInvalid, OtpNotAllowed, OtpRateLimited, UnsupportedPhone

NOW = datetime(2026, 3, 1, 12, tzinfo=UTC)
PHONE = "+12025550199"


def brand(**changes: Any) -> Brand:
    fields: dict[str, Any] = {"brand_id": "B123456", "csp_id": "S123456", "create_date": NOW,
                              "entity_type": "SOLE_PROPRIETOR", "country": "US", "mobile_phone": PHONE,
                              "identity_status": "SELF_DECLARED"}
    return Brand(**{**fields, **changes})


def request(pin: str = "123456", **changes: Any) -> OtpRequest:
    fields: dict[str, Any] = {"reference_id": "OTPAB12CD", "brand_id": "B123456", "csp_id": "S123456",
                              "mobile_phone": PHONE, "pin_hash": pin_hash(pin, "salt"), "pin_salt": "salt",
                              "pin_sms": "PIN @OTP_PIN@", "request_date": NOW, "expires_at": NOW + PIN_TTL}
    return OtpRequest(**{**fields, **changes})


def test_only_an_open_request_moves() -> None:
    assert next_status(OtpStatus.PENDING, OtpAction.VERIFY, "OTP1") is OtpStatus.VERIFIED
    assert next_status(OtpStatus.PENDING, OtpAction.BURN, "OTP1") is OtpStatus.FAILED
    assert next_status(OtpStatus.PENDING, OtpAction.SUPERSEDE, "OTP1") is OtpStatus.SUPERSEDED
    assert {status for status, _ in TRANSITIONS} == {OtpStatus.PENDING}
    for closed in (OtpStatus.VERIFIED, OtpStatus.FAILED, OtpStatus.SUPERSEDED):
        for action in OtpAction:
            with pytest.raises(OtpInvalid) as caught:
                next_status(closed, action, "OTP1")
            assert "trigger a new OTP" in caught.value.message and caught.value.fields == ["otpPin"]


def test_only_sole_proprietors_not_yet_verified() -> None:
    assert refusal_for(brand()) is None
    assert refusal_for(brand(identity_status="UNVERIFIED")) is None
    declined = refusal_for(brand(entity_type="PRIVATE_PROFIT", identity_status="VERIFIED"))
    assert isinstance(declined, OperationDeclined) and "SOLE_PROPRIETOR" in declined.message
    assert isinstance(refusal_for(brand(identity_status="VERIFIED")), OtpNotAllowed)


@pytest.mark.parametrize(("template", "ok"), [
    ("Your code is @OTP_PIN@", True), ("Reply @OTP_YES@ to confirm", True), ("Your code is 123456", False),
    ("@otp_pin@", False), ("", False)])
def test_pin_sms_needs_a_macro(template: str, ok: bool) -> None:
    problems = check_trigger(TriggerRequest(pin_sms=template))
    assert (problems == []) is ok
    if not ok:
        assert [p.field for p in problems] == ["pinSms"]


@pytest.mark.parametrize(("phone", "mock", "ok"), [
    ("+12025550199", False, True), ("+14165550123", False, True), ("+18765550123", False, False),
    ("+447700900123", False, False), ("+447700900123", True, True), (None, True, False)])
def test_phone_must_be_us_or_canadian_unless_mock(phone: str | None, mock: bool, ok: bool) -> None:
    refusal = phone_refusal(brand(mobile_phone=phone, mock=mock))
    assert (refusal is None) is ok
    if not ok:
        assert isinstance(refusal, UnsupportedPhone) and refusal.fields == ["mobilePhone"]


def test_rate_limit_one_a_minute_and_five_a_day() -> None:
    assert rate_refusal([], NOW) is None
    assert isinstance(rate_refusal([NOW - timedelta(seconds=59)], NOW), OtpRateLimited)
    assert rate_refusal([NOW - timedelta(seconds=60)], NOW) is None
    hourly = [NOW - timedelta(hours=h) for h in range(1, MAX_TRIGGERS_PER_WINDOW + 1)]
    refused = rate_refusal(hourly, NOW)
    assert isinstance(refused, OtpRateLimited) and "2026-03-02T07:00:00.000Z" in refused.message  # the oldest + 24 h
    assert rate_refusal(hourly[:-1], NOW) is None
    assert rate_refusal([at - timedelta(hours=20) for at in hourly], NOW) is None  # outside the 24 hours


def test_pins_are_six_digits_and_only_their_hash_matches() -> None:
    pins = {pin_from(str(n)) for n in range(200)}
    assert all(len(p) == 6 and p.isdigit() for p in pins) and len(pins) > 190
    assert pin_hash("123456", "a") != pin_hash("123456", "b") != pin_hash("123457", "b")
    assert render_sms("Code @OTP_PIN@, or reply @OTP_YES@", "042042") == "Code 042042, or reply YES"


def test_the_right_pin_in_time_verifies() -> None:
    after, refusal = attempt(request(), "123456", PHONE, NOW + PIN_TTL - timedelta(seconds=1))
    assert refusal is None and after.status is OtpStatus.VERIFIED and after.verify_date == NOW + PIN_TTL - timedelta(
        seconds=1)


def test_an_expired_pin_is_refused_unchanged() -> None:
    before = request()
    after, refusal = attempt(before, "123456", PHONE, NOW + PIN_TTL)
    assert after == before and isinstance(refusal, OtpInvalid) and "expired" in refusal.message


def test_a_pin_sent_to_another_number_is_refused() -> None:
    after, refusal = attempt(request(), "123456", "+12025550100", NOW)
    assert after.status is OtpStatus.PENDING and isinstance(refusal, OtpInvalid) and "mobilePhone" in refusal.message


def test_wrong_pins_are_counted_and_the_last_one_burns_the_request() -> None:
    current = request()
    for n in range(1, MAX_WRONG_PINS):
        current, refusal = attempt(current, "000000", PHONE, NOW)
        assert current.failed_attempts == n and current.status is OtpStatus.PENDING
        assert refusal is not None and f"{MAX_WRONG_PINS - n} attempt(s) left" in refusal.message
    current, refusal = attempt(current, "000000", PHONE, NOW)
    assert current.status is OtpStatus.FAILED and refusal is not None and "no longer valid" in refusal.message
    with pytest.raises(OtpInvalid):  # even the right PIN: the request is burnt
        attempt(current, "123456", PHONE, NOW)


def test_history_snapshot_has_no_pin_hash() -> None:
    snap = request().snapshot()
    assert "pinHash" not in snap and "pin_hash" not in snap and "pin_salt" not in snap


def test_a_sole_proprietor_stays_verified_while_its_phone_is() -> None:
    assert score_identity(brand(), IdentityPolicy()).status == "SELF_DECLARED"
    assert score_identity(brand(mobile_phone_verified_date=NOW), IdentityPolicy()).status == "VERIFIED"
