"""Sole-proprietor SMS OTP through the official ``telnyx`` SDK (strict response validation, no retries),
in-process: trigger_sms_otp, retrieve_sms_otp_status, get_sms_otp_by_reference and verify_sms_otp each
called, the PIN taken from the BRAND_MOCK_OTP event, and the refusals in Telnyx's error envelope; a sole
proprietor's second campaign is refused (10DLC-511) until its first is deactivated."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from tests.sharing_support import events
from tests.telnyx.support import BRAND, telnyx

SOLE = {**BRAND, "entity_type": "SOLE_PROPRIETOR", "first_name": "Jane", "last_name": "Doe",
        "mobile_phone": "+12025550199"}
PIN_SMS = {"pin_sms": "Acme: your verification code is @OTP_PIN@", "success_sms": "Acme: you are verified."}
SOLE_CAMPAIGN = {
    "usecase": "SOLE_PROPRIETOR", "sub_usecases": ["CUSTOMER_CARE"],
    "description": "Appointment reminders and customer care replies for clients of Jane Doe.",
    "message_flow": "Clients opt in by ticking an unticked SMS consent box on the booking form at "
                    "https://acmedental.example/book.",
    "sample1": "Jane Doe: your appointment is booked for Tue 3pm. Reply STOP to opt out.",
    "sample2": "Jane Doe: thanks for your message, I will call you back today. Reply HELP for help."}


def pin_of(csp: Any) -> str:
    return str([e for e in events(csp) if e["eventType"] == "BRAND_MOCK_OTP"][-1]["payload"]["otpPin"])


def error_code(caught: Any) -> str:
    return str(caught.value.body["errors"][0]["code"])


def test_otp_operations(client: Any, csp: Any, run_workers: Any) -> None:
    tx = client.messaging_10dlc
    brand = tx.brand.create(**SOLE)
    run_workers()
    assert tx.brand.retrieve(brand.brand_id).identity_status == "SELF_DECLARED"

    sent = tx.brand.trigger_sms_otp(brand.brand_id, **PIN_SMS)
    assert sent.brand_id == brand.brand_id and sent.reference_id.startswith("OTP")

    by_brand = tx.brand.retrieve_sms_otp_status(brand.brand_id)
    assert (by_brand.reference_id, by_brand.mobile_phone, by_brand.delivery_status) == (
        sent.reference_id, "+12025550199", "DELIVERED_HANDSET")
    assert by_brand.request_date == by_brand.delivery_status_date and by_brand.verify_date is None

    assert tx.brand.verify_sms_otp(brand.brand_id, otp_pin=pin_of(csp)) is None

    by_reference = tx.brand.get_sms_otp_by_reference(sent.reference_id, brand_id=brand.brand_id)
    assert by_reference.brand_id == brand.brand_id and by_reference.verify_date is not None
    assert tx.brand.retrieve(brand.brand_id).identity_status == "VERIFIED"
    made = tx.campaign_builder.submit(brand_id=brand.brand_id, **SOLE_CAMPAIGN)
    assert made.brand_id == brand.brand_id


def test_otp_refusals(client: Any, csp: Any, run_workers: Any, clock: Any) -> None:
    tx = client.messaging_10dlc
    business = tx.brand.create(**BRAND)
    brand = tx.brand.create(**SOLE)
    run_workers()
    with pytest.raises(telnyx.BadRequestError) as declined:
        tx.brand.trigger_sms_otp(business.brand_id, **PIN_SMS)
    assert error_code(declined) == "10DLC-592" and "SOLE_PROPRIETOR" in declined.value.body["errors"][0]["detail"]
    with pytest.raises(telnyx.BadRequestError) as no_macro:
        tx.brand.trigger_sms_otp(brand.brand_id, pin_sms="no macro", success_sms="ok")
    assert error_code(no_macro) == "10015" and no_macro.value.body["errors"][0]["source"] == {"pointer": "/pinSms"}
    with pytest.raises(telnyx.NotFoundError):
        tx.brand.retrieve_sms_otp_status(brand.brand_id)  # nothing sent yet
    with pytest.raises(telnyx.NotFoundError):
        tx.brand.trigger_sms_otp("BNOPE00", **PIN_SMS)

    sent = tx.brand.trigger_sms_otp(brand.brand_id, **PIN_SMS)
    with pytest.raises(telnyx.BadRequestError) as limited:
        tx.brand.trigger_sms_otp(brand.brand_id, **PIN_SMS)
    assert error_code(limited) == "10DLC-557" and limited.value.response.headers["x-should-retry"] == "false"
    with pytest.raises(telnyx.NotFoundError):
        tx.brand.get_sms_otp_by_reference(sent.reference_id, brand_id=business.brand_id)
    with pytest.raises(telnyx.NotFoundError):
        tx.brand.get_sms_otp_by_reference("OTPNOPE00")
    pin = pin_of(csp)
    with pytest.raises(telnyx.BadRequestError) as wrong:
        tx.brand.verify_sms_otp(brand.brand_id, otp_pin=f"{(int(pin) + 1) % 1_000_000:06d}")
    assert error_code(wrong) == "10DLC-552" and "4 attempt(s) left" in wrong.value.body["errors"][0]["detail"]
    clock.advance(timedelta(hours=24))
    with pytest.raises(telnyx.BadRequestError) as expired:
        tx.brand.verify_sms_otp(brand.brand_id, otp_pin=pin)
    assert error_code(expired) == "10DLC-552" and "expired" in expired.value.body["errors"][0]["detail"]

    tx.brand.trigger_sms_otp(brand.brand_id, **PIN_SMS)
    tx.brand.verify_sms_otp(brand.brand_id, otp_pin=pin_of(csp))
    with pytest.raises(telnyx.BadRequestError) as verified:
        tx.brand.trigger_sms_otp(brand.brand_id, **PIN_SMS)
    assert error_code(verified) == "10DLC-506"


def test_a_sole_proprietor_has_one_campaign_not_expired(client: Any, csp: Any, run_workers: Any) -> None:
    tx = client.messaging_10dlc
    brand = tx.brand.create(**SOLE)
    run_workers()
    tx.brand.trigger_sms_otp(brand.brand_id, **PIN_SMS)
    tx.brand.verify_sms_otp(brand.brand_id, otp_pin=pin_of(csp))
    first = tx.campaign_builder.submit(brand_id=brand.brand_id, **SOLE_CAMPAIGN)

    with pytest.raises(telnyx.BadRequestError) as refused:
        tx.campaign_builder.submit(brand_id=brand.brand_id, **SOLE_CAMPAIGN)
    [error] = refused.value.body["errors"]
    assert error["code"] == "10DLC-511" and error["source"] == {"pointer": "/brandId"}
    assert brand.brand_id in error["detail"] and first.campaign_id in error["detail"]
    assert refused.value.response.headers["x-should-retry"] == "false"

    tx.campaign.deactivate(first.campaign_id)
    second = tx.campaign_builder.submit(brand_id=brand.brand_id, **SOLE_CAMPAIGN)
    assert second.campaign_id != first.campaign_id
