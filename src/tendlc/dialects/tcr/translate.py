"""Core entities → TCR wire documents (pure)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from tendlc.core.brands.model import Brand
from tendlc.core.campaigns.model import Campaign
from tendlc.core.model import Page, iso_millis

BRAND_INTERNAL = {"identity_check_due_at", "identity_feedback", "relationship_changed_at", "version"}
CAMPAIGN_INTERNAL = {"version", "mno_metadata", "upstream_cnp_id", "mno_ids", "tag", "compliance"}


def _wire_value(value: Any) -> Any:
    if isinstance(value, datetime):
        return iso_millis(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def _document(model: Brand | Campaign, internal: set[str]) -> dict[str, Any]:
    raw = model.model_dump(by_alias=True, exclude_none=True, exclude=internal)
    return {key: _wire_value(value) for key, value in raw.items()}


def brand(b: Brand) -> dict[str, Any]:
    """``Brand_CSP``."""
    return _document(b, BRAND_INTERNAL)


def campaign(c: Campaign) -> dict[str, Any]:
    """``Campaign_CSP_EX`` (the campaign with its ``monthlyFee``)."""
    return _document(c, CAMPAIGN_INTERNAL)


def record_set(page_number: int, page: Page[Any], render: Any) -> dict[str, Any]:
    """TCR's list envelope ``{page, totalRecords, records}``."""
    return {"page": page_number, "totalRecords": page.total, "records": [render(x) for x in page.items]}


def brand_feedback(b: Brand) -> dict[str, Any]:
    """``BrandFeedback``: why identity verification failed, by category."""
    return {
        "brandId": b.brand_id,
        "category": [
            {"id": f.id, "displayName": f.display_name, "description": f.description, "fields": f.fields,
             "errors": []}
            for f in b.identity_feedback
        ],
    }
