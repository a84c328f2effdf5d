"""The pure rules of external vetting: sandbox vetting ids, the simulated provider, which vet sets the
brand's score, the 30-day duplicate rule and validity dates."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from tendlc.core.brands.model import Brand
from tendlc.core.brands.vetting import (
    ExternalVetting,
    OrderRequest,
    blocks_reorder,
    brand_score,
    incompatibility,
    order_payload,
    outcome,
    parse_sandbox_id,
    simulated_score,
    valid_until,
)
from tendlc.core.errors import InvalidInput

NOW = datetime(2026, 3, 1, 12, tzinfo=UTC)


def brand(**changes: Any) -> Brand:
    fields: dict[str, Any] = {"brand_id": "B123456", "csp_id": "S123456", "create_date": NOW,
                              "entity_type": "PRIVATE_PROFIT", "country": "US", "identity_status": "VERIFIED"}
    return Brand(**{**fields, **changes})


def vet(n: int = 0, **changes: Any) -> ExternalVetting:
    fields: dict[str, Any] = {"record_id": f"R{n}", "brand_id": "B123456", "csp_id": "S123456", "evp_id": "AEGIS",
                              "vetting_id": f"v{n}", "vetting_class": "STANDARD", "create_date": NOW,
                              "vetting_status": "ACTIVE", "vetting_score": 50, "vetted_date": NOW}
    return ExternalVetting(**{**fields, **changes})


def test_sandbox_ids():
    report = parse_sandbox_id("tendlc|AEGIS|STANDARD|82|acme|2027-01-31")
    assert report is not None
    assert (report.evp_id, report.vetting_class, report.score, report.valid_until) == (
        "AEGIS", "STANDARD", 82, date(2027, 1, 31))
    unscored = parse_sandbox_id("tendlc|WMC|STANDARD|-|x")
    assert unscored is not None and unscored.score is None and unscored.valid_until is None
    for bad in ("cv|1.0|cvmock|10dlc|1|2", "tendlc|AEGIS|STANDARD|101|x", "tendlc|AEGIS|STANDARD|5|",
                "tendlc|AEGIS|STANDARD|5|x|2026-02-30", "tendlc|aegis|STANDARD|5|x"):
        assert parse_sandbox_id(bad) is None, bad


def test_simulated_score_follows_what_the_brand_shows():
    assert simulated_score(brand(), "STANDARD") == 45
    assert simulated_score(brand(website="https://a.example"), "STANDARD") == 55
    rich = brand(entity_type="PUBLIC_PROFIT", website="https://a.example", business_contact_email="c@a.example",
                 brand_relationship="KEY_ACCOUNT")
    assert simulated_score(rich, "STANDARD") == 95
    assert simulated_score(rich, "ENHANCED") == 100  # capped


def test_the_latest_active_scoring_vet_sets_the_brand_score():
    later = NOW + timedelta(days=3)
    assert brand_score([]) is None
    assert brand_score([vet(1, vetting_score=90), vet(2, vetting_score=30, vetted_date=later)]) == 30
    assert brand_score([vet(1, vetting_score=90), vet(2, vetting_score=30, vetted_date=later,
                                                      vetting_status="EXPIRED")]) == 90
    assert brand_score([vet(1, vetting_class="POLITICAL")]) is None
    assert brand_score([vet(1, vetting_status="PENDING", vetting_score=None, vetted_date=None)]) is None


def test_reorder_is_a_duplicate_while_open_or_within_30_days():
    assert blocks_reorder(vet(vetting_status="PENDING"), "AEGIS", "STANDARD", NOW)
    assert blocks_reorder(vet(), "AEGIS", "STANDARD", NOW + timedelta(days=29))
    assert not blocks_reorder(vet(), "AEGIS", "STANDARD", NOW + timedelta(days=30))
    assert not blocks_reorder(vet(), "AEGIS", "ENHANCED", NOW)
    assert not blocks_reorder(vet(), "WMC", "STANDARD", NOW)
    assert not blocks_reorder(vet(vetting_status="FAILED"), "AEGIS", "STANDARD", NOW)


def test_validity_adds_calendar_months():
    assert valid_until(NOW, "STANDARD") == datetime(2027, 3, 1, 12, tzinfo=UTC)
    assert valid_until(datetime(2026, 1, 31, tzinfo=UTC), "STANDARD") == datetime(2027, 1, 31, tzinfo=UTC)
    assert valid_until(datetime(2024, 2, 29, tzinfo=UTC), "STANDARD") == datetime(2025, 2, 28, tzinfo=UTC)
    assert valid_until(NOW, "POLITICAL").year == 2126


def test_the_simulated_provider_outcome():
    assert outcome(vet(vetting_status="PENDING"), brand(website="https://a.example")).score == 55
    assert outcome(vet(sandbox_score=88), brand()).score == 88
    assert outcome(vet(sandbox_outcome="FAILED"), brand()).status == "FAILED"
    assert outcome(vet(), brand(identity_status="UNVERIFIED")).status == "FAILED"
    assert outcome(vet(), None).status == "FAILED"
    assert outcome(vet(), brand(status="DELETED")).status == "FAILED"
    wmc = outcome(vet(evp_id="WMC"), brand(entity_type="NON_PROFIT"))
    assert wmc.status == "FAILED" and "WMC" in wmc.reasons[0]


def test_provider_rules():
    assert incompatibility("CV", brand(entity_type="NON_PROFIT")) is None
    assert incompatibility("CV", brand(entity_type="NON_PROFIT", optional_attributes={"taxExemptStatus": "501c3"}))
    assert incompatibility("CV", brand())
    assert incompatibility("WMC", brand(country="CA"))
    assert incompatibility("AEGIS", brand(entity_type="GOVERNMENT")) is None


@pytest.mark.parametrize("raw", ["not json", "[1]", '{"sandboxScore": -1}', '{"sandboxScore": true}',
                                 '{"sandboxOutcome": "MAYBE"}'])
def test_bad_order_payloads(raw):
    with pytest.raises(InvalidInput) as caught:
        order_payload(OrderRequest(evp_id="AEGIS", additional_request_payload=raw), "STANDARD")
    assert caught.value.fields == ["additionalRequestPayload"]


def test_political_orders_need_a_payload():
    with pytest.raises(InvalidInput):
        order_payload(OrderRequest(evp_id="AEGIS"), "POLITICAL")
    assert order_payload(OrderRequest(evp_id="AEGIS", additional_request_payload='{"locale": "Federal"}'),
                         "POLITICAL") == {"locale": "Federal"}
