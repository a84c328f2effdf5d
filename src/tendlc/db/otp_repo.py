"""SMS OTP requests (implements ``core.brands.otp_ports.OtpRepository``)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, insert, select, update

from tendlc.core.brands.otp import OtpRequest
from tendlc.core.errors import ConcurrentUpdate
from tendlc.db.convert import naive_utc
from tendlc.db.tables_otp import otp_requests


def _columns(r: OtpRequest) -> dict[str, Any]:
    return {"brand_id": r.brand_id, "csp_id": r.csp_id, "status": r.status.value,
            "request_date": naive_utc(r.request_date), "version": r.version, "doc": r.model_dump(mode="json")}


def _load(doc: Any) -> OtpRequest:
    if isinstance(doc, str | bytes):
        return OtpRequest.model_validate_json(doc)
    return OtpRequest.model_validate(doc)


class SqlOtpRequests:
    def __init__(self, conn: Connection) -> None:
        self._conn = conn

    def get(self, reference_id: str) -> OtpRequest | None:
        c = otp_requests.c
        doc = self._conn.execute(select(c.doc).where(c.reference_id == reference_id)).scalar()
        return _load(doc) if doc is not None else None

    def latest_for_brand(self, brand_id: str) -> OtpRequest | None:
        c = otp_requests.c
        doc = self._conn.execute(select(c.doc).where(c.brand_id == brand_id)
                                 .order_by(c.request_date.desc(), c.reference_id.desc()).limit(1)).scalar()
        return _load(doc) if doc is not None else None

    def requested_since(self, brand_id: str, since: datetime) -> list[datetime]:
        c = otp_requests.c
        rows = self._conn.execute(select(c.request_date).where(c.brand_id == brand_id,
                                                               c.request_date >= naive_utc(since))
                                  .order_by(c.request_date.desc()))
        return [at.replace(tzinfo=UTC) for (at,) in rows]  # columns hold naive UTC

    def add(self, request: OtpRequest) -> None:
        self._conn.execute(insert(otp_requests).values(reference_id=request.reference_id, **_columns(request)))

    def save(self, request: OtpRequest) -> OtpRequest:
        saved = request.model_copy(update={"version": request.version + 1})
        c = otp_requests.c
        result = self._conn.execute(update(otp_requests)
                                    .where(c.reference_id == request.reference_id, c.version == request.version)
                                    .values(**_columns(saved)))
        if result.rowcount != 1:
            raise ConcurrentUpdate(f"OTP request {request.reference_id} was changed by another request; retry", [])
        return saved
