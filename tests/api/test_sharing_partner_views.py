"""What an upstream may read: a CSP-type upstream gets a reduced campaign, a DCA everything and the
chain; the shared-with-me and shared-by-me lists with their filters and paging."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from tests.sharing_support import registered_campaign, tcr_code

HIDDEN_CAMPAIGN_FIELDS = ["cspId", "resellerId", "referenceId", "billedDate", "autoRenewal",
                          "nextRenewalOrExpirationDate", "expirationDate", "monthlyFee", "mock", "tag", "mnoIds",
                          "vertical", "connectivityChain"]
HIDDEN_BRAND_FIELDS = ["ein", "einIssuingCountry", "street", "city", "state", "postalCode", "country", "cspId",
                       "referenceId", "mock", "tag", "universalEin", "ipAddress"]
SHARED_CAMPAIGN_KEYS = [
    "campaignId", "status", "createDate", "brandId", "usecase", "subUsecases", "description", "subscriberOptin",
    "subscriberOptout", "subscriberHelp", "directLending", "numberPool", "embeddedLink", "embeddedPhone",
    "termsAndConditions", "ageGated", "sample1", "sample2", "sample3", "sample4", "sample5", "messageFlow",
    "helpMessage", "optinKeywords", "optoutKeywords", "helpKeywords", "optinMessage", "optoutMessage",
    "privacyPolicyLink", "termsAndConditionsLink", "embeddedLinkSample"]


@pytest.fixture
def chain(make_party, run_workers) -> dict[str, Any]:
    """CSP → CNP → DCA, the DCA's request still pending; the campaign has every hidden field set."""
    csp, cnp, dca = make_party("csp", "Acme"), make_party("csp", "Relay"), make_party("dca", "Aggregator", "DCA9")
    campaign_id = registered_campaign(csp, run_workers, referenceId="acme-ref-7", tag=["vip"], mnoIds=[10017, 10035],
                                      vertical="HEALTHCARE", autoRenewal=True)
    assert csp.http.put(f"/v2/campaign/{campaign_id}/sharing/{cnp.cnp_id}").status_code == 200
    assert cnp.http.put(f"/v2/partnerCampaign/{campaign_id}/sharing/{dca.cnp_id}").status_code == 200
    return {"csp": csp, "cnp": cnp, "dca": dca, "id": campaign_id}


def test_owner_view_has_the_fields_that_are_hidden_upstream(chain):
    own = chain["csp"].http.get(f"/v2/campaign/{chain['id']}").json()
    for name in ("cspId", "resellerId", "referenceId", "billedDate", "autoRenewal", "nextRenewalOrExpirationDate",
                 "monthlyFee", "mock", "vertical"):
        assert name in own, name


@pytest.mark.parametrize("field", HIDDEN_CAMPAIGN_FIELDS)
def test_a_csp_upstream_does_not_see(chain, field):
    view = chain["cnp"].http.get(f"/v2/partnerCampaign/{chain['id']}").json()
    assert field not in view
    assert chain["csp"].cnp_id not in str(view)


@pytest.mark.parametrize("field", HIDDEN_BRAND_FIELDS)
def test_a_csp_upstream_does_not_see_the_brands(chain, field):
    brand = chain["cnp"].http.get(f"/v2/partnerCampaign/{chain['id']}").json()["brand"]
    assert field not in brand


def test_a_csp_upstream_sees_what_it_must_review(chain):
    view = chain["cnp"].http.get(f"/v2/partnerCampaign/{chain['id']}").json()
    assert [k for k in view if k != "brand"] == SHARED_CAMPAIGN_KEYS
    assert view["campaignId"] == chain["id"] and view["usecase"] == "MIXED" and view["sample1"]
    assert view["sample3"] is None  # TCR shows absent fields as null
    assert set(view["brand"]) == {"brandId", "displayName", "companyName", "firstName", "lastName", "email", "phone",
                                  "website", "optionalAttributes", "evpVettingScore"}
    assert view["brand"]["displayName"] == "Acme Dental"


def test_a_dca_sees_everything_and_the_chain(chain):
    view = chain["dca"].http.get(f"/v2/partnerCampaign/{chain['id']}").json()
    for field in HIDDEN_CAMPAIGN_FIELDS:
        assert field in view or field == "expirationDate", field  # set once the campaign expires
    assert view["cspId"] == chain["csp"].cnp_id and view["referenceId"] == "acme-ref-7"
    assert view["tag"] == ["vip"] and view["mnoIds"] == [10017, 10035] and view["mock"] is False
    for field in ("ein", "street", "city", "state", "postalCode", "country"):
        assert field in view["brand"], field
    assert [(h["downstreamCnpId"], h["upstreamCnpId"], h["sharingStatus"]) for h in view["connectivityChain"]] == [
        (chain["csp"].cnp_id, chain["cnp"].cnp_id, "ACCEPTED"), (chain["cnp"].cnp_id, chain["dca"].cnp_id, "PENDING")]


