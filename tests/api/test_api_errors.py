"""Every TCR error code the registry core produces, through a real HTTP request: HTTP 400 with a JSON array
of ``{code, description, fields}`` naming the fields (``reference/tcr-api.md`` §7.1)."""

from __future__ import annotations

import base64
import json
from datetime import timedelta

import pytest
from fastapi.testclient import TestClient

from tests.factories import brand_body, campaign_body
from tests.registry_support import new_brand, new_campaign, tcr_error, tcr_errors, verified_brand

# --- 501: invalid input, naming each bad field -------------------------------------------------------------


def test_501_names_every_bad_brand_field_at_once(make_party):
    csp = make_party()
    answer = csp.http.post("/v2/brand/nonBlocking", json=brand_body(
        displayName=5, phone="555-0142", email="not-an-email", vertical="SPACE_TRAVEL", country="ZZ",
        website="not a website", companyName=...))
    fields = tcr_error(answer, 501)
    assert set(fields) == {"displayName", "phone", "email", "vertical", "country", "website", "companyName"}
    assert len(fields) == len(set(fields)), "one error per field"
    by_field = {e["fields"][0]: e["description"] for e in tcr_errors(answer)}
    assert "string" in by_field["displayName"]
    assert "E.164" in by_field["phone"]
    assert "required" in by_field["companyName"]


def test_501_names_every_bad_campaign_field_at_once(make_party, run_workers):
    csp = make_party()
    brand_id = verified_brand(csp, run_workers)
    answer = csp.http.post("/v2/campaignBuilder", json=campaign_body(
        brand_id, description="too short", sample1="short", sample2=..., subUsecases=["MARKETING"],
        helpMessage=..., optoutKeywords="STOP QUIT", mnoIds=[10017, 99999], termsAndConditions=False))
    fields = tcr_error(answer, 501)
    assert set(fields) == {"description", "sample1", "subUsecases", "helpMessage", "optoutKeywords", "mnoIds",
                           "termsAndConditions"}


def test_501_campaign_missing_required_fields(make_party):
    csp = make_party()
    fields = tcr_error(csp.http.post("/v2/campaignBuilder", json={}), 501)
    assert {"brandId", "usecase", "description", "messageFlow", "sample1"} <= set(fields)


def test_501_brand_missing_required_fields_per_entity_type(make_party):
    csp = make_party()
    public = tcr_error(csp.http.post("/v2/brand/nonBlocking", json=brand_body(entityType="PUBLIC_PROFIT")), 501)
    assert set(public) == {"stockSymbol", "stockExchange", "businessContactEmail"}
    sole = tcr_error(csp.http.post("/v2/brand/nonBlocking", json=brand_body(entityType="SOLE_PROPRIETOR")), 501)
    assert {"firstName", "lastName", "mobilePhone", "referenceId"} <= set(sole)


# --- malformed bodies, wrong types, unknown enum values, oversize bodies -------------------------------------


@pytest.mark.parametrize("raw", [b'{"entityType": "PRIVATE_PROFIT",', b"{bad}", b"\xff\xfe\x00", b'{"a": NaN}',
                                 b'{"a": Infinity}', b"[" * 100_000 + b"]" * 100_000])
@pytest.mark.parametrize("path", ["/v2/brand/nonBlocking", "/v2/campaignBuilder"])
def test_malformed_json_is_501_naming_the_body(make_party, raw, path):
    csp = make_party()
    answer = csp.http.post(path, content=raw, headers={"content-type": "application/json"})
    assert tcr_error(answer, 501) == ["body"]


@pytest.mark.parametrize("body", [[], [1, 2], "brand", 42, None, True])
def test_a_json_value_that_is_not_an_object_is_501_naming_the_body(make_party, run_workers, body):
    csp = make_party()
    brand_id = verified_brand(csp, run_workers)
    campaign_id = new_campaign(csp, brand_id)
    for method, path in (("POST", "/v2/brand/nonBlocking"), ("POST", "/v2/campaignBuilder"),
                         ("PUT", f"/v2/brand/{brand_id}"), ("PUT", f"/v2/campaign/{campaign_id}")):
        answer = csp.http.request(method, path, content=json.dumps(body))
        assert tcr_error(answer, 501) == ["body"], (method, path)


