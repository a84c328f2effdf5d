"""``GET /v2/enum/…``: every enumeration about brands and campaigns answers, with the registry's values."""

from __future__ import annotations

import pytest

from tendlc.core.catalog import brands as b
from tendlc.core.catalog import registry as r

SIMPLE = {
    "entityType": ["PRIVATE_PROFIT", "PUBLIC_PROFIT", "NON_PROFIT", "GOVERNMENT", "SOLE_PROPRIETOR"],
    "brandIdentityStatus": ["SELF_DECLARED", "UNVERIFIED", "VERIFIED", "VETTED_VERIFIED"],
    "brandRelationship": ["BASIC_ACCOUNT", "SMALL_ACCOUNT", "MEDIUM_ACCOUNT", "LARGE_ACCOUNT", "KEY_ACCOUNT"],
    "brandStatus": ["ACTIVE", "DELETED"],
    "campaignStatus": ["ACTIVE", "EXPIRED"],
    "altBusinessIdType": ["NONE", "DUNS", "GIIN", "LEI"],
    "nudgeIntent": ["APPEAL_REJECTION", "REVIEW"],
    "operationStatus": ["REGISTERED", "REVIEW", "REJECTED", "SUSPENDED"],
    "rejectionCategory": ["BRAND_INCONSISTENCIES", "CALL_TO_ACTION", "CAMPAIGN_DESCRIPTION_OR_ATTRIBUTES",
                          "DISALLOWED_CONTENT", "MANDATORY_MESSAGE_TERMINOLOGY", "PRIVACY_POLICY", "SAMPLE_MESSAGE",
                          "TERMS_AND_CONDITIONS", "OTHER"],
    "vettingStatus": ["PENDING", "UNSCORE", "ACTIVE", "FAILED", "EXPIRED"],
}


@pytest.mark.parametrize("name", sorted(SIMPLE))
def test_simple_enumerations(make_party, name):
    answer = make_party().http.get(f"/v2/enum/{name}")
    assert answer.status_code == 200, answer.text
    assert answer.json() == SIMPLE[name]


def test_stock_exchanges(make_party):
    exchanges = make_party().http.get("/v2/enum/stockExchange").json()
    assert exchanges == list(b.STOCK_EXCHANGES)
    assert {"NONE", "NASDAQ", "NYSE", "OTHER"} <= set(exchanges) and len(exchanges) == len(set(exchanges))


def test_usecases_with_sub_usecase_counts_and_classification(make_party):
    http = make_party().http
    usecases = http.get("/v2/enum/usecase").json()
    assert isinstance(usecases, dict) and len(usecases) >= 25
    for name, u in usecases.items():
        assert set(u) == {"classification", "description", "displayName", "minSubUsecases", "maxSubUsecases",
                          "validSubUsecase"}, name
        assert u["classification"] in ("STANDARD", "SPECIAL")
        assert 0 <= u["minSubUsecases"] <= u["maxSubUsecases"] <= 5
    bounds = {n: (u["minSubUsecases"], u["maxSubUsecases"]) for n, u in usecases.items()}
    assert bounds["MIXED"] == (2, 5)
    assert bounds["LOW_VOLUME"] == (1, 5)
    assert bounds["SOLE_PROPRIETOR"] == (1, 5)
    assert bounds["CARRIER_EXEMPT"] == (1, 5)
    assert all(bounds[n] == (0, 5) for n in ("PROXY", "SOCIAL", "CHARITY", "POLITICAL"))
    assert bounds["2FA"] == bounds["MARKETING"] == (0, 0)
    assert usecases["MARKETING"]["classification"] == "STANDARD"
    assert usecases["POLITICAL"]["classification"] == "SPECIAL"
    subs = http.get("/v2/enum/usecase", params={"validSubUsecase": True}).json()
    assert set(subs) == {"2FA", "ACCOUNT_NOTIFICATION", "CUSTOMER_CARE", "DELIVERY_NOTIFICATION", "FRAUD_ALERT",
                         "HIGHER_EDUCATION", "MARKETING", "POLLING_VOTING", "PUBLIC_SERVICE_ANNOUNCEMENT",
                         "SECURITY_ALERT"}
    others = http.get("/v2/enum/usecase", params={"validSubUsecase": False}).json()
    assert set(subs) | set(others) == set(usecases) and not set(subs) & set(others)


def test_verticals(make_party):
    verticals = make_party().http.get("/v2/enum/vertical").json()
    assert len(verticals) == 23 and set(verticals) == set(b.VERTICALS)
    assert all(set(v) == {"industryId", "displayName", "description"} for v in verticals.values())
    assert verticals["REAL_ESTATE"]["displayName"] == "Real Estate"


def test_countries_and_us_states(make_party):
    http = make_party().http
    countries = http.get("/v2/enum/country").json()
    assert countries["US"] == "United States" and countries["CA"] == "Canada" and len(countries) > 200
    states = http.get("/v2/enum/usState").json()
    assert states["CA"] == "California" and states["DC"] == "District of Columbia" and "ON" not in states


def test_mnos(make_party):
    mnos = make_party().http.get("/v2/enum/mno").json()
    assert {m["networkId"]: m["displayName"] for m in mnos} == {
        10017: "AT&T", 10035: "T-Mobile", 10037: "US Cellular", 10038: "Verizon Wireless"}
    assert {m["networkId"]: m["osrBitmaskIndex"] for m in mnos}[10035] == 2


def test_vetting_classes_and_optional_attribute_names(make_party):
    http = make_party().http
    classes = http.get("/v2/enum/vettingClass").json()
    assert [c["id"] for c in classes] == list(r.VETTING_CLASSES)
    assert all(set(c) == {"id", "enabled", "displayName", "description", "validityMonths"} for c in classes)
    names = http.get("/v2/enum/optionalAttributeNames").json()
    assert {n["id"] for n in names} == {"russell3000", "taxExemptStatus", "politicalCommitteeLocale", "section527",
                                        "governmentEntity"}
    assert all(n["dataType"] in ("BOOLEAN", "INTEGER", "DECIMAL", "STRING") for n in names)


def test_cnp_lists_the_other_accounts_and_dca_only_the_dcas(make_party):
    me = make_party(name="Me Messaging")
    cnp = make_party(name="Partner CNP")
    dca = make_party("dca", "Carrier Gateway", "DCA123")
    shown = me.http.get("/v2/enum/cnp").json()
    assert shown == {cnp.cnp_id: "Partner CNP", "DCA123": "Carrier Gateway"}
    assert me.cnp_id not in shown
    assert me.cnp_id in cnp.http.get("/v2/enum/cnp").json()
    assert me.http.get("/v2/enum/cnp", params={"cnpMigrationSupported": True}).json() == {}
    assert set(me.http.get("/v2/enum/cnp", params={"soleProprietorEnabled": True}).json()) == set(shown)
    dcas = me.http.get("/v2/enum/dca").json()
    assert [d["id"] for d in dcas] == ["DCA123"]
    assert set(dcas[0]) == {"id", "displayName", "escalateEmail", "dpaSigned", "soleProprietorEnabled",
                            "dca2AutoAccept"}
    assert dca.http.get("/v2/enum/dca").json() == []  # not the caller itself


def test_every_enumeration_needs_credentials(app):
    from fastapi.testclient import TestClient

    names = [*SIMPLE, "stockExchange", "usecase", "vertical", "country", "usState", "mno", "vettingClass",
             "optionalAttributeNames", "cnp", "dca"]
    with TestClient(app) as anonymous:
        assert {n: anonymous.get(f"/v2/enum/{n}").status_code for n in names} == dict.fromkeys(names, 401)
