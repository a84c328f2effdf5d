"""Native ``/api/v1/webhooks``: endpoints (Standard Webhooks), the delivery log, redelivery, and tenant
isolation, with a real receiver on 127.0.0.1."""

from __future__ import annotations

from datetime import timedelta

import pytest
from standardwebhooks import Webhook

from tests.factories import brand_body, campaign_body
from tests.webhook_support import run_all, tcr_signature_ok

pytestmark = pytest.mark.usefixtures("allow_loopback")


def test_endpoint_lifecycle(make_party, receiver):
    csp = make_party()
    made = csp.http.post("/api/v1/webhooks/endpoints", json={"url": receiver.url(), "eventTypes": ["BRAND_ADD"]})
    assert made.status_code == 201, made.text
    endpoint = made.json()
    assert endpoint["secret"].startswith("whsec_") and endpoint["eventTypes"] == ["BRAND_ADD"]
    assert endpoint["id"].startswith("we_")
    listed = csp.http.get("/api/v1/webhooks/endpoints").json()["endpoints"]
    assert [e["id"] for e in listed] == [endpoint["id"]]
    assert "secret" not in listed[0]  # shown once
    assert "secret" not in csp.http.get(f"/api/v1/webhooks/endpoints/{endpoint['id']}").json()

    rotated = csp.http.post(f"/api/v1/webhooks/endpoints/{endpoint['id']}/rotate-secret")
    assert rotated.status_code == 200 and rotated.json()["secret"] != endpoint["secret"]

    assert csp.http.delete(f"/api/v1/webhooks/endpoints/{endpoint['id']}").status_code == 204
    assert csp.http.get("/api/v1/webhooks/endpoints").json()["endpoints"] == []
    gone = csp.http.delete(f"/api/v1/webhooks/endpoints/{endpoint['id']}")
    assert gone.status_code == 404 and gone.json()["error"]["code"] == "NOT_FOUND"


def test_endpoint_input_is_checked(make_party):
    csp = make_party()
    for body, field in [({}, "url"), ({"url": "mailto:x@y.z"}, "url"),
                        ({"url": "https://x.example/" + "a" * 1000}, "url"),
                        ({"url": "https://93.184.215.14/", "eventTypes": ["NOPE"]}, "eventTypes"),
                        ({"url": "https://93.184.215.14/", "eventTypes": []}, "eventTypes"),
                        ({"url": "https://93.184.215.14/", "eventTypes": "BRAND_ADD"}, "eventTypes")]:
        answer = csp.http.post("/api/v1/webhooks/endpoints", json=body)
        assert answer.status_code == 422, body
        assert answer.json()["error"]["fields"] == [field]


def test_native_delivery_end_to_end_verifies(make_party, receiver, container):
    csp = make_party()
    secret = csp.http.post("/api/v1/webhooks/endpoints", json={"url": receiver.url()}).json()["secret"]
    brand = csp.http.post("/v2/brand/nonBlocking", json=brand_body()).json()
    run_all(container)
    [got] = receiver.received
    body = Webhook(secret).verify(got.body, got.headers)
    assert body["type"] == "BRAND_ADD" and body["data"]["brandId"] == brand["brandId"]
    assert got.headers["webhook-id"].startswith("msg_")


def _campaign(csp, run_workers) -> str:
    brand = csp.http.post("/v2/brand/nonBlocking", json=brand_body()).json()
    run_workers()
    made = csp.http.post("/v2/campaignBuilder", json=campaign_body(brand["brandId"]))
    assert made.status_code == 200, made.text
    return made.json()["campaignId"]


def test_deliveries_listing_filters_and_attempts(make_party, receiver, container, clock, run_workers):
    csp = make_party()
    csp.http.put("/v2/webhook/subscription", json={"eventCategory": "BRAND", "webhookEndpoint": receiver.url("/b")})
    csp.http.put("/v2/webhook/subscription", json={"eventCategory": "CAMPAIGN", "webhookEndpoint": receiver.url("/c")})
    receiver.reply = lambda got: (500, {}, b"down") if got.path == "/c" else (200, {}, b"OK")
    campaign_id = _campaign(csp, run_workers)
    run_all(container)

    listed = csp.http.get("/api/v1/webhooks/deliveries").json()
    assert listed["totalRecords"] == 4  # registration bills the first term: CAMPAIGN_BILLED after CAMPAIGN_ADD
    assert [d["eventType"] for d in listed["deliveries"]] == [  # newest first
        "CAMPAIGN_BILLED", "CAMPAIGN_ADD", "BRAND_IDENTITY_STATUS_UPDATE", "BRAND_ADD"]
    failing = csp.http.get("/api/v1/webhooks/deliveries", params={"status": "pending"}).json()["deliveries"]
    assert [x["eventType"] for x in failing] == ["CAMPAIGN_BILLED", "CAMPAIGN_ADD"]
    d = failing[1]
    assert d["campaignId"] == campaign_id and d["dialect"] == "tcr" and d["url"] == receiver.url("/c")
    assert d["attemptCount"] == 1 and d["lastStatusCode"] == 500
    assert d["attempts"][0]["statusCode"] == 500 and d["attempts"][0]["response"] == "down"
    assert d["attempts"][0]["durationMs"] >= 0 and d["attempts"][0]["at"].endswith("Z")
    assert d["nextAttemptAt"] is not None and not d["inFlight"]

    by_type = csp.http.get("/api/v1/webhooks/deliveries", params={"eventType": "BRAND_ADD"}).json()
    assert [x["eventType"] for x in by_type["deliveries"]] == ["BRAND_ADD"]
    by_campaign = csp.http.get("/api/v1/webhooks/deliveries", params={"campaignId": campaign_id}).json()
    assert by_campaign["totalRecords"] == 2
    succeeded = csp.http.get("/api/v1/webhooks/deliveries", params={"status": "succeeded"}).json()
    assert succeeded["totalRecords"] == 2
    paged = csp.http.get("/api/v1/webhooks/deliveries", params={"recordsPerPage": 3, "page": 2}).json()
    assert paged["totalRecords"] == 4 and [x["eventType"] for x in paged["deliveries"]] == ["BRAND_ADD"]
    bad = csp.http.get("/api/v1/webhooks/deliveries", params={"status": "lost", "eventType": "NOPE"})
    assert bad.status_code == 422 and set(bad.json()["error"]["fields"]) == {"status", "eventType"}
    assert csp.http.get("/api/v1/webhooks/deliveries", params={"recordsPerPage": 101}).status_code == 422

    # The receiver recovers; the retry on TCR's schedule delivers it.
    receiver.reply = lambda _: (200, {}, b"OK")
    clock.advance(timedelta(seconds=61))
    run_all(container)
    one = csp.http.get(f"/api/v1/webhooks/deliveries/{d['id']}").json()
    assert one["status"] == "succeeded" and [a["statusCode"] for a in one["attempts"]] == [500, 200]


