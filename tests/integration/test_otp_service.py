"""Sole-proprietor SMS OTP through the core services and real storage: the PIN arrives in a BRAND_MOCK_OTP event
and verifies the brand; expiry follows the injected clock; re-triggers are rate limited; wrong PINs are counted
across requests (committed) and burn the OTP; a new trigger supersedes the open one; campaigns wait for the OTP;
a new mobile phone needs a new OTP."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from tendlc.bootstrap import Container
from tendlc.core.accounts import service as accounts
from tendlc.core.actor import Actor
from tendlc.core.brands import otp_service as otp
from tendlc.core.brands import service as brands
from tendlc.core.brands.model import Brand
from tendlc.core.brands.otp import MAX_WRONG_PINS, OtpRequest, OtpStatus
from tendlc.core.campaigns import service as campaigns
from tendlc.core.clock import ManualClock
from tendlc.core.errors import (
    CampaignRejected,
    InvalidInput,
    NotFound,
    OperationDeclined,
    OtpInvalid,
    OtpNotAllowed,
    OtpRateLimited,
    UnsupportedPhone,
)
from tendlc.db.events_repo import events_for
from tendlc.db.tables import history
from tests.factories import brand_body, campaign_body, sole_proprietor_body

PIN_SMS = {"pinSms": "Your Acme verification code is @OTP_PIN@", "successSms": "Thanks, you are verified."}
SOLE_CAMPAIGN = {"usecase": "SOLE_PROPRIETOR", "subUsecases": ["CUSTOMER_CARE"]}


def make_actor(container: Container, name: str = "Acme Messaging") -> Actor:
    with container.uow(write=True) as uow:
        account = accounts.create_account(uow, container.ids, container.clock, "csp", name)
    return Actor(cnp_id=account.cnp_id, kind="CSP", name=account.name, via="test")


@pytest.fixture
def actor(container: Container) -> Actor:
    return make_actor(container)


def register(container: Container, actor: Actor, body: dict[str, Any], run_workers: Any) -> Brand:
    with container.uow(write=True) as uow:
        made = brands.register(uow, container.ids, container.clock, actor, body, container.identity_policy)
    run_workers()
    return read(container, actor, made.brand_id)


@pytest.fixture
def sole(container: Container, actor: Actor, run_workers: Any) -> Brand:
    return register(container, actor, sole_proprietor_body(), run_workers)


def read(container: Container, actor: Actor, brand_id: str) -> Brand:
    with container.uow() as uow:
        return brands.get(uow, actor, brand_id)


def trigger(container: Container, actor: Actor, brand_id: str, body: Any = None) -> OtpRequest:
    with container.uow(write=True) as uow:
        return otp.trigger(uow, container.ids, container.clock, actor, brand_id, PIN_SMS if body is None else body)


def verify(container: Container, actor: Actor, brand_id: str, pin: str) -> None:
    """As the doors do: commit, then raise the refusal."""
    with container.uow(write=True) as uow:
        outcome = otp.verify(uow, container.clock, actor, brand_id, {"otpPin": pin})
    outcome.raise_refusal()


def events(container: Container, actor: Actor, kind: str | None = None) -> list[dict[str, Any]]:
    with container.uow() as uow:
        rows = events_for(uow.conn, actor.cnp_id, 0, 1000)
    return [r["payload"] for r in rows if kind is None or r["event_type"] == kind]


def last_pin(container: Container, actor: Actor) -> str:
    return str(events(container, actor, "BRAND_MOCK_OTP")[-1]["otpPin"])


def status(container: Container, actor: Actor, reference_id: str) -> OtpRequest:
    with container.uow() as uow:
        return otp.status_by_reference(uow, actor, reference_id)


def add_campaign(container: Container, actor: Actor, brand_id: str) -> str:
    with container.uow(write=True) as uow:
        return campaigns.register(uow, container.ids, container.clock, actor,
                                  campaign_body(brand_id, **SOLE_CAMPAIGN)).campaign_id


def wrong(pin: str) -> str:
    return f"{(int(pin) + 1) % 1_000_000:06d}"


def test_trigger_sends_a_pin_that_verifies_the_brand(container: Container, actor: Actor, sole: Brand,
                                                     clock: ManualClock) -> None:
    assert sole.identity_status == "SELF_DECLARED"
    sent = trigger(container, actor, sole.brand_id)
    assert sent.reference_id.startswith("OTP") and sent.reference_id[3:].isalnum() and sent.reference_id.isupper()
    assert sent.request_date == clock.now() and sent.expires_at == clock.now() + timedelta(hours=24)
    assert (sent.mobile_phone, sent.delivery_status, sent.status) == ("+12025550199", "DELIVERED_HANDSET",
                                                                     OtpStatus.PENDING)
    [event] = events(container, actor, "BRAND_MOCK_OTP")
    pin = event["otpPin"]
    assert len(pin) == 6 and pin.isdigit() and event["otpReferenceId"] == sent.reference_id
    assert event["brandId"] == sole.brand_id and f"Your Acme verification code is {pin}" in event["description"]
    assert pin not in sent.model_dump_json()  # only its hash is stored

    clock.advance(timedelta(hours=23))
    verify(container, actor, sole.brand_id, pin)
    brand = read(container, actor, sole.brand_id)
    assert brand.identity_status == "VERIFIED" and brand.mobile_phone_verified_date == clock.now()
    done = status(container, actor, sent.reference_id)
    assert done.status is OtpStatus.VERIFIED and done.verify_date == clock.now()
    [verified] = events(container, actor, "BRAND_OTP_VERIFIED")
    assert verified["brandId"] == sole.brand_id and verified["otpReferenceId"] == sent.reference_id
    assert events(container, actor, "BRAND_IDENTITY_STATUS_UPDATE")[-1]["brandIdentityStatus"] == "VERIFIED"
    with container.uow() as uow:
        actions = [a for (a,) in uow.conn.execute(history.select().with_only_columns(history.c.action)
                                                  .where(history.c.entity_id == sent.reference_id))]
        snapshots = [s for (s,) in uow.conn.execute(history.select().with_only_columns(history.c.snapshot)
                                                    .where(history.c.entity_type == "otp"))]
    assert actions == ["create", "verify"] and all("pinHash" not in str(s) for s in snapshots)

    with pytest.raises(OtpNotAllowed):  # 506: nothing left to verify
        trigger(container, actor, sole.brand_id)
    with pytest.raises(OtpNotAllowed):
        verify(container, actor, sole.brand_id, pin)


def test_a_pin_expires_after_24_hours(container: Container, actor: Actor, sole: Brand, clock: ManualClock) -> None:
    trigger(container, actor, sole.brand_id)
    pin = last_pin(container, actor)
    clock.advance(timedelta(hours=24))
    with pytest.raises(OtpInvalid) as caught:
        verify(container, actor, sole.brand_id, pin)
    assert "expired" in caught.value.message and caught.value.fields == ["otpPin"]
    assert read(container, actor, sole.brand_id).identity_status == "SELF_DECLARED"
    trigger(container, actor, sole.brand_id)  # a new one works
    verify(container, actor, sole.brand_id, last_pin(container, actor))
    assert read(container, actor, sole.brand_id).identity_status == "VERIFIED"


def test_wrong_pins_are_counted_and_burn_the_otp(container: Container, actor: Actor, sole: Brand,
                                                 clock: ManualClock) -> None:
    sent = trigger(container, actor, sole.brand_id)
    pin = last_pin(container, actor)
    for n in range(1, MAX_WRONG_PINS + 1):
        with pytest.raises(OtpInvalid):
            verify(container, actor, sole.brand_id, wrong(pin))
        assert status(container, actor, sent.reference_id).failed_attempts == n  # committed despite the refusal
    assert status(container, actor, sent.reference_id).status is OtpStatus.FAILED
    with pytest.raises(OtpInvalid) as caught:
        verify(container, actor, sole.brand_id, pin)
    assert "burnt" in caught.value.message
    clock.advance(timedelta(minutes=1))
    trigger(container, actor, sole.brand_id)
    verify(container, actor, sole.brand_id, last_pin(container, actor))
    assert read(container, actor, sole.brand_id).identity_status == "VERIFIED"


def test_retriggers_are_rate_limited_and_supersede(container: Container, actor: Actor, sole: Brand,
                                                   clock: ManualClock) -> None:
    first = trigger(container, actor, sole.brand_id)
    first_pin = last_pin(container, actor)
    with pytest.raises(OtpRateLimited) as soon:
        trigger(container, actor, sole.brand_id)
    assert "retry in" in soon.value.message
    sent = [first]
    for _ in range(4):
        clock.advance(timedelta(minutes=1))
        sent.append(trigger(container, actor, sole.brand_id))
    clock.advance(timedelta(hours=1))
    with pytest.raises(OtpRateLimited) as daily:
        trigger(container, actor, sole.brand_id)
    assert "at most 5" in daily.value.message
    assert [status(container, actor, s.reference_id).status for s in sent] == [OtpStatus.SUPERSEDED] * 4 + [
        OtpStatus.PENDING]
    with pytest.raises(OtpInvalid):  # the first PIN no longer works (unless drawn again, 1 in a million)
        verify(container, actor, sole.brand_id, first_pin if first_pin != last_pin(container, actor) else "x")
    clock.advance(timedelta(hours=23))  # 24 h after the first: room for one more
    trigger(container, actor, sole.brand_id)


def test_who_may_use_otp(container: Container, actor: Actor, sole: Brand, run_workers: Any) -> None:
    business = register(container, actor, brand_body(), run_workers)
    with pytest.raises(OperationDeclined) as declined:
        trigger(container, actor, business.brand_id)
    assert "SOLE_PROPRIETOR" in declined.value.message
    with pytest.raises(OperationDeclined):
        verify(container, actor, business.brand_id, "123456")
    stranger = make_actor(container, "Other Messaging")
    with pytest.raises(NotFound):
        trigger(container, stranger, sole.brand_id)
    sent = trigger(container, actor, sole.brand_id)
    with pytest.raises(NotFound):
        status(container, stranger, sent.reference_id)
    with container.uow() as uow, pytest.raises(NotFound):
        otp.status_by_reference(uow, actor, sent.reference_id, brand_id=business.brand_id)
    with container.uow() as uow:
        assert otp.status_for_brand(uow, actor, sole.brand_id).reference_id == sent.reference_id
        with pytest.raises(NotFound):
            otp.status_for_brand(uow, actor, business.brand_id)


def test_bad_bodies_and_phones(container: Container, actor: Actor, sole: Brand, run_workers: Any) -> None:
    for body, field in (({"pinSms": "no macro"}, "pinSms"), ({}, "pinSms"), ({"pinSms": 5}, "pinSms"),
                        ({"pinSms": "@OTP_PIN@", "successSms": 1}, "successSms")):
        with pytest.raises(InvalidInput) as caught:
            trigger(container, actor, sole.brand_id, body)
        assert caught.value.fields == [field]
    with pytest.raises(OtpInvalid) as none:
        verify(container, actor, sole.brand_id, "123456")  # nothing triggered yet
    assert "no OTP was sent" in none.value.message
    with pytest.raises(InvalidInput), container.uow(write=True) as uow:
        otp.verify(uow, container.clock, actor, sole.brand_id, {"otpPin": 123456})
    uk_phone = {"referenceId": "jane-uk", "mobilePhone": "+447700900123"}
    abroad = register(container, actor, {**sole_proprietor_body(), **uk_phone}, run_workers)
    with pytest.raises(UnsupportedPhone):
        trigger(container, actor, abroad.brand_id)
    mock = register(container, actor, {**sole_proprietor_body(mock=True), "referenceId": "jane-mock",
                                       "mobilePhone": "+447700900123"}, run_workers)
    trigger(container, actor, mock.brand_id)
    assert events(container, actor, "BRAND_MOCK_OTP")[-1]["mock"] is True


def test_campaigns_wait_for_the_otp_and_a_new_phone_needs_a_new_one(
        container: Container, actor: Actor, sole: Brand, clock: ManualClock, run_workers: Any) -> None:
    with pytest.raises(CampaignRejected) as rejected:
        add_campaign(container, actor, sole.brand_id)
    assert "smsOtp" in rejected.value.message
    sent = trigger(container, actor, sole.brand_id)
    pin = last_pin(container, actor)
    verify(container, actor, sole.brand_id, pin)
    add_campaign(container, actor, sole.brand_id)

    with container.uow(write=True) as uow:  # a non-identity change keeps the verification
        brands.update(uow, container.clock, actor, sole.brand_id, {"city": "Chicago"}, container.identity_policy)
    assert read(container, actor, sole.brand_id).identity_status == "VERIFIED"

    with container.uow(write=True) as uow:
        brands.update(uow, container.clock, actor, sole.brand_id, {"mobilePhone": "+12025550188"},
                      container.identity_policy)
    run_workers()
    moved = read(container, actor, sole.brand_id)
    assert moved.identity_status == "SELF_DECLARED" and moved.mobile_phone_verified_date is None
    clock.advance(timedelta(minutes=1))
    again = trigger(container, actor, sole.brand_id)
    assert again.mobile_phone == "+12025550188" and again.reference_id != sent.reference_id
    verify(container, actor, sole.brand_id, last_pin(container, actor))
    assert read(container, actor, sole.brand_id).identity_status == "VERIFIED"
