"""The identity-check policy: which verdict a brand gets, and the feedback a person can act on."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from tendlc.core.brands.identity import IdentityPolicy, score_identity
from tendlc.core.brands.model import Brand
from tendlc.core.catalog.brands import IDENTITY_STATUSES


def brand(**changes: Any) -> Brand:
    fields: dict[str, Any] = {
        "brand_id": "B1A2B3C",
        "csp_id": "S1A2B3C",
        "create_date": datetime(2026, 1, 1, tzinfo=UTC),
        "entity_type": "PRIVATE_PROFIT",
        "display_name": "Acme Dental",
        "company_name": "Acme Dental LLC",
        "ein": "12-3456789",
        "country": "US",
    }
    fields.update(changes)
    return Brand(**fields)


def test_a_plain_brand_is_verified_without_feedback() -> None:
    verdict = score_identity(brand(), IdentityPolicy())
    assert verdict.status == "VERIFIED"
    assert verdict.feedback == []


@pytest.mark.parametrize("entity", ["PRIVATE_PROFIT", "PUBLIC_PROFIT", "NON_PROFIT", "GOVERNMENT"])
def test_every_organisation_type_verifies_with_a_real_ein(entity: str) -> None:
    assert score_identity(brand(entity_type=entity), IdentityPolicy()).status == "VERIFIED"


@pytest.mark.parametrize("ein", ["00-0000000", "000000000", "0"])
def test_an_all_zero_ein_stays_unverified_with_tax_id_feedback(ein: str) -> None:
    verdict = score_identity(brand(ein=ein), IdentityPolicy())
    assert verdict.status == "UNVERIFIED"
    assert [f.id for f in verdict.feedback] == ["TAX_ID"]
    tax_id = verdict.feedback[0]
    assert "ein" in tax_id.fields
    assert tax_id.display_name and "tax id" in tax_id.description.lower()


@pytest.mark.parametrize("ein", ["10-0000000", "00-0000001", "100000000"])
def test_an_ein_with_a_non_zero_digit_is_not_treated_as_all_zeros(ein: str) -> None:
    assert score_identity(brand(ein=ein), IdentityPolicy()).status == "VERIFIED"


def test_a_sole_proprietor_is_self_declared() -> None:
    sole = brand(entity_type="SOLE_PROPRIETOR", company_name=None, ein=None, first_name="Jane", last_name="Doe",
                 mobile_phone="+12025550199")
    verdict = score_identity(sole, IdentityPolicy())
    assert verdict.status == "SELF_DECLARED"
    assert verdict.feedback == []


def test_a_sole_proprietor_is_self_declared_even_with_a_failing_ein() -> None:
    sole = brand(entity_type="SOLE_PROPRIETOR", ein="00-0000000")
    assert score_identity(sole, IdentityPolicy(fail_eins=frozenset({"00-0000000"}))).status == "SELF_DECLARED"


@pytest.mark.parametrize(("configured", "ein"), [("98-7654321", "98-7654321"), ("98-7654321", "987654321"),
                                                 ("987654321", "98-7654321")])
def test_a_configured_failing_ein_stays_unverified_however_it_is_written(configured: str, ein: str) -> None:
    policy = IdentityPolicy(fail_eins=frozenset({configured, "11-1111111"}))
    verdict = score_identity(brand(ein=ein), policy)
    assert verdict.status == "UNVERIFIED"
    assert [f.id for f in verdict.feedback] == ["TAX_ID"]


def test_an_ein_not_in_the_configured_list_verifies() -> None:
    policy = IdentityPolicy(fail_eins=frozenset({"98-7654321"}))
    assert score_identity(brand(ein="98-7654322"), policy).status == "VERIFIED"


def test_a_non_us_government_brand_gets_government_feedback() -> None:
    verdict = score_identity(brand(entity_type="GOVERNMENT", country="CA"), IdentityPolicy())
    assert verdict.status == "UNVERIFIED"
    assert "GOVERNMENT_ENTITY" in [f.id for f in verdict.feedback]


def test_every_verdict_is_a_published_identity_status() -> None:
    cases = [brand(), brand(ein="000000000"), brand(entity_type="SOLE_PROPRIETOR")]
    assert {score_identity(b, IdentityPolicy()).status for b in cases} <= set(IDENTITY_STATUSES)
