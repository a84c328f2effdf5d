"""Lists: ``GET /v2/brand`` (filters of the spec, ≤ 500 a page), ``GET /v2/campaign/search`` (≤ 50 a page,
10,000 reachable, no mock campaigns), ``/v2/campaign/mock``, the legacy ``/v2/campaign`` and the cursor of
``/api/v1/events``."""

from __future__ import annotations

import pytest

from tests.registry_support import new_brand, new_campaign, tcr_error, verified_brand


def _records(answer, key):
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert set(body) == {"page", "totalRecords", "records"}
    assert isinstance(body["page"], int) and isinstance(body["totalRecords"], int)
    return [r[key] for r in body["records"]]


def _ids(http, path, key, **params):
    return set(_records(http.get(path, params=params), key))


# --- GET /v2/brand ------------------------------------------------------------------------------------------


@pytest.fixture
def brands(make_party, run_workers):
    """Four brands of one CSP with different attributes (and one of another CSP's, which never shows)."""
    csp = make_party()
    make_party(name="Other").http.post("/v2/brand/nonBlocking", json={})
    other = make_party(name="Other CSP")
    verified_brand(other, run_workers, referenceId="dental-1")
    dental = new_brand(csp, referenceId="Dental-1", tag=["vip", "east"])
    charity = new_brand(csp, entityType="NON_PROFIT", displayName="Good Works Fund", companyName="Good Works Inc",
                        ein="98-7654321", state="CA", city="Fresno", postalCode="93650", vertical="NGO",
                        tag=["east"])
    canada = new_brand(csp, displayName="Maple Dental", country="CA", state="ON", ein="123456789RC0001",
                       postalCode="M5V 2T6", city="Toronto")
    mock = new_brand(csp, displayName="Sandbox Dental", mock=True, ein="000000000")
    run_workers()
    gone = new_brand(csp, displayName="Gone Dental")
    run_workers()
    assert csp.http.delete(f"/v2/brand/{gone}").status_code == 204
    return csp, {"dental": dental, "charity": charity, "canada": canada, "mock": mock, "gone": gone}


def test_brand_list_filters(brands):
    csp, b = brands
    ids = lambda **params: _ids(csp.http, "/v2/brand", "brandId", **params)  # noqa: E731
    active = {b["dental"], b["charity"], b["canada"], b["mock"]}
    assert ids() == active
    assert ids(status="ACTIVE") == active
    assert ids(status="DELETED") == {b["gone"]}
    assert ids(referenceId="dental-1") == {b["dental"]}  # case-insensitive, like its uniqueness
    assert ids(referenceId="dental") == set()  # exact, not partial
    assert ids(displayName="DENTAL") == {b["dental"], b["canada"], b["mock"]}  # partial, case-insensitive
    assert ids(displayName="Good W") == {b["charity"]}
    assert ids(displayName="%") == set()  # wildcards are literal
    assert ids(entityType="NON_PROFIT") == {b["charity"]}
    assert ids(entityType="PUBLIC_PROFIT") == set()
    assert ids(identityStatus="UNVERIFIED") == {b["mock"]}
    assert ids(identityStatus="VERIFIED") == {b["dental"], b["charity"], b["canada"]}
    assert ids(state="CA") == {b["charity"]}
    assert ids(country="CA") == {b["canada"]}
    assert ids(country="US", state="IL") == {b["dental"], b["mock"]}
    assert ids(ein="98-7654321") == {b["charity"]}
    assert ids(universalEin="US_987654321") == {b["charity"]}
    assert ids(universalEin="CA_123456789RC0001") == {b["canada"]}
    assert ids(tag="east") == {b["dental"], b["charity"]}
    assert ids(tag=["east", "VIP"]) == {b["dental"]}  # every tag given, case-insensitively
    assert ids(mock=True) == {b["mock"]}
    assert ids(mock=False) == active - {b["mock"]}
    assert ids(entityType="PRIVATE_PROFIT", mock=False, displayName="dental") == {b["dental"], b["canada"]}


def test_brand_list_pages(brands):
    csp, b = brands
    seen: list[str] = []
    for page in (1, 2, 3):
        answer = csp.http.get("/v2/brand", params={"page": page, "recordsPerPage": 2}).json()
        assert answer["page"] == page and answer["totalRecords"] == 4
        seen += [r["brandId"] for r in answer["records"]]
    assert len(seen) == 4 and set(seen) == {b["dental"], b["charity"], b["canada"], b["mock"]}
    assert _records(csp.http.get("/v2/brand", params={"recordsPerPage": 500}), "brandId")
    default = csp.http.get("/v2/brand").json()
    assert default["page"] == 1 and len(default["records"]) == 4  # 10 a page by default


@pytest.mark.parametrize("params,field", [({"recordsPerPage": 501}, "recordsPerPage"),
                                          ({"recordsPerPage": 0}, "recordsPerPage"),
                                          ({"page": 0}, "page"), ({"page": -1}, "page")])
