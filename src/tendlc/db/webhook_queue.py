"""The webhook work queues: unrelayed outbox events (for the relay) and due deliveries (for the sender).

Claiming is safe with several processes. On PostgreSQL the claiming statements lock their rows with
``FOR UPDATE SKIP LOCKED``, so concurrent workers take disjoint batches. On SQLite the workers run in a
write unit of work (``BEGIN IMMEDIATE``: one writer at a time), so a claim is a single step.

A claimed delivery stays ``pending`` with ``next_attempt_at`` moved to the end of the lease and a
``claim_token``; the result is recorded only while the token still matches. If the sender dies, the
delivery is due again when the lease runs out (at-least-once).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, and_, bindparam, insert, select, update

from tendlc.core.webhooks.model import DeliveryStatus, Endpoint
from tendlc.db.convert import aware, naive_utc
from tendlc.db.tables import event_recipients, outbox
from tendlc.db.tables_webhooks import webhook_attempts, webhook_deliveries, webhook_endpoints
from tendlc.db.webhooks_repo import endpoint_from_row

D = webhook_deliveries.c
O = outbox.c  # noqa: E741
PENDING = DeliveryStatus.PENDING.value


@dataclass(frozen=True)
class OutboxEvent:
    seq: int
    event_id: str
    event_type: str
    category: str
    occurred_at: datetime
    payload: dict[str, Any]


@dataclass(frozen=True)
class ClaimedDelivery:
    id: str
    seq: int
    event_id: str
    endpoint_id: str
    body: str
    attempt_count: int
    http_failures: int
    network_failures: int
    endpoint: Endpoint | None  # None when the endpoint was removed


# --- relay -------------------------------------------------------------------------------------------


def has_unrelayed(conn: Connection) -> bool:
    return conn.execute(select(O.seq).where(O.relayed_at.is_(None)).limit(1)).first() is not None


def claim_unrelayed(conn: Connection, limit: int) -> list[int]:
    """The sequence numbers of the oldest unrelayed events, locked against other relays until this transaction
    ends (their payloads are read only for the events somebody subscribed to: :func:`events`)."""
    rows = conn.execute(select(O.seq).where(O.relayed_at.is_(None)).order_by(O.seq).limit(limit)
                        .with_for_update(skip_locked=True))
    return [seq for (seq,) in rows]


def events(conn: Connection, seqs: Sequence[int]) -> list[OutboxEvent]:
    """The events ``seqs``, with their payloads, in sequence order."""
    if not seqs:
        return []
    rows = conn.execute(select(O.seq, O.event_id, O.event_type, O.category, O.occurred_at, O.payload)
                        .where(O.seq.in_(seqs)).order_by(O.seq))
    return [OutboxEvent(r.seq, r.event_id, r.event_type, r.category, aware(r.occurred_at), r.payload)  # type: ignore[arg-type]
            for r in rows]


def recipients(conn: Connection, seqs: Sequence[int]) -> dict[int, list[str]]:
    found: dict[int, list[str]] = defaultdict(list)
    rows = conn.execute(select(event_recipients.c.seq, event_recipients.c.cnp_id)
                        .where(event_recipients.c.seq.in_(seqs)).order_by(event_recipients.c.cnp_id))
    for seq, cnp_id in rows:
        found[seq].append(cnp_id)
    return found


def live_endpoints(conn: Connection, cnp_ids: Iterable[str]) -> dict[str, list[Endpoint]]:
    found: dict[str, list[Endpoint]] = defaultdict(list)
    ids = sorted(set(cnp_ids))
    if not ids:
        return found
    E = webhook_endpoints.c
    for row in conn.execute(select(webhook_endpoints).where(E.cnp_id.in_(ids), E.removed_at.is_(None))
                            .order_by(E.created_at, E.id)):
        found[row.cnp_id].append(endpoint_from_row(row))
    return found


def add_deliveries(conn: Connection, rows: list[dict[str, Any]]) -> None:
    if rows:
        conn.execute(insert(webhook_deliveries), rows)


def mark_relayed(conn: Connection, seqs: Sequence[int], at: datetime) -> None:
    conn.execute(update(outbox).where(O.seq.in_(seqs)).values(relayed_at=naive_utc(at)))


# --- sender ------------------------------------------------------------------------------------------


def _due(now: datetime) -> Any:
    return and_(D.status == PENDING, D.next_attempt_at <= naive_utc(now))


def has_due(conn: Connection, now: datetime) -> bool:
    return conn.execute(select(D.id).where(_due(now)).limit(1)).first() is not None


def claim_due(conn: Connection, now: datetime, lease_until: datetime, token: str,
              limit: int) -> list[ClaimedDelivery]:
    """Take up to ``limit`` due deliveries (oldest first) for the lease, with their endpoints."""
    due = (select(D.id).where(_due(now)).order_by(D.next_attempt_at, D.seq).limit(limit)
           .with_for_update(skip_locked=True).scalar_subquery())
    claimed = conn.execute(
        update(webhook_deliveries).where(D.id.in_(due))
        .values(next_attempt_at=naive_utc(lease_until), claim_token=token)
        .returning(D.id, D.seq, D.event_id, D.endpoint_id, D.body, D.attempt_count, D.http_failures,
                   D.network_failures)
    ).all()
    if not claimed:
        return []
    E = webhook_endpoints.c
    endpoints = {row.id: endpoint_from_row(row) for row in conn.execute(
        select(webhook_endpoints).where(E.id.in_({r.endpoint_id for r in claimed}), E.removed_at.is_(None)))}
    out = [ClaimedDelivery(r.id, r.seq, r.event_id, r.endpoint_id, r.body, r.attempt_count, r.http_failures,
                           r.network_failures, endpoints.get(r.endpoint_id)) for r in claimed]
    out.sort(key=lambda d: (d.seq, d.id))
    return out


_RESULT = (
    update(webhook_deliveries)
    .where(D.id == bindparam("b_id"), D.claim_token == bindparam("b_token"))
    .values(status=bindparam("b_status"), next_attempt_at=bindparam("b_next"), claim_token=None,
            attempt_count=D.attempt_count + bindparam("b_tried"), http_failures=bindparam("b_http"),
            network_failures=bindparam("b_network"), last_attempt_at=bindparam("b_last"),
            finished_at=bindparam("b_finished"), last_status_code=bindparam("b_code"),
            last_error=bindparam("b_error"), url=bindparam("b_url"))
)

_RELEASE = (
    update(webhook_deliveries)
    .where(D.id == bindparam("b_id"), D.claim_token == bindparam("b_token"))
    .values(next_attempt_at=bindparam("b_next"), claim_token=None)
)

_CANCEL = (
    update(webhook_deliveries)
    .where(D.id == bindparam("b_id"), D.claim_token == bindparam("b_token"))
    .values(status=DeliveryStatus.CANCELLED.value, next_attempt_at=None, claim_token=None,
            finished_at=bindparam("b_at"), last_error="the endpoint was removed")
)


@dataclass(frozen=True)
class AttemptResult:
    """One attempt at a claimed delivery and the delivery's state after it."""

    delivery: ClaimedDelivery
    status: str
    next_attempt_at: datetime | None
    http_failures: int
    network_failures: int
    at: datetime
    url: str
    duration_ms: int
    status_code: int | None = None
    error: str | None = None
    response: str = ""


