"""``POST /api/v1/lint``: the report for a campaign, with or without its brand, and the registry-wide checks
across accounts without leaking the other account's records."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.compliance_support import good_brand, good_campaign
from tests.factories import brand_body, campaign_body
from tests.registry_support import new_campaign, verified_brand

CODES = lambda body: {f["code"] for f in body["findings"]}  # noqa: E731


def test_lint_requires_an_api_key(app) -> None:
    with TestClient(app) as anonymous:
        response = anonymous.post("/api/v1/lint", json={"campaign": good_campaign()})
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "UNAUTHENTICATED"


def test_lint_a_clean_campaign_with_its_brand(make_party) -> None:
    csp = make_party("csp", "Acme Messaging")
    response = csp.http.post("/api/v1/lint", json={"campaign": good_campaign(), "brand": good_brand(),
                                                   "profile": "strict"})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["ok"] is True and body["findings"] == [] and body["profile"] == "strict"
    assert body["registryChecked"] is True and body["skipped"] == [] and body["rulesetVersion"]


def test_lint_without_a_brand_skips_the_brand_rules(make_party) -> None:
    csp = make_party()
    body = csp.http.post("/api/v1/lint?profile=sinch", json=good_campaign(sample3=None)).json()
    assert body["profile"] == "sinch" and body["ok"] is False and "SAMPLE_COUNT_TOO_LOW" in CODES(body)
    assert "SAMPLE_MISSING_BRAND_NAME" in body["skipped"] and "EIN_REUSED" in body["skipped"]
    finding = next(f for f in body["findings"] if f["code"] == "SAMPLE_COUNT_TOO_LOW")
    assert finding == {**finding, "severity": "error", "rejectionCategory": "SAMPLE_MESSAGE", "fields": ["sample3"]}
    assert "microsoft:SampleMessageMissing" in finding["providerCodes"]


def test_lint_uses_the_callers_own_brand_named_by_brand_id(make_party, run_workers) -> None:
    csp = make_party()
    brand_id = verified_brand(csp, run_workers)  # "Acme Dental"
    body = csp.http.post("/api/v1/lint", json={"campaign": good_campaign(brandId=brand_id)}).json()
    assert "SAMPLE_MISSING_BRAND_NAME" in CODES(body) and "SAMPLE_MISSING_BRAND_NAME" not in body["skipped"]
    other = make_party("csp", "Other Co")
    theirs = other.http.post("/api/v1/lint", json={"campaign": good_campaign(brandId=brand_id)}).json()
    assert "SAMPLE_MISSING_BRAND_NAME" in theirs["skipped"]  # someone else's brand is not read


def test_bad_input_and_unknown_profile_are_refused(make_party) -> None:
    csp = make_party()
    bad = csp.http.post("/api/v1/lint", json={"campaign": good_campaign(), "profile": "verizon"})
    assert bad.status_code == 422 and bad.json()["error"]["fields"] == ["profile"]
    wrong = csp.http.post("/api/v1/lint", json={"campaign": good_campaign(sample1=5)})
    assert wrong.status_code == 422 and wrong.json()["error"]["fields"] == ["campaign.sample1"]
    assert csp.http.post("/api/v1/lint", json={"campaign": []}).status_code == 422


def test_registry_wide_checks_across_accounts_do_not_leak(make_party, run_workers) -> None:
    first = make_party("csp", "First Messaging")
    their_brand = verified_brand(first, run_workers)
    their_campaign = new_campaign(first, their_brand)
    original = campaign_body(their_brand)

    second = make_party("csp", "Second Messaging")
    copied = good_campaign(description=original["description"].upper() + "  ", sample1=original["sample1"],
                           sample2=original["sample2"])
    response = second.http.post("/api/v1/lint", json={"campaign": copied, "brand": good_brand()})
    assert response.status_code == 200, response.text
    found = CODES(response.json())
    assert {"DESCRIPTION_REUSED", "SAMPLES_REUSED"} <= found and "EIN_REUSED" not in found
    # Same EIN as the first account's brand (spelled without the dash): one business on two brands. Its
    # campaigns then count as related, so only the EIN is reported.
    same_ein = second.http.post("/api/v1/lint", json={"campaign": copied, "brand": good_brand(
        ein=brand_body()["ein"].replace("-", ""))})
    assert "EIN_REUSED" in CODES(same_ein.json()) and "DESCRIPTION_REUSED" not in CODES(same_ein.json())
    for text in (response.text, same_ein.text):
        for secret in (their_brand, their_campaign, first.cnp_id, "First Messaging", "Acme Dental"):
            assert secret not in text

    # The owner re-linting its own campaign's text under its own brand is not "reuse".
    own = first.http.post("/api/v1/lint", json={"campaign": {**copied, "brandId": their_brand}}).json()
    assert not {"DESCRIPTION_REUSED", "SAMPLES_REUSED", "EIN_REUSED"} & CODES(own)


def test_reuse_ignores_spacing_and_follows_updates(make_party, run_workers) -> None:
    first = make_party("csp", "First Messaging")
    brand = verified_brand(first, run_workers)
    campaign_id = new_campaign(first, brand)
    original = campaign_body(brand)["description"]
    second = make_party("csp", "Second Messaging")

    def reused(description: str) -> bool:
        body = second.http.post("/api/v1/lint", json={"campaign": good_campaign(description=description),
                                                       "brand": good_brand()}).json()
        return "DESCRIPTION_REUSED" in CODES(body)

    respaced = "\n ".join(original.split(" "))  # the same words, other line breaks and spacing
    assert reused(respaced) and not reused(original + " Plus one new sentence.")
    changed = original + " Updated with more detail about the program."
    assert first.http.put(f"/v2/campaign/{campaign_id}", json={"description": changed}).status_code == 200
    assert reused(changed) and not reused(original)  # the stored campaign's current text is what counts


def test_a_platform_registered_as_the_brand(make_party) -> None:
    csp = make_party("csp", "Bayside Dental Group, LLC")
    body = csp.http.post("/api/v1/lint", json={"campaign": good_campaign(), "brand": good_brand()}).json()
    assert "BRAND_IS_PLATFORM" in CODES(body) and body["ok"] is False
