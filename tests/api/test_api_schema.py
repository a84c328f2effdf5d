"""The app's answers validate against the response schemas of TCR's OpenAPI document (CSP API 7.8.0).

The document is read from ``../shared/specs`` beside the project (it is never copied into it); without it
these tests are skipped. It is OpenAPI 3.1, so schemas are JSON Schema draft 2020-12, and
``#/components/schemas/…`` references resolve against the whole document.
"""

from __future__ import annotations

import json
import re
from datetime import date
from functools import cache
from typing import Any

import pytest
from jsonschema import Draft202012Validator, FormatChecker

from tests.conftest import SHARED
from tests.factories import sole_proprietor_body
from tests.registry_support import new_brand, new_campaign, verified_brand

SPEC_PATH = SHARED / "specs" / "tcr-csp-api-7.8.0.json"

pytestmark = pytest.mark.skipif(
    not SPEC_PATH.is_file(),
    reason="../shared/specs not present: TCR schema test needs the vendor spec beside the project")

ISO_MILLIS = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")
formats = FormatChecker(formats=())


@formats.checks("date-time")
def _date_time(value: object) -> bool:
    """TCR's date-times: ISO-8601 UTC with milliseconds and ``Z``."""
    return not isinstance(value, str) or bool(ISO_MILLIS.match(value))


@formats.checks("date", raises=ValueError)
def _date(value: object) -> bool:
    return not isinstance(value, str) or bool(date.fromisoformat(value))


@cache
def spec() -> dict[str, Any]:
    return dict(json.loads(SPEC_PATH.read_text()))


def validator(schema: dict[str, Any]) -> Draft202012Validator:
    """A validator for ``schema`` inside the spec document, so that its ``$ref``s resolve."""
    document = {"$schema": "https://json-schema.org/draft/2020-12/schema", "components": spec()["components"],
                **schema}
    Draft202012Validator.check_schema(document)
    return Draft202012Validator(document, format_checker=formats)


def component(name: str) -> dict[str, Any]:
    return {"$ref": f"#/components/schemas/{name}"}


def response_schema(path: str, method: str, status: str = "200") -> dict[str, Any]:
    """The spec's JSON schema of one response (paths in the spec have no ``/v2`` prefix)."""
    operation = spec()["paths"][path.removeprefix("/v2")][method]
    return dict(operation["responses"][status]["content"]["application/json"]["schema"])


def assert_valid(instance: Any, schema: dict[str, Any], what: str) -> None:
    errors = sorted(validator(schema).iter_errors(instance), key=lambda e: list(e.absolute_path))
    assert not errors, f"{what}: " + "; ".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:10])


def assert_answer(answer: Any, path: str, method: str) -> Any:
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert_valid(body, response_schema(path, method), f"{method.upper()} {path}")
    return body


# --- brands ---------------------------------------------------------------------------------------------


def test_brand_answers_validate(make_party, run_workers):
    csp = make_party()
    created = csp.http.post("/v2/brand/nonBlocking", json=_full_brand())
    assert_answer(created, "/brand/nonBlocking", "post")
    brand_id = created.json()["brandId"]
    public = csp.http.post("/v2/brand/nonBlocking", json=_full_brand(
        entityType="PUBLIC_PROFIT", stockSymbol="ACME", stockExchange="NASDAQ", referenceId="acme-public",
        businessContactEmail="ceo@acmedental.example"))
    assert_answer(public, "/brand/nonBlocking", "post")
    unverified = new_brand(csp, ein="000000000", referenceId="zero-ein")
    # Brand_CSP requires brandRelationship for every entity type (tendlc lets a sole proprietor omit it)
    sole = csp.http.post("/v2/brand/nonBlocking", json={**sole_proprietor_body(),
                                                               "brandRelationship": "BASIC_ACCOUNT"})
    assert_answer(sole, "/brand/nonBlocking", "post")
    run_workers()
    for bid in (brand_id, public.json()["brandId"], unverified, sole.json()["brandId"]):
        assert_answer(csp.http.get(f"/v2/brand/{bid}"), "/brand/{brandId}", "get")
        assert_answer(csp.http.get(f"/v2/brand/feedback/{bid}"), "/brand/feedback/{brandId}", "get")
    updated = csp.http.put(f"/v2/brand/{brand_id}", json={"displayName": "Acme Smiles", "city": "Peoria"})
    assert_answer(updated, "/brand/{brandId}", "put")
    feedback = csp.http.get(f"/v2/brand/feedback/{unverified}").json()
    assert feedback["category"] and feedback["category"][0]["id"] == "TAX_ID"
    assert csp.http.delete(f"/v2/brand/{unverified}").status_code == 204
    assert_answer(csp.http.get(f"/v2/brand/{unverified}"), "/brand/{brandId}", "get")  # DELETED still valid


def test_brand_list_records_validate_as_brand_csp(make_party, run_workers):
    """The spec mislabels ``GET /brand``'s answer as a single ``Brand_CSP``; real traffic (and tendlc) answer
    the ``{page, totalRecords, records}`` envelope, each record a ``Brand_CSP``."""
    csp = make_party()
    verified_brand(csp, run_workers)
    new_brand(csp, **_full_brand(referenceId="second", mock=True))
    answer = csp.http.get("/v2/brand", params={"recordsPerPage": 500})
    assert answer.status_code == 200
    body = answer.json()
    assert_valid(body, {"type": "object", "required": ["page", "totalRecords", "records"], "properties": {
        "page": {"type": "integer"}, "totalRecords": {"type": "integer"},
        "records": {"type": "array", "items": component("Brand_CSP")}}}, "GET /brand")
    assert len(body["records"]) == 2


