"""``GET /api/v1/campaigns/{id}/chain``: the owner sees every hop's progress but only its first
partner's identity; a DCA in the chain sees every identity; a CNP its neighbours'."""

from __future__ import annotations

from tests.sharing_support import registered_campaign


def _party(cnp_id, label, kind):
    return {"cnpId": cnp_id, "label": label, "kind": kind}


def test_chain_identities_are_masked_beyond_the_first_hop(make_party, run_workers):
    csp, cnp1, cnp2 = make_party("csp", "Acme"), make_party("csp", "Relay One"), make_party("csp", "Relay Two")
    dca = make_party("dca", "Aggregator", "DCA7")
    cid = registered_campaign(csp, run_workers)
    empty = csp.http.get(f"/api/v1/campaigns/{cid}/chain").json()
    assert empty == {"campaignId": cid, "cnpMigration": False, "complete": False, "hops": []}

    assert csp.http.put(f"/v2/campaign/{cid}/sharing/{cnp1.cnp_id}").status_code == 200
    assert cnp1.http.put(f"/v2/partnerCampaign/{cid}/sharing/{cnp2.cnp_id}").status_code == 200
    assert cnp2.http.put(f"/v2/partnerCampaign/{cid}/sharing/{dca.cnp_id}").status_code == 200
    declined = dca.http.delete(f"/v2/partnerCampaign/{cid}/sharing",
                               params={"explanation": "Opt-in proof missing", "rejectionCategory": "CALL_TO_ACTION"})
    assert declined.status_code == 200

    owner = csp.http.get(f"/api/v1/campaigns/{cid}/chain")
    assert owner.status_code == 200
    view = owner.json()
    assert view["complete"] is False
    hops = view["hops"]
    assert [(h["hop"], h["sharingStatus"]) for h in hops] == [(1, "ACCEPTED"), (2, "ACCEPTED"), (3, "DECLINED")]
    assert hops[0]["downstream"] == _party(csp.cnp_id, csp.cnp_id, "CSP")
    assert hops[0]["upstream"] == _party(cnp1.cnp_id, cnp1.cnp_id, "CNP")
    assert hops[1]["downstream"] == _party(cnp1.cnp_id, cnp1.cnp_id, "CNP")
    assert hops[1]["upstream"] == _party(None, "hop 2 (CNP)", "CNP")
    assert hops[2]["downstream"] == _party(None, "hop 2 (CNP)", "CNP")
    assert hops[2]["upstream"] == _party(None, "hop 3 (DCA)", "DCA")
    assert hops[2]["explanation"] == "Opt-in proof missing"
    assert hops[2]["rejectionCategories"] == ["CALL_TO_ACTION"]
    assert hops[2]["statusDate"] and hops[0]["sharedDate"]
    assert cnp2.cnp_id not in owner.text and dca.cnp_id not in owner.text

    # A CNP in the middle knows its neighbours only; the originating CSP is hidden from hop 2.
    middle = cnp2.http.get(f"/api/v1/campaigns/{cid}/chain").json()["hops"]
    assert middle[0]["downstream"] == _party(None, "originating CSP", "CSP")
    assert middle[0]["upstream"] == _party(cnp1.cnp_id, cnp1.cnp_id, "CNP")
    assert middle[2]["upstream"] == _party(dca.cnp_id, dca.cnp_id, "DCA")

    # The DCA (declined, but still in the chain) sees every identity.
    full = dca.http.get(f"/api/v1/campaigns/{cid}/chain").json()["hops"]
    assert [(h["downstream"]["cnpId"], h["upstream"]["cnpId"]) for h in full] == [
        (csp.cnp_id, cnp1.cnp_id), (cnp1.cnp_id, cnp2.cnp_id), (cnp2.cnp_id, dca.cnp_id)]

    stranger = make_party("csp", "Outsider")
    missing = stranger.http.get(f"/api/v1/campaigns/{cid}/chain")
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "NOT_FOUND"
