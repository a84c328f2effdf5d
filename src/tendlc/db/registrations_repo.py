"""Provider registrations (``core/registrations/ports.RegistrationRepository``)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, insert, select, update

from tendlc.core.errors import ConcurrentUpdate
from tendlc.core.registrations.model import Registration, RegistrationStatus
from tendlc.core.registrations.ports import RegistrationFilter
from tendlc.db.convert import naive_utc
from tendlc.db.tables_registrations import registrations


def _columns(r: Registration) -> dict[str, Any]:
    return {"cnp_id": r.cnp_id, "project_id": r.project_id, "status": r.status.value, "campaign_id": r.campaign_id,
            "brand_id": r.brand_id, "usecase": r.usecase, "mock": r.mock, "created_at": naive_utc(r.created_at),
            "doc": r.model_dump(mode="json"), "version": r.version}


class SqlRegistrations:
    def __init__(self, conn: Connection) -> None:
        self._conn = conn

    def get(self, registration_id: str) -> Registration | None:
        doc = self._conn.execute(select(registrations.c.doc).where(
            registrations.c.registration_id == registration_id)).scalar()
        return Registration.model_validate(doc) if doc is not None else None

    def add(self, registration: Registration) -> None:
        self._conn.execute(insert(registrations).values(registration_id=registration.registration_id,
                                                        **_columns(registration)))

    def save(self, registration: Registration) -> Registration:
        saved = registration.model_copy(update={"version": registration.version + 1})
        done = self._conn.execute(update(registrations).where(
            registrations.c.registration_id == registration.registration_id,
            registrations.c.version == registration.version).values(**_columns(saved)))
        if done.rowcount != 1:
            raise ConcurrentUpdate(f"campaign registration {registration.registration_id} changed meanwhile; read "
                                   "it again and retry", ["campaignRegistrationId"])
        return saved

    def by_campaign(self, cnp_id: str, campaign_id: str) -> Registration | None:
        doc = self._conn.execute(select(registrations.c.doc).where(
            registrations.c.cnp_id == cnp_id, registrations.c.campaign_id == campaign_id).limit(1)).scalar()
        return Registration.model_validate(doc) if doc is not None else None

    def search(self, cnp_id: str, where: RegistrationFilter) -> list[Registration]:
        c = registrations.c
        query = select(c.doc).where(c.cnp_id == cnp_id)
        if where.project_id is not None:
            query = query.where(c.project_id == where.project_id)
        if where.stored_statuses:
            query = query.where(c.status.in_([s.value for s in where.stored_statuses]))
        if where.usecase is not None:
            query = query.where(c.usecase == where.usecase)
        if where.brand_id is not None:
            query = query.where(c.brand_id == where.brand_id)
        if where.mock is not None:
            query = query.where(c.mock == where.mock)
        rows = self._conn.execute(query.order_by(c.created_at, c.registration_id))
        return [Registration.model_validate(doc) for (doc,) in rows]

    def waiting(self, status: RegistrationStatus, limit: int) -> list[Registration]:
        c = registrations.c
        rows = self._conn.execute(select(c.doc).where(c.status == status.value)
                                  .order_by(c.created_at, c.registration_id).limit(limit))
        return [Registration.model_validate(doc) for (doc,) in rows]
