"""Webhook endpoints and the delivery log, for the use cases in ``core/webhooks``."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, func, insert, select, update

from tendlc.core.model import Page, PageRequest
from tendlc.core.webhooks.model import Attempt, Delivery, DeliveryFilter, DeliveryStatus, Dialect, Endpoint
from tendlc.db.convert import aware, naive_utc
from tendlc.db.tables_webhooks import webhook_attempts, webhook_deliveries, webhook_endpoints

E = webhook_endpoints.c
D = webhook_deliveries.c


def endpoint_from_row(row: Any) -> Endpoint:
    return Endpoint(
        id=row.id, cnp_id=row.cnp_id, dialect=Dialect(row.dialect), url=row.url, secret=row.secret,
        created_at=aware(row.created_at), updated_at=aware(row.updated_at),  # type: ignore[arg-type]
        category=row.category, event_types=tuple(row.event_types) if row.event_types is not None else None,
        key_id=row.key_id, previous_secret=row.previous_secret,
        previous_secret_until=aware(row.previous_secret_until), removed_at=aware(row.removed_at),
    )


def _endpoint_values(e: Endpoint) -> dict[str, Any]:
    return {
        "id": e.id, "cnp_id": e.cnp_id, "dialect": e.dialect.value, "category": e.category,
        "event_types": list(e.event_types) if e.event_types is not None else None, "url": e.url,
        "secret": e.secret, "key_id": e.key_id, "previous_secret": e.previous_secret,
        "previous_secret_until": naive_utc(e.previous_secret_until), "created_at": naive_utc(e.created_at),
        "updated_at": naive_utc(e.updated_at), "removed_at": naive_utc(e.removed_at),
    }


def _delivery(row: Any, attempts: tuple[Attempt, ...]) -> Delivery:
    next_at = aware(row.next_attempt_at)
    return Delivery(
        id=row.id, cnp_id=row.cnp_id, endpoint_id=row.endpoint_id, dialect=Dialect(row.dialect), url=row.url,
        event_id=row.event_id, event_type=row.event_type, status=DeliveryStatus(row.status),
        created_at=aware(row.created_at), attempt_count=row.attempt_count,  # type: ignore[arg-type]
        campaign_id=row.campaign_id, brand_id=row.brand_id, next_attempt_at=next_at,
        last_attempt_at=aware(row.last_attempt_at), finished_at=aware(row.finished_at),
        last_status_code=row.last_status_code, last_error=row.last_error,
        in_flight=row.claim_token is not None, attempts=attempts,
    )


class SqlWebhooks:
    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def tcr_subscription(self, cnp_id: str, category: str) -> Endpoint | None:
        row = self.conn.execute(select(webhook_endpoints).where(
            E.cnp_id == cnp_id, E.dialect == Dialect.TCR.value, E.category == category)).first()
        return endpoint_from_row(row) if row else None

    def endpoint_by_category(self, cnp_id: str, dialect: Dialect, category: str) -> Endpoint | None:
        row = self.conn.execute(select(webhook_endpoints).where(
            E.cnp_id == cnp_id, E.dialect == dialect.value, E.category == category)).first()
        return endpoint_from_row(row) if row else None

    def endpoints(self, cnp_id: str, dialect: Dialect) -> list[Endpoint]:
        rows = self.conn.execute(select(webhook_endpoints).where(
            E.cnp_id == cnp_id, E.dialect == dialect.value, E.removed_at.is_(None)
        ).order_by(E.created_at, E.id))
        return [endpoint_from_row(r) for r in rows]

    def endpoint(self, endpoint_id: str) -> Endpoint | None:
        row = self.conn.execute(select(webhook_endpoints).where(
            E.id == endpoint_id, E.removed_at.is_(None))).first()
        return endpoint_from_row(row) if row else None

    def add_endpoint(self, endpoint: Endpoint) -> None:
        self.conn.execute(insert(webhook_endpoints).values(**_endpoint_values(endpoint)))

    def save_endpoint(self, endpoint: Endpoint) -> None:
        values = _endpoint_values(endpoint)
        del values["id"]
        self.conn.execute(update(webhook_endpoints).where(E.id == endpoint.id).values(**values))

    def deliveries(self, cnp_id: str, where: DeliveryFilter, page: PageRequest) -> Page[Delivery]:
        conditions = [D.cnp_id == cnp_id]
        if where.status is not None:
            conditions.append(D.status == where.status.value)
        if where.event_type is not None:
            conditions.append(D.event_type == where.event_type)
        if where.campaign_id is not None:
            conditions.append(D.campaign_id == where.campaign_id)
        if where.endpoint_id is not None:
            conditions.append(D.endpoint_id == where.endpoint_id)
        total = self.conn.execute(select(func.count()).select_from(webhook_deliveries).where(*conditions)).scalar()
        rows = list(self.conn.execute(
            select(webhook_deliveries).where(*conditions).order_by(D.seq.desc(), D.id.desc())
            .offset(page.offset).limit(page.per_page)))
        attempts = self._attempts([r.id for r in rows])
        return Page(total=int(total or 0), items=[_delivery(r, attempts.get(r.id, ())) for r in rows])

    def delivery(self, delivery_id: str) -> Delivery | None:
        row = self.conn.execute(select(webhook_deliveries).where(D.id == delivery_id)).first()
        if row is None:
            return None
        return _delivery(row, self._attempts([delivery_id]).get(delivery_id, ()))

    def redeliver(self, delivery_id: str, at: datetime) -> None:
        self.conn.execute(update(webhook_deliveries).where(D.id == delivery_id).values(
            status=DeliveryStatus.PENDING.value, next_attempt_at=naive_utc(at), http_failures=0,
            network_failures=0, finished_at=None, claim_token=None))

    def _attempts(self, delivery_ids: list[str]) -> dict[str, tuple[Attempt, ...]]:
        if not delivery_ids:
            return {}
        A = webhook_attempts.c
        found: dict[str, list[Attempt]] = defaultdict(list)
        for r in self.conn.execute(select(webhook_attempts).where(A.delivery_id.in_(delivery_ids))
                                   .order_by(A.delivery_id, A.number, A.id)):
            found[r.delivery_id].append(Attempt(
                number=r.number, at=aware(r.at), url=r.url, duration_ms=r.duration_ms,  # type: ignore[arg-type]
                status_code=r.status_code, error=r.error, response=r.response))
        return {k: tuple(v) for k, v in found.items()}
