"""CNP migration: a provisional chain beside the live one that replaces it when its DCA accepts;
cancel, expiry, auto-completion and the settings."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from tests.sharing_support import registered_campaign, sharing_events, tcr_code


def enable(party: Any, auto: bool = False) -> None:
    body = {"migrationSupported": True, "migrationAutoComplete": auto}
    assert party.http.put("/v2/settings/cnpMigration", json=body).json() == body


@pytest.fixture
def live(make_party, run_workers) -> dict[str, Any]:
    """CSP → CNP (old) → DCA (old), accepted; a new CNP and DCA ready to take over."""
    p = {"csp": make_party("csp", "Acme"), "old": make_party("csp", "Old Relay"),
         "olddca": make_party("dca", "Old Aggregator", "OLDDCA"), "new": make_party("csp", "New Relay"),
         "newdca": make_party("dca", "New Aggregator", "NEWDCA")}
    cid = registered_campaign(p["csp"], run_workers)
    assert p["csp"].http.put(f"/v2/campaign/{cid}/sharing/{p['old'].cnp_id}").status_code == 200
    assert p["old"].http.put(f"/v2/partnerCampaign/{cid}/sharing/{p['olddca'].cnp_id}").status_code == 200
    assert p["olddca"].http.post(f"/api/v1/partner/campaigns/{cid}/accept").status_code == 200
    p["id"] = cid
    return p


def start(live: dict[str, Any], upstream: Any) -> Any:
    return live["csp"].http.post(f"/v2/campaign/{live['id']}/migrateCnp/{upstream.cnp_id}")


def test_settings(make_party):
    party = make_party()
    assert party.http.get("/v2/settings/cnpMigration").json() == {"migrationSupported": False,
                                                                   "migrationAutoComplete": False}
    assert tcr_code(party.http.put("/v2/settings/cnpMigration", json={"migrationSupported": "yes"})) == 501
    changed = party.http.put("/v2/settings/cnpMigration", json={"migrationSupported": True}).json()
    assert changed == {"migrationSupported": True, "migrationAutoComplete": False}
    other = make_party()
    assert party.cnp_id in other.http.get("/v2/enum/cnp", params={"cnpMigrationSupported": True}).json()


def test_migration_needs_support_and_a_dca_accepted_campaign(live, make_party, run_workers):
    assert tcr_code(start(live, live["new"])) == 592  # the account has not enabled migrations
    enable(live["csp"])
    assert tcr_code(start(live, live["new"])) == 592  # the new upstream does not take part either
    fresh = registered_campaign(live["csp"], run_workers)
    enable(live["new"])
    refused = live["csp"].http.post(f"/v2/campaign/{fresh}/migrateCnp/{live['new'].cnp_id}")
    assert tcr_code(refused) == 592 and "accepted by a DCA" in refused.json()[0]["description"]
    assert tcr_code(live["old"].http.post(f"/v2/campaign/{live['id']}/migrateCnp/{live['new'].cnp_id}")) == 502
    assert tcr_code(start(live, live["csp"])) == 523


def test_happy_path(live, clock):
    csp, old, olddca, new, newdca, cid = (live[k] for k in ("csp", "old", "olddca", "new", "newdca", "id"))
    for party in (csp, new, newdca):
        enable(party)
    assert start(live, new).status_code == 204
    migration = csp.http.get(f"/v2/campaign/{cid}/migrateCnp").json()
    assert migration == {"campaignId": cid, "status": "ACTIVE", "expirationDate": "2026-01-31T00:00:00.000Z",
                         "createDate": "2026-01-01T00:00:00.000Z"}
    assert tcr_code(start(live, new)) == 592  # one migration at a time

    # Two chains side by side: the live one unchanged, the provisional one read with cnpMigration=true.
    live_side = csp.http.get(f"/v2/campaign/{cid}/sharing").json()["sharedByMe"]
    assert (live_side["upstreamCnpId"], live_side["sharingStatus"], live_side["cnpMigration"]) == (
        old.cnp_id, "ACCEPTED", False)
    provisional = csp.http.get(f"/v2/campaign/{cid}/sharing", params={"cnpMigration": True}).json()["sharedByMe"]
    assert (provisional["upstreamCnpId"], provisional["sharingStatus"], provisional["cnpMigration"]) == (
        new.cnp_id, "PENDING", True)
    queue = new.http.get("/v2/partnerCampaign/sharedWithMe/search", params={"cnpMigration": True}).json()
    assert [r["campaignId"] for r in queue["records"]] == [cid]
    assert new.http.get("/v2/partnerCampaign/sharedWithMe/search").json()["totalRecords"] == 0
    assert new.http.get(f"/v2/partnerCampaign/{cid}", params={"cnpMigration": True}).json()["campaignId"] == cid
    assert sharing_events(new)[-1]["payload"]["cnpMigration"] is True

    clock.advance(timedelta(days=3))
    forwarded = new.http.put(f"/v2/partnerCampaign/{cid}/sharing/{newdca.cnp_id}")
    assert forwarded.status_code == 200 and forwarded.json()["cnpMigration"] is True
    # The live chain still works while the migration is open.
    assert olddca.http.get(f"/v2/partnerCampaign/{cid}").json()["connectivityChain"][0]["upstreamCnpId"] == old.cnp_id
    assert csp.http.get("/v2/campaign/search", params={"upstreamCnpId": old.cnp_id}).json()["totalRecords"] == 1

    accepted = newdca.http.post(f"/api/v1/partner/campaigns/{cid}/accept")
    assert accepted.status_code == 200, accepted.text
    assert accepted.json()["cnpMigration"] is False  # the provisional chain is now the live one

    assert csp.http.get(f"/v2/campaign/{cid}/migrateCnp").json()["status"] == "COMPLETED"
    now_live = csp.http.get(f"/v2/campaign/{cid}/sharing").json()["sharedByMe"]
    assert (now_live["upstreamCnpId"], now_live["sharingStatus"], now_live["cnpMigration"]) == (
        new.cnp_id, "ACCEPTED", False)
    assert csp.http.get(f"/v2/campaign/{cid}/sharing", params={"cnpMigration": True}).json() == {}
    assert csp.http.get("/v2/campaign/search", params={"upstreamCnpId": new.cnp_id}).json()["totalRecords"] == 1
    chain = csp.http.get(f"/api/v1/campaigns/{cid}/chain").json()
    assert chain["complete"] is True and chain["hops"][0]["upstream"]["cnpId"] == new.cnp_id
    # The old partners lose the campaign and are told; the new chain hears DCA_COMPLETE.
    assert tcr_code(old.http.get(f"/v2/partnerCampaign/{cid}")) == 502
    for gone in (old, olddca):
        last = sharing_events(gone)[-1]
        assert last["eventType"] == "CAMPAIGN_SHARE_DELETE" and "CNP migration" in last["payload"]["description"]
    for party in (csp, new, newdca):
        assert sharing_events(party)[-1]["eventType"] == "CAMPAIGN_DCA_COMPLETE"


def test_cancel(live):
    csp, new, cid = live["csp"], live["new"], live["id"]
    enable(csp)
    enable(new)
    assert start(live, new).status_code == 204
    assert tcr_code(new.http.delete(f"/v2/campaign/{cid}/migrateCnp")) == 500  # not the initiator
    assert tcr_code(make_stranger_call(live)) == 502
    gone = csp.http.delete(f"/v2/campaign/{cid}/migrateCnp", params={"explanation": "Contract fell through"})
    assert gone.status_code == 204
    migration = csp.http.get(f"/v2/campaign/{cid}/migrateCnp").json()
    assert migration["status"] == "CANCELLED" and migration["cancellationReason"] == "Contract fell through"
    assert csp.http.get(f"/v2/campaign/{cid}/sharing", params={"cnpMigration": True}).json() == {}
    assert tcr_code(new.http.get(f"/v2/partnerCampaign/{cid}", params={"cnpMigration": True})) == 502
    last = sharing_events(new)[-1]
    assert last["eventType"] == "CAMPAIGN_SHARE_DELETE" and "Contract fell through" in last["payload"]["description"]
    assert csp.http.get(f"/v2/campaign/{cid}/sharing").json()["sharedByMe"]["upstreamCnpId"] == live["old"].cnp_id
    assert tcr_code(csp.http.delete(f"/v2/campaign/{cid}/migrateCnp")) == 592  # nothing in progress
    assert start(live, new).status_code == 204  # a new migration may start


def make_stranger_call(live: dict[str, Any]) -> Any:
    return live["newdca"].http.delete(f"/v2/campaign/{live['id']}/migrateCnp")


def test_expiry(live, clock):
    csp, new, cid = live["csp"], live["new"], live["id"]
    enable(csp)
    enable(new)
    assert start(live, new).status_code == 204
    clock.advance(timedelta(days=30))
    expired = csp.http.get(f"/v2/campaign/{cid}/migrateCnp").json()
    assert expired["status"] == "CANCELLED" and expired["cancellationReason"].startswith("Expired")
    assert tcr_code(new.http.put(f"/v2/partnerCampaign/{cid}/sharing/{live['newdca'].cnp_id}")) == 502
    assert new.http.get("/v2/partnerCampaign/sharedWithMe/search", params={"cnpMigration": True}).json()[
        "totalRecords"] == 0
    assert start(live, new).status_code == 204  # the expired one is closed and a new one opens
    assert csp.http.get(f"/v2/campaign/{cid}/migrateCnp").json()["status"] == "ACTIVE"


def test_a_declined_first_hop_is_shared_again_through_migrate(live):
    csp, new, cid = live["csp"], live["new"], live["id"]
    enable(csp)
    enable(new)
    enable(live["newdca"])
    assert start(live, new).status_code == 204
    assert new.http.delete(f"/v2/partnerCampaign/{cid}/sharing", params={"explanation": "no"}).status_code == 200
    assert tcr_code(start(live, new)) == 522  # nothing changed since
    assert start(live, live["newdca"]).status_code == 204
    again = csp.http.get(f"/v2/campaign/{cid}/sharing", params={"cnpMigration": True}).json()["sharedByMe"]
    assert again["upstreamCnpId"] == live["newdca"].cnp_id and again["sharingStatus"] == "PENDING"


def test_auto_complete_by_a_party_in_both_chains(live):
    csp, new, olddca, cid = live["csp"], live["new"], live["olddca"], live["id"]
    enable(csp)
    enable(new)
    enable(olddca, auto=True)
    assert start(live, new).status_code == 204
    # The new CNP forwards to the DCA of the live chain, which auto-accepts: the migration completes.
    assert new.http.put(f"/v2/partnerCampaign/{cid}/sharing/{olddca.cnp_id}").status_code == 200
    assert csp.http.get(f"/v2/campaign/{cid}/migrateCnp").json()["status"] == "COMPLETED"
    hops = olddca.http.get(f"/api/v1/campaigns/{cid}/chain").json()["hops"]
    assert [(h["upstream"]["cnpId"], h["sharingStatus"]) for h in hops] == [
        (new.cnp_id, "ACCEPTED"), (olddca.cnp_id, "ACCEPTED")]
    assert sharing_events(live["old"])[-1]["eventType"] == "CAMPAIGN_SHARE_DELETE"
