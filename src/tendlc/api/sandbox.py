"""The sandbox controls under ``/api/v1/sandbox``: accounts and keys, the clock, mock events, reset.

Every route needs an operator credential (HTTP Basic ``op_…:os_…`` from ``tendlc operator create``) and
a server started with ``--sandbox``; otherwise it answers 403 SANDBOX_DISABLED, so a production
deployment cannot be time-travelled. Account keys are not operator keys (401).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from fastapi import APIRouter, Depends, Request
from starlette.concurrency import run_in_threadpool

from tendlc.api.auth import Unauthenticated, basic_credentials
from tendlc.api.deps import container, json_body
from tendlc.api.native_errors import NativeRoute
from tendlc.bootstrap import Container
from tendlc.core.accounts import service as accounts
from tendlc.core.carriers.review import MnoReview
from tendlc.core.clock import ShiftedClock
from tendlc.core.errors import FieldProblem, InvalidInput, SandboxDisabled
from tendlc.core.model import iso_millis
from tendlc.core.sandbox import clock as sandbox_clock
from tendlc.core.sandbox import decisions
from tendlc.core.sandbox import service as sandbox
from tendlc.core.sandbox.model import OperatorKey
from tendlc.core.sandbox.operators import authenticate_operator
from tendlc.workers.reviews import default_policy


def sandbox_clock_of(c: Container) -> ShiftedClock:
    """The container's sandbox clock; SandboxDisabled when the server is not in sandbox mode."""
    if not c.settings.sandbox or not isinstance(c.clock, ShiftedClock):
        raise SandboxDisabled("the sandbox is disabled on this server; start it with `tendlc serve --sandbox` "
                              "(or TENDLC_SANDBOX=true)", [])
    return c.clock


def _verify(c: Container, key_id: str, secret: str) -> OperatorKey | None:
    with c.uow() as uow:
        return authenticate_operator(uow, key_id, secret)


async def operator(request: Request) -> OperatorKey:
    """The sandbox operator calling with HTTP Basic; refused when sandbox mode is off."""
    c = container(request)
    sandbox_clock_of(c)
    key_id, secret = basic_credentials(request)
    key = await run_in_threadpool(_verify, c, key_id, secret)
    if key is None:
        raise Unauthenticated()
    return key


router = APIRouter(prefix="/api/v1/sandbox", route_class=NativeRoute, tags=["sandbox"],
                   dependencies=[Depends(operator)])


def _text(body: Any, name: str, *, required: bool = True) -> str | None:
    value = body.get(name) if isinstance(body, dict) else None
    if value is None and not required:
        return None
    if not isinstance(value, str) or not value.strip():
        raise InvalidInput.of([FieldProblem(name, "is required (a non-empty string)")])
    return value.strip()


@router.get("/clock")
def read_clock(request: Request) -> dict[str, object]:
    """``{"now", "offsetSeconds"}``: the sandbox time and how far it is ahead of real time."""
    c = container(request)
    with c.uow() as uow:
        return sandbox_clock.read(uow, sandbox_clock_of(c)).as_json()


@router.post("/clock/advance")
def advance_clock(request: Request, body: Any = Depends(json_body)) -> dict[str, object]:
    """``{"by": "30d"}`` (w, d, h, m, s): move the clock forward. The scheduler then catches up on
    everything that fell due in between, in order."""
    c = container(request)
    by = sandbox_clock.parse_duration(_text(body, "by") or "")
    with c.uow(write=True) as uow:
        state = sandbox_clock.advance(uow, sandbox_clock_of(c), by)
    _wake_workers(request)
    return state.as_json()


@router.put("/clock")
def set_clock(request: Request, body: Any = Depends(json_body)) -> dict[str, object]:
    """``{"now": "2027-03-01T00:00:00Z"}``: move the clock forward to an instant."""
    c = container(request)
    raw = _text(body, "now") or ""
    try:
        instant = datetime.fromisoformat(raw.replace("Z", "+00:00"))
    except ValueError:
        raise InvalidInput.of([FieldProblem("now", f"{raw!r} is not an ISO 8601 date-time")]) from None
    with c.uow(write=True) as uow:
        state = sandbox_clock.set_to(uow, sandbox_clock_of(c), instant)
    _wake_workers(request)
    return state.as_json()


def _wake_workers(request: Request) -> None:
    runner = getattr(request.app.state, "workers", None)
    if runner is not None:
        runner.wake()


@router.post("/accounts", status_code=201)
def create_account(request: Request, body: Any = Depends(json_body)) -> dict[str, Any]:
    """``{"kind": "CSP"|"DCA", "name", "id"? (DCA code)}`` → the account and its first API key (the secret
    is shown this once)."""
    c = container(request)
    kind, name = _text(body, "kind") or "", _text(body, "name") or ""
    code = _text(body, "id", required=False)
    with c.uow(write=True) as uow:
        account = accounts.create_account(uow, c.ids, c.clock, kind, name, code)
        issued = accounts.issue_key(uow, c.ids, c.clock, account.cnp_id, "sandbox")
    return {"cnpId": account.cnp_id, "kind": account.kind.value, "name": account.name,
            "createdAt": iso_millis(account.created_at), "apiKey": issued.key.key_id, "apiSecret": issued.secret}


@router.post("/accounts/{cnpId}/keys", status_code=201)
def create_key(request: Request, cnpId: str, body: Any = Depends(json_body)) -> dict[str, Any]:
    """A further API key for an account: ``{"label"?}``."""
    c = container(request)
    label = _text(body, "label", required=False) or "sandbox"
    with c.uow(write=True) as uow:
        issued = accounts.issue_key(uow, c.ids, c.clock, cnpId, label)
    return {"cnpId": cnpId, "apiKey": issued.key.key_id, "apiSecret": issued.secret, "label": label}


