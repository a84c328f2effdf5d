"""The outbox relay: fans each committed, unrelayed event out to one delivery per subscribed endpoint of
each account entitled to see it, and marks the event relayed, in one transaction.

A crash before the commit leaves the event unrelayed (the next pass takes it again); after it, the
deliveries exist and the sender owns them. Bodies are rendered once per endpoint dialect (and per
what the recipient may see), not once per endpoint.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from tendlc.bootstrap import Container
from tendlc.core.webhooks.model import DeliveryStatus, Endpoint
from tendlc.db import webhook_queue as queue
from tendlc.db.convert import naive_utc
from tendlc.db.webhook_queue import OutboxEvent
from tendlc.webhooks.render import render


def plan(events: list[OutboxEvent], recipients: dict[int, list[str]], endpoints: dict[str, list[Endpoint]],
         new_id: Callable[[], str], now: datetime) -> list[dict[str, Any]]:
    """The delivery rows for ``events``: one per (event, endpoint of a recipient that wants it)."""
    rows: list[dict[str, Any]] = []
    for event in events:
        bodies: dict[tuple[str, bool], str] = {}
        payload = event.payload
        for cnp_id in dict.fromkeys(recipients.get(event.seq, [])):
            for endpoint in endpoints.get(cnp_id, []):
                if not endpoint.wants(event.event_type, event.category, payload):
                    continue
                key = (endpoint.dialect.value, payload.get("cspId") in (None, cnp_id))
                if key not in bodies:
                    bodies[key] = render(endpoint.dialect, payload, event.event_type, event.occurred_at,
                                         cnp_id).decode()
                rows.append({
                    "id": new_id(), "cnp_id": cnp_id, "endpoint_id": endpoint.id, "seq": event.seq,
                    "event_id": event.event_id, "event_type": event.event_type,
                    "campaign_id": _short(payload.get("campaignId"), 10), "brand_id": _short(payload.get("brandId"), 8),
                    "dialect": endpoint.dialect.value, "url": endpoint.url, "body": bodies[key],
                    "status": DeliveryStatus.PENDING.value, "attempt_count": 0, "http_failures": 0,
                    "network_failures": 0, "next_attempt_at": naive_utc(now), "created_at": naive_utc(now),
                })
    return rows


def _short(value: Any, limit: int) -> str | None:
    return value if isinstance(value, str) and len(value) <= limit else None


def run_once(c: Container) -> int:
    """Relay one batch of events; returns how many events were relayed."""
    with c.uow() as uow:
        if not queue.has_unrelayed(uow.conn):
            return 0
    with c.uow(write=True) as uow:
        seqs = queue.claim_unrelayed(uow.conn, c.settings.webhook_batch_size)
        if not seqs:
            return 0
        to = queue.recipients(uow.conn, seqs)
        endpoints = queue.live_endpoints(uow.conn, (cnp for names in to.values() for cnp in names))
        # Most events go to nobody with an endpoint: their payloads are not even read.
        subscribed = [seq for seq in seqs if any(endpoints.get(cnp) for cnp in to.get(seq, ()))]
        now = c.clock.now()
        queue.add_deliveries(uow.conn, plan(queue.events(uow.conn, subscribed), to, endpoints, c.ids.ulid, now))
        queue.mark_relayed(uow.conn, seqs, now)
    return len(seqs)