def test_wrong_types_are_501_naming_each_field(make_party, run_workers):
    csp = make_party()
    brand = tcr_error(csp.http.post("/v2/brand/nonBlocking", json=brand_body(
        displayName=["Acme"], mock="yes", tag="dental", ein=123456789, phone=None)), 501)
    assert set(brand) == {"displayName", "mock", "tag", "ein", "phone"}
    brand_id = verified_brand(csp, run_workers)
    campaign = tcr_error(csp.http.post("/v2/campaignBuilder", json=campaign_body(
        brand_id, subUsecases="ACCOUNT_NOTIFICATION", mnoIds=["10017"], embeddedLink="no", autoRenewal=1,
        description={"text": "x"})), 501)
    assert set(campaign) == {"subUsecases", "mnoIds", "embeddedLink", "autoRenewal", "description"}
    campaign_id = new_campaign(csp, brand_id)
    update = tcr_error(csp.http.put(f"/v2/campaign/{campaign_id}", json={"numberPool": "true", "sample3": 3}), 501)
    assert set(update) == {"numberPool", "sample3"}


def test_unknown_enum_values_are_501_naming_each_field(make_party, run_workers):
    csp = make_party()
    brand = tcr_error(csp.http.post("/v2/brand/nonBlocking", json=brand_body(
        entityType="LLC", brandRelationship="BEST_FRIEND", altBusinessIdType="SSN")), 501)
    assert set(brand) == {"entityType", "brandRelationship", "altBusinessIdType"}
    public = tcr_error(csp.http.post("/v2/brand/nonBlocking", json=brand_body(
        entityType="PUBLIC_PROFIT", stockSymbol="ACME", stockExchange="MOON", businessContactEmail="ceo@acme.example")),
        501)
    assert public == ["stockExchange"]
    brand_id = verified_brand(csp, run_workers)
    campaign = tcr_error(csp.http.post("/v2/campaignBuilder", json=campaign_body(
        brand_id, usecase="SPAM", vertical="PIRACY")), 501)
    assert set(campaign) == {"usecase", "vertical"}
    sub = tcr_error(csp.http.post("/v2/campaignBuilder", json=campaign_body(
        brand_id, subUsecases=["ACCOUNT_NOTIFICATION", "SPAM"])), 501)
    assert sub == ["subUsecases"]


@pytest.mark.parametrize("path,value", [("/v2/brand", {"status": "GONE"}), ("/v2/brand", {"entityType": "LLC"}),
                                        ("/v2/brand", {"identityStatus": "MAYBE"}),
                                        ("/v2/campaign/search", {"status": "PAUSED"}),
                                        ("/v2/campaign", {"status": "PAUSED"}),
                                        ("/v2/campaign/mock", {"status": "PAUSED"})])
def test_unknown_enum_values_in_filters_are_501_naming_the_filter(make_party, path, value):
    csp = make_party()
    assert tcr_error(csp.http.get(path, params=value), 501) == list(value)


@pytest.mark.parametrize("path,params", [("/v2/brand", {"mock": "perhaps"}), ("/v2/brand", {"page": "first"}),
                                         ("/v2/brand", {"recordsPerPage": "1.5"}),
                                         ("/v2/campaign/search", {"autoRenewal": "sometimes"}),
                                         ("/v2/enum/usecase", {"validSubUsecase": "2"})])
def test_query_parameters_of_the_wrong_type_are_501_naming_them(make_party, path, params):
    csp = make_party()
    assert tcr_error(csp.http.get(path, params=params), 501) == list(params)


@pytest.mark.parametrize("page", ["2147483648", "9223372036854775808", "99999999999999999999999"])
@pytest.mark.parametrize("path", ["/v2/brand", "/v2/campaign/search", "/v2/campaign", "/v2/campaign/mock"])
def test_page_numbers_beyond_int32_are_501(make_party, path, page):
    csp = make_party()
    assert tcr_error(csp.http.get(path, params={"page": page}), 501) == ["page"]


def test_filtering_on_more_than_ten_tags_is_501(make_party):
    csp = make_party()
    tags = [f"t{i}" for i in range(11)]
    for path in ("/v2/brand", "/v2/campaign/search"):
        assert tcr_error(csp.http.get(path, params={"tag": tags}), 501) == ["tag"]
    assert csp.http.get("/v2/brand", params={"tag": tags[:10]}).status_code == 200


