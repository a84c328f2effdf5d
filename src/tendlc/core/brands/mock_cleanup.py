"""Mock brands (and their campaigns) are removed 30 days after the brand was created.

TCR (``reference/tcr-api.md`` §3.3): mock brands are "auto-deleted after 30 days (cascade to campaigns)".
TCR's own deletion of a brand is a status (``DELETE /brand`` leaves it readable as ``status=DELETED``), so
tendlc removes a mock brand the same way instead of erasing rows that history, events and sharing refer to:

- at ``createDate + 30 days`` exactly (the due instant, whenever the scheduler runs), each ACTIVE campaign of
  the brand becomes EXPIRED (``expirationDate`` = the due instant, ``CAMPAIGN_EXPIRED`` with ``mock: true``,
  numbers released through the campaign hook), then the brand becomes DELETED (``BRAND_DELETE``);
- a mock campaign's ``nextRenewalOrExpirationDate`` is that day (mock campaigns are never billed), so the
  campaign shows when it will go; a campaign created on day 29 goes with its brand on day 30.

Removal is idempotent: only ACTIVE mock brands past their due instant are picked, and every change is saved
with the version read, so two concurrent passes cannot remove a brand twice.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from tendlc.core.brands.model import Brand
from tendlc.core.campaigns import billing
from tendlc.core.events import Event, EventType
from tendlc.core.model import PageRequest
from tendlc.core.ports import CampaignFilter, UnitOfWork

MOCK_LIFETIME = timedelta(days=30)


def removal_due(brand_created: datetime) -> datetime:
    """When a mock brand created at ``brand_created`` is removed."""
    return brand_created + MOCK_LIFETIME


def remove_due(uow: UnitOfWork, now: datetime, limit: int = 100) -> int:
    """Remove the mock brands due by ``now`` (oldest first) with their campaigns; returns how many brands."""
    removed = 0
    for brand in uow.brands.mock_due_for_removal(now - MOCK_LIFETIME, limit):
        if not brand.mock or brand.status != "ACTIVE" or removal_due(brand.create_date) > now:
            continue
        _remove(uow, brand, removal_due(brand.create_date))
        removed += 1
    return removed


def _remove(uow: UnitOfWork, brand: Brand, at: datetime) -> None:
    where = CampaignFilter(brand_id=brand.brand_id, status="ACTIVE", mock=None)
    while found := uow.campaigns.search(brand.csp_id, where, PageRequest(1, 500)).items:
        for campaign in sorted(found, key=lambda c: (c.create_date, c.campaign_id)):
            billing.expire(uow, campaign, at, f"Mock campaign {campaign.campaign_id} is removed with its mock "
                           f"brand {brand.brand_id} after 30 days")
    saved = uow.brands.save(brand.model_copy(update={"status": "DELETED", "identity_check_due_at": None}))
    uow.record_history("brand", saved.brand_id, saved.version, "mock-removed", billing.SCHEDULER, at,
                       saved.model_dump(mode="json"))
    uow.emit(Event(EventType.BRAND_DELETE, (saved.csp_id,), at, {
        "cspId": saved.csp_id, "cspName": saved.csp_name, "brandId": saved.brand_id,
        "brandName": saved.display_name, "brandReferenceId": saved.reference_id,
        "description": f"Mock brand {saved.brand_id} is removed after 30 days", "mock": True}))
