"""Helpers of the registry API tests: TCR's error envelope, a verified brand and a campaign through /v2."""

from __future__ import annotations

from typing import Any

from tests.factories import brand_body, campaign_body


def tcr_errors(response: Any) -> list[dict[str, Any]]:
    """The errors of a TCR failure, after checking the envelope: HTTP 400 and a JSON array of
    ``{code, description, fields}`` (an int, a non-empty text, a list of field names)."""
    assert response.status_code == 400, (response.status_code, response.text)
    body = response.json()
    assert isinstance(body, list) and body, body
    for error in body:
        assert set(error) == {"code", "description", "fields"}, error
        assert isinstance(error["code"], int)
        assert isinstance(error["description"], str) and error["description"]
        assert isinstance(error["fields"], list) and all(isinstance(f, str) for f in error["fields"])
    return list(body)


def tcr_error(response: Any, code: int) -> list[str]:
    """The fields named by a failure that must carry TCR ``code`` (every error in it)."""
    errors = tcr_errors(response)
    assert {e["code"] for e in errors} == {code}, errors
    return [f for e in errors for f in e["fields"]]


def new_brand(csp: Any, **changes: Any) -> str:
    made = csp.http.post("/v2/brand/nonBlocking", json=brand_body(**changes))
    assert made.status_code == 200, made.text
    return str(made.json()["brandId"])


def verified_brand(csp: Any, run_workers: Any, **changes: Any) -> str:
    """A new brand of ``csp`` whose identity has been scored (VERIFIED unless ``changes`` say otherwise)."""
    brand_id = new_brand(csp, **changes)
    run_workers()
    return brand_id


def new_campaign(csp: Any, brand_id: str, **changes: Any) -> str:
    made = csp.http.post("/v2/campaignBuilder", json=campaign_body(brand_id, **changes))
    assert made.status_code == 200, made.text
    return str(made.json()["campaignId"])
