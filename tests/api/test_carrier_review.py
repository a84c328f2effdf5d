"""Carrier review through HTTP: opened when a DCA accepts, decided by the operator (manual policy), after
a delay once the clock moves (auto), or by the carriers' terms (rules); every transition notifies every
party of the chain; the TCR status routes for owner and partners."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.sharing_support import registered_campaign, tcr_code

ALL_MNOS = ["10017", "10035", "10037", "10038"]


@dataclass
class Party:
    cnp_id: str
    http: TestClient


@dataclass
class World:
    csp: Party
    cnp: Party
    dca: Party
    stranger: Party
    operator: TestClient
    run: Any

    def mno_events(self, party: Party) -> list[dict[str, Any]]:
        body = party.http.get("/api/v1/events", params={"limit": 1000}).json()
        return [e for e in body["events"] if e["eventType"].startswith("MNO_CAMPAIGN_OPERATION")]

    def policies(self, **doc: Any) -> None:
        r = self.operator.put("/api/v1/sandbox/policies", json=doc)
        assert r.status_code == 200, r.text

    def status(self, campaign_id: str) -> dict[str, str]:
        r = self.csp.http.get(f"/v2/campaign/{campaign_id}/operationStatus")
        assert r.status_code == 200, r.text
        return dict(r.json())

    def decide(self, campaign_id: str, mno: str, action: str, reason: str | None = None) -> Any:
        return self.operator.post(f"/api/v1/sandbox/campaigns/{campaign_id}/mno/{mno}",
                                  json={"action": action, **({"reason": reason} if reason else {})})

    def campaign_through_chain(self, excluded: list[int] | None = None, **changes: Any) -> str:
        """CSP → CNP → DCA, the DCA accepting (excluding ``excluded``)."""
        campaign_id = registered_campaign(self.csp, self.run, **changes)
        assert self.csp.http.put(f"/v2/campaign/{campaign_id}/sharing/{self.cnp.cnp_id}").status_code == 200
        r = self.cnp.http.put(f"/v2/partnerCampaign/{campaign_id}/sharing/{self.dca.cnp_id}")
        assert r.status_code == 200, r.text
        r = self.dca.http.post(f"/api/v1/partner/campaigns/{campaign_id}/accept",
                               json={"excludedMnoIds": excluded or []})
        assert r.status_code == 200, r.text
        self.run()
        return campaign_id


@pytest.fixture
def world(sandbox_party: Any, sandbox_app: Any, operator: TestClient) -> World:
    csp = Party(*sandbox_party("csp", "Acme Messaging"))
    cnp = Party(*sandbox_party("csp", "Reseller Networks"))
    dca = Party(*sandbox_party("dca", "Upstream DCA", "DCAONE"))
    stranger = Party(*sandbox_party("csp", "Unrelated CSP"))
    return World(csp, cnp, dca, stranger, operator, sandbox_app.state.workers.run_until_idle)


def test_manual_review_every_transition_reaches_every_party(world: World) -> None:
    world.policies(mnoReview=[{"mode": "manual"}])
    campaign_id = world.campaign_through_chain()
    assert world.status(campaign_id) == {m: "REVIEW" for m in ALL_MNOS}
    for party in (world.csp, world.cnp, world.dca):
        opened = world.mno_events(party)
        assert [(e["eventType"], e["payload"]["mnoId"]) for e in opened] == [
            ("MNO_CAMPAIGN_OPERATION_REVIEW", int(m)) for m in ALL_MNOS]
        assert opened[0]["payload"]["mnoName"] == "AT&T" and opened[0]["payload"]["campaignId"] == campaign_id
    # Identities follow the chain's rule: the CSP never learns who hop 2 (the DCA) is; the CNP, neighbour of
    # both, and the DCA, which sees the whole chain, know both; the reference id is the CSP's alone.
    to_csp, to_cnp, to_dca = (world.mno_events(p)[0]["payload"] for p in (world.csp, world.cnp, world.dca))
    assert to_csp["cspId"] == world.csp.cnp_id and "dcaId" not in to_csp and "campaignReferenceId" in to_csp
    assert (to_cnp["cspId"], to_cnp["dcaId"]) == (world.csp.cnp_id, world.dca.cnp_id)
    assert (to_dca["cspId"], to_dca["dcaId"]) == (world.csp.cnp_id, world.dca.cnp_id)
    assert "campaignReferenceId" not in to_cnp and "campaignReferenceId" not in to_dca

    assert world.decide(campaign_id, "10035", "approve").json()["status"] == "REGISTERED"
    refused = world.decide(campaign_id, "10017", "reject")
    assert refused.status_code == 422 and refused.json()["error"]["fields"] == ["reason"]
    rejected = world.decide(campaign_id, "10017", "reject", "Sample 2 does not name the brand")
    assert rejected.json()["status"] == "REJECTED"
    assert world.decide(campaign_id, "10035", "suspend", "Traffic does not match the use case").json()[
        "status"] == "SUSPENDED"
    assert world.decide(campaign_id, "10035", "unsuspend").json()["status"] == "REGISTERED"
    wrong = world.decide(campaign_id, "10017", "approve")  # REJECTED cannot be approved: resubmit first
    assert wrong.status_code == 403 and wrong.json()["error"]["code"] == "OPERATION_DECLINED"
    assert "resubmit" in wrong.json()["error"]["message"]
    assert world.status(campaign_id) == {"10017": "REJECTED", "10035": "REGISTERED", "10037": "REVIEW",
                                         "10038": "REVIEW"}

    # The CSP fixes and resubmits to AT&T: it reviews again, and approves.
    assert world.csp.http.put(f"/v2/campaign/{campaign_id}/resubmit", json={"mnoIds": [10017]}).status_code == 200
    assert world.status(campaign_id)["10017"] == "REVIEW"
    assert world.decide(campaign_id, "10017", "approve").json()["status"] == "REGISTERED"

    expected = [("MNO_CAMPAIGN_OPERATION_APPROVED", 10035), ("MNO_CAMPAIGN_OPERATION_REJECTED", 10017),
                ("MNO_CAMPAIGN_OPERATION_SUSPENDED", 10035), ("MNO_CAMPAIGN_OPERATION_UNSUSPENDED", 10035),
                ("MNO_CAMPAIGN_OPERATION_REVIEW", 10017), ("MNO_CAMPAIGN_OPERATION_APPROVED", 10017)]
    for party in (world.csp, world.cnp, world.dca):
        later = world.mno_events(party)[4:]
        assert [(e["eventType"], e["payload"]["mnoId"]) for e in later] == expected
        assert later[1]["payload"]["reason"] == "Sample 2 does not name the brand"
        assert "Sample 2 does not name the brand" in later[1]["payload"]["description"]
    # Partners read the same statuses; a stranger reads nothing.
    for partner in (world.cnp, world.dca):
        assert partner.http.get(f"/v2/partnerCampaign/{campaign_id}/operationStatus").json() == world.status(
            campaign_id)
        metadata = partner.http.get(f"/v2/partnerCampaign/{campaign_id}/mnoMetadata").json()
        assert metadata["10017"]["mno"] == "AT&T"
    for path in ("operationStatus", "mnoMetadata"):
        assert tcr_code(world.stranger.http.get(f"/v2/partnerCampaign/{campaign_id}/{path}")) == 502


def test_auto_review_decides_after_its_delay_once_the_clock_moves(world: World) -> None:
    world.policies(mnoReview=[{"mode": "auto", "delaySeconds": 3600},
                              {"mnoId": 10017, "mode": "auto", "delaySeconds": 7200, "outcome": "reject",
                               "reason": "Opt-in flow is not described"}])
    campaign_id = world.campaign_through_chain()
    assert set(world.status(campaign_id).values()) == {"REVIEW"}
    world.operator.post("/api/v1/sandbox/clock/advance", json={"by": "59m"})
    world.run()
    assert set(world.status(campaign_id).values()) == {"REVIEW"}
    world.operator.post("/api/v1/sandbox/clock/advance", json={"by": "3h"})
    world.run()
    assert world.status(campaign_id) == {"10017": "REJECTED", "10035": "REGISTERED", "10037": "REGISTERED",
                                         "10038": "REGISTERED"}
    decided = [e for e in world.mno_events(world.csp) if e["eventType"] != "MNO_CAMPAIGN_OPERATION_REVIEW"]
    opened_at = datetime.fromisoformat(world.mno_events(world.csp)[0]["occurredAt"].replace("Z", "+00:00"))
    # Each decision is dated when it fell due, not when the clock happened to be moved.
    by_mno = {e["payload"]["mnoId"]: e for e in decided}
    assert datetime.fromisoformat(by_mno[10035]["occurredAt"].replace("Z", "+00:00")) == opened_at + timedelta(hours=1)
    assert datetime.fromisoformat(by_mno[10017]["occurredAt"].replace("Z", "+00:00")) == opened_at + timedelta(hours=2)
    assert by_mno[10017]["payload"]["reason"] == "Opt-in flow is not described"
    world.run()  # running again decides nothing twice
    assert len(world.mno_events(world.csp)) == 8


def test_rules_review_rejects_with_the_terms_it_breaks(world: World) -> None:
    world.policies(mnoReview=[{"mode": "rules"}])
    campaign_id = world.campaign_through_chain(subscriberHelp=False)
    assert world.status(campaign_id) == {"10017": "REJECTED", "10035": "REJECTED", "10037": "REGISTERED",
                                         "10038": "REGISTERED"}
    rejected = {e["payload"]["mnoId"]: e["payload"]["reason"] for e in world.mno_events(world.csp)
                if e["eventType"] == "MNO_CAMPAIGN_OPERATION_REJECTED"}
    assert set(rejected) == {10017, 10035}
    assert "AT&T requires subscriber help" in rejected[10017] and "subscriberHelp" in rejected[10017]


def test_server_default_policy_approves_at_once(world: World) -> None:
    campaign_id = world.campaign_through_chain()
    assert world.status(campaign_id) == {m: "REGISTERED" for m in ALL_MNOS}
    assert world.operator.get("/api/v1/sandbox/policies").json()["default"]["mode"] == "auto"


def test_excluded_mnos_elected_mnos_and_dropping_an_excluded_one(world: World) -> None:
    world.policies(mnoReview=[{"mode": "manual"}])
    campaign_id = registered_campaign(world.csp, world.run)
    assert world.csp.http.get(f"/v2/campaign/{campaign_id}/mnoIdsWithDcaElected").json() == []
    assert world.csp.http.get(f"/v2/campaign/{campaign_id}/operationStatus").json() == {}
    world.csp.http.put(f"/v2/campaign/{campaign_id}/sharing/{world.dca.cnp_id}")
    world.dca.http.post(f"/api/v1/partner/campaigns/{campaign_id}/accept", json={"excludedMnoIds": [10037]})
    http = world.csp.http
    assert http.get(f"/v2/campaign/{campaign_id}/excludedMno").json() == [10037]
    assert http.get(f"/v2/campaign/{campaign_id}/mnoIdsWithDcaElected").json() == [10017, 10035, 10038]
    assert "10037" not in world.status(campaign_id)

    assert tcr_code(http.request("DELETE", f"/v2/campaign/{campaign_id}/operationStatus/10037", json={})) == 501
    assert tcr_code(http.request("DELETE", f"/v2/campaign/{campaign_id}/operationStatus/10017",
                                 json={"explanation": "not needed"})) == 592
    assert tcr_code(http.request("DELETE", f"/v2/campaign/{campaign_id}/operationStatus/abc",
                                 json={"explanation": "x"})) == 501
    done = http.request("DELETE", f"/v2/campaign/{campaign_id}/operationStatus/10037",
                        json={"explanation": "We do not send to US Cellular subscribers"})
    assert done.status_code == 204
    assert http.get(f"/v2/campaign/{campaign_id}/excludedMno").json() == []
    assert "10037" not in http.get(f"/v2/campaign/{campaign_id}/mnoMetadata").json()
    assert http.get(f"/v2/campaign/{campaign_id}/mnoIdsWithDcaElected").json() == [10017, 10035, 10038]
    # Another CSP sees none of it.
    stranger = world.stranger.http
    for path in ("operationStatus", "excludedMno", "mnoIdsWithDcaElected"):
        assert tcr_code(stranger.get(f"/v2/campaign/{campaign_id}/{path}")) == 502


def test_simulated_dca_decides_shares_by_its_policy(world: World) -> None:
    world.policies(share=[{"dcaId": world.dca.cnp_id, "mode": "rules"}])
    good = registered_campaign(world.csp, world.run)
    bad = registered_campaign(world.csp, world.run, subscriberOptin=False)
    for campaign_id in (good, bad):
        world.csp.http.put(f"/v2/campaign/{campaign_id}/sharing/{world.dca.cnp_id}")
    world.run()
    sharing = {c: world.csp.http.get(f"/v2/campaign/{c}/sharing").json()["sharedByMe"] for c in (good, bad)}
    assert sharing[good]["sharingStatus"] == "ACCEPTED"
    assert sharing[bad]["sharingStatus"] == "DECLINED"
    assert "requires subscriber opt-in" in sharing[bad]["explanation"]
    assert set(world.status(good)) == set(ALL_MNOS)  # accepted by the policy: carriers review it


def test_operator_decides_a_pending_share_and_lists_what_waits(world: World) -> None:
    world.policies(mnoReview=[{"mode": "manual"}])
    campaign_id = registered_campaign(world.csp, world.run)
    world.csp.http.put(f"/v2/campaign/{campaign_id}/sharing/{world.dca.cnp_id}")
    waiting = world.operator.get("/api/v1/sandbox/pending").json()
    assert [(s["campaignId"], s["dcaId"]) for s in waiting["shares"]] == [(campaign_id, world.dca.cnp_id)]
    assert waiting["reviews"] == []
    declined = world.operator.post(f"/api/v1/sandbox/campaigns/{campaign_id}/share",
                                   json={"action": "decline", "explanation": "Add a privacy policy link",
                                         "rejectionCategories": ["PRIVACY_POLICY"]})
    assert declined.status_code == 200 and declined.json()["sharingStatus"] == "DECLINED"
    nothing = world.operator.post(f"/api/v1/sandbox/campaigns/{campaign_id}/share", json={"action": "accept"})
    assert nothing.status_code == 403 and "no share waiting" in nothing.json()["error"]["message"]

    world.csp.http.put(f"/v2/campaign/{campaign_id}", json={"privacyPolicyLink": "https://acme.example/privacy"})
    world.csp.http.put(f"/v2/campaign/{campaign_id}/sharing/{world.dca.cnp_id}")
    accepted = world.operator.post(f"/api/v1/sandbox/campaigns/{campaign_id}/share", json={"action": "accept"})
    assert accepted.json()["sharingStatus"] == "ACCEPTED"
    waiting = world.operator.get("/api/v1/sandbox/pending").json()
    assert waiting["shares"] == [] and sorted(r["mnoId"] for r in waiting["reviews"]) == [10017, 10035, 10037, 10038]


def test_policy_documents_are_validated(world: World) -> None:
    bad = world.operator.put("/api/v1/sandbox/policies", json={
        "mnoReview": [{"mode": "sometimes"}, {"mnoId": 99999}], "share": [{"delaySeconds": -1}]})
    assert bad.status_code == 422
    assert bad.json()["error"]["fields"] == ["mnoReview[0].mode", "mnoReview[1]", "share[0].delaySeconds"]
    assert world.operator.put("/api/v1/sandbox/policies", json={"other": []}).status_code == 422
    assert world.operator.get("/api/v1/sandbox/policies").json()["mnoReview"] == []
    unknown = world.decide("CNOPE01", "10017", "approve")
    assert unknown.status_code == 404
    assert world.decide("CNOPE01", "10017", "resubmit").json()["error"]["fields"] == ["action"]
