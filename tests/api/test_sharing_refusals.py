"""Every refusal of the chain, each produced by a real request: 518, 522, 523, 536, 592, not the
upstream (205), deciding twice, strangers (502), bad input (501); and nudges."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from tests.sharing_support import edit, registered_campaign, sharing_events, tcr_code


@dataclass
class World:
    csp: Any
    cnp: Any
    cnp2: Any
    dca: Any
    stranger: Any
    campaign_id: str

    def share(self, party: Any, upstream: Any) -> Any:
        if party is self.csp:
            return party.http.put(f"/v2/campaign/{self.campaign_id}/sharing/{upstream.cnp_id}")
        return party.http.put(f"/v2/partnerCampaign/{self.campaign_id}/sharing/{upstream.cnp_id}")

    def decline(self, party: Any, explanation: str | None = "Samples do not match the use case.",
                **params: Any) -> Any:
        query = {"explanation": explanation, **params} if explanation is not None else params
        return party.http.delete(f"/v2/partnerCampaign/{self.campaign_id}/sharing", params=query)

    def accept(self, party: Any, body: Any = None) -> Any:
        return party.http.post(f"/api/v1/partner/campaigns/{self.campaign_id}/accept", json=body)


@pytest.fixture
def world(make_party, run_workers) -> World:
    csp = make_party("csp", "Acme Messaging")
    return World(csp, make_party("csp", "Relay One"), make_party("csp", "Relay Two"),
                 make_party("dca", "Big Aggregator", "DCA123"), make_party("csp", "Outsider"),
                 registered_campaign(csp, run_workers))


def ok(response: Any) -> Any:
    assert response.status_code == 200, response.text
    return response.json()


def test_518_expired_campaigns_cannot_be_shared_or_decided(world, run_workers):
    ok(world.share(world.csp, world.cnp))
    assert world.csp.http.delete(f"/v2/campaign/{world.campaign_id}").status_code == 204
    assert tcr_code(world.share(world.cnp, world.dca)) == 518
    assert tcr_code(world.decline(world.cnp)) == 518
    other = registered_campaign(world.csp, run_workers)
    assert world.csp.http.delete(f"/v2/campaign/{other}").status_code == 204
    assert tcr_code(world.csp.http.put(f"/v2/campaign/{other}/sharing/{world.cnp.cnp_id}")) == 518


def test_522_upstream_declined_and_nothing_changed(world):
    ok(world.share(world.csp, world.cnp))
    ok(world.share(world.cnp, world.dca))
    ok(world.decline(world.dca))
    # The CNP (not only the CSP) is held to it: nothing changed since the DCA declined.
    refused = world.share(world.cnp, world.dca)
    assert tcr_code(refused) == 522
    assert "declined" in refused.json()[0]["description"]
    # A different upstream is fine, and so is the same one once the CSP changed the campaign.
    ok(world.share(world.cnp, world.cnp2))
    ok(world.decline(world.cnp2))
    edit(world.csp, world.campaign_id, "Acme Dental: we open at 8am on Saturdays now. Reply STOP to opt out.")
    assert ok(world.share(world.cnp, world.dca))["sharingStatus"] == "PENDING"


def test_523_loops(world):
    assert tcr_code(world.share(world.csp, world.csp)) == 523  # sharing with oneself
    ok(world.share(world.csp, world.cnp))
    owner = world.share(world.cnp, world.csp)  # back to the owner
    assert tcr_code(owner) == 523
    assert "campaign's CSP" in owner.json()[0]["description"]
    ok(world.share(world.cnp, world.cnp2))
    assert tcr_code(world.share(world.cnp2, world.cnp)) == 523  # back to a hop below


def test_536_mock_campaigns_cannot_be_shared(world, run_workers):
    mock = registered_campaign(world.csp, run_workers, mock=True)
    assert tcr_code(world.csp.http.put(f"/v2/campaign/{mock}/sharing/{world.cnp.cnp_id}")) == 536


def test_592_pending_or_accepted_links_cannot_be_rescinded_or_redirected(world):
    ok(world.share(world.csp, world.cnp))
    assert tcr_code(world.share(world.csp, world.cnp2)) == 592  # pending: cannot redirect
    assert tcr_code(world.share(world.csp, world.cnp)) == 592  # … nor share it twice
    ok(world.share(world.cnp, world.dca))
    assert tcr_code(world.share(world.csp, world.cnp2)) == 592  # accepted
    assert tcr_code(world.share(world.cnp, world.cnp2)) == 592  # the CNP's own pending request
    assert tcr_code(world.share(world.dca, world.cnp2)) == 592  # a DCA does not forward
    ok(world.accept(world.dca))
    assert tcr_code(world.share(world.dca, world.cnp2)) == 592


def test_unknown_upstream_is_not_found(world):
    refused = world.share(world.csp, type("P", (), {"cnp_id": "SNOONE1"}))
    assert tcr_code(refused) == 502 and refused.json()[0]["fields"] == ["upstreamCnpId"]


def test_only_the_upstream_decides(world):
    ok(world.share(world.csp, world.cnp))
    # The CSP is in the chain but is nobody's upstream.
    assert tcr_code(world.decline(world.csp)) == 205
    assert tcr_code(world.share(world.csp, world.dca)) == 592
    assert tcr_code(world.csp.http.put(f"/v2/partnerCampaign/{world.campaign_id}/sharing/{world.dca.cnp_id}")) == 205
    # Only a DCA accepts; a CSP-type upstream accepts by forwarding.
    refused = world.accept(world.cnp)
    assert refused.status_code == 403 and refused.json()["error"]["code"] == "OPERATION_DECLINED"
    ok(world.share(world.cnp, world.dca))
    # Hop 1's upstream cannot decide hop 2: declining means its own (accepted) request.
    assert tcr_code(world.decline(world.cnp)) == 592


def test_deciding_twice_is_refused_clearly(world):
    ok(world.share(world.csp, world.cnp))
    ok(world.decline(world.cnp))
    twice = world.decline(world.cnp)
    assert tcr_code(twice) == 592
    assert "already declined" in twice.json()[0]["description"]
    assert tcr_code(world.share(world.cnp, world.dca)) == 592  # forwarding a declined request
    edit(world.csp, world.campaign_id, "Acme Dental: your X-ray results are ready. Reply STOP to opt out.")
    ok(world.share(world.csp, world.cnp))
    ok(world.share(world.cnp, world.dca))
    after_forward = world.decline(world.cnp)
    assert "already accepted" in after_forward.json()[0]["description"]
    ok(world.accept(world.dca))
    again = world.accept(world.dca)
    assert again.status_code == 409 and again.json()["error"]["code"] == "SHARING_ALREADY_DECIDED"
    assert tcr_code(world.decline(world.dca)) == 592


def test_strangers_get_502_everywhere(world, make_party):
    ok(world.share(world.csp, world.cnp))
    cid, http = world.campaign_id, world.stranger.http
    for response in (
        http.get(f"/v2/partnerCampaign/{cid}"),
        http.get(f"/v2/partnerCampaign/{cid}/sharing"),
        http.put(f"/v2/partnerCampaign/{cid}/sharing/{world.dca.cnp_id}"),
        http.delete(f"/v2/partnerCampaign/{cid}/sharing", params={"explanation": "no"}),
        http.get(f"/v2/campaign/{cid}/sharing"),
        http.put(f"/v2/campaign/{cid}/sharing/{world.dca.cnp_id}"),
        http.post(f"/v2/campaign/{cid}/nudge", json={"nudgeIntent": "REVIEW"}),
        http.get(f"/v2/campaign/{cid}/migrateCnp"),
        http.get("/v2/partnerCampaign/CNOPE00"),
    ):
        assert tcr_code(response) == 502, response.request.url
    assert http.get(f"/api/v1/campaigns/{cid}/chain").status_code == 404
    assert world.accept(world.stranger).status_code == 403  # a DCA account only
    assert world.accept(make_party("dca", "Other Aggregator", "DCAX")).status_code == 404
    # A party that left the chain (its decline was superseded) is a stranger again.
    ok(world.decline(world.cnp))
    ok(world.share(world.csp, world.cnp2))
    assert tcr_code(world.cnp.http.get(f"/v2/partnerCampaign/{cid}")) == 502


def test_decline_input(world):
    ok(world.share(world.csp, world.cnp))
    assert tcr_code(world.decline(world.cnp, None)) == 501
    assert tcr_code(world.decline(world.cnp, "   ")) == 501
    assert tcr_code(world.decline(world.cnp, "x" * 2049)) == 501
    bad = world.decline(world.cnp, rejectionCategory=["NOT_A_CATEGORY"])
    assert tcr_code(bad) == 501 and bad.json()[0]["fields"] == ["rejectionCategory"]
    declined = ok(world.decline(world.cnp, "x" * 2048, rejectionCategory=["SAMPLE_MESSAGE", "CALL_TO_ACTION"]))
    assert declined["rejectionCategory"] == ["SAMPLE_MESSAGE", "CALL_TO_ACTION"]
    assert world.csp.http.get(f"/v2/campaign/{world.campaign_id}/sharing").json()["sharedByMe"][
        "rejectionCategory"] == ["SAMPLE_MESSAGE", "CALL_TO_ACTION"]
    event = sharing_events(world.csp)[-1]
    assert event["eventType"] == "CAMPAIGN_SHARE_DELETE"
    assert event["payload"]["rejectionCategory"] == ["SAMPLE_MESSAGE", "CALL_TO_ACTION"]


def test_accept_input(world):
    ok(world.share(world.csp, world.dca))
    bad = world.accept(world.dca, {"excludedMnoIds": [1]})
    assert bad.status_code == 422 and bad.json()["error"]["fields"] == ["excludedMnoIds"]
    accepted = ok(world.accept(world.dca, {"excludedMnoIds": [10037]}))
    assert accepted["excludedMnoIds"] == [10037]


def test_nudges(world):
    cid = world.campaign_id
    nudge = lambda party, **body: party.http.post(f"/v2/campaign/{cid}/nudge", json=body)  # noqa: E731
    assert tcr_code(nudge(world.csp, nudgeIntent="REVIEW")) == 592  # nothing is waiting
    ok(world.share(world.csp, world.cnp))
    ok(world.share(world.cnp, world.cnp2))
    assert tcr_code(nudge(world.csp, nudgeIntent="LATER")) == 501
    assert tcr_code(nudge(world.csp, nudgeIntent="REVIEW", description="x" * 1025)) == 501
    assert tcr_code(nudge(world.csp)) == 501
    assert tcr_code(nudge(world.cnp, nudgeIntent="REVIEW")) == 592  # only the owner
    assert tcr_code(nudge(world.csp, nudgeIntent="APPEAL_REJECTION")) == 592  # nothing declined
    assert ok(nudge(world.csp, nudgeIntent="REVIEW", description="Ten days already")) == {
        "message": "Nudge successful"}
    stalled = sharing_events(world.cnp2)[-1]
    assert stalled["eventType"] == "CAMPAIGN_NUDGE"
    assert stalled["payload"]["nudgeIntent"] == "REVIEW" and stalled["payload"]["description"] == "Ten days already"
    assert world.csp.cnp_id not in str(stalled["payload"])  # the originating CSP stays hidden from hop 2
    # CNP2 declines; the CSP fixes the campaign and appeals: CNP1 (who holds it) is nudged.
    ok(world.decline(world.cnp2))
    edit(world.csp, cid, "Acme Dental: we added a Saturday clinic. Reply STOP to opt out.")
    ok(nudge(world.csp, nudgeIntent="APPEAL_REJECTION"))
    appeal = sharing_events(world.cnp)[-1]
    assert appeal["eventType"] == "CAMPAIGN_NUDGE" and appeal["payload"]["nudgeIntent"] == "APPEAL_REJECTION"
    assert [e["eventType"] for e in sharing_events(world.cnp2)].count("CAMPAIGN_NUDGE") == 1
    ok(world.share(world.cnp, world.cnp2))  # CNP1 shares it again after the change


def test_appeal_of_a_first_hop_decline_means_sharing_again(world):
    ok(world.share(world.csp, world.cnp))
    ok(world.decline(world.cnp))
    refused = world.csp.http.post(f"/v2/campaign/{world.campaign_id}/nudge", json={"nudgeIntent": "APPEAL_REJECTION"})
    assert tcr_code(refused) == 592 and "share it again" in refused.json()[0]["description"]