def test_redeliver(make_party, receiver, container):
    csp = make_party()
    csp.http.put("/v2/webhook/subscription", json={"eventCategory": "BRAND", "webhookEndpoint": receiver.url()})
    csp.http.post("/v2/brand/nonBlocking", json=brand_body())
    run_all(container)
    [d] = csp.http.get("/api/v1/webhooks/deliveries").json()["deliveries"]
    assert d["status"] == "succeeded"
    again = csp.http.post(f"/api/v1/webhooks/deliveries/{d['id']}/redeliver")
    assert again.status_code == 202 and again.json()["status"] == "pending"
    run_all(container)
    assert len(receiver.received) == 2 and receiver.received[0].body == receiver.received[1].body
    assert all(tcr_signature_ok(csp.secret, receiver.url(), r) for r in receiver.received)
    done = csp.http.get(f"/api/v1/webhooks/deliveries/{d['id']}").json()
    assert done["status"] == "succeeded" and done["attemptCount"] == 2
    missing = csp.http.post("/api/v1/webhooks/deliveries/01NOPE/redeliver")
    assert missing.status_code == 404


def test_redeliver_to_a_removed_endpoint_is_refused(make_party, receiver, container):
    csp = make_party()
    endpoint = csp.http.post("/api/v1/webhooks/endpoints", json={"url": receiver.url()}).json()
    csp.http.post("/v2/brand/nonBlocking", json=brand_body())
    run_all(container)
    [d] = csp.http.get("/api/v1/webhooks/deliveries").json()["deliveries"]
    csp.http.delete(f"/api/v1/webhooks/endpoints/{endpoint['id']}")
    refused = csp.http.post(f"/api/v1/webhooks/deliveries/{d['id']}/redeliver")
    assert refused.status_code == 403 and refused.json()["error"]["code"] == "OPERATION_DECLINED"


def test_tenant_isolation(make_party, receiver, container):
    a, b = make_party(name="A"), make_party(name="B")
    a_endpoint = a.http.post("/api/v1/webhooks/endpoints", json={"url": receiver.url("/a")}).json()
    b.http.post("/api/v1/webhooks/endpoints", json={"url": receiver.url("/b")})
    a.http.put("/v2/webhook/subscription", json={"eventCategory": "BRAND", "webhookEndpoint": receiver.url("/a-tcr")})
    a.http.post("/v2/brand/nonBlocking", json=brand_body())
    run_all(container)
    assert {r.path for r in receiver.received} == {"/a", "/a-tcr"}  # B's endpoint gets nothing of A's

    a_deliveries = a.http.get("/api/v1/webhooks/deliveries").json()["deliveries"]
    assert len(a_deliveries) == 2
    assert b.http.get("/api/v1/webhooks/deliveries").json() == {"page": 1, "recordsPerPage": 20, "totalRecords": 0,
                                                                 "deliveries": []}
    for d in a_deliveries:
        assert b.http.get(f"/api/v1/webhooks/deliveries/{d['id']}").status_code == 404
        assert b.http.post(f"/api/v1/webhooks/deliveries/{d['id']}/redeliver").status_code == 404
    assert [e["url"] for e in b.http.get("/api/v1/webhooks/endpoints").json()["endpoints"]] == [receiver.url("/b")]
    assert b.http.get(f"/api/v1/webhooks/endpoints/{a_endpoint['id']}").status_code == 404
    assert b.http.delete(f"/api/v1/webhooks/endpoints/{a_endpoint['id']}").status_code == 404
    assert b.http.post(f"/api/v1/webhooks/endpoints/{a_endpoint['id']}/rotate-secret").status_code == 404
    assert b.http.get("/api/v1/webhooks/deliveries", params={"endpointId": a_endpoint["id"]}).json()[
        "totalRecords"] == 0
    # TCR subscriptions are not native endpoints.
    assert len(a.http.get("/api/v1/webhooks/endpoints").json()["endpoints"]) == 1


def test_webhook_routes_need_credentials(app):
    from fastapi.testclient import TestClient

    with TestClient(app) as anonymous:
        assert anonymous.get("/api/v1/webhooks/deliveries").status_code == 401
        assert anonymous.get("/api/v1/webhooks/endpoints").status_code == 401
        assert anonymous.get("/v2/webhook/subscription").status_code == 401
