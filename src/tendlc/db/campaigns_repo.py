"""Campaigns."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from tendlc.core.campaigns.model import Campaign
from tendlc.core.model import Page, PageRequest
from tendlc.core.ports import CampaignFilter
from tendlc.db.convert import naive_utc, reference_key
from tendlc.db.documents import DocumentRepository
from tendlc.db.tables import campaigns


class SqlCampaigns(DocumentRepository[Campaign]):
    table = campaigns
    model = Campaign
    record_type = "CAMPAIGN"

    def projection(self, c: Campaign) -> dict[str, Any]:
        return {
            "csp_id": c.csp_id, "brand_id": c.brand_id, "status": c.status, "usecase": c.usecase,
            "vertical": c.vertical, "reseller_id": c.reseller_id, "auto_renewal": c.auto_renewal,
            "mock": c.mock, "upstream_cnp_id": c.upstream_cnp_id, "reference_key": reference_key(c.reference_id),
            "create_date": naive_utc(c.create_date),
        }

    def reference_id_owner(self, csp_id: str, reference_id: str) -> str | None:
        return self._conn.execute(select(campaigns.c.campaign_id).where(
            campaigns.c.csp_id == csp_id, campaigns.c.reference_key == reference_key(reference_id))).scalar()

    def search(self, csp_id: str, where: CampaignFilter, page: PageRequest) -> Page[Campaign]:
        c = campaigns.c
        q = select(c.campaign_id).where(c.csp_id == csp_id)
        exact = {"brand_id": where.brand_id, "status": where.status, "usecase": where.usecase,
                 "vertical": where.vertical, "reseller_id": where.reseller_id, "auto_renewal": where.auto_renewal,
                 "upstream_cnp_id": where.upstream_cnp_id, "mock": where.mock,
                 "reference_key": reference_key(where.reference_id)}
        for column, value in exact.items():
            if value is not None:
                q = q.where(c[column] == value)
        q = self.with_tags(q, where.tags)
        return self.page(q, [c.create_date.desc(), c.campaign_id.desc()], page)

    def count_for_brand(self, brand_id: str, *, active_only: bool) -> int:
        q = select(func.count()).select_from(campaigns).where(campaigns.c.brand_id == brand_id)
        if active_only:
            q = q.where(campaigns.c.status == "ACTIVE")
        return int(self._conn.execute(q).scalar_one())
