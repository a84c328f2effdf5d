"""Native ``/api/v1``: a campaign's readiness, and the traffic gate (``POST /messages/preflight``)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from fastapi import APIRouter, Depends, Request

from tendlc.api.auth import basic_actor
from tendlc.api.deps import container, json_body, read_handler
from tendlc.api.native_errors import NativeRoute
from tendlc.core.actor import Actor
from tendlc.core.carriers.review import mno_name
from tendlc.core.model import iso_millis
from tendlc.core.readiness import service, traffic
from tendlc.core.readiness.model import Readiness

router = APIRouter(prefix="/api/v1", route_class=NativeRoute, tags=["native: readiness"])


def readiness_json(r: Readiness) -> dict[str, Any]:
    return {"campaignId": r.campaign_id, "stage": r.stage.value, "step": r.stage.step, "ok": r.ok,
            "reason": r.reason, "provisionedNumbers": list(r.provisioned),
            "numbersAssigned": r.numbers_assigned, "numbersPending": r.numbers_pending,
            "numbersFailed": r.numbers_failed,
            "carriers": [{"mnoId": m, "mno": mno_name(m), "status": s} for m, s in r.carriers]}


def _time(at: datetime | None) -> str | None:
    return iso_millis(at) if at is not None else None


def preflight_json(p: traffic.Preflight) -> dict[str, Any]:
    usage = [{"limit": u.limit.name, "used": u.used, "cap": u.limit.cap, "subject": u.limit.subject,
              "windowStart": iso_millis(u.limit.window_start), "windowEnd": iso_millis(u.limit.window_end)}
             for u in p.usage]
    doc: dict[str, Any] = {"allowed": p.allowed, "campaignId": p.campaign_id, "from": p.sender, "count": p.count,
                           "recorded": p.recorded, "stage": p.readiness.stage.value, "usage": usage,
                           "sentTime": _time(p.sent_time)}
    if not p.allowed:
        doc.update(code=p.refusal.value if p.refusal else None, reason=p.reason, retryAfter=p.retry_after)
    return doc


@router.get("/campaigns/{campaignId}/readiness")
@read_handler
def campaign_readiness(campaignId: str, request: Request, actor: Actor = Depends(basic_actor)) -> dict[str, Any]:
    """Where the campaign stands (``stage``), whether it can send (``ok``), why not (``reason``) and the
    numbers it sends from. Its CSP, the parties of its chain and its project's keys may ask."""
    with container(request).uow() as uow:
        return readiness_json(service.campaign_readiness(uow, actor, campaignId))


@router.post("/messages/preflight")
def preflight(request: Request, body: Any = Depends(json_body), actor: Actor = Depends(basic_actor)
              ) -> dict[str, Any]:
    """``{campaignId, from, to?, count?, record?}`` → ``allowed``, or refused with ``code``, ``reason`` and
    (for a cap) ``retryAfter`` seconds. ``record: true`` counts the messages toward the caps and moves the
    campaign's ``sentTime``. A refusal is an answer (200), not an error."""
    c = container(request)
    with c.uow(write=True) as uow:
        return preflight_json(traffic.preflight(uow, c.clock, actor, body))
