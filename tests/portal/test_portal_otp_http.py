"""A sole proprietor's SMS verification in the portal over plain HTTP: the brand page's section (status, the hint
where the PIN arrives), sending a PIN, a wrong PIN refused next to its field and still counted, a re-send too soon
refused, the right PIN verifying the brand; then its one campaign from the campaign form, the second refused (511)
next to the brand field. CSRF on both forms; another account's brand is not found."""

from __future__ import annotations

import base64
from typing import Any

from fastapi.testclient import TestClient

from tests.factories import brand_body, campaign_body, sole_proprietor_body
from tests.portal.support import signed_in, token

CAMPAIGN_TEXTS = ("description", "messageFlow", "sample1", "sample2", "optinMessage", "optoutMessage", "helpMessage",
                  "optinKeywords", "optoutKeywords", "helpKeywords")


def _portal(sandbox_app: Any, api: TestClient) -> TestClient:
    """A portal session with the API client's own key."""
    key, secret = base64.b64decode(api.auth._auth_header.split()[1]).decode().split(":", 1)  # type: ignore[union-attr]
    return signed_in(sandbox_app, key, secret)


def _brand(http: TestClient, sandbox_app: Any, body: dict[str, Any]) -> str:
    r = http.post("/portal/brands", data={"csrf_token": token(http, "/portal/brands/new"), **body},
                  follow_redirects=False)
    assert r.status_code == 303, r.text
    sandbox_app.state.workers.run_until_idle()
    return str(r.headers["location"].rsplit("/", 1)[-1].split("?")[0])


def _pin_event(api: TestClient) -> dict[str, Any]:
    found = [e for e in api.get("/api/v1/events", params={"limit": 1000}).json()["events"]
             if e["eventType"] == "BRAND_MOCK_OTP"]
    return dict(found[-1])


def _campaign_form(http: TestClient, brand_id: str) -> Any:
    body = campaign_body(brand_id, usecase="SOLE_PROPRIETOR", subUsecases=["CUSTOMER_CARE"])
    form = {name: body[name] for name in CAMPAIGN_TEXTS}
    form.update({"brandId": brand_id, "usecase": "SOLE_PROPRIETOR", "subUsecases": "CUSTOMER_CARE",
                 "subscriberOptin": "true", "subscriberOptout": "true", "subscriberHelp": "true",
                 "autoRenewal": "true", "csrf_token": token(http, "/portal/campaigns/new")})
    return http.post("/portal/campaigns", data=form, follow_redirects=False)


def test_a_sole_proprietor_verifies_its_phone_then_registers_its_one_campaign(sandbox_app: Any,
                                                                               sandbox_party: Any) -> None:
    _, api = sandbox_party("csp", "Acme Messaging")
    with _portal(sandbox_app, api) as http:
        brand_id = _brand(http, sandbox_app, sole_proprietor_body())
        page = http.get(f"/portal/brands/{brand_id}").text
        assert "SMS verification" in page and "+12025550199" in page and "BRAND_MOCK_OTP" in page
        assert "Send PIN" in page and "/otp/verify" not in page  # nothing to verify yet

        sent = http.post(f"/portal/brands/{brand_id}/otp/send", data={"csrf_token": token(http, "/portal/brands")},
                         follow_redirects=False)
        assert sent.status_code == 303 and sent.headers["location"] == f"/portal/brands/{brand_id}?done=otp-sent"
        event = _pin_event(api)
        pin, reference_id = event["payload"]["otpPin"], event["payload"]["otpReferenceId"]
        assert f"Your Acme Dental verification PIN is {pin}" in event["payload"]["description"]
        page = http.get(sent.headers["location"]).text
        assert "PIN sent." in page and reference_id in page and "DELIVERED_HANDSET" in page
        assert "Send a new PIN" in page and 'name="otpPin"' in page

        wrong = f"{(int(pin) + 1) % 1_000_000:06d}"
        r = http.post(f"/portal/brands/{brand_id}/otp/verify",
                      data={"csrf_token": token(http, f"/portal/brands/{brand_id}"), "otpPin": wrong})
        assert r.status_code == 422
        assert 'id="otpPin-error"' in r.text and "4 attempt(s) left" in r.text and 'aria-invalid="true"' in r.text
        assert "1 wrong PIN" in r.text  # counted: the refusal came after the commit
        r = http.post(f"/portal/brands/{brand_id}/otp/send", data={"csrf_token": token(http, "/portal/brands")})
        assert r.status_code == 422 and 'id="otp-error"' in r.text and "less than a minute ago" in r.text

        r = http.post(f"/portal/brands/{brand_id}/otp/verify",
                      data={"csrf_token": token(http, f"/portal/brands/{brand_id}"), "otpPin": pin},
                      follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"].endswith("?done=otp-verified")
        page = http.get(r.headers["location"]).text
        assert "Mobile phone verified" in page and "s-verified" in page and "SMS verification" not in page
        assert api.get(f"/v2/brand/{brand_id}").json()["identityStatus"] == "VERIFIED"

        first = _campaign_form(http, brand_id)
        assert first.status_code == 303, first.text[-2000:]
        first_id = first.headers["location"].rsplit("/", 1)[-1].split("?")[0]
        second = _campaign_form(http, brand_id)
        assert second.status_code == 422
        assert 'id="brandId-error"' in second.text and first_id in second.text and brand_id in second.text


def test_the_forms_need_their_token_and_the_callers_brand(sandbox_app: Any, sandbox_party: Any) -> None:
    _, owner_api = sandbox_party("csp", "Owner")
    _, other_api = sandbox_party("csp", "Other")
    with _portal(sandbox_app, owner_api) as http:
        brand_id = _brand(http, sandbox_app, sole_proprietor_body())
        business = _brand(http, sandbox_app, brand_body())
        for path, data in ((f"/portal/brands/{brand_id}/otp/send", {}),
                           (f"/portal/brands/{brand_id}/otp/verify", {"otpPin": "123456"})):
            for extra in ({}, {"csrf_token": "forged"}):
                assert http.post(path, data={**data, **extra}, follow_redirects=False).status_code == 403
        assert "SMS verification" not in http.get(f"/portal/brands/{business}").text
        r = http.post(f"/portal/brands/{business}/otp/send", data={"csrf_token": token(http, "/portal/brands")})
        assert r.status_code == 422 and "only for SOLE_PROPRIETOR brands" in r.text
    with _portal(sandbox_app, other_api) as http:
        for path in (f"/portal/brands/{brand_id}/otp/send", f"/portal/brands/{brand_id}/otp/verify"):
            r = http.post(path, data={"csrf_token": token(http, "/portal/brands"), "otpPin": "123456"})
            assert r.status_code == 404
    assert not [e for e in owner_api.get("/api/v1/events").json()["events"] if e["eventType"] == "BRAND_MOCK_OTP"]
