"""The whole brand → campaign → update → search → deactivate flow through /v2, as a CSP would do it."""

from __future__ import annotations

from tests.factories import brand_body, campaign_body


def test_brand_to_deactivated_campaign(make_party, run_workers):
    csp = make_party()
    created = csp.http.post("/v2/brand/nonBlocking", json=brand_body())
    assert created.status_code == 200, created.text
    brand = created.json()
    assert brand["brandId"].startswith("B") and len(brand["brandId"]) == 7
    assert brand["identityStatus"] == "UNVERIFIED"
    assert brand["cspId"] == csp.cnp_id

    # Before scoring, a campaign is refused with 527 (pending).
    early = csp.http.post("/v2/campaignBuilder", json=campaign_body(brand["brandId"]))
    assert early.status_code == 400
    assert early.json()[0]["code"] == 527

    run_workers()
    assert csp.http.get(f"/v2/brand/{brand['brandId']}").json()["identityStatus"] == "VERIFIED"

    made = csp.http.post("/v2/campaignBuilder", json=campaign_body(brand["brandId"], referenceId="ref-1"))
    assert made.status_code == 200, made.text
    answer = made.json()
    assert set(answer) == {"campaignId", "mnoMetadata"}
    campaign_id = answer["campaignId"]

    read = csp.http.get(f"/v2/campaign/{campaign_id}").json()
    assert read["status"] == "ACTIVE"
    assert read["resellerId"] == "R000000"
    assert read["monthlyFee"] == 10.0
    assert read["subUsecases"] == ["ACCOUNT_NOTIFICATION", "CUSTOMER_CARE"]

    changed = csp.http.put(f"/v2/campaign/{campaign_id}", json={"sample3": "Acme Dental: we moved to 2 Main St. "
                                                                "Reply STOP to opt out."})
    assert changed.status_code == 200, changed.text
    assert changed.json()["sample3"].startswith("Acme Dental: we moved")

    found = csp.http.get("/v2/campaign/search", params={"referenceId": "ref-1"}).json()
    assert found["totalRecords"] == 1 and found["records"][0]["campaignId"] == campaign_id

    assert csp.http.delete(f"/v2/campaign/{campaign_id}").status_code == 204
    assert csp.http.delete(f"/v2/campaign/{campaign_id}").status_code == 204  # idempotent
    expired = csp.http.get(f"/v2/campaign/{campaign_id}").json()
    assert expired["status"] == "EXPIRED"
    assert "expirationDate" in expired

    refused = csp.http.put(f"/v2/campaign/{campaign_id}", json={"sample3": "x" * 30})
    assert refused.json()[0]["code"] == 518

    events = csp.http.get("/api/v1/events").json()["events"]
    assert [e["eventType"] for e in events] == [
        "BRAND_ADD", "BRAND_IDENTITY_STATUS_UPDATE", "CAMPAIGN_ADD", "CAMPAIGN_BILLED", "CAMPAIGN_UPDATE",
        "CAMPAIGN_EXPIRED"]  # registration bills the first term (CAMPAIGN_BILLED)
