"""Sole-proprietor SMS OTP over TCR's HTTP API: POST/PUT /v2/brand/{brandId}/smsOtp and
GET /v2/brand/smsOtp/{referenceId}, answers checked against the spec's schemas (when it is beside the project),
the PIN from the BRAND_MOCK_OTP event, and TCR's error codes 501, 502, 506, 509, 511 (a sole proprietor's one
campaign), 551, 552, 557 and 592."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from tests.api.test_api_schema import SPEC_PATH, assert_valid, component
from tests.factories import campaign_body, sole_proprietor_body
from tests.registry_support import new_brand, tcr_error
from tests.sharing_support import events

PIN_SMS = {"pinSms": "Acme: your verification code is @OTP_PIN@", "successSms": "Acme: you are verified."}


def valid(instance: Any, name: str) -> None:
    """Validate against the TCR spec when it is beside the project (skip the check, not the test, when not)."""
    if SPEC_PATH.is_file():
        assert_valid(instance, component(name), name)


def sole_brand(csp: Any, run_workers: Any, **changes: Any) -> str:
    made = csp.http.post("/v2/brand/nonBlocking", json={**sole_proprietor_body(), **changes})
    assert made.status_code == 200, made.text
    run_workers()
    return str(made.json()["brandId"])


def pin_of(csp: Any) -> str:
    return str([e for e in events(csp) if e["eventType"] == "BRAND_MOCK_OTP"][-1]["payload"]["otpPin"])


def test_trigger_status_verify_then_a_campaign(make_party: Any, run_workers: Any) -> None:
    csp = make_party()
    brand_id = sole_brand(csp, run_workers)
    sole_campaign = campaign_body(brand_id, usecase="SOLE_PROPRIETOR", subUsecases=["CUSTOMER_CARE"])
    assert tcr_error(csp.http.post("/v2/campaignBuilder", json=sole_campaign), 509) == ["brandId"]

    sent = csp.http.post(f"/v2/brand/{brand_id}/smsOtp", json=PIN_SMS)
    assert sent.status_code == 200, sent.text
    valid(sent.json(), "SendSmsOtpResponse")
    reference_id = sent.json()["referenceId"]
    assert sent.json()["brandId"] == brand_id and reference_id.startswith("OTP")

    got = csp.http.get(f"/v2/brand/smsOtp/{reference_id}")
    assert got.status_code == 200, got.text
    valid(got.json(), "SmsOtpStatus")
    body = got.json()
    assert (body["brandId"], body["referenceId"], body["mobilePhone"]) == (brand_id, reference_id, "+12025550199")
    assert body["deliveryStatus"] == "DELIVERED_HANDSET" and body["deliveryStatusDate"] == body["requestDate"]
    assert "verifyDate" not in body and "BRAND_MOCK_OTP" in body["deliveryStatusDetails"]

    assert tcr_error(csp.http.put(f"/v2/brand/{brand_id}/smsOtp", json={"otpPin": "x"}), 552) == ["otpPin"]
    verified = csp.http.put(f"/v2/brand/{brand_id}/smsOtp", json={"otpPin": pin_of(csp)})
    assert verified.status_code == 204 and verified.content == b""
    after = csp.http.get(f"/v2/brand/smsOtp/{reference_id}").json()
    valid(after, "SmsOtpStatus")
    assert after["verifyDate"]
    brand = csp.http.get(f"/v2/brand/{brand_id}").json()
    assert brand["identityStatus"] == "VERIFIED" and brand["mobilePhoneVerifiedDate"] == after["verifyDate"]
    kinds = [e["eventType"] for e in events(csp)]
    assert kinds[-2:] == ["BRAND_OTP_VERIFIED", "BRAND_IDENTITY_STATUS_UPDATE"]
    assert csp.http.post("/v2/campaignBuilder", json=sole_campaign).status_code == 200

    assert tcr_error(csp.http.post(f"/v2/brand/{brand_id}/smsOtp", json=PIN_SMS), 506) == ["brandId"]
    assert tcr_error(csp.http.put(f"/v2/brand/{brand_id}/smsOtp", json={"otpPin": "123456"}), 506) == ["brandId"]


def test_refusals(make_party: Any, run_workers: Any, clock: Any) -> None:
    csp, other = make_party(), make_party(name="Other Messaging")
    business = new_brand(csp)
    run_workers()
    assert tcr_error(csp.http.post(f"/v2/brand/{business}/smsOtp", json=PIN_SMS), 592) == ["brandId"]
    brand_id = sole_brand(csp, run_workers)
    assert tcr_error(csp.http.post(f"/v2/brand/{brand_id}/smsOtp", json={"pinSms": "no macro"}), 501) == ["pinSms"]
    assert tcr_error(csp.http.post(f"/v2/brand/{brand_id}/smsOtp", json={}), 501) == ["pinSms"]
    assert tcr_error(csp.http.post(f"/v2/brand/{brand_id}/smsOtp", content=b"{"), 501) == ["body"]
    assert tcr_error(csp.http.post("/v2/brand/BNOPE00/smsOtp", json=PIN_SMS), 502) == ["brandId"]
    assert tcr_error(other.http.post(f"/v2/brand/{brand_id}/smsOtp", json=PIN_SMS), 502) == ["brandId"]
    assert tcr_error(csp.http.put(f"/v2/brand/{brand_id}/smsOtp", json={"otpPin": "123456"}), 552) == ["otpPin"]
    assert tcr_error(csp.http.put(f"/v2/brand/{brand_id}/smsOtp", json={}), 501) == ["otpPin"]

    reference_id = csp.http.post(f"/v2/brand/{brand_id}/smsOtp", json=PIN_SMS).json()["referenceId"]
    assert tcr_error(csp.http.post(f"/v2/brand/{brand_id}/smsOtp", json=PIN_SMS), 557) == ["brandId"]
    assert tcr_error(other.http.get(f"/v2/brand/smsOtp/{reference_id}"), 502) == ["referenceId"]
    assert tcr_error(csp.http.get("/v2/brand/smsOtp/OTPNOPE00"), 502) == ["referenceId"]
    clock.advance(timedelta(hours=24))
    assert tcr_error(csp.http.put(f"/v2/brand/{brand_id}/smsOtp", json={"otpPin": pin_of(csp)}), 552) == ["otpPin"]

    abroad = sole_brand(csp, run_workers, referenceId="jane-uk", mobilePhone="+447700900123")
    assert tcr_error(csp.http.post(f"/v2/brand/{abroad}/smsOtp", json=PIN_SMS), 551) == ["mobilePhone"]


def test_too_many_wrong_pins_burn_the_otp(make_party: Any, run_workers: Any, clock: Any) -> None:
    csp = make_party()
    brand_id = sole_brand(csp, run_workers)
    csp.http.post(f"/v2/brand/{brand_id}/smsOtp", json=PIN_SMS)
    pin = pin_of(csp)
    wrong = f"{(int(pin) + 1) % 1_000_000:06d}"
    for _ in range(5):
        assert tcr_error(csp.http.put(f"/v2/brand/{brand_id}/smsOtp", json={"otpPin": wrong}), 552) == ["otpPin"]
    burnt = csp.http.put(f"/v2/brand/{brand_id}/smsOtp", json={"otpPin": pin})
    assert tcr_error(burnt, 552) and "burnt" in burnt.json()[0]["description"]
    clock.advance(timedelta(minutes=1))
    assert csp.http.post(f"/v2/brand/{brand_id}/smsOtp", json=PIN_SMS).status_code == 200
    assert csp.http.put(f"/v2/brand/{brand_id}/smsOtp", json={"otpPin": pin_of(csp)}).status_code == 204


def test_511_a_sole_proprietor_has_one_campaign_not_expired(make_party: Any, run_workers: Any) -> None:
    csp = make_party()
    brand_id = sole_brand(csp, run_workers)
    csp.http.post(f"/v2/brand/{brand_id}/smsOtp", json=PIN_SMS)
    assert csp.http.put(f"/v2/brand/{brand_id}/smsOtp", json={"otpPin": pin_of(csp)}).status_code == 204
    sole_campaign = campaign_body(brand_id, usecase="SOLE_PROPRIETOR", subUsecases=["CUSTOMER_CARE"])
    first = csp.http.post("/v2/campaignBuilder", json=sole_campaign)
    assert first.status_code == 200, first.text
    first_id = first.json()["campaignId"]

    refused = csp.http.post("/v2/campaignBuilder", json=sole_campaign)
    assert tcr_error(refused, 511) == ["brandId"]
    description = refused.json()[0]["description"]
    assert description.startswith("Maximum number of campaigns exceeded: ")
    assert brand_id in description and first_id in description
    assert csp.http.get("/v2/campaign", params={"brandId": brand_id}).json()["totalRecords"] == 1

    assert csp.http.delete(f"/v2/campaign/{first_id}").status_code == 204
    second = csp.http.post("/v2/campaignBuilder", json=sole_campaign)
    assert second.status_code == 200, second.text
    assert tcr_error(csp.http.post("/v2/campaignBuilder", json=sole_campaign), 511) == ["brandId"]
