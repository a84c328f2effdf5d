"""TCR ``/v2/webhook/…``: categories, event types, subscription upsert/list/delete, mock events, and the
refusal of private addresses."""

from __future__ import annotations

import pytest

from tendlc.core.events import EVENT_CATEGORY, EventType
from tests.factories import brand_body
from tests.webhook_support import run_all, tcr_signature_ok


def test_event_categories_and_types(make_party):
    csp = make_party()
    assert csp.http.get("/v2/webhook/eventCategory").json() == ["VETTING", "INCIDENCE", "CSP", "BRAND", "CAMPAIGN"]
    types = csp.http.get("/v2/webhook/eventType").json()
    assert {t["eventType"] for t in types} == {t.value for t in EventType}
    for t in types:
        assert set(t) == {"eventType", "description", "eventCategory"}
        assert t["eventCategory"] == EVENT_CATEGORY[EventType(t["eventType"])]
        assert t["description"]
    nudge = next(t for t in types if t["eventType"] == "CAMPAIGN_NUDGE")
    assert nudge == {"eventType": "CAMPAIGN_NUDGE", "description": "Nudge a party in the connectivity chain",
                     "eventCategory": "CAMPAIGN"}


@pytest.mark.usefixtures("allow_loopback")
def test_subscription_upsert_list_delete(make_party, receiver):
    csp = make_party()
    assert csp.http.get("/v2/webhook/subscription").json() == []
    first = csp.http.put("/v2/webhook/subscription", json={"eventCategory": "BRAND",
                                                          "webhookEndpoint": receiver.url("/one")})
    assert first.status_code == 200, first.text
    assert first.json() == {"eventCategory": "BRAND", "webhookEndpoint": receiver.url("/one")}
    # Upsert: one endpoint per category.
    again = csp.http.put("/v2/webhook/subscription", json={"eventCategory": "BRAND",
                                                          "webhookEndpoint": receiver.url("/two")})
    assert again.json() == {"eventCategory": "BRAND", "webhookEndpoint": receiver.url("/two")}
    csp.http.put("/v2/webhook/subscription", json={"eventCategory": "CAMPAIGN",
                                                   "webhookEndpoint": receiver.url("/campaigns")})
    listed = csp.http.get("/v2/webhook/subscription").json()
    assert sorted(listed, key=lambda s: s["eventCategory"]) == [
        {"eventCategory": "BRAND", "webhookEndpoint": receiver.url("/two")},
        {"eventCategory": "CAMPAIGN", "webhookEndpoint": receiver.url("/campaigns")},
    ]

    assert csp.http.delete("/v2/webhook/subscription/BRAND").status_code == 204
    assert csp.http.delete("/v2/webhook/subscription/BRAND").status_code == 204  # nothing left: still fine
    assert csp.http.get("/v2/webhook/subscription").json() == [
        {"eventCategory": "CAMPAIGN", "webhookEndpoint": receiver.url("/campaigns")}]

    # A removed subscription delivers nothing; subscribing again revives it.
    csp.http.post("/v2/brand/nonBlocking", json=brand_body())
    # (the brand's events were relayed while unsubscribed)
    assert csp.http.put("/v2/webhook/subscription", json={"eventCategory": "BRAND",
                                                          "webhookEndpoint": receiver.url("/three")}).status_code == 200


def test_subscription_input_is_checked(make_party):
    csp = make_party()
    bad_category = csp.http.put("/v2/webhook/subscription", json={"eventCategory": "TRAFFIC",
                                                                  "webhookEndpoint": "https://example.com/h"})
    assert bad_category.status_code == 400
    assert bad_category.json()[0]["code"] == 501 and bad_category.json()[0]["fields"] == ["eventCategory"]
    too_long = csp.http.put("/v2/webhook/subscription", json={"eventCategory": "BRAND",
                                                              "webhookEndpoint": "https://example.com/" + "x" * 240})
    assert too_long.json()[0]["fields"] == ["webhookEndpoint"]
    not_url = csp.http.put("/v2/webhook/subscription", json={"eventCategory": "BRAND", "webhookEndpoint": "ftp://x"})
    assert not_url.json()[0]["fields"] == ["webhookEndpoint"]
    missing = csp.http.put("/v2/webhook/subscription", json={"eventCategory": "BRAND"})
    assert missing.json()[0]["fields"] == ["webhookEndpoint"]
    assert csp.http.delete("/v2/webhook/subscription/NOPE").json()[0]["code"] == 501