def test_brand_list_paging_limits(make_party, params, field):
    csp = make_party()
    assert tcr_error(csp.http.get("/v2/brand", params=params), 501) == [field]


# --- GET /v2/campaign/search, /v2/campaign/mock, /v2/campaign ---------------------------------------------


@pytest.fixture
def campaigns(make_party, run_workers):
    csp = make_party()
    first = verified_brand(csp, run_workers)
    second = verified_brand(csp, run_workers, displayName="Acme Ortho", referenceId="ortho")
    mock_brand = verified_brand(csp, run_workers, mock=True, displayName="Acme Sandbox")
    c = {
        "mixed": new_campaign(csp, first, referenceId="Spring-1", tag=["promo", "q2"], vertical="HEALTHCARE"),
        "notify": new_campaign(csp, first, usecase="ACCOUNT_NOTIFICATION", subUsecases=[], autoRenewal=False,
                               tag=["q2"]),
        "low": new_campaign(csp, second, usecase="LOW_VOLUME", subUsecases=["CUSTOMER_CARE"], vertical="RETAIL"),
        "expired": new_campaign(csp, second, referenceId="old-1"),
        "mock": new_campaign(csp, mock_brand, referenceId="mock-1", tag=["q2"]),
    }
    assert csp.http.delete(f"/v2/campaign/{c['expired']}").status_code == 204
    other = make_party(name="Other CSP")
    new_campaign(other, verified_brand(other, run_workers), referenceId="spring-1")
    return csp, {"first": first, "second": second, "mock_brand": mock_brand}, c


def test_campaign_search_filters(campaigns):
    csp, b, c = campaigns
    ids = lambda **params: _ids(csp.http, "/v2/campaign/search", "campaignId", **params)  # noqa: E731
    real = {c["mixed"], c["notify"], c["low"], c["expired"]}
    assert ids() == real  # no mock campaigns
    assert ids(referenceId="SPRING-1") == {c["mixed"]}
    assert ids(referenceId="mock-1") == set()
    assert ids(brandId=b["first"]) == {c["mixed"], c["notify"]}
    assert ids(brandId=b["mock_brand"]) == set()
    assert ids(status="ACTIVE") == real - {c["expired"]}
    assert ids(status="EXPIRED") == {c["expired"]}
    assert ids(usecase="LOW_VOLUME") == {c["low"]}
    assert ids(usecase="MIXED") == {c["mixed"], c["expired"]}
    assert ids(vertical="HEALTHCARE") == {c["mixed"]}
    assert ids(resellerId="R000000") == real
    assert ids(resellerId="R123456") == set()
    assert ids(autoRenewal=False) == {c["notify"]}
    assert ids(autoRenewal=True) == real - {c["notify"]}
    assert ids(tag="q2") == {c["mixed"], c["notify"]}
    assert ids(tag=["Q2", "promo"]) == {c["mixed"]}
    assert ids(brandId=b["first"], autoRenewal=True, status="ACTIVE") == {c["mixed"]}


def test_campaign_search_records_are_full_campaigns(campaigns):
    csp, _, c = campaigns
    answer = csp.http.get("/v2/campaign/search", params={"referenceId": "spring-1"}).json()
    assert answer["totalRecords"] == 1
    assert answer["records"][0] == csp.http.get(f"/v2/campaign/{c['mixed']}").json()


def test_mock_campaigns_are_listed_only_by_the_mock_and_legacy_lists(campaigns):
    csp, b, c = campaigns
    assert csp.http.get(f"/v2/campaign/{c['mock']}").json()["mock"] is True
    assert _ids(csp.http, "/v2/campaign/mock", "campaignId") == {c["mock"]}
    assert _ids(csp.http, "/v2/campaign/mock", "campaignId", tag="q2") == {c["mock"]}
    assert _ids(csp.http, "/v2/campaign/mock", "campaignId", status="EXPIRED") == set()
    everything = set(c.values())
    assert _ids(csp.http, "/v2/campaign", "campaignId") == everything
    assert _ids(csp.http, "/v2/campaign", "campaignId", mock=True) == {c["mock"]}
    assert _ids(csp.http, "/v2/campaign", "campaignId", mock=False) == everything - {c["mock"]}
    assert _ids(csp.http, "/v2/campaign", "campaignId", mock=True, brandId=b["first"]) == set()


def test_campaign_search_pages(campaigns):
    csp, _, c = campaigns
    seen: list[str] = []
    for page in (1, 2, 3):
        answer = csp.http.get("/v2/campaign/search", params={"page": page, "recordsPerPage": 2}).json()
        assert answer["page"] == page and answer["totalRecords"] == 4
        seen += [r["campaignId"] for r in answer["records"]]
    assert sorted(seen) == sorted([c["mixed"], c["notify"], c["low"], c["expired"]])


