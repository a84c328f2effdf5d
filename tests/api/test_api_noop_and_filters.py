"""An update that changes nothing is not a change; brand filters tendlc cannot satisfy match nothing."""

from __future__ import annotations

from tests.factories import brand_body, campaign_body


def _events(party):
    return [e["eventType"] for e in party.http.get("/api/v1/events").json()["events"]]


def test_an_update_that_changes_nothing_keeps_the_version_and_emits_no_event(make_party, run_workers):
    csp = make_party()
    brand = csp.http.post("/v2/brand/nonBlocking", json=brand_body()).json()
    run_workers()
    campaign_id = csp.http.post("/v2/campaignBuilder", json=campaign_body(brand["brandId"])).json()["campaignId"]
    before = _events(csp)

    same_brand = csp.http.put(f"/v2/brand/{brand['brandId']}", json={"displayName": brand["displayName"]})
    current = csp.http.get(f"/v2/campaign/{campaign_id}").json()
    same_campaign = csp.http.put(f"/v2/campaign/{campaign_id}", json={"sample1": current["sample1"]})

    assert same_brand.status_code == 200 and same_campaign.status_code == 200
    assert _events(csp) == before

    changed = csp.http.put(f"/v2/brand/{brand['brandId']}", json={"displayName": "Acme Dental Care"})
    assert changed.json()["displayName"] == "Acme Dental Care"
    assert _events(csp) == [*before, "BRAND_UPDATE"]


def test_brand_filters_on_reseller_and_auth_plus_match_nothing_tendlc_does_not_track(make_party):
    csp = make_party()
    csp.http.post("/v2/brand/nonBlocking", json=brand_body())
    assert csp.http.get("/v2/brand").json()["totalRecords"] == 1
    assert csp.http.get("/v2/brand", params={"resellerId": "R123456"}).json()["totalRecords"] == 0
    assert csp.http.get("/v2/brand", params={"resellerId": "R000000"}).json()["totalRecords"] == 1
    assert csp.http.get("/v2/brand", params={"authenticationPlusCompliant": "true"}).json()["totalRecords"] == 0
    assert csp.http.get("/v2/brand", params={"authenticationPlusCompliant": "false"}).json()["totalRecords"] == 1
