"""The demo seed (``tendlc serve --demo``): on an empty database, two CSPs and a DCA, a VERIFIED brand and a
campaign, and credentials that work against the API."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tendlc.cli.seed import is_empty, seed


def test_seed_on_an_empty_database(container, app):
    assert is_empty(container)
    created = seed(container)
    assert not is_empty(container)

    assert [row["role"] for row in created] == ["Demo CSP", "Demo CNP", "Demo DCA"]
    csp, cnp, dca = created
    assert csp["cnpId"].startswith("S") and cnp["cnpId"].startswith("S") and csp["cnpId"] != cnp["cnpId"]
    assert dca["cnpId"] == "DEMODCA"
    with container.uow() as uow:
        kinds = {a.cnp_id: a.kind.value for a in uow.accounts.all()}
    assert kinds == {csp["cnpId"]: "CSP", cnp["cnpId"]: "CSP", "DEMODCA": "DCA"}

    with TestClient(app) as http:
        http.auth = (csp["apiKey"], csp["apiSecret"])
        brand = http.get(f"/v2/brand/{csp['brandId']}").json()
        assert brand["identityStatus"] == "VERIFIED" and brand["cspId"] == csp["cnpId"]
        campaign = http.get(f"/v2/campaign/{csp['campaignId']}").json()
        assert campaign["status"] == "ACTIVE" and campaign["brandId"] == csp["brandId"]
        assert http.get("/v2/campaign/search").json()["totalRecords"] == 1
        assert set(http.get("/v2/enum/cnp").json()) == {cnp["cnpId"], "DEMODCA"}
        for row in (cnp, dca):
            http.auth = (row["apiKey"], row["apiSecret"])
            assert http.get("/v2/brand").status_code == 200, row["role"]
            assert http.get(f"/v2/campaign/{csp['campaignId']}").status_code == 400  # not theirs to read
            assert csp["cnpId"] in http.get("/v2/enum/cnp").json()
