"""A provider's review desk for its customers' (Sinch-style) registrations: the list (what waits for review
first), one registration with what was submitted, its compliance report and its review rounds, the decision
(approve, or reject with a reason) and the provider's settings (upstream DCA, review mode, compliance
profile). The same core calls as ``api/native_registrations.py``."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request, Response
from starlette.datastructures import FormData

from tendlc.core.accounts import service as accounts
from tendlc.core.accounts.model import AccountKind
from tendlc.core.compliance.profiles import PROFILES
from tendlc.core.errors import DomainError
from tendlc.core.registrations import review, service, views
from tendlc.core.registrations.model import RegistrationStatus, ReviewPolicy
from tendlc.core.registrations.ports import RegistrationFilter
from tendlc.portal.web import (
    Pager,
    PortalRoute,
    Viewer,
    account_viewer,
    container,
    csrf_form,
    field_errors,
    page_number,
    redirect,
    render,
)

router = APIRouter(prefix="/portal/registrations", route_class=PortalRoute)
PER_PAGE = 20
NOTICES = {"settings": "Provider settings saved.", "approved": "Registration approved.",
           "rejected": "Registration rejected; the customer sees your reason."}
REVIEW_STATUS = RegistrationStatus.PROVIDER_REVIEW.value


def _settings_form(request: Request, v: Viewer) -> dict[str, Any]:
    with container(request).uow() as uow:
        current = service.settings(uow, v.as_actor())
        dcas = accounts.partners(uow, v.as_actor().cnp_id, AccountKind.DCA)
    return {"settings": {"upstreamDcaId": current["upstreamDcaId"] or "", "review": current["review"] or "",
                         "profile": current["profile"] or ""},
            "dca_options": [(a.cnp_id, f"{a.name} ({a.cnp_id})") for a in dcas],
            "review_options": [(p.value, {"auto": "Automatic (by the compliance report)",
                                          "manual": "Manual (a reviewer decides)"}.get(p.value, p.value))
                               for p in ReviewPolicy],
            "profile_options": [(name, name) for name in PROFILES]}


def _list(request: Request, v: Viewer, errors: dict[str, str] | None = None,
          settings: dict[str, str] | None = None, code: int = 200) -> Response:
    page = page_number(request.query_params.get("page"))
    status = request.query_params.get("status", REVIEW_STATUS)
    status = status if status in tuple(RegistrationStatus) else ""
    actor = v.as_actor()
    c = container(request)
    with c.uow() as uow:
        found = uow.registrations.search(actor.cnp_id, RegistrationFilter(project_id=actor.project_id))
        shown = [views.view(uow, c.clock, r) for r in found]
    shown = [x for x in shown if not status or x.status.value == status]
    start = (page - 1) * PER_PAGE
    form = _settings_form(request, v)
    if settings is not None:
        form["settings"] = settings
    return render(request, "registrations.html", code, rows=shown[start:start + PER_PAGE],
                  pager=Pager(page, PER_PAGE, len(shown)), status=status,
                  statuses=[s.value for s in RegistrationStatus], errors=errors or {},
                  notice=NOTICES.get(request.query_params.get("done", "")), **form)


@router.get("")
def list_registrations(request: Request, v: Viewer = Depends(account_viewer)) -> Response:
    return _list(request, v)


@router.post("/settings")
def save_settings(request: Request, v: Viewer = Depends(account_viewer), form: FormData = Depends(csrf_form)
                  ) -> Response:
    values = {name: str(form.get(name) or "").strip() for name in ("upstreamDcaId", "review", "profile")}
    body: dict[str, Any] = {"upstreamDcaId": values["upstreamDcaId"] or None}
    if values["review"]:
        body["review"] = values["review"]
    if values["profile"]:
        body["profile"] = values["profile"]
    try:
        with container(request).uow(write=True) as uow:
            service.change_settings(uow, v.as_actor(), body)
    except DomainError as exc:
        return _list(request, v, field_errors(exc), values, 422)
    return redirect("/portal/registrations?done=settings")


def _page(request: Request, v: Viewer, registration_id: str, errors: dict[str, str], values: dict[str, str],
          code: int) -> Response:
    c = container(request)
    with c.uow() as uow:
        shown = views.get(uow, c.clock, v.as_actor(), None, registration_id)
    registry, internal = views.feedback(shown)
    current = shown.registration.current
    return render(request, "registration.html", code, view=shown, r=shown.registration, current=current,
                  report=current.compliance if current is not None else None, registry_feedback=registry,
                  internal_feedback=internal, can_decide=shown.status.value == REVIEW_STATUS,
                  errors=errors, values=values, notice=NOTICES.get(request.query_params.get("done", "")))


@router.get("/{registration_id}")
def show_registration(registration_id: str, request: Request, v: Viewer = Depends(account_viewer)) -> Response:
    return _page(request, v, registration_id, {}, {}, 200)


@router.post("/{registration_id}/review")
def decide(registration_id: str, request: Request, v: Viewer = Depends(account_viewer),
           form: FormData = Depends(csrf_form)) -> Response:
    """``decision`` approve | reject (the button pressed) with a ``reason`` (required to reject)."""
    decision = str(form.get("decision") or "")
    reason = str(form.get("reason") or "")
    c = container(request)
    try:
        with c.uow(write=True) as uow:
            review.decide(uow, c.clock, v.as_actor(), registration_id, decision, reason or None)
    except DomainError as exc:
        if exc.code == "NOT_FOUND":
            raise
        return _page(request, v, registration_id, field_errors(exc), {"reason": reason}, 422)
    runner = getattr(request.app.state, "workers", None)
    if runner is not None:
        runner.wake()  # an approved registration is registered and shared by the worker
    done = "approved" if decision.lower() == "approve" else "rejected"
    return redirect(f"/portal/registrations/{registration_id}?done={done}")
