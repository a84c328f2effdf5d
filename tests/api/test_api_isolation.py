"""Tenant isolation: an account only ever sees and touches its own brands, campaigns and events. Another
account's record is "not found" (502), exactly like a record that does not exist."""

from __future__ import annotations

from tests.factories import brand_body, campaign_body
from tests.registry_support import new_campaign, tcr_error, tcr_errors, verified_brand


def _a_with_records(make_party, run_workers):
    a = make_party(name="Alpha Messaging")
    brand_id = verified_brand(a, run_workers, referenceId="alpha-brand", tag=["vip"])
    campaign_id = new_campaign(a, brand_id, referenceId="alpha-campaign", tag=["vip"])
    mock_brand = verified_brand(a, run_workers, mock=True, displayName="Alpha Mock")
    mock_campaign = new_campaign(a, mock_brand)
    return a, brand_id, campaign_id, mock_campaign


def test_another_accounts_brand_is_not_found(make_party, run_workers):
    a, brand_id, _, _ = _a_with_records(make_party, run_workers)
    b = make_party(name="Bravo Messaging")
    for method, path, body in (("GET", f"/v2/brand/{brand_id}", None),
                               ("PUT", f"/v2/brand/{brand_id}", {"displayName": "Hijacked"}),
                               ("DELETE", f"/v2/brand/{brand_id}", None),
                               ("GET", f"/v2/brand/feedback/{brand_id}", None)):
        foreign = b.http.request(method, path, json=body)
        missing = b.http.request(method, path.replace(brand_id, "BNOPE00"), json=body)
        assert tcr_error(foreign, 502) == ["brandId"], (method, path)
        # indistinguishable from a brand that does not exist, apart from the id echoed in the text
        assert foreign.json()[0]["description"].replace(brand_id, "?") == \
            missing.json()[0]["description"].replace("BNOPE00", "?")
    made = b.http.post("/v2/campaignBuilder", json=campaign_body(brand_id))
    assert tcr_error(made, 502) == ["brandId"]
    brand = a.http.get(f"/v2/brand/{brand_id}").json()
    assert brand["displayName"] == "Acme Dental" and brand["status"] == "ACTIVE"


def test_another_accounts_campaign_is_not_found(make_party, run_workers):
    a, _, campaign_id, mock_campaign = _a_with_records(make_party, run_workers)
    b = make_party(name="Bravo Messaging")
    for cid in (campaign_id, mock_campaign):
        for method, body in (("GET", None), ("PUT", {"sample3": "Bravo: this campaign is mine now. Reply STOP."}),
                             ("DELETE", None)):
            assert tcr_error(b.http.request(method, f"/v2/campaign/{cid}", json=body), 502) == ["campaignId"]
    campaign = a.http.get(f"/v2/campaign/{campaign_id}").json()
    assert campaign["status"] == "ACTIVE" and "sample3" not in campaign


def test_another_account_never_sees_them_in_lists_or_events(make_party, run_workers):
    a, brand_id, campaign_id, mock_campaign = _a_with_records(make_party, run_workers)
    b = make_party(name="Bravo Messaging")
    b_brand = verified_brand(b, run_workers)
    b_campaign = new_campaign(b, b_brand)

    def ids(answer, key):
        assert answer.status_code == 200, answer.text
        return {r[key] for r in answer.json()["records"]}

    for params in ({}, {"referenceId": "alpha-brand"}, {"tag": "vip"}, {"mock": True}, {"status": "DELETED"},
                   {"recordsPerPage": 500}):
        assert brand_id not in ids(b.http.get("/v2/brand", params=params), "brandId"), params
    assert ids(b.http.get("/v2/brand", params={"recordsPerPage": 500}), "brandId") == {b_brand}
    for path in ("/v2/campaign/search", "/v2/campaign/mock", "/v2/campaign"):
        for params in ({}, {"brandId": a.http.get(f"/v2/campaign/{campaign_id}").json()["brandId"]},
                       {"referenceId": "alpha-campaign"}, {"tag": "vip"}, {"mock": True}):
            found = ids(b.http.get(path, params=params), "campaignId")
            assert not found & {campaign_id, mock_campaign}, (path, params)
    assert ids(b.http.get("/v2/campaign/search"), "campaignId") == {b_campaign}
    assert ids(b.http.get("/v2/campaign", params={"recordsPerPage": 500}), "campaignId") == {b_campaign}

    b_events = b.http.get("/api/v1/events", params={"limit": 1000}).json()["events"]
    assert b_events and all(e["payload"]["cspId"] == b.cnp_id for e in b_events)
    mentioned = {e["payload"].get("brandId") for e in b_events} | {e["payload"].get("campaignId") for e in b_events}
    assert not mentioned & {brand_id, campaign_id, mock_campaign}
    a_events = a.http.get("/api/v1/events", params={"limit": 1000}).json()["events"]
    assert {e["payload"]["cspId"] for e in a_events} == {a.cnp_id}
    # sequence numbers are global, but paging with another account's cursor still shows only one's own
    after_all_of_a = max(e["seq"] for e in a_events)
    later = b.http.get("/api/v1/events", params={"after": after_all_of_a}).json()["events"]
    assert all(e["payload"]["cspId"] == b.cnp_id for e in later)


def test_another_accounts_reference_ids_and_failed_attempts_leave_no_trace(make_party, run_workers):
    a, brand_id, campaign_id, _ = _a_with_records(make_party, run_workers)
    b = make_party(name="Bravo Messaging")
    before = a.http.get("/api/v1/events", params={"limit": 1000}).json()["events"]
    for method, path, body in (("PUT", f"/v2/brand/{brand_id}", {"city": "Elsewhere"}),
                               ("DELETE", f"/v2/campaign/{campaign_id}", None),
                               ("DELETE", f"/v2/brand/{brand_id}", None)):
        tcr_errors(b.http.request(method, path, json=body))
    assert a.http.get("/api/v1/events", params={"limit": 1000}).json()["events"] == before
    # a referenceId used by A is free for B
    assert b.http.post("/v2/brand/nonBlocking", json=brand_body(referenceId="ALPHA-BRAND")).status_code == 200
