"""The seed's sharing scenario, watched through webhooks: CSP shares with a CNP, the CNP declines with an
explanation, the CSP edits and shares again, the CNP forwards to a DCA, the DCA accepts. Each party's
receiver gets its events in order, with exactly the payloads of its event log, and every signature
verifies (TCR: recomputed here with hmac/hashlib/base64; native: standardwebhooks)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from standardwebhooks import Webhook

from tests.sharing_support import edit, events, registered_campaign
from tests.webhook_support import run_all, tcr_signature_ok

REASON = "Please provide an additional sample message."

pytestmark = pytest.mark.usefixtures("allow_loopback")


def test_each_party_is_told_by_signed_webhooks_in_order(make_party, run_workers, clock, receiver, container):
    csp = make_party("csp", "Acme Messaging")
    cnp = make_party("csp", "Relay Networks")
    dca = make_party("dca", "Big Aggregator", "DCA123")
    parties = {"csp": csp, "cnp": cnp, "dca": dca}
    for name, party in parties.items():
        subscribed = party.http.put("/v2/webhook/subscription", json={"eventCategory": "CAMPAIGN",
                                                                      "webhookEndpoint": receiver.url(f"/{name}")})
        assert subscribed.status_code == 200, subscribed.text
    native_secret = csp.http.post("/api/v1/webhooks/endpoints", json={
        "url": receiver.url("/csp-native"),
        "eventTypes": ["CAMPAIGN_SHARE_ADD", "CAMPAIGN_SHARE_ACCEPT", "CAMPAIGN_SHARE_DELETE", "CAMPAIGN_DCA_COMPLETE"],
    }).json()["secret"]

    campaign_id = registered_campaign(csp, run_workers)
    assert csp.http.put(f"/v2/campaign/{campaign_id}/sharing/{cnp.cnp_id}").status_code == 200
    run_workers()
    clock.advance(timedelta(hours=18))
    declined = cnp.http.delete(f"/v2/partnerCampaign/{campaign_id}/sharing", params={"explanation": REASON})
    assert declined.status_code == 200, declined.text
    run_workers()
    edit(csp, campaign_id, "Acme Dental: your next cleaning is due. Call us to book. Reply STOP to opt out.")
    assert csp.http.put(f"/v2/campaign/{campaign_id}/sharing/{cnp.cnp_id}").status_code == 200
    assert cnp.http.put(f"/v2/partnerCampaign/{campaign_id}/sharing/{dca.cnp_id}").status_code == 200
    run_workers()
    accepted = dca.http.post(f"/api/v1/partner/campaigns/{campaign_id}/accept")
    assert accepted.status_code == 200, accepted.text
    run_all(container)

    def share_types(bodies):
        return [b["eventType"] for b in bodies if b["eventType"].startswith(("CAMPAIGN_SHARE", "CAMPAIGN_DCA"))]

    assert share_types(receiver.bodies("/csp")) == [
        "CAMPAIGN_SHARE_ADD", "CAMPAIGN_SHARE_DELETE", "CAMPAIGN_SHARE_ADD", "CAMPAIGN_SHARE_ACCEPT",
        "CAMPAIGN_SHARE_ADD", "CAMPAIGN_SHARE_ACCEPT", "CAMPAIGN_DCA_COMPLETE"]
    assert share_types(receiver.bodies("/cnp")) == [
        "CAMPAIGN_SHARE_ADD", "CAMPAIGN_SHARE_ADD", "CAMPAIGN_SHARE_ACCEPT", "CAMPAIGN_DCA_COMPLETE"]
    assert share_types(receiver.bodies("/dca")) == ["CAMPAIGN_SHARE_ADD", "CAMPAIGN_DCA_COMPLETE"]

    # What each receiver got is exactly the party's campaign events, in order, as TCR renders them.
    for name, party in parties.items():
        logged = [{**e["payload"], "eventType": e["eventType"]} for e in events(party) if e["category"] == "CAMPAIGN"]
        assert receiver.bodies(f"/{name}") == logged, name
        for got in receiver.at(f"/{name}"):
            assert tcr_signature_ok(party.secret, receiver.url(f"/{name}"), got), (name, got.json)
            assert not tcr_signature_ok(cnp.secret if party is not cnp else csp.secret, receiver.url(f"/{name}"), got)

    # The decline reached the CSP with its explanation; the CSP never learns who hop 2 is.
    delete = next(b for b in receiver.bodies("/csp") if b["eventType"] == "CAMPAIGN_SHARE_DELETE")
    assert REASON in delete["description"] and delete["upstreamCnpId"] == cnp.cnp_id
    assert all(dca.cnp_id not in str(b) for b in receiver.bodies("/csp"))
    assert all(dca.cnp_id not in r.body.decode() for r in receiver.at("/csp-native"))

    native = [Webhook(native_secret).verify(r.body, r.headers) for r in receiver.at("/csp-native")]
    assert [n["type"] for n in native] == share_types(receiver.bodies("/csp"))
    assert all(n["data"]["campaignId"] == campaign_id for n in native)

    # The delivery log agrees: every delivery succeeded at its first attempt.
    for party in parties.values():
        log = party.http.get("/api/v1/webhooks/deliveries", params={"recordsPerPage": 100}).json()
        assert log["totalRecords"] > 0
        assert {(d["status"], d["attemptCount"]) for d in log["deliveries"]} == {("succeeded", 1)}
