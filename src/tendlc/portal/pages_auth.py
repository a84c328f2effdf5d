"""``/`` (the sign-in page or the dashboard), signing in and out."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request, Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData

from tendlc.core.brands import service as brands
from tendlc.core.campaigns import service as campaigns
from tendlc.core.ports import BrandFilter, CampaignFilter
from tendlc.core.sharing import views
from tendlc.core.sharing.ports import SharedFilter, SharedRole
from tendlc.portal.web import (
    SESSION_COOKIE,
    SESSION_LIFETIME,
    SIGNIN_COOKIE,
    PortalRoute,
    Viewer,
    close_session,
    container,
    csrf_form,
    current_viewer,
    open_session,
    redirect,
    render,
    set_cookie,
    signin_token,
    signin_token_ok,
)

router = APIRouter(route_class=PortalRoute)


def _signin_page(request: Request, status: int = 200, errors: dict[str, str] | None = None,
                 values: dict[str, str] | None = None) -> Response:
    token = signin_token(request)
    response = render(request, "signin.html", status, signin_csrf=token, errors=errors or {}, values=values or {})
    set_cookie(request, response, SIGNIN_COOKIE, token, 3600)
    return response


def _dashboard(request: Request, v: Viewer) -> Response:
    c = container(request)
    actor = v.as_actor()
    with c.uow() as uow:
        counts = {"shared_pending": views.search_shared(uow, c.clock, actor, SharedRole.WITH_ME,
                                                        SharedFilter(sharing_statuses=("PENDING",)), 1, 1).total}
        if not v.is_dca:
            counts["brands"] = brands.search(uow, actor, BrandFilter(status="ACTIVE"), 1, 1).total
            counts["campaigns"] = campaigns.search(uow, actor, CampaignFilter(status="ACTIVE"), 1, 1).total
    return render(request, "dashboard.html", counts=counts)


@router.get("/")
def home(request: Request) -> Response:
    v = current_viewer(request)
    if v is None:
        return _signin_page(request)
    request.state.viewer = v
    if v.is_operator:
        return redirect("/portal/sandbox")
    return _dashboard(request, v)


@router.post("/portal/signin")
async def sign_in(request: Request) -> Response:
    form: FormData = await request.form()
    if not signin_token_ok(request, form):
        return _signin_page(request, 403, {"": "The sign-in form had expired; please sign in again."})
    key_id, secret = str(form.get("keyId") or "").strip(), str(form.get("secret") or "")
    if not key_id or not secret:
        errors = {name: "is required" for name, value in (("keyId", key_id), ("secret", secret)) if not value}
        return _signin_page(request, 422, errors, {"keyId": key_id})
    token = await run_in_threadpool(open_session, container(request), key_id[:100], secret[:200])
    if token is None:
        return _signin_page(request, 401, {"secret": "This key id and secret do not match an active key."},
                            {"keyId": key_id})
    response = redirect("/")
    set_cookie(request, response, SESSION_COOKIE, token, int(SESSION_LIFETIME.total_seconds()))
    response.delete_cookie(SIGNIN_COOKIE, path="/")
    return response


@router.post("/portal/signout")
def sign_out(request: Request, form: FormData = Depends(csrf_form)) -> Response:
    v: Viewer = request.state.viewer
    close_session(container(request), v)
    response = redirect("/")
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response
