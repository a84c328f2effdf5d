"""External vetting (``/v2/brand/{brandId}/externalVetting``), revet and ``/v2/enum/extVettingProvider``
through HTTP: the TCR envelope, every error code the routes produce, isolation between CSPs, and a
completed vet moving the brand's score and with it the carrier terms it qualifies for."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import pytest

from tendlc.core.brands.identity import IdentityPolicy
from tests.api.test_api_schema import SPEC_PATH, assert_answer, assert_valid, component, response_schema
from tests.factories import sole_proprietor_body
from tests.registry_support import new_brand, new_campaign, tcr_error, tcr_errors, verified_brand

ATT, TMO = "10017", "10035"
DELAY = timedelta(seconds=30)  # the default vetting delay (settings.vetting_delay_seconds)


def vets_path(brand_id: str) -> str:
    return f"/v2/brand/{brand_id}/externalVetting"


def order(csp: Any, brand_id: str, **body: Any) -> Any:
    return csp.http.post(vets_path(brand_id), json={"evpId": "AEGIS", "vettingClass": "STANDARD", **body})


def import_vet(csp: Any, brand_id: str, vetting_id: str, evp_id: str = "WMC", **body: Any) -> Any:
    return csp.http.put(vets_path(brand_id), json={"evpId": evp_id, "vettingId": vetting_id, **body})


def listed(csp: Any, brand_id: str, *statuses: str) -> list[dict[str, Any]]:
    answer = csp.http.get(vets_path(brand_id), params={"vettingStatus": list(statuses)})
    assert answer.status_code == 200, answer.text
    return list(answer.json())


def terms(csp: Any, brand_id: str) -> tuple[str, str]:
    meta = csp.http.get(f"/v2/campaignBuilder/brand/{brand_id}/usecase/MIXED").json()["mnoMetadata"]
    return meta[ATT]["msgClass"], meta[TMO]["brandTier"]


def events(csp: Any) -> list[dict[str, Any]]:
    return [{**e["payload"], "eventType": e["eventType"]}
            for e in csp.http.get("/api/v1/events", params={"limit": 1000}).json()["events"]]


def event_types(csp: Any) -> list[str]:
    return [e["eventType"] for e in events(csp)]


def complete(clock: Any, run_workers: Any, delta: timedelta = DELAY) -> None:
    clock.advance(delta)
    run_workers()


# --- order → worker → score → terms ----------------------------------------------------------------------


def test_an_ordered_vet_completes_and_moves_the_brands_terms(make_party, run_workers, clock):
    csp = make_party()
    brand_id = verified_brand(csp, run_workers)
    assert terms(csp, brand_id) == ("F", "LOW")
    answer = order(csp, brand_id)
    assert answer.status_code == 200, answer.text
    pending = answer.json()
    assert (pending["evpId"], pending["vettingClass"], pending["vettingStatus"]) == ("AEGIS", "STANDARD", "PENDING")
    assert "vettingScore" not in pending and "vettedDate" not in pending and pending["reasons"] == []
    assert pending["vettingId"].startswith("tendlc|AEGIS|STANDARD|-|")
    assert [v["vettingId"] for v in listed(csp, brand_id, "PENDING")] == [pending["vettingId"]]
    clock.advance(DELAY - timedelta(seconds=1))
    run_workers()
    assert listed(csp, brand_id, "ACTIVE") == []  # the provider has not answered yet
    complete(clock, run_workers, timedelta(seconds=1))
    [active] = listed(csp, brand_id, "ACTIVE")
    # PRIVATE_PROFIT 45 + website 10 (core/brands/vetting.simulated_score)
    assert (active["vettingStatus"], active["vettingScore"], active["vettingId"]) == ("ACTIVE", 55,
                                                                                      pending["vettingId"])
    assert active["vettedDate"] and active["validUntil"] > active["vettedDate"]
    brand = csp.http.get(f"/v2/brand/{brand_id}").json()
    assert (brand["evpVettingScore"], brand["identityStatus"]) == (55, "VETTED_VERIFIED")
    assert terms(csp, brand_id) == ("D", "UPPER_MID")
    scored = [e for e in events(csp) if e["eventType"] == "EVP_REPORT_SCORE"]
    assert len(scored) == 1
    assert {k: scored[0][k] for k in ("brandId", "evpId", "vettingId", "vettingScore")} == {
        "brandId": brand_id, "evpId": "AEGIS", "vettingId": pending["vettingId"], "vettingScore": 55}
    assert "BRAND_IDENTITY_STATUS_UPDATE" in event_types(csp)


def test_the_latest_active_vet_sets_the_score_even_when_lower(make_party, run_workers, clock):
    csp = make_party()
    brand_id = verified_brand(csp, run_workers)
    imported = import_vet(csp, brand_id, "tendlc|WMC|STANDARD|90|acme-1")
    assert imported.status_code == 200, imported.text
    assert (imported.json()["vettingStatus"], imported.json()["vettingScore"]) == ("ACTIVE", 90)
    assert terms(csp, brand_id) == ("B", "TOP")
    assert "EVP_REPORT_IMPORT" in event_types(csp)
    clock.advance(timedelta(days=1))
    payload = json.dumps({"sandboxScore": 30})
    assert order(csp, brand_id, additionalRequestPayload=payload).status_code == 200
    complete(clock, run_workers)
    assert csp.http.get(f"/v2/brand/{brand_id}").json()["evpVettingScore"] == 30
    assert terms(csp, brand_id) == ("F", "LOWER_MID")
    assert sorted(v["vettingScore"] for v in listed(csp, brand_id, "ACTIVE")) == [30, 90]


def test_a_vet_expires_and_the_brand_falls_back(make_party, run_workers, clock):
    csp = make_party()
    brand_id = verified_brand(csp, run_workers)
    tomorrow = (clock.now() + timedelta(days=1)).date().isoformat()
    assert import_vet(csp, brand_id, f"tendlc|WMC|STANDARD|80|short|{tomorrow}").status_code == 200
    assert terms(csp, brand_id) == ("B", "TOP")
    complete(clock, run_workers, timedelta(days=2))
    [expired] = listed(csp, brand_id, "EXPIRED")
    assert expired["expirationDate"] and listed(csp, brand_id, "ACTIVE") == []
    brand = csp.http.get(f"/v2/brand/{brand_id}").json()
    assert "evpVettingScore" not in brand and brand["identityStatus"] == "VERIFIED"
    assert terms(csp, brand_id) == ("F", "LOW")
    assert "EVP_REPORT_EXPIRE" in event_types(csp)


def test_a_vet_of_an_unverified_brand_fails_with_reasons(make_party, run_workers, clock):
    csp = make_party()
    brand_id = verified_brand(csp, run_workers, ein="000000000")
    assert order(csp, brand_id).status_code == 200
    complete(clock, run_workers)
    [failed] = listed(csp, brand_id, "FAILED")
    assert failed["reasons"] and "vettingScore" not in failed
    assert "evpVettingScore" not in csp.http.get(f"/v2/brand/{brand_id}").json()
    assert "EVP_REPORT_FAIL" in event_types(csp)
    # a failed vet does not block a new order
    assert order(csp, brand_id).status_code == 200


def test_sandbox_outcome_and_enhanced_class(make_party, run_workers, clock):
    csp = make_party()
    brand_id = verified_brand(csp, run_workers)
    assert order(csp, brand_id, vettingClass="ENHANCED").status_code == 200
    assert order(csp, brand_id, evpId="WMC", vettingClass=None,
                 additionalRequestPayload=json.dumps({"sandboxOutcome": "FAILED"})).status_code == 200
    complete(clock, run_workers)
    by_class = {v["evpId"]: v for v in listed(csp, brand_id, "ACTIVE", "FAILED")}
    assert (by_class["AEGIS"]["vettingClass"], by_class["AEGIS"]["vettingScore"]) == ("ENHANCED", 65)
    assert (by_class["WMC"]["vettingClass"], by_class["WMC"]["vettingStatus"]) == ("STANDARD", "FAILED")


def test_mock_brands_are_vetted_and_their_events_say_mock(make_party, run_workers, clock):
    csp = make_party()
    brand_id = verified_brand(csp, run_workers, mock=True)
    assert order(csp, brand_id).status_code == 200
    complete(clock, run_workers)
    [scored] = [e for e in events(csp) if e["eventType"] == "EVP_REPORT_SCORE"]
    assert scored["mock"] is True


def test_list_filters_and_comma_separated_statuses(make_party, run_workers, clock):
    csp = make_party()
    brand_id = verified_brand(csp, run_workers)
    order(csp, brand_id)
    import_vet(csp, brand_id, "tendlc|WMC|STANDARD|-|x")
    assert len(csp.http.get(vets_path(brand_id), params={"vettingStatus": "PENDING,ACTIVE"}).json()) == 2
    only = csp.http.get(vets_path(brand_id), params={"vettingStatus": ["PENDING", "ACTIVE"], "evpId": "WMC"}).json()
    assert [v["evpId"] for v in only] == ["WMC"] and only[0]["vettingScore"] == 55
    assert csp.http.get(vets_path(brand_id), params={"vettingStatus": "ACTIVE",
                                                    "vettingClass": "POLITICAL"}).json() == []


def test_importing_the_same_report_twice_into_one_brand_returns_it(make_party, run_workers):
    csp = make_party()
    brand_id = verified_brand(csp, run_workers)
    first = import_vet(csp, brand_id, "tendlc|AEGIS|STANDARD|70|r1", evp_id="AEGIS", vettingToken="cert")
    again = import_vet(csp, brand_id, "tendlc|AEGIS|STANDARD|70|r1", evp_id="AEGIS", vettingToken="cert")
    assert first.status_code == again.status_code == 200
    assert first.json() == again.json() and first.json()["vettingToken"] == "cert"
    assert event_types(csp).count("EVP_REPORT_IMPORT") == 1


# --- revet ----------------------------------------------------------------------------------------------


def test_revet_after_a_change_then_refused_when_nothing_changed(make_party, run_workers):
    csp = make_party()
    brand_id = verified_brand(csp, run_workers)
    tcr_error(csp.http.put(f"/v2/brand/{brand_id}/revet"), 525)
    assert csp.http.put(f"/v2/brand/{brand_id}", json={"website": "https://acme.example"}).status_code == 200
    answer = csp.http.put(f"/v2/brand/{brand_id}/revet")
    assert answer.status_code == 200, answer.text
    assert (answer.json()["brandId"], answer.json()["identityStatus"]) == (brand_id, "VERIFIED")
    assert "BRAND_REVET" in event_types(csp)
    tcr_error(csp.http.put(f"/v2/brand/{brand_id}/revet"), 525)


def test_revet_pending_answers_202_and_then_527(make_party, run_workers, container, clock):
    csp = make_party()
    brand_id = verified_brand(csp, run_workers)
    csp.http.put(f"/v2/brand/{brand_id}", json={"city": "Peoria"})
    container.identity_policy = IdentityPolicy(delay_seconds=60)
    answer = csp.http.put(f"/v2/brand/{brand_id}/revet")
    assert answer.status_code == 202 and answer.json()["brandId"] == brand_id
    assert tcr_error(csp.http.put(f"/v2/brand/{brand_id}/revet"), 527) == ["brandId"]
    complete(clock, run_workers, timedelta(seconds=60))
    assert csp.http.get(f"/v2/brand/{brand_id}").json()["identityStatus"] == "VERIFIED"
    tcr_error(csp.http.put(f"/v2/brand/{brand_id}/revet"), 525)


def test_a_revet_keeps_a_vetted_brand_vetted_verified(make_party, run_workers):
    csp = make_party()
    brand_id = verified_brand(csp, run_workers)
    import_vet(csp, brand_id, "tendlc|WMC|STANDARD|60|v")
    csp.http.put(f"/v2/brand/{brand_id}", json={"city": "Peoria"})
    assert csp.http.put(f"/v2/brand/{brand_id}/revet").json()["identityStatus"] == "VETTED_VERIFIED"


# --- errors, each through a real request ------------------------------------------------------------------


@pytest.mark.parametrize(("body", "field"), [
    ({}, "evpId"),
    ({"evpId": "NOPE"}, "evpId"),
    ({"evpId": "WMC", "vettingClass": "ENHANCED"}, "vettingClass"),
    ({"evpId": "AEGIS", "vettingClass": "POLITICAL"}, "additionalRequestPayload"),
    ({"evpId": "AEGIS", "additionalRequestPayload": "[1]"}, "additionalRequestPayload"),
    ({"evpId": "AEGIS", "additionalRequestPayload": '{"sandboxScore": 101}'}, "additionalRequestPayload"),
    ({"evpId": 5}, "evpId"),
])
def test_501_bad_orders(make_party, run_workers, body, field):
    csp = make_party()
    brand_id = verified_brand(csp, run_workers)
    assert csp.http.post(vets_path(brand_id), json=body).status_code == 400
    assert field in tcr_error(csp.http.post(vets_path(brand_id), json=body), 501)


def test_501_bad_imports_and_lists(make_party, run_workers):
    csp = make_party()
    brand_id = verified_brand(csp, run_workers)
    assert "vettingId" in tcr_error(csp.http.put(vets_path(brand_id), json={"evpId": "WMC"}), 501)
    assert tcr_error(import_vet(csp, brand_id, "tendlc|AEGIS|STANDARD|70|r", evp_id="AEGIS"), 501) == ["vettingToken"]
    assert tcr_error(csp.http.get(vets_path(brand_id)), 501) == ["vettingStatus"]
    assert tcr_error(csp.http.get(vets_path(brand_id), params={"vettingStatus": "DONE"}), 501) == ["vettingStatus"]
    bad = csp.http.get(vets_path(brand_id), params={"vettingStatus": "ACTIVE", "evpId": "X", "vettingClass": "Y"})
    assert set(tcr_error(bad, 501)) == {"evpId", "vettingClass"}


def test_502_another_csps_brand_is_not_found(make_party, run_workers):
    owner, other = make_party(name="Owner"), make_party(name="Other")
    brand_id = verified_brand(owner, run_workers)
    assert order(owner, brand_id).status_code == 200
    assert tcr_error(other.http.get(vets_path(brand_id), params={"vettingStatus": "PENDING"}), 502) == ["brandId"]
    assert tcr_error(order(other, brand_id), 502) == ["brandId"]
    assert tcr_error(import_vet(other, brand_id, "tendlc|WMC|STANDARD|50|z"), 502) == ["brandId"]
    assert tcr_error(other.http.put(f"/v2/brand/{brand_id}/revet"), 502) == ["brandId"]
    tcr_error(order(owner, "BNOPE00"), 502)
    assert other.http.get("/api/v1/events").json()["events"] == []


def test_502_deleted_brand(make_party, run_workers):
    csp = make_party()
    brand_id = verified_brand(csp, run_workers)
    assert csp.http.delete(f"/v2/brand/{brand_id}").status_code == 204
    tcr_error(order(csp, brand_id), 502)
    tcr_error(csp.http.put(f"/v2/brand/{brand_id}/revet"), 502)
    assert listed(csp, brand_id, "ACTIVE") == []  # the vets of a deleted brand can still be read


def test_525_sole_proprietors_are_not_externally_vetted(make_party, run_workers):
    csp = make_party()
    made = csp.http.post("/v2/brand/nonBlocking", json=sole_proprietor_body())
    brand_id = made.json()["brandId"]
    run_workers()
    assert tcr_error(order(csp, brand_id), 525) == ["brandId"]
    tcr_error(import_vet(csp, brand_id, "tendlc|WMC|STANDARD|50|sp"), 525)


def test_527_order_while_identity_is_pending(make_party):
    csp = make_party()
    brand_id = new_brand(csp)
    assert tcr_error(order(csp, brand_id), 527) == ["brandId"]


def test_549_duplicate_order_within_30_days(make_party, run_workers, clock):
    csp = make_party()
    brand_id = verified_brand(csp, run_workers)
    assert order(csp, brand_id).status_code == 200
    assert set(tcr_error(order(csp, brand_id), 549)) == {"evpId", "vettingClass"}  # still pending
    complete(clock, run_workers)
    tcr_error(order(csp, brand_id), 549)  # completed a moment ago
    assert order(csp, brand_id, vettingClass="ENHANCED").status_code == 200  # another class is not a duplicate
    clock.advance(timedelta(days=30))
    assert order(csp, brand_id).status_code == 200


@pytest.mark.parametrize("vetting_id", [
    "AEGIS-123", "tendlc|AEGIS|STANDARD|50|r", "tendlc|WMC|POLITICAL|50|r", "tendlc|WMC|STANDARD|150|r",
    "tendlc|WMC|STANDARD|50|r|2026-13-40",
])
def test_520_unknown_report(make_party, run_workers, vetting_id):
    csp = make_party()
    brand_id = verified_brand(csp, run_workers)
    assert tcr_error(import_vet(csp, brand_id, vetting_id), 520) == ["vettingId"]


def test_508_expired_report(make_party, run_workers):
    csp = make_party()
    brand_id = verified_brand(csp, run_workers)
    assert tcr_error(import_vet(csp, brand_id, "tendlc|WMC|STANDARD|50|old|2025-06-30"), 508) == ["vettingId"]


def test_541_report_incompatible_with_brand(make_party, run_workers):
    csp = make_party()
    brand_id = verified_brand(csp, run_workers)
    tcr_error(import_vet(csp, brand_id, "tendlc|CV|POLITICAL|-|pac", evp_id="CV"), 541)
    non_profit = verified_brand(csp, run_workers, entityType="NON_PROFIT", referenceId="np")
    tcr_error(import_vet(csp, non_profit, "tendlc|WMC|STANDARD|50|np"), 541)


def test_540_campaign_verify_import_blocked_by_active_campaigns(make_party, run_workers):
    csp = make_party()
    quiet = verified_brand(csp, run_workers, entityType="NON_PROFIT", referenceId="pac-1")
    assert import_vet(csp, quiet, "tendlc|CV|POLITICAL|-|pac-1", evp_id="CV").status_code == 200
    busy = verified_brand(csp, run_workers, entityType="NON_PROFIT", referenceId="pac-2")
    new_campaign(csp, busy)
    assert tcr_error(import_vet(csp, busy, "tendlc|CV|POLITICAL|-|pac-2", evp_id="CV"), 540) == ["brandId"]
    assert "evpVettingScore" not in csp.http.get(f"/v2/brand/{quiet}").json()  # political vets carry no score


def test_543_report_linked_to_another_brand(make_party, run_workers):
    csp, other = make_party(name="One"), make_party(name="Two")
    first = verified_brand(csp, run_workers)
    assert import_vet(csp, first, "tendlc|WMC|STANDARD|70|shared").status_code == 200
    second = verified_brand(other, run_workers)
    assert tcr_error(import_vet(other, second, "tendlc|WMC|STANDARD|70|shared"), 543) == ["vettingId"]
    ordered = order(csp, first).json()["vettingId"]
    tcr_error(import_vet(other, second, ordered, evp_id="AEGIS", vettingToken="t"), 543)


def test_537_identity_fields_locked_once_vetted(make_party, run_workers):
    csp = make_party()
    brand_id = verified_brand(csp, run_workers)
    import_vet(csp, brand_id, "tendlc|WMC|STANDARD|70|lock")
    assert tcr_error(csp.http.put(f"/v2/brand/{brand_id}", json={"companyName": "Other LLC"}), 537) == ["companyName"]


def test_vetting_routes_need_credentials(app, make_party, run_workers):
    from fastapi.testclient import TestClient

    brand_id = verified_brand(make_party(), run_workers)
    with TestClient(app) as anonymous:
        assert anonymous.get(vets_path(brand_id), params={"vettingStatus": "ACTIVE"}).status_code == 401
        assert anonymous.post(vets_path(brand_id), json={"evpId": "AEGIS"}).status_code == 401
        assert anonymous.put(f"/v2/brand/{brand_id}/revet").status_code == 401
        assert anonymous.get("/v2/enum/extVettingProvider").status_code == 401


# --- enumerations -----------------------------------------------------------------------------------------


def test_vetting_enumerations(make_party):
    http = make_party().http
    providers = http.get("/v2/enum/extVettingProvider").json()
    assert {p["evpId"]: p["vettingClasses"] for p in providers} == {
        "AEGIS": ["STANDARD", "POLITICAL", "ENHANCED"], "CV": ["POLITICAL"], "WMC": ["STANDARD"]}
    aegis = next(p for p in providers if p["evpId"] == "AEGIS")
    assert set(aegis) == {"evpId", "displayName", "tcrBillable", "vettingClasses", "vettingInstruction"}
    assert json.loads(aegis["vettingInstruction"])["newVet"]["price"]["STANDARD"] == 40
    assert http.get("/v2/enum/vettingStatus").json() == ["PENDING", "UNSCORE", "ACTIVE", "FAILED", "EXPIRED"]
    assert {c["id"] for c in http.get("/v2/enum/vettingClass").json()} >= {"STANDARD", "ENHANCED", "POLITICAL"}


def test_bodies_must_be_objects(make_party, run_workers):
    csp = make_party()
    brand_id = verified_brand(csp, run_workers)
    assert tcr_error(csp.http.post(vets_path(brand_id), json=[1]), 501) == ["body"]


# --- answers against the TCR OpenAPI document ---------------------------------------------------------------


@pytest.mark.skipif(not SPEC_PATH.is_file(), reason="../shared/specs not present: needs the vendor spec")
def test_vetting_answers_validate_against_the_spec(make_party, run_workers, clock):
    csp = make_party()
    brand_id = verified_brand(csp, run_workers)
    assert_answer(order(csp, brand_id), "/brand/{brandId}/externalVetting", "post")
    assert_answer(import_vet(csp, brand_id, "tendlc|WMC|STANDARD|-|s"), "/brand/{brandId}/externalVetting", "put")
    complete(clock, run_workers)
    failed = verified_brand(csp, run_workers, ein="000000000", referenceId="bad-ein")
    order(csp, failed)
    complete(clock, run_workers)
    for bid in (brand_id, failed):
        found = csp.http.get(vets_path(bid), params={"vettingStatus": ["ACTIVE", "FAILED", "PENDING"]})
        assert found.json()
        assert_answer(found, "/brand/{brandId}/externalVetting", "get")
    assert_valid(tcr_errors(csp.http.get(vets_path(brand_id))),
                 response_schema("/brand/{brandId}/externalVetting", "get", "400"), "400 GET externalVetting")
    assert_valid(csp.http.get("/v2/enum/extVettingProvider").json(),
                 {"type": "array", "items": component("ExtVettingProvider")}, "GET /enum/extVettingProvider")
    assert_answer(csp.http.get("/v2/enum/vettingStatus"), "/enum/vettingStatus", "get")
    csp.http.put(f"/v2/brand/{brand_id}", json={"city": "Peoria"})
    revetted = csp.http.put(f"/v2/brand/{brand_id}/revet")
    assert_valid(revetted.json(), response_schema("/brand/{brandId}/revet", "put"), "PUT /brand/{brandId}/revet")