# --- campaigns ------------------------------------------------------------------------------------------


def test_campaign_answers_validate(make_party, run_workers):
    csp = make_party()
    brand_id = verified_brand(csp, run_workers)
    made = csp.http.post("/v2/campaignBuilder", json=_full_campaign(brand_id))
    campaign_id = assert_answer(made, "/campaignBuilder", "post")["campaignId"]
    plain = new_campaign(csp, brand_id, usecase="2FA", subUsecases=[], subscriberOptin=False,
                         subscriberOptout=False, subscriberHelp=False, optinMessage=..., optoutMessage=...,
                         helpMessage=...)
    for cid in (campaign_id, plain):
        assert_answer(csp.http.get(f"/v2/campaign/{cid}"), "/campaign/{campaignId}", "get")
    changed = csp.http.put(f"/v2/campaign/{campaign_id}", json={
        "sample4": "Acme Dental: your appointment moved to Wed 4pm. Reply STOP to opt out.", "autoRenewal": False})
    assert_answer(changed, "/campaign/{campaignId}", "put")
    assert csp.http.delete(f"/v2/campaign/{plain}").status_code == 204
    expired = assert_answer(csp.http.get(f"/v2/campaign/{plain}"), "/campaign/{campaignId}", "get")
    assert expired["status"] == "EXPIRED"
    found = assert_answer(csp.http.get("/v2/campaign/search"), "/campaign/search", "get")
    assert found["totalRecords"] == 2
    assert_answer(csp.http.get("/v2/campaign/mock"), "/campaign/mock", "get")
    assert_answer(csp.http.get("/v2/campaign"), "/campaign", "get")


# --- enumerations ---------------------------------------------------------------------------------------

# Enumerations whose spec schema describes what TCR really answers (an array of enumerated strings, or of
# ``Mno`` objects). The others are mislabelled in the spec: maps described as ``string`` (usecase,
# vertical, cnp, country, usState) and lists of objects described as arrays of strings (dca, vettingClass,
# optionalAttributeNames); the enum tests check their shapes.
REAL_SCHEMAS = ["altBusinessIdType", "brandIdentityStatus", "brandRelationship", "brandStatus", "campaignStatus",
                "mno", "nudgeIntent", "operationStatus", "rejectionCategory", "vettingStatus"]
# The spec's enum routes for these list fewer values than its own Brand schema accepts (no SOLE_PROPRIETOR,
# a shorter exchange list); tendlc serves what the brand accepts, so they are checked against that.
CHECKED_AGAINST_BRAND = {"entityType": "entityType", "stockExchange": "stockExchange"}


@pytest.mark.parametrize("name", REAL_SCHEMAS)
def test_enumerations_with_a_real_schema_validate(make_party, name):
    assert_answer(make_party().http.get(f"/v2/enum/{name}"), f"/enum/{name}", "get")


@pytest.mark.parametrize("name", sorted(CHECKED_AGAINST_BRAND))
def test_brand_enumerations_validate_against_the_brand_schema(make_party, name):
    answer = make_party().http.get(f"/v2/enum/{name}")
    assert answer.status_code == 200
    field = spec()["components"]["schemas"]["Brand_CSP"]["properties"][CHECKED_AGAINST_BRAND[name]]
    assert_valid(answer.json(), {"type": "array", "uniqueItems": True, "items": field}, f"GET /enum/{name}")
    assert set(response_schema(f"/enum/{name}", "get")["items"]["enum"]) <= set(answer.json())


def test_error_answers_validate_as_api_errors(make_party):
    csp = make_party()
    answer = csp.http.post("/v2/brand/nonBlocking", json={"entityType": "LLC"})
    assert answer.status_code == 400
    assert_valid(answer.json(), response_schema("/brand/nonBlocking", "post", "400"), "400 POST /brand/nonBlocking")
    missing = csp.http.get("/v2/campaign/CNOPE00")
    assert_valid(missing.json(), response_schema("/campaign/{campaignId}", "get", "400"), "400 GET /campaign")


# --- bodies using every field ---------------------------------------------------------------------------


def _full_brand(**changes: Any) -> dict[str, Any]:
    from tests.factories import brand_body

    return brand_body(**{"altBusinessId": "123456789", "altBusinessIdType": "DUNS", "einIssuingCountry": "US",
                         "ipAddress": "203.0.113.7", "referenceId": "acme-full", "tag": ["vip"],
                         "mobilePhone": "+12025550199", **changes})


def _full_campaign(brand_id: str) -> dict[str, Any]:
    from tests.factories import campaign_body

    return campaign_body(
        brand_id, referenceId="acme-full", tag=["vip"], mnoIds=[10017, 10035], embeddedLink=True,
        embeddedLinkSample="https://acmedental.example/b", embeddedPhone=True, numberPool=False, ageGated=False,
        directLending=False, autoRenewal=True, vertical="HEALTHCARE", termsAndConditions=True,
        privacyPolicyLink="https://acmedental.example/privacy", termsAndConditionsLink="https://acmedental.example/terms",
        sample3="Acme Dental: our office is closed Monday for the holiday. Reply STOP to opt out.",
        sample4="Acme Dental: your x-rays are ready, call +12025550142. Reply STOP to opt out.",
        sample5="Acme Dental: rate your visit at https://acmedental.example/r. Reply STOP to opt out.")
