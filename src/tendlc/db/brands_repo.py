"""Brands."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, select

from tendlc.core.brands.model import Brand
from tendlc.core.model import Page, PageRequest
from tendlc.core.ports import BrandFilter
from tendlc.db.convert import naive_utc, reference_key
from tendlc.db.documents import DocumentRepository
from tendlc.db.prepared import Prepared
from tendlc.db.tables import brands

_REFERENCE_OWNER = Prepared(select(brands.c.brand_id).where(
    brands.c.csp_id == bindparam("csp_id"), brands.c.reference_key == bindparam("reference_key")))


class SqlBrands(DocumentRepository[Brand]):
    table = brands
    model = Brand
    record_type = "BRAND"

    def projection(self, b: Brand) -> dict[str, Any]:
        return {
            "csp_id": b.csp_id, "status": b.status, "entity_type": b.entity_type,
            "identity_status": b.identity_status, "display_name_lower": (b.display_name or "").lower(),
            "state": b.state, "country": b.country, "ein": b.ein, "universal_ein": b.universal_ein,
            "mock": b.mock, "reference_key": reference_key(b.reference_id),
            "identity_check_due_at": naive_utc(b.identity_check_due_at), "create_date": naive_utc(b.create_date),
        }

    def reference_id_owner(self, csp_id: str, reference_id: str) -> str | None:
        owner = _REFERENCE_OWNER.scalar(self._conn, csp_id=csp_id, reference_key=reference_key(reference_id))
        return str(owner) if owner is not None else None

    def search(self, csp_id: str, where: BrandFilter, page: PageRequest) -> Page[Brand]:
        c = brands.c
        q = select(c.brand_id).where(c.csp_id == csp_id, c.status == where.status)
        exact = {"entity_type": where.entity_type, "identity_status": where.identity_status, "state": where.state,
                 "country": where.country, "ein": where.ein, "universal_ein": where.universal_ein,
                 "mock": where.mock, "reference_key": reference_key(where.reference_id)}
        for column, value in exact.items():
            if value is not None:
                q = q.where(c[column] == value)
        if where.display_name:
            q = q.where(c.display_name_lower.contains(where.display_name.lower(), autoescape=True))
        q = self.with_tags(q, where.tags)
        return self.page(q, [c.create_date.desc(), c.brand_id], page)

    def due_for_identity_check(self, now: datetime, limit: int) -> list[Brand]:
        rows = self._conn.execute(
            select(brands.c.doc).where(brands.c.identity_check_due_at <= naive_utc(now))
            .order_by(brands.c.identity_check_due_at).limit(limit))
        return [Brand.model_validate(doc) for (doc,) in rows]

    def mock_due_for_removal(self, created_before: datetime, limit: int) -> list[Brand]:
        b = brands.c
        rows = self._conn.execute(
            select(b.doc).where(b.mock.is_(True), b.status == "ACTIVE", b.create_date <= naive_utc(created_before))
            .order_by(b.create_date, b.brand_id).limit(limit).with_for_update(skip_locked=True))
        return [Brand.model_validate(doc) for (doc,) in rows]