def test_an_oversize_body_is_501_naming_the_body(make_party, settings):
    csp = make_party()
    limit = settings.max_body_bytes
    padding = "x" * limit
    declared = csp.http.post("/v2/brand/nonBlocking", json=brand_body(displayName=padding))
    assert tcr_error(declared, 501) == ["body"]
    assert f"{limit:,}" in tcr_errors(declared)[0]["description"]

    def chunks():  # no Content-Length: the body is streamed and cut off once past the limit
        yield b'{"displayName": "'
        for _ in range(limit // 65536 + 2):
            yield b"x" * 65536
        yield b'"}'

    streamed = csp.http.post("/v2/brand/nonBlocking", content=chunks())
    assert tcr_error(streamed, 501) == ["body"]
    just_fits = csp.http.post("/v2/brand/nonBlocking", json=brand_body(description="x" * (limit - 2000)))
    assert just_fits.status_code == 200, just_fits.text[:300]


def test_nul_characters_are_501_naming_the_field(make_party, run_workers):
    csp = make_party()
    assert tcr_error(csp.http.post("/v2/brand/nonBlocking", json=brand_body(displayName="Acme\x00")), 501) == [
        "displayName"]
    assert tcr_error(csp.http.post("/v2/brand/nonBlocking", json=brand_body(tag=["ok", "b\x00d"])), 501) == ["tag"]
    brand_id = verified_brand(csp, run_workers)
    assert tcr_error(csp.http.put(f"/v2/brand/{brand_id}", json={"city": "\x00"}), 501) == ["city"]
    assert tcr_error(csp.http.get("/v2/brand", params={"displayName": "a\x00"}), 501) == ["displayName"]
    assert tcr_error(csp.http.get("/v2/campaign/search", params={"referenceId": "\x00"}), 501) == ["referenceId"]
    assert tcr_error(csp.http.get("/v2/brand/B%00"), 501) == ["brandId"]
    assert tcr_error(csp.http.delete("/v2/campaign/C%00"), 501) == ["campaignId"]


# --- 502: not found ----------------------------------------------------------------------------------------


def test_502_for_unknown_brands(make_party):
    csp = make_party()
    for method, path in (("GET", "/v2/brand/BNOPE00"), ("PUT", "/v2/brand/BNOPE00"), ("DELETE", "/v2/brand/BNOPE00"),
                         ("GET", "/v2/brand/feedback/BNOPE00")):
        answer = csp.http.request(method, path, json={"displayName": "x"} if method == "PUT" else None)
        assert tcr_error(answer, 502) == ["brandId"], (method, path)
    made = csp.http.post("/v2/campaignBuilder", json=campaign_body("BNOPE00"))
    assert tcr_error(made, 502) == ["brandId"]


def test_502_for_unknown_campaigns(make_party):
    csp = make_party()
    for method in ("GET", "PUT", "DELETE"):
        body = {"sample3": "x" * 30} if method == "PUT" else None
        answer = csp.http.request(method, "/v2/campaign/CNOPE00", json=body)
        assert tcr_error(answer, 502) == ["campaignId"], method


def test_502_for_an_unknown_reseller(make_party, run_workers):
    csp = make_party()
    brand_id = verified_brand(csp, run_workers)
    answer = csp.http.post("/v2/campaignBuilder", json=campaign_body(brand_id, resellerId="R123456"))
    assert tcr_error(answer, 502) == ["resellerId"]


def test_502_for_a_deleted_brand_on_update_and_campaign_builder(make_party, run_workers):
    csp = make_party()
    brand_id = verified_brand(csp, run_workers)
    assert csp.http.delete(f"/v2/brand/{brand_id}").status_code == 204
    assert csp.http.get(f"/v2/brand/{brand_id}").json()["status"] == "DELETED"  # v2 still shows it
    assert tcr_error(csp.http.put(f"/v2/brand/{brand_id}", json={"city": "Peoria"}), 502) == ["brandId"]
    assert tcr_error(csp.http.post("/v2/campaignBuilder", json=campaign_body(brand_id)), 502) == ["brandId"]


# --- 503: duplicate referenceId, case-insensitively ---------------------------------------------------------


def test_503_duplicate_brand_reference_id_case_insensitive(make_party):
    csp = make_party()
    first = new_brand(csp, referenceId="Acme-Ref-1")
    assert tcr_error(csp.http.post("/v2/brand/nonBlocking", json=brand_body(referenceId="acme-REF-1")), 503) == [
        "referenceId"]
    other = new_brand(csp, referenceId="acme-ref-2")
    assert tcr_error(csp.http.put(f"/v2/brand/{other}", json={"referenceId": "ACME-REF-1"}), 503) == ["referenceId"]
    # a brand may change the case of its own referenceId
    assert csp.http.put(f"/v2/brand/{first}", json={"referenceId": "ACME-REF-1"}).status_code == 200


def test_503_duplicate_campaign_reference_id_case_insensitive(make_party, run_workers):
    csp = make_party()
    brand_id = verified_brand(csp, run_workers)
    new_campaign(csp, brand_id, referenceId="Spring-Promo")
    other_brand = verified_brand(csp, run_workers)
    again = csp.http.post("/v2/campaignBuilder", json=campaign_body(other_brand, referenceId="SPRING-promo"))
    assert tcr_error(again, 503) == ["referenceId"]


def test_reference_ids_are_unique_per_csp_only(make_party, run_workers):
    a, b = make_party(), make_party(name="Other CSP")
    new_campaign(a, verified_brand(a, run_workers, referenceId="shared"), referenceId="shared")
    new_campaign(b, verified_brand(b, run_workers, referenceId="SHARED"), referenceId="SHARED")


# --- 509, 527: campaigns for brands whose identity is not (yet) verified ------------------------------------


def test_509_campaign_for_a_brand_whose_identity_came_back_unverified(make_party, run_workers):
    csp = make_party()
    brand_id = verified_brand(csp, run_workers, ein="000000000")
    brand = csp.http.get(f"/v2/brand/{brand_id}").json()
    assert brand["identityStatus"] == "UNVERIFIED"
    feedback = csp.http.get(f"/v2/brand/feedback/{brand_id}").json()
    assert [c["id"] for c in feedback["category"]] == ["TAX_ID"]
    answer = csp.http.post("/v2/campaignBuilder", json=campaign_body(brand_id))
    assert tcr_error(answer, 509) == ["brandId"]
    assert "UNVERIFIED" in tcr_errors(answer)[0]["description"]


def test_527_campaign_for_a_brand_still_being_scored(make_party, run_workers):
    csp = make_party()
    brand_id = new_brand(csp)
    assert tcr_error(csp.http.post("/v2/campaignBuilder", json=campaign_body(brand_id)), 527) == ["brandId"]
    run_workers()
    new_campaign(csp, brand_id)


# --- 518: expired campaigns ---------------------------------------------------------------------------------


def test_518_update_of_an_expired_campaign(make_party, run_workers):
    csp = make_party()
    campaign_id = new_campaign(csp, verified_brand(csp, run_workers))
    assert csp.http.delete(f"/v2/campaign/{campaign_id}").status_code == 204
    answer = csp.http.put(f"/v2/campaign/{campaign_id}", json={"sample3": "Acme Dental: we have moved. Reply STOP."})
    assert tcr_error(answer, 518) == ["campaignId"]
    assert csp.http.delete(f"/v2/campaign/{campaign_id}").status_code == 204  # deactivation stays idempotent


# --- 528: brandRelationship changed too often ---------------------------------------------------------------


def test_528_brand_relationship_changed_twice_within_90_days(make_party, clock):
    csp = make_party()
    brand_id = new_brand(csp)
    assert csp.http.put(f"/v2/brand/{brand_id}", json={"brandRelationship": "MEDIUM_ACCOUNT"}).status_code == 200
    clock.advance(timedelta(days=89))
    answer = csp.http.put(f"/v2/brand/{brand_id}", json={"brandRelationship": "LARGE_ACCOUNT"})
    assert tcr_error(answer, 528) == ["brandRelationship"]
    # other fields may still change, and sending the current relationship again is no change
    same = csp.http.put(f"/v2/brand/{brand_id}", json={"brandRelationship": "MEDIUM_ACCOUNT", "city": "Peoria"})
    assert same.status_code == 200, same.text
    clock.advance(timedelta(days=1))
    later = csp.http.put(f"/v2/brand/{brand_id}", json={"brandRelationship": "LARGE_ACCOUNT"})
    assert later.status_code == 200, later.text
    assert later.json()["brandRelationship"] == "LARGE_ACCOUNT"


# --- 537: identity fields locked once a campaign exists -----------------------------------------------------


def test_537_company_name_and_ein_locked_once_a_campaign_exists(make_party, run_workers):
    csp = make_party()
    brand_id = verified_brand(csp, run_workers)
    before = csp.http.put(f"/v2/brand/{brand_id}", json={"companyName": "Acme Dental Group LLC"})
    assert before.status_code == 200 and before.json()["identityStatus"] == "UNVERIFIED"  # re-verification
    run_workers()
    new_campaign(csp, brand_id)
    assert tcr_error(csp.http.put(f"/v2/brand/{brand_id}", json={"companyName": "Other LLC"}), 537) == [
        "companyName"]
    assert tcr_error(csp.http.put(f"/v2/brand/{brand_id}", json={"ein": "98-7654321"}), 537) == ["ein"]
    both = tcr_error(csp.http.put(f"/v2/brand/{brand_id}", json={"companyName": "X LLC", "ein": "98-7654321"}), 537)
    assert set(both) == {"companyName", "ein"}
    unlocked = csp.http.put(f"/v2/brand/{brand_id}", json={"displayName": "Acme Smiles", "ein": "12-3456789"})
    assert unlocked.status_code == 200, unlocked.text  # the same EIN is no change
    assert unlocked.json()["identityStatus"] == "VERIFIED"


# --- 542: deleting a brand with active campaigns ------------------------------------------------------------


def test_542_delete_brand_with_an_active_campaign_then_allowed_after_deactivation(make_party, run_workers):
    csp = make_party()
    brand_id = verified_brand(csp, run_workers)
    campaign_id = new_campaign(csp, brand_id)
    assert tcr_error(csp.http.delete(f"/v2/brand/{brand_id}"), 542) == ["brandId"]
    assert csp.http.get(f"/v2/brand/{brand_id}").json()["status"] == "ACTIVE"
    assert csp.http.delete(f"/v2/campaign/{campaign_id}").status_code == 204
    assert csp.http.delete(f"/v2/brand/{brand_id}").status_code == 204
    assert csp.http.get(f"/v2/brand/{brand_id}").json()["status"] == "DELETED"
    assert csp.http.delete(f"/v2/brand/{brand_id}").status_code == 204  # deleting again changes nothing


# --- 401: credentials, never saying which part was wrong ---------------------------------------------------


def _basic(user: str, password: str) -> str:
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()


def test_401_identical_for_every_kind_of_bad_credentials(app, make_party, container):
    from tendlc.core.accounts import service as accounts

    csp = make_party()
    revoked = make_party(name="Revoked CSP")
    with container.uow(write=True) as uow:
        accounts.revoke_key(uow, container.clock, revoked.key)
    attempts = {
        "missing header": {},
        "unknown key": {"Authorization": _basic("tk_nobody", csp.secret)},
        "wrong secret": {"Authorization": _basic(csp.key, csp.secret + "x")},
        "revoked key": {"Authorization": _basic(revoked.key, revoked.secret)},
        "empty secret": {"Authorization": _basic(csp.key, "")},
        "no colon": {"Authorization": "Basic " + base64.b64encode(csp.key.encode()).decode()},
        "not base64": {"Authorization": "Basic %%%"},
        "bearer scheme": {"Authorization": f"Bearer {csp.secret}"},
        "nul in key": {"Authorization": _basic("tk_\x00", csp.secret)},
    }
    with TestClient(app) as anonymous:
        answers = {name: anonymous.get("/v2/brand", headers=headers) for name, headers in attempts.items()}
        posted = anonymous.post("/v2/brand/nonBlocking", content=b"{not json", headers=attempts["wrong secret"])
    bodies = {name: (a.status_code, a.content, a.headers.get("www-authenticate")) for name, a in answers.items()}
    assert len(set(bodies.values())) == 1, bodies
    status, content, challenge = next(iter(bodies.values()))
    assert status == 401 and challenge and challenge.startswith("Basic")
    assert json.loads(content) == [{"code": 202, "description": "User not authenticated", "fields": []}]
    # the caller is authenticated before its body is read: a stranger learns nothing about it
    assert (posted.status_code, posted.content) == (401, content)
    assert csp.http.get("/v2/brand").status_code == 200


def test_401_on_the_native_events_api(app):
    with TestClient(app) as anonymous:
        answer = anonymous.get("/api/v1/events")
    assert answer.status_code == 401


def test_a_revoked_key_is_refused_at_once_even_after_it_was_used(make_party, container):
    from tendlc.core.accounts import service as accounts

    csp = make_party()
    assert csp.http.get("/v2/brand").status_code == 200
    with container.uow(write=True) as uow:
        accounts.revoke_key(uow, container.clock, csp.key)
    assert csp.http.get("/v2/brand").status_code == 401


# --- 429: per-account rate limits ---------------------------------------------------------------------------


@pytest.fixture
def limited(settings, clock, monkeypatch):
    """An app with rate limits on (2 writes per 10 s, 3 reads a second) and the limiter's time frozen, so
    that nothing refills while the test runs; and a function making an authenticated client on it."""
    from types import SimpleNamespace

    from tendlc.api import ratelimit
    from tendlc.api.app import create_app
    from tendlc.bootstrap import build
    from tendlc.core.accounts import service as accounts

    monkeypatch.setattr(ratelimit, "time", SimpleNamespace(monotonic=lambda: 1_000.0))
    limited_settings = settings.model_copy(update={"rate_limit_enabled": True, "rate_limit_writes_per_10_seconds": 2,
                                                   "rate_limit_reads_per_second": 3})
    c = build(limited_settings, clock=clock, migrate=False)
    app = create_app(c)
    clients: list[TestClient] = []

    def client(name: str) -> TestClient:
        with c.uow(write=True) as uow:
            account = accounts.create_account(uow, c.ids, c.clock, "csp", name)
            issued = accounts.issue_key(uow, c.ids, c.clock, account.cnp_id)
        http = TestClient(app)
        http.auth = (issued.key.key_id, issued.secret)
        clients.append(http)
        return http

    yield client
    for http in clients:
        http.close()
    c.dispose()


def test_429_with_retry_after_once_the_write_limit_is_exceeded(limited):
    a, b = limited("Busy CSP"), limited("Quiet CSP")
    first = a.post("/v2/brand/nonBlocking", json=brand_body())
    assert first.status_code == 200, first.text  # authentication (and its rate-limit token) counts once
    assert a.post("/v2/brand/nonBlocking", content=b"{bad").status_code == 400  # refused writes count too
    third = a.post("/v2/brand/nonBlocking", json=brand_body())
    assert third.status_code == 429
    assert int(third.headers["Retry-After"]) >= 1
    assert third.json()[0]["code"] == 429
    assert a.delete("/v2/brand/BNOPE00").status_code == 429  # every write method shares the budget
    assert a.get("/v2/brand").status_code == 200  # reads have their own budget
    assert b.post("/v2/brand/nonBlocking", json=brand_body()).status_code == 200  # per account


def test_429_once_the_read_limit_is_exceeded(limited):
    a = limited("Reader")
    assert [a.get("/v2/enum/mno").status_code for _ in range(3)] == [200, 200, 200]
    refused = a.get("/v2/brand")
    assert refused.status_code == 429 and int(refused.headers["Retry-After"]) >= 1
    assert a.get("/api/v1/events").status_code == 429


def test_unauthenticated_requests_do_not_spend_an_accounts_budget(limited):
    a = limited("Target")
    with TestClient(a.app) as stranger:
        for _ in range(5):
            assert stranger.post("/v2/brand/nonBlocking", json=brand_body(), auth=("tk_x", "y")).status_code == 401
    assert a.post("/v2/brand/nonBlocking", json=brand_body()).status_code == 200


# --- 591: concurrent updates (see also tests/integration/test_storage_unit_of_work.py) -----------------------


def test_every_core_error_code_has_a_tcr_code():
    from tendlc.core.errors import ALL_ERROR_CODES
    from tendlc.dialects.tcr.errors import TCR_CODES, TCR_DESCRIPTIONS

    assert set(ALL_ERROR_CODES) <= set(TCR_CODES)
    assert all(TCR_CODES[c] in TCR_DESCRIPTIONS for c in ALL_ERROR_CODES)
    assert TCR_CODES["CONCURRENT_UPDATE"] == 591