@pytest.mark.parametrize("url", [
    "http://127.0.0.1:9/hook", "http://localhost/hook", "http://api.localhost/hook", "http://10.1.2.3/hook",
    "http://192.168.0.10/hook", "http://172.16.5.4/hook", "http://169.254.169.254/latest/meta-data",
    "http://[::1]/hook", "http://[fe80::1]/hook", "http://[::ffff:127.0.0.1]/hook", "http://0.0.0.0/hook",
    "http://100.64.0.1/hook",
])
def test_private_addresses_are_refused(make_party, url):
    csp = make_party()
    answer = csp.http.put("/v2/webhook/subscription", json={"eventCategory": "BRAND", "webhookEndpoint": url})
    assert answer.status_code == 400
    error = answer.json()[0]
    assert error["code"] == 501 and error["fields"] == ["webhookEndpoint"]
    assert "private, loopback or link-local" in error["description"] or "loopback" in error["description"]
    assert "TENDLC_WEBHOOK_ALLOW_PRIVATE" in error["description"]
    native = csp.http.post("/api/v1/webhooks/endpoints", json={"url": url})
    assert native.status_code == 422 and native.json()["error"]["fields"] == ["url"]


def test_a_public_address_is_accepted(make_party):
    csp = make_party()
    answer = csp.http.put("/v2/webhook/subscription", json={"eventCategory": "BRAND",
                                                           "webhookEndpoint": "https://93.184.215.14/hook"})
    assert answer.status_code == 200, answer.text


@pytest.mark.usefixtures("allow_loopback")
def test_mock_event_is_sent_signed_with_the_subscribers_secret(make_party, receiver):
    csp = make_party(name="Mock Messaging")
    csp.http.put("/v2/webhook/subscription", json={"eventCategory": "CAMPAIGN", "webhookEndpoint": receiver.url()})
    receiver.reply = lambda _: (202, {}, b"thanks")
    answer = csp.http.get("/v2/webhook/subscription/eventType/CAMPAIGN_SHARE_ADD/mock")
    assert answer.status_code == 200, answer.text
    result = answer.json()
    assert result["endpoint"] == receiver.url() and result["status"] == 202 and result["response"] == "thanks"
    [got] = receiver.received
    assert got.body.decode() == result["request"]
    assert got.json["eventType"] == "CAMPAIGN_SHARE_ADD" and got.json["mock"] is True
    assert got.json["campaignId"].startswith("C") and got.json["cspId"] == csp.cnp_id
    assert tcr_signature_ok(csp.secret, receiver.url(), got)
    assert got.headers["Content-Type"] == "application/json"


@pytest.mark.usefixtures("allow_loopback")
def test_mock_needs_a_subscription_and_a_known_type(make_party, receiver):
    csp = make_party()
    csp.http.put("/v2/webhook/subscription", json={"eventCategory": "CAMPAIGN", "webhookEndpoint": receiver.url()})
    unknown = csp.http.get("/v2/webhook/subscription/eventType/NOT_A_TYPE/mock")
    assert unknown.status_code == 400 and unknown.json()[0]["code"] == 501
    unsubscribed = csp.http.get("/v2/webhook/subscription/eventType/BRAND_ADD/mock")
    assert unsubscribed.status_code == 400 and unsubscribed.json()[0]["code"] == 502
    assert receiver.received == []


@pytest.mark.usefixtures("allow_loopback")
def test_mock_reports_a_network_failure(make_party):
    csp = make_party()
    csp.http.put("/v2/webhook/subscription", json={"eventCategory": "BRAND", "webhookEndpoint": "http://127.0.0.1:9/x"})
    result = csp.http.get("/v2/webhook/subscription/eventType/BRAND_ADD/mock").json()
    assert result["status"] == 0 and "Connect" in result["response"]


@pytest.mark.usefixtures("allow_loopback")
def test_subscriptions_are_per_account(make_party, receiver):
    a, b = make_party(name="A"), make_party(name="B")
    a.http.put("/v2/webhook/subscription", json={"eventCategory": "BRAND", "webhookEndpoint": receiver.url("/a")})
    assert b.http.get("/v2/webhook/subscription").json() == []
    assert b.http.delete("/v2/webhook/subscription/BRAND").status_code == 204
    assert a.http.get("/v2/webhook/subscription").json() == [
        {"eventCategory": "BRAND", "webhookEndpoint": receiver.url("/a")}]


@pytest.mark.usefixtures("allow_loopback")
def test_brand_events_reach_the_subscription_signed(make_party, receiver, container):
    csp = make_party()
    csp.http.put("/v2/webhook/subscription", json={"eventCategory": "BRAND", "webhookEndpoint": receiver.url()})
    brand = csp.http.post("/v2/brand/nonBlocking", json=brand_body(referenceId="acme-1")).json()
    run_all(container)
    [got] = receiver.received
    assert got.json["eventType"] == "BRAND_ADD" and got.json["brandId"] == brand["brandId"]
    assert got.json["brandReferenceId"] == "acme-1"
    assert tcr_signature_ok(csp.secret, receiver.url(), got)