@pytest.mark.parametrize("path,limit", [("/v2/campaign/search", 50), ("/v2/campaign/mock", 50), ("/v2/campaign", 500)])
def test_campaign_lists_records_per_page_limits(make_party, path, limit):
    csp = make_party()
    assert csp.http.get(path, params={"recordsPerPage": limit}).status_code == 200
    assert tcr_error(csp.http.get(path, params={"recordsPerPage": limit + 1}), 501) == ["recordsPerPage"]
    assert tcr_error(csp.http.get(path, params={"recordsPerPage": 0}), 501) == ["recordsPerPage"]
    assert tcr_error(csp.http.get(path, params={"page": 0}), 501) == ["page"]


@pytest.mark.parametrize("path", ["/v2/campaign/search", "/v2/campaign/mock"])
def test_campaign_search_reaches_only_the_first_10000_records(make_party, path):
    csp = make_party()
    for page, per_page in ((200, 50), (10_000, 1), (334, 30)):
        assert csp.http.get(path, params={"page": page, "recordsPerPage": per_page}).status_code == 200
    for page, per_page in ((201, 50), (10_001, 1), (335, 30)):
        answer = csp.http.get(path, params={"page": page, "recordsPerPage": per_page})
        assert tcr_error(answer, 501) == ["page"]
        assert "10,000" in answer.json()[0]["description"]
    # the legacy list has no such cap
    assert csp.http.get("/v2/campaign", params={"page": 201, "recordsPerPage": 500}).status_code == 200


def test_a_last_page_straddling_the_reachable_limit_stops_at_it(make_party, run_workers, monkeypatch):
    """With the cap lowered to 5 (10,000 real campaigns would make a slow test), records 6 and 7 exist but
    cannot be reached: page 2 of 3 ends at record 5, page 3 is refused."""
    from tendlc.core.campaigns import service

    csp = make_party()
    brand_id = verified_brand(csp, run_workers)
    made = [new_campaign(csp, brand_id) for _ in range(7)]
    monkeypatch.setattr(service, "TCR_SEARCH_REACHABLE", 5)
    first = csp.http.get("/v2/campaign/search", params={"page": 1, "recordsPerPage": 3}).json()
    second = csp.http.get("/v2/campaign/search", params={"page": 2, "recordsPerPage": 3}).json()
    assert first["totalRecords"] == second["totalRecords"] == 7
    assert len(first["records"]) == 3 and len(second["records"]) == 2
    reached = {r["campaignId"] for r in first["records"] + second["records"]}
    assert len(reached) == 5 and reached < set(made)
    assert tcr_error(csp.http.get("/v2/campaign/search", params={"page": 3, "recordsPerPage": 3}), 501) == ["page"]
    legacy = csp.http.get("/v2/campaign", params={"page": 2, "recordsPerPage": 3}).json()
    assert len(legacy["records"]) == 3


# --- GET /api/v1/events ------------------------------------------------------------------------------------


def test_events_cursor_pagination(make_party, run_workers):
    csp = make_party()
    brand_id = verified_brand(csp, run_workers)
    campaign_id = new_campaign(csp, brand_id)
    assert csp.http.delete(f"/v2/campaign/{campaign_id}").status_code == 204
    everything = csp.http.get("/api/v1/events").json()
    types = [e["eventType"] for e in everything["events"]]
    assert types == ["BRAND_ADD", "BRAND_IDENTITY_STATUS_UPDATE", "CAMPAIGN_ADD", "CAMPAIGN_BILLED", "CAMPAIGN_EXPIRED"]
    assert everything["next"] == everything["events"][-1]["seq"]
    event = everything["events"][1]
    assert set(event) == {"seq", "id", "eventType", "category", "occurredAt", "payload"}
    assert event["category"] == "BRAND" and event["payload"]["brandIdentityStatus"] == "VERIFIED"
    assert event["payload"]["eventType"] == "BRAND_IDENTITY_STATUS_UPDATE"

    pages, after = [], 0
    while True:
        page = csp.http.get("/api/v1/events", params={"after": after, "limit": 3}).json()
        if not page["events"]:
            assert page["next"] == after  # nothing new: the cursor stays put
            break
        assert len(page["events"]) <= 3
        pages.append(page["events"])
        after = page["next"]
    assert [len(p) for p in pages] == [3, 2]
    assert [e for p in pages for e in p] == everything["events"]
    seqs = [e["seq"] for e in everything["events"]]
    assert seqs == sorted(seqs) and len(set(seqs)) == len(seqs)

    csp.http.put(f"/v2/brand/{brand_id}", json={"city": "Peoria"})
    newer = csp.http.get("/api/v1/events", params={"after": after}).json()
    assert [e["eventType"] for e in newer["events"]] == ["BRAND_UPDATE"]


@pytest.mark.parametrize("params", [{"after": -1}, {"limit": 0}, {"limit": 1001}, {"after": "x"},
                                    {"after": 2**63}])
def test_events_bad_cursor_is_refused_naming_it(make_party, params):
    csp = make_party()
    answer = csp.http.get("/api/v1/events", params=params)
    assert answer.status_code == 422
    assert answer.json()["error"]["fields"] == list(params)
