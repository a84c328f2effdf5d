"""tendlc's native API under ``/api/v1``: what the vendor dialects have no words for."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Query, Request

from tendlc.api.auth import basic_actor
from tendlc.api.deps import container, read_handler
from tendlc.api.native_errors import NativeRoute
from tendlc.core.actor import Actor
from tendlc.core.model import iso_millis
from tendlc.db.events_repo import events_for

router = APIRouter(prefix="/api/v1", route_class=NativeRoute, tags=["native"])


@router.get("/events")
@read_handler
def list_events(request: Request, after: int = Query(0, ge=0, le=2**63 - 1), limit: int = Query(100, ge=1, le=1000),
                actor: Actor = Depends(basic_actor)) -> dict[str, Any]:
    """The caller's own events after sequence ``after``, oldest first. Pass the returned ``next``
    as ``after`` to continue; ``next`` equals ``after`` when there is nothing new."""
    with container(request).uow() as uow:
        rows = events_for(uow.conn, actor.cnp_id, after, limit)
    events = [{"seq": r["seq"], "id": r["event_id"], "eventType": r["event_type"], "category": r["category"],
               "occurredAt": iso_millis(r["occurred_at"]), "payload": r["payload"]} for r in rows]
    return {"events": events, "next": events[-1]["seq"] if events else after}


@router.get("/health", include_in_schema=False)
def health() -> dict[str, str]:
    return {"status": "ok"}
