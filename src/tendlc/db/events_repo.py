"""Read queries over the outbox: an account's own events, by sequence."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, select

from tendlc.db.convert import aware
from tendlc.db.tables import event_recipients, outbox


def events_for(conn: Connection, cnp_id: str, after: int, limit: int) -> list[dict[str, Any]]:
    """Events addressed to ``cnp_id`` with a sequence number above ``after``, oldest first."""
    rows = conn.execute(
        select(outbox.c.seq, outbox.c.event_id, outbox.c.event_type, outbox.c.category, outbox.c.occurred_at,
               outbox.c.payload)
        .join(event_recipients, event_recipients.c.seq == outbox.c.seq)
        .where(event_recipients.c.cnp_id == cnp_id, outbox.c.seq > after)
        .order_by(outbox.c.seq).limit(limit)
    ).mappings()
    return [{**row, "occurred_at": aware(row["occurred_at"])} for row in rows]
