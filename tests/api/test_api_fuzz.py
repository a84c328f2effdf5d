"""Whatever a client sends, the registry answers on purpose: random JSON values and random query parameters
thrown at the write and search endpoints never get a 5xx, and every refusal is TCR's envelope."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.factories import brand_body, campaign_body
from tests.registry_support import new_campaign, tcr_errors, verified_brand

FUZZ = settings(max_examples=120, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

scalars = (st.none() | st.booleans() | st.integers() | st.integers(min_value=-(2**70), max_value=2**70)
           | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=30)
           | st.sampled_from(["", " ", "\x00", "R000000", "B000000", "US", "MIXED", "ACTIVE", "x" * 5000]))
json_values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4)
                           | st.dictionaries(st.text(max_size=12), inner, max_size=4), max_leaves=12)

BRAND_KEYS = sorted(set(brand_body()) | {"mock", "tag", "referenceId", "stockSymbol", "stockExchange",
                                         "firstName", "lastName", "mobilePhone", "businessContactEmail",
                                         "einIssuingCountry", "altBusinessIdType", "altBusinessId", "ipAddress"})
CAMPAIGN_KEYS = sorted(set(campaign_body("B000000")) | {"mnoIds", "tag", "referenceId", "vertical", "sample3",
                                                        "sample4", "sample5", "autoRenewal", "numberPool",
                                                        "embeddedLink", "embeddedLinkSample", "termsAndConditions",
                                                        "privacyPolicyLink", "ageGated", "directLending"})


@st.composite
def mutated(draw: Any, base: dict[str, Any], keys: list[str]) -> Any:
    """``base`` with a few of its fields replaced by random JSON or removed; sometimes any JSON at all."""
    if draw(st.integers(0, 5)) == 0:
        return draw(json_values)
    body = dict(base)
    for key in draw(st.lists(st.sampled_from(keys) | st.text(max_size=8), max_size=4, unique=True)):
        if draw(st.booleans()):
            body[key] = draw(json_values)
        else:
            body.pop(key, None)
    return body


def assert_deliberate(answer: Any) -> None:
    assert answer.status_code < 500, (answer.status_code, answer.text[:500])
    if answer.status_code == 400 and answer.request.url.path.startswith("/v2/"):
        tcr_errors(answer)


@given(data=st.data())
@FUZZ
def test_random_json_at_the_write_endpoints(make_party, run_workers, data):
    csp = _party(make_party, run_workers)
    brand_id, campaign_id = csp.brand_id, csp.campaign_id
    targets = [
        ("POST", "/v2/brand/nonBlocking", brand_body(), BRAND_KEYS),
        ("PUT", f"/v2/brand/{brand_id}", {"displayName": "Acme Smiles"}, BRAND_KEYS),
        ("POST", "/v2/campaignBuilder", campaign_body(brand_id), CAMPAIGN_KEYS),
        ("PUT", f"/v2/campaign/{campaign_id}", {"sample3": "Acme Dental: new hours. Reply STOP to opt out."},
         CAMPAIGN_KEYS),
    ]
    method, path, base, keys = data.draw(st.sampled_from(targets))
    body = data.draw(mutated(base, keys))
    answer = csp.http.request(method, path, json=body)
    assert_deliberate(answer)
    if method == "POST" and answer.status_code == 200:
        run_workers()


@given(raw=st.binary(max_size=200) | st.text(max_size=200).map(str.encode), data=st.data())
@FUZZ
def test_random_bytes_at_the_write_endpoints(make_party, run_workers, raw, data):
    csp = _party(make_party, run_workers)
    method, path = data.draw(st.sampled_from([
        ("POST", "/v2/brand/nonBlocking"), ("POST", "/v2/campaignBuilder"), ("PUT", f"/v2/brand/{csp.brand_id}"),
        ("PUT", f"/v2/campaign/{csp.campaign_id}"), ("PUT", "/v2/brand/BNOPE00")]))
    assert_deliberate(csp.http.request(method, path, content=raw, headers={"content-type": "application/json"}))


SEARCH_PARAMS = ["referenceId", "displayName", "entityType", "identityStatus", "status", "state", "country", "ein",
                 "universalEin", "resellerId", "tag", "mock", "authenticationPlusCompliant", "page",
                 "recordsPerPage", "brandId", "usecase", "vertical", "autoRenewal", "upstreamCnpId", "after",
                 "limit", "validSubUsecase", "soleProprietorEnabled", "cnpMigrationSupported"]
param_values = (st.text(max_size=20) | st.integers().map(str) | st.sampled_from(
    ["true", "false", "0", "-1", "1", "50", "51", "500", "501", "10000", "2147483648", "ACTIVE", "EXPIRED",
     "DELETED", "%", "_", "\x00", "R000000", "MIXED", "2" * 40]))


@given(path=st.sampled_from(["/v2/brand", "/v2/campaign/search", "/v2/campaign/mock", "/v2/campaign",
                             "/api/v1/events", "/v2/enum/cnp", "/v2/enum/usecase"]),
       params=st.lists(st.tuples(st.sampled_from(SEARCH_PARAMS) | st.text(max_size=8), param_values), max_size=6))
@FUZZ
def test_random_query_parameters_at_the_search_endpoints(make_party, run_workers, path, params):
    csp = _party(make_party, run_workers)
    answer = csp.http.get(path, params=params)
    assert_deliberate(answer)
    if answer.status_code == 200 and path != "/v2/enum/usecase" and "enum" not in path:
        body = answer.json()
        assert ("records" in body) or ("events" in body)


@given(segment=st.text(min_size=1, max_size=40).filter(lambda s: s not in (".", "..")), data=st.data())
@FUZZ
def test_random_identifiers_in_paths(make_party, run_workers, segment, data):
    from urllib.parse import quote

    csp = _party(make_party, run_workers)
    template, method = data.draw(st.sampled_from([
        ("/v2/brand/{}", "GET"), ("/v2/brand/{}", "PUT"), ("/v2/brand/{}", "DELETE"), ("/v2/brand/feedback/{}", "GET"),
        ("/v2/campaign/{}", "GET"), ("/v2/campaign/{}", "PUT"), ("/v2/campaign/{}", "DELETE")]))
    path = template.format(quote(segment, safe=""))
    assert_deliberate(csp.http.request(method, path, json={"city": "Peoria"} if method == "PUT" else None))


def _party(make_party: Any, run_workers: Any) -> Any:
    """One CSP with a verified brand and a campaign, made once per test (hypothesis runs the body many
    times against the same database; what earlier examples created stays, which is fine)."""
    cached = getattr(make_party, "fuzz_party", None)
    if cached is None:
        cached = make_party()
        cached.brand_id = verified_brand(cached, run_workers)
        cached.campaign_id = new_campaign(cached, cached.brand_id)
        make_party.fuzz_party = cached
    return cached
