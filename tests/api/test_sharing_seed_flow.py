"""The seed's scenario end to end through HTTP: share → decline with a reason → read it → edit → share
again → forward to a DCA → DCA accepts; each party's events, in order."""

from __future__ import annotations

import re
from datetime import timedelta

from tests.sharing_support import ISO_MILLIS, SEED_KEYS, edit, registered_campaign, sharing_events, tcr_code

REASON = "Please provide an additional sample message."


def test_seed_scenario(make_party, run_workers, clock):
    csp = make_party("csp", "Acme Messaging")
    cnp = make_party("csp", "Relay Networks")
    dca = make_party("dca", "Big Aggregator", "DCA123")
    campaign_id = registered_campaign(csp, run_workers)

    # 1. The CSP shares with the CNP: PENDING, exactly the seed's shape.
    shared = csp.http.put(f"/v2/campaign/{campaign_id}/sharing/{cnp.cnp_id}")
    assert shared.status_code == 200, shared.text
    body = shared.json()
    assert list(body) == SEED_KEYS
    assert body["downstreamCnpId"] == csp.cnp_id and body["upstreamCnpId"] == cnp.cnp_id
    assert body["sharingStatus"] == "PENDING"
    assert body["explanation"] is None and body["cnpMigration"] is False
    assert re.match(ISO_MILLIS, body["sharedDate"]) and re.match(ISO_MILLIS, body["statusDate"])
    # The campaign search filter on the upstream follows the first hop.
    found = csp.http.get("/v2/campaign/search", params={"upstreamCnpId": cnp.cnp_id}).json()
    assert [r["campaignId"] for r in found["records"]] == [campaign_id]

    # The CNP finds it in its queue.
    queue = cnp.http.get("/v2/partnerCampaign/sharedWithMe/search", params={"sharingStatus": "PENDING"}).json()
    assert queue["totalRecords"] == 1 and queue["records"][0]["campaignId"] == campaign_id

    # 2. The CNP declines with an explanation.
    clock.advance(timedelta(hours=18))
    declined = cnp.http.delete(f"/v2/partnerCampaign/{campaign_id}/sharing", params={"explanation": REASON})
    assert declined.status_code == 200, declined.text
    assert declined.json()["sharingStatus"] == "DECLINED"

    # 3. The CSP reads the reason, exactly as in the seed.
    status = csp.http.get(f"/v2/campaign/{campaign_id}/sharing").json()
    assert list(status) == ["sharedByMe"]
    assert list(status["sharedByMe"]) == SEED_KEYS
    assert status["sharedByMe"]["sharingStatus"] == "DECLINED"
    assert status["sharedByMe"]["explanation"] == REASON
    assert status["sharedByMe"]["statusDate"] > status["sharedByMe"]["sharedDate"]

    # Sharing again without a change is refused (522); after an edit it is accepted.
    assert tcr_code(csp.http.put(f"/v2/campaign/{campaign_id}/sharing/{cnp.cnp_id}")) == 522
    edit(csp, campaign_id, "Acme Dental: your next cleaning is due. Call us to book. Reply STOP to opt out.")
    again = csp.http.put(f"/v2/campaign/{campaign_id}/sharing/{cnp.cnp_id}")
    assert again.status_code == 200, again.text
    assert again.json()["sharingStatus"] == "PENDING"

    # 4. The CNP forwards to the DCA, which accepts its request.
    forwarded = cnp.http.put(f"/v2/partnerCampaign/{campaign_id}/sharing/{dca.cnp_id}")
    assert forwarded.status_code == 200, forwarded.text
    assert forwarded.json() | {"sharedDate": None, "statusDate": None} == {
        "downstreamCnpId": cnp.cnp_id, "upstreamCnpId": dca.cnp_id, "sharingStatus": "PENDING",
        "explanation": None, "sharedDate": None, "statusDate": None, "cnpMigration": False}
    assert csp.http.get(f"/v2/campaign/{campaign_id}/sharing").json()["sharedByMe"]["sharingStatus"] == "ACCEPTED"
    cnp_view = cnp.http.get(f"/v2/partnerCampaign/{campaign_id}/sharing").json()
    assert cnp_view["sharedWithMe"]["sharingStatus"] == "ACCEPTED"
    assert cnp_view["sharedByMe"]["sharingStatus"] == "PENDING"

    # 5. The DCA accepts: the chain is complete.
    accepted = dca.http.post(f"/api/v1/partner/campaigns/{campaign_id}/accept")
    assert accepted.status_code == 200, accepted.text
    assert accepted.json()["sharingStatus"] == "ACCEPTED" and accepted.json()["chainComplete"] is True
    chain = csp.http.get(f"/api/v1/campaigns/{campaign_id}/chain").json()
    assert chain["complete"] is True
    assert [h["sharingStatus"] for h in chain["hops"]] == ["ACCEPTED", "ACCEPTED"]

    # Each party saw the right events, in order.
    assert [e["eventType"] for e in sharing_events(csp)] == [
        "CAMPAIGN_SHARE_ADD",  # shared with the CNP
        "CAMPAIGN_SHARE_DELETE",  # the CNP declined
        "CAMPAIGN_SHARE_ADD",  # shared again
        "CAMPAIGN_SHARE_ACCEPT",  # the CNP forwarded
        "CAMPAIGN_SHARE_ADD",  # … to hop 2
        "CAMPAIGN_SHARE_ACCEPT",  # the DCA accepted
        "CAMPAIGN_DCA_COMPLETE",
    ]
    assert [e["eventType"] for e in sharing_events(cnp)] == [
        "CAMPAIGN_SHARE_ADD", "CAMPAIGN_SHARE_ADD", "CAMPAIGN_SHARE_ACCEPT", "CAMPAIGN_DCA_COMPLETE"]
    assert [e["eventType"] for e in sharing_events(dca)] == ["CAMPAIGN_SHARE_ADD", "CAMPAIGN_DCA_COMPLETE"]
    everything = [e["eventType"] for e in csp.http.get("/api/v1/events").json()["events"]]
    assert everything.index("CAMPAIGN_UPDATE") == everything.index("CAMPAIGN_SHARE_DELETE") + 1

    delete = sharing_events(csp)[1]["payload"]
    assert REASON in delete["description"]
    assert delete["campaignId"] == campaign_id and delete["upstreamCnpId"] == cnp.cnp_id
    # The CSP does not learn who is beyond its first hop from its events either.
    for event in sharing_events(csp)[4:]:
        assert dca.cnp_id not in str(event["payload"]), event
        assert "upstreamCnpId" not in event["payload"]
    assert "hop 2 (DCA)" in sharing_events(csp)[5]["payload"]["description"]
    # The DCA and the CNP know both ends of hop 2.
    assert sharing_events(dca)[0]["payload"]["downstreamCnpId"] == cnp.cnp_id
    assert sharing_events(cnp)[2]["payload"]["upstreamCnpId"] == dca.cnp_id
