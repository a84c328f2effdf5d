"""Bodies per dialect: TCR's flat payload (canonical) and the native Standard Webhooks envelope."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from tendlc.core.webhooks.model import Dialect
from tendlc.webhooks.render import native_body, render, tcr_body, visible_payload

AT = datetime(2026, 3, 4, 5, 6, 7, 891000, tzinfo=UTC)
PAYLOAD = {"eventType": "CAMPAIGN_ADD", "cspId": "S7K2QZP", "brandId": "B1A2B3C", "campaignId": "C9XYZ12",
           "brandReferenceId": "brand-ref", "campaignReferenceId": "camp-ref", "mock": False,
           "description": "Campaign C9XYZ12 is provisioned"}


def test_tcr_body_is_the_flat_payload_in_canonical_form():
    body = tcr_body(PAYLOAD, "CAMPAIGN_ADD")
    assert json.loads(body) == PAYLOAD
    assert body.startswith(b'{"brandId":"B1A2B3C","brandReferenceId":"brand-ref"')
    assert b" " not in body.replace(b"Campaign C9XYZ12 is provisioned", b"")


def test_native_body_is_a_standard_webhooks_envelope():
    body = json.loads(native_body(PAYLOAD, "CAMPAIGN_ADD", AT))
    assert body["type"] == "CAMPAIGN_ADD" and body["timestamp"] == "2026-03-04T05:06:07.891Z"
    assert "eventType" not in body["data"] and body["data"]["campaignId"] == "C9XYZ12"


def test_reference_ids_are_shown_only_to_the_creator():
    assert visible_payload(PAYLOAD, "S7K2QZP") == PAYLOAD
    other = visible_payload(PAYLOAD, "SUPSTRM")
    assert "brandReferenceId" not in other and "campaignReferenceId" not in other
    assert other["campaignId"] == "C9XYZ12"
    for dialect in Dialect:
        assert b"camp-ref" in render(dialect, PAYLOAD, "CAMPAIGN_ADD", AT, "S7K2QZP")
        assert b"camp-ref" not in render(dialect, PAYLOAD, "CAMPAIGN_ADD", AT, "DCA1")