def record(conn: Connection, token: str, results: Sequence[AttemptResult],
           released: Sequence[tuple[ClaimedDelivery, datetime]] = (),
           cancelled: Sequence[tuple[ClaimedDelivery, datetime]] = ()) -> None:
    """Store the outcome of a pass: attempts and the new delivery states, claims given back unattempted
    (due again at the time given), and deliveries whose endpoint is gone."""
    if results:
        conn.execute(_RESULT, [{
            "b_id": r.delivery.id, "b_token": token, "b_status": r.status, "b_next": naive_utc(r.next_attempt_at),
            "b_tried": 1, "b_http": r.http_failures, "b_network": r.network_failures, "b_last": naive_utc(r.at),
            "b_finished": naive_utc(r.at) if r.status != PENDING else None, "b_code": r.status_code,
            "b_error": r.error, "b_url": r.url,
        } for r in results])
        conn.execute(insert(webhook_attempts), [{
            "delivery_id": r.delivery.id, "number": r.delivery.attempt_count + 1, "at": naive_utc(r.at),
            "url": r.url, "status_code": r.status_code, "error": r.error, "duration_ms": r.duration_ms,
            "response": r.response,
        } for r in results])
    if released:
        conn.execute(_RELEASE, [{"b_id": d.id, "b_token": token, "b_next": naive_utc(at)} for d, at in released])
    if cancelled:
        conn.execute(_CANCEL, [{"b_id": d.id, "b_token": token, "b_at": naive_utc(at)} for d, at in cancelled])