def test_the_owner_reads_its_campaign_through_the_owner_routes(chain):
    assert tcr_code(chain["csp"].http.get(f"/v2/partnerCampaign/{chain['id']}")) == 205
    own = chain["csp"].http.get(f"/v2/partnerCampaign/{chain['id']}/sharing").json()
    assert list(own) == ["sharedByMe"]


def test_provisional_views_need_a_migration(chain):
    assert tcr_code(chain["cnp"].http.get(f"/v2/partnerCampaign/{chain['id']}", params={"cnpMigration": True})) == 502
    assert chain["csp"].http.get(f"/v2/campaign/{chain['id']}/sharing", params={"cnpMigration": True}).json() == {}


def test_lists_shared_with_me_and_by_me(make_party, run_workers, clock):
    csp, other = make_party("csp", "Acme"), make_party("csp", "Beta")
    cnp, dca = make_party("csp", "Relay"), make_party("dca", "Aggregator", "DCA9")
    first = registered_campaign(csp, run_workers)
    second = registered_campaign(csp, run_workers)
    third = registered_campaign(other, run_workers)
    for owner, cid in ((csp, first), (csp, second), (other, third)):
        assert owner.http.put(f"/v2/campaign/{cid}/sharing/{cnp.cnp_id}").status_code == 200
        clock.advance(timedelta(days=1))  # shared on Jan 1, 2 and 3
    assert cnp.http.put(f"/v2/partnerCampaign/{first}/sharing/{dca.cnp_id}").status_code == 200
    assert cnp.http.delete(f"/v2/partnerCampaign/{second}/sharing", params={"explanation": "no"}).status_code == 200

    def with_me(**params: Any) -> list[str]:
        body = cnp.http.get("/v2/partnerCampaign/sharedWithMe/search", params=params).json()
        assert body["totalRecords"] == len(body["records"]) or "recordsPerPage" in params
        return [r["campaignId"] for r in body["records"]]

    assert with_me() == [third, second, first]  # newest share first
    assert with_me(downstreamCnpId=csp.cnp_id) == [second, first]
    assert with_me(sharingStatus=["ACCEPTED", "DECLINED"]) == [second, first]
    assert with_me(sharingStatus="PENDING") == [third]
    assert with_me(sharingStartDate="2026-01-02", sharingEndDate="2026-01-02") == [second]
    assert with_me(sharingStartDate="2026-01-02") == [third, second]
    assert with_me(brandId="BNOPE00") == []
    assert with_me(status="EXPIRED") == []
    assert with_me(cnpMigration=True) == []
    paged = cnp.http.get("/v2/partnerCampaign/sharedWithMe/search", params={"recordsPerPage": 2, "page": 2}).json()
    assert paged == {"page": 2, "totalRecords": 3, "records": paged["records"]} and len(paged["records"]) == 1
    assert set(paged["records"][0]) == set(SHARED_CAMPAIGN_KEYS)

    by_me = cnp.http.get("/v2/partnerCampaign/sharedByMe/search").json()
    assert [r["campaignId"] for r in by_me["records"]] == [first]
    assert cnp.http.get("/v2/partnerCampaign/sharedByMe/search", params={"upstreamCnpId": "X"}).json()[
        "totalRecords"] == 0
    owner = csp.http.get("/v2/partnerCampaign/sharedByMe/search", params={"sharingStatus": "ACCEPTED"}).json()
    assert [r["campaignId"] for r in owner["records"]] == [first]
    assert dca.http.get("/v2/partnerCampaign/sharedWithMe").json()["totalRecords"] == 1  # deprecated form

    # Paging limits: 50 on the searches, 500 on the deprecated lists; bad values are 501.
    assert tcr_code(cnp.http.get("/v2/partnerCampaign/sharedWithMe/search", params={"recordsPerPage": 51})) == 501
    assert cnp.http.get("/v2/partnerCampaign/sharedWithMe", params={"recordsPerPage": 500}).status_code == 200
    assert tcr_code(cnp.http.get("/v2/partnerCampaign/sharedByMe", params={"recordsPerPage": 501})) == 501
    assert tcr_code(cnp.http.get("/v2/partnerCampaign/sharedWithMe/search", params={"sharingStatus": "X"})) == 501
    assert tcr_code(cnp.http.get("/v2/partnerCampaign/sharedByMe/search", params={"startDate": "01/02/2026"})) == 501
    assert tcr_code(cnp.http.get("/v2/partnerCampaign/sharedWithMe/search", params={"status": "GONE"})) == 501
    assert tcr_code(cnp.http.get("/v2/partnerCampaign/sharedWithMe/search", params={"page": 2**31})) == 501
