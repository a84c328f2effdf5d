"""External vets (implements ``core.brands.vetting_ports.VettingRepository``)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Connection, func, insert, select, update

from tendlc.core.brands.vetting import OPEN_STATUSES, ExternalVetting
from tendlc.core.brands.vetting_ports import VettingFilter
from tendlc.core.errors import ConcurrentUpdate
from tendlc.db.convert import naive_utc
from tendlc.db.tables import history
from tendlc.db.tables_vettings import vettings

# History actions of a brand that change its data, and the one that checks its identity.
_CHANGES = ("create", "update")
_CHECK = "identity"


def _columns(v: ExternalVetting) -> dict[str, Any]:
    return {
        "brand_id": v.brand_id, "csp_id": v.csp_id, "evp_id": v.evp_id, "vetting_id": v.vetting_id,
        "vetting_class": v.vetting_class, "vetting_status": v.vetting_status,
        "create_date": naive_utc(v.create_date), "due_at": naive_utc(v.due_at), "version": v.version,
        "doc": v.model_dump(mode="json"),
    }


def _load(doc: Any) -> ExternalVetting:
    if isinstance(doc, str | bytes):
        return ExternalVetting.model_validate_json(doc)
    return ExternalVetting.model_validate(doc)


class SqlVettings:
    def __init__(self, conn: Connection) -> None:
        self._conn = conn

    def for_brand(self, brand_id: str, where: VettingFilter) -> list[ExternalVetting]:
        c = vettings.c
        q = select(c.doc).where(c.brand_id == brand_id)
        if where.statuses:
            q = q.where(c.vetting_status.in_(where.statuses))
        if where.evp_id is not None:
            q = q.where(c.evp_id == where.evp_id)
        if where.vetting_class is not None:
            q = q.where(c.vetting_class == where.vetting_class)
        return [_load(doc) for (doc,) in self._conn.execute(q.order_by(c.create_date, c.record_id))]

    def by_vetting_id(self, evp_id: str, vetting_id: str) -> ExternalVetting | None:
        c = vettings.c
        doc = self._conn.execute(select(c.doc).where(c.evp_id == evp_id, c.vetting_id == vetting_id)).scalar()
        return _load(doc) if doc is not None else None

    def add(self, vet: ExternalVetting) -> None:
        self._conn.execute(insert(vettings).values(record_id=vet.record_id, **_columns(vet)))

    def save(self, vet: ExternalVetting) -> ExternalVetting:
        saved = vet.model_copy(update={"version": vet.version + 1})
        c = vettings.c
        result = self._conn.execute(update(vettings).where(c.record_id == vet.record_id, c.version == vet.version)
                                    .values(**_columns(saved)))
        if result.rowcount != 1:
            raise ConcurrentUpdate(f"vet {vet.vetting_id} was changed by another request; retry", [])
        return saved

    def due(self, now: datetime, limit: int) -> list[ExternalVetting]:
        c = vettings.c
        rows = self._conn.execute(select(c.doc).where(c.due_at <= naive_utc(now))
                                  .order_by(c.due_at, c.record_id).limit(limit))
        return [_load(doc) for (doc,) in rows]

    def count_open_or_active(self, brand_id: str) -> int:
        c = vettings.c
        return int(self._conn.execute(select(func.count()).select_from(vettings).where(
            c.brand_id == brand_id, c.vetting_status.in_((*OPEN_STATUSES, "ACTIVE")))).scalar_one())

    def brand_changed_since_identity_check(self, brand_id: str) -> bool:
        h = history.c
        last = self._conn.execute(
            select(h.action).where(h.entity_type == "brand", h.entity_id == brand_id,
                                   h.action.in_((*_CHANGES, _CHECK)))
            .order_by(h.id.desc()).limit(1)).scalar()
        return last != _CHECK
