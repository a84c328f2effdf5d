"""The sandbox operator's console (``--sandbox`` servers, operator keys ``op_…``): the clock, every pending
DCA decision and carrier review, the review policies, reset."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request, Response
from starlette.datastructures import FormData

from tendlc.core.carriers.policies import Mode, Outcome, Policies, Policy
from tendlc.core.catalog.registry import REJECTION_CATEGORIES
from tendlc.core.clock import ShiftedClock
from tendlc.core.errors import DomainError, SandboxDisabled
from tendlc.core.sandbox import clock as sandbox_clock
from tendlc.core.sandbox import decisions
from tendlc.core.sandbox import service as sandbox
from tendlc.portal.web import (
    PortalRoute,
    Viewer,
    container,
    csrf_form,
    field_errors,
    operator_viewer,
    redirect,
    render,
)

router = APIRouter(prefix="/portal/sandbox", route_class=PortalRoute)
NOTICES = {"clock": "Clock moved.", "share": "Share decided.", "review": "Review decided.",
           "policies": "Review policies saved."}


def _clock(request: Request) -> ShiftedClock:
    c = container(request)
    if not isinstance(c.clock, ShiftedClock):
        raise SandboxDisabled("the sandbox is disabled on this server", [])
    return c.clock


def _wake(request: Request) -> None:
    runner = getattr(request.app.state, "workers", None)
    if runner is not None:
        runner.wake()


def _catch_all(entries: list[Policy]) -> Policy | None:
    return next((p for p in entries if p.dca_id is None and p.mno_id is None), None)


def _console(request: Request, errors: dict[str, str] | None = None, status: int = 200) -> Response:
    c = container(request)
    clock = _clock(request)
    with c.uow() as uow:
        state = sandbox_clock.read(uow, clock)
        shares, open_reviews = decisions.pending(uow, c.clock)
        found = decisions.policies(uow)
    review_policy = _catch_all(found.mno_review)
    share_policy = _catch_all(found.share)
    return render(request, "sandbox.html", status, state=state, shares=shares, reviews=open_reviews, policies=found,
                  review_policy=review_policy, share_policy=share_policy, errors=errors or {},
                  modes=[m.value for m in Mode], outcomes=[o.value for o in Outcome],
                  categories=[(x, x.replace("_", " ").capitalize()) for x in REJECTION_CATEGORIES],
                  notice=NOTICES.get(request.query_params.get("done", "")),
                  server_default=f"{c.settings.review_policy}, {c.settings.review_delay_seconds:g} s")


@router.get("")
def console(request: Request, v: Viewer = Depends(operator_viewer)) -> Response:
    return _console(request)


def _act(request: Request, done: str, action: Any) -> Response:
    c = container(request)
    try:
        with c.uow(write=True) as uow:
            action(uow, c)
    except DomainError as exc:
        return _console(request, field_errors(exc), 422)
    _wake(request)
    return redirect(f"/portal/sandbox?done={done}")


@router.post("/clock")
def advance_clock(request: Request, v: Viewer = Depends(operator_viewer), form: FormData = Depends(csrf_form)
                  ) -> Response:
    clock = _clock(request)
    raw = str(form.get("by") or "")

    def move(uow: Any, c: Any) -> None:
        sandbox_clock.advance(uow, clock, sandbox_clock.parse_duration(raw))
    return _act(request, "clock", move)


@router.post("/shares/{campaign_id}")
def decide_share(campaign_id: str, request: Request, v: Viewer = Depends(operator_viewer),
                 form: FormData = Depends(csrf_form)) -> Response:
    accept = form.get("action") == "accept"
    explanation = str(form.get("explanation") or "").strip() or None
    categories = [x for x in form.getlist("rejectionCategory") if isinstance(x, str)]
    return _act(request, "share", lambda uow, c: decisions.decide_share(
        uow, c.ids, c.clock, campaign_id, accept, explanation, categories, []))


@router.post("/reviews/{campaign_id}/{mno_id}")
def decide_review(campaign_id: str, mno_id: int, request: Request, v: Viewer = Depends(operator_viewer),
                  form: FormData = Depends(csrf_form)) -> Response:
    reason = str(form.get("reason") or "").strip() or None

    def decide(uow: Any, c: Any) -> None:
        action = decisions.parse_review_action(form.get("action"))
        decisions.decide_review(uow, c.clock, campaign_id, mno_id, action, reason)
    return _act(request, "review", decide)


def _entry(form: FormData, prefix: str) -> dict[str, Any]:
    delay = str(form.get(f"{prefix}Delay") or "0").strip() or "0"
    try:
        seconds: Any = float(delay)
    except ValueError:
        seconds = delay  # refused by the policy's validation, naming the field
    return {"mode": form.get(f"{prefix}Mode"), "delaySeconds": seconds, "outcome": form.get(f"{prefix}Outcome")}


@router.post("/policies")
def save_policies(request: Request, v: Viewer = Depends(operator_viewer), form: FormData = Depends(csrf_form)
                  ) -> Response:
    """Replace the catch-all policies (any DCA, any carrier); the more specific entries are kept."""
    def save(uow: Any, c: Any) -> None:
        current: Policies = decisions.policies(uow)
        keep_reviews = [p.model_dump(mode="json", by_alias=True, exclude_none=True) for p in current.mno_review
                        if p.dca_id is not None or p.mno_id is not None]
        keep_shares = [p.model_dump(mode="json", by_alias=True, exclude_none=True) for p in current.share
                       if p.dca_id is not None]
        reviews = [_entry(form, "review")] if form.get("reviewMode") else []
        shares = [_entry(form, "share")] if form.get("shareMode") else []
        decisions.set_policies(uow, {"mnoReview": [*keep_reviews, *reviews], "share": [*keep_shares, *shares]})
    return _act(request, "policies", save)


@router.post("/reset")
def reset(request: Request, v: Viewer = Depends(operator_viewer), form: FormData = Depends(csrf_form)) -> Response:
    if form.get("confirm") != "yes":
        return _console(request, {"confirm": "Tick the box to confirm the reset."}, 422)
    clock = _clock(request)
    with container(request).uow(write=True) as uow:
        sandbox.reset(uow, clock)  # deletes every session too: everybody is signed out, the operator included
    _wake(request)
    return redirect("/")