@router.post("/events", status_code=202)
def send_event(request: Request, body: Any = Depends(json_body)) -> dict[str, Any]:
    """``{"cnpId", "eventType", "payload"?}``: a mock event (``mock: true``) for one account, delivered to
    its webhooks like any other."""
    c = container(request)
    cnp_id, event_type = _text(body, "cnpId") or "", _text(body, "eventType") or ""
    payload = body.get("payload") if isinstance(body, dict) else None
    with c.uow(write=True) as uow:
        event = sandbox.send_mock_event(uow, c.clock, cnp_id, event_type, payload)
    return {"eventType": event.type.value, "cnpId": cnp_id, "occurredAt": iso_millis(event.occurred_at),
            "payload": event.payload}


@router.post("/reset")
def reset(request: Request) -> dict[str, Any]:
    """Delete every account, brand, campaign, event and setting (operator keys stay) and bring the clock
    back to real time."""
    c = container(request)
    clock = sandbox_clock_of(c)
    with c.uow(write=True) as uow:
        deleted = sandbox.reset(uow, clock)
    return {"deletedRows": deleted, **sandbox_clock.ClockState(clock.now(), clock.offset).as_json()}


# --- review policies and decisions ----------------------------------------------------------------------


def review_json(r: MnoReview) -> dict[str, Any]:
    return {"campaignId": r.campaign_id, "mnoId": r.mno_id, "mnoName": r.mno_name, "dcaId": r.dca_id,
            "status": r.status.value, "statusDate": iso_millis(r.status_date), "reason": r.reason,
            "decidedBy": r.decided_by}


@router.get("/policies")
def read_policies(request: Request) -> dict[str, Any]:
    """The review policies: ``{"mnoReview": [...], "share": [...]}`` plus the server's default."""
    c = container(request)
    with c.uow() as uow:
        found = decisions.policies(uow)
    return {**found.model_dump(mode="json", by_alias=True),
            "default": default_policy(c).model_dump(mode="json", by_alias=True)}


@router.put("/policies")
def write_policies(request: Request, body: Any = Depends(json_body)) -> dict[str, Any]:
    """Replace the review policies. Entries: ``{"dcaId"?, "mnoId"?, "mode": "auto"|"manual"|"rules",
    "delaySeconds"?, "outcome"?: "approve"|"reject", "reason"?, "rejectionCategories"?}``; the most specific
    entry wins."""
    c = container(request)
    with c.uow(write=True) as uow:
        saved = decisions.set_policies(uow, body)
    _wake_workers(request)
    return saved.model_dump(mode="json", by_alias=True)


@router.get("/pending")
def list_pending(request: Request) -> dict[str, Any]:
    """What waits for a decision: shares pending with a DCA, and carrier reviews."""
    c = container(request)
    with c.uow() as uow:
        shares, open_reviews = decisions.pending(uow, c.clock)
    return {"shares": [{"campaignId": s.campaign_id, "dcaId": s.dca_id, "downstreamCnpId": s.downstream_cnp_id,
                        "sharedDate": iso_millis(s.shared_date), "cnpMigration": s.cnp_migration} for s in shares],
            "reviews": [review_json(r) for r in open_reviews]}


@router.post("/campaigns/{campaignId}/mno/{mnoId}")
def decide_review(request: Request, campaignId: str, mnoId: int, body: Any = Depends(json_body)
                  ) -> dict[str, Any]:
    """``{"action": "approve"|"reject"|"suspend"|"unsuspend", "reason"?}`` (a reason is required to reject or
    suspend): decide one carrier's review as that carrier."""
    c = container(request)
    action = decisions.parse_review_action(body.get("action") if isinstance(body, dict) else None)
    reason = body.get("reason") if isinstance(body, dict) else None
    if reason is not None and not isinstance(reason, str):
        raise InvalidInput.of([FieldProblem("reason", "must be a string")])
    with c.uow(write=True) as uow:
        review = decisions.decide_review(uow, c.clock, campaignId, mnoId, action, reason)
    return review_json(review)


@router.post("/campaigns/{campaignId}/share")
def decide_share(request: Request, campaignId: str, body: Any = Depends(json_body)) -> dict[str, Any]:
    """``{"action": "accept"|"decline", "explanation"?, "rejectionCategories"?, "excludedMnoIds"?}``: decide,
    as the DCA it waits for, the campaign's pending share."""
    c = container(request)
    data = body if isinstance(body, dict) else {}
    action = data.get("action")
    if action not in ("accept", "decline"):
        raise InvalidInput.of([FieldProblem("action", "must be accept or decline")])
    categories = data.get("rejectionCategories") or []
    excluded = data.get("excludedMnoIds") or []
    if not isinstance(categories, list) or not all(isinstance(x, str) for x in categories):
        raise InvalidInput.of([FieldProblem("rejectionCategories", "must be a list of rejection categories")])
    if not isinstance(excluded, list) or not all(isinstance(x, int) and not isinstance(x, bool) for x in excluded):
        raise InvalidInput.of([FieldProblem("excludedMnoIds", "must be a list of MNO network ids")])
    with c.uow(write=True) as uow:
        link = decisions.decide_share(uow, c.ids, c.clock, campaignId, action == "accept", data.get("explanation"),
                                      categories, excluded)
    return {"campaignId": campaignId, "dcaId": link.upstream_cnp_id, "sharingStatus": link.sharing_status.value,
            "explanation": link.explanation}
