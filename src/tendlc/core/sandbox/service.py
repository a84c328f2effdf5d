"""Sandbox use cases other than the clock: send a mock event to an account, reset everything."""

from __future__ import annotations

from typing import Any

from tendlc.core.clock import Clock, ShiftedClock
from tendlc.core.errors import FieldProblem, InvalidInput, NotFound
from tendlc.core.events import Event, EventType
from tendlc.core.ports import UnitOfWork
from tendlc.core.sandbox import clock as sandbox_clock


def send_mock_event(uow: UnitOfWork, clock: Clock, cnp_id: str, event_type: str,
                    payload: dict[str, Any] | None = None) -> Event:
    """An event of any TCR type for one account, flagged ``mock``, delivered like any other (outbox,
    webhooks), so an integration can be tested against events that are hard to provoke."""
    try:
        kind = EventType(event_type)
    except ValueError:
        raise InvalidInput.of([FieldProblem("eventType", f"unknown event type {event_type!r}; see "
                                            "/v2/webhook/eventType")]) from None
    if payload is not None and not isinstance(payload, dict):
        raise InvalidInput.of([FieldProblem("payload", "must be a JSON object of webhook fields")])
    if uow.accounts.get(cnp_id) is None:
        raise NotFound(f"account {cnp_id} not found", ["cnpId"])
    body = {"cspId": cnp_id, "description": f"Mock {kind.value} sent from the sandbox", **(payload or {}),
            "mock": True}
    event = Event(type=kind, recipients=(cnp_id,), occurred_at=clock.now(), payload=body)
    uow.emit(event)
    return event


def reset(uow: UnitOfWork, clock: ShiftedClock) -> int:
    """Delete every account, brand, campaign, event and setting (operator keys stay) and bring the
    clock back to real time. Returns the number of rows deleted."""
    deleted = uow.sandbox.wipe()
    sandbox_clock.rewind(uow, clock)
    return deleted
