"""The portal's plumbing: templates, server-side sessions, CSRF, error pages and security headers.

A session is a row of ``portal_sessions`` found by the SHA-256 of the random id the ``tendlc_session`` cookie
holds (HttpOnly, SameSite=Lax, Secure over https). Every request re-checks that the key it was opened with is
still active, so revoking a key (or a sandbox reset) ends its sessions. Every form carries the session's
CSRF token; a POST without the right one is refused with 403 before anything else happens.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Callable, Coroutine, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import Depends, Request, Response
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.routing import APIRoute
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.datastructures import FormData

from tendlc.bootstrap import Container
from tendlc.core.accounts.model import Account, AccountKind
from tendlc.core.accounts.service import authenticate
from tendlc.core.actor import Actor
from tendlc.core.errors import DomainError, InvalidInput
from tendlc.core.ports import UnitOfWork
from tendlc.core.sandbox.operators import authenticate_operator
from tendlc.db.portal_sessions import SessionRow, SqlPortalSessions

SESSION_COOKIE = "tendlc_session"
SIGNIN_COOKIE = "tendlc_signin"
SESSION_LIFETIME = timedelta(hours=12)
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"
HERE = Path(__file__).parent

templates = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=select_autoescape(default=True),
                        trim_blocks=True, lstrip_blocks=True)

SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
                               "frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-store",
}


class SignInRequired(Exception):
    """No valid session: the browser is sent to the sign-in page."""


class CsrfRefused(Exception):
    """A POST without the session's CSRF token."""


class WrongRole(Exception):
    """The page is for another kind of user (e.g. the operator console for an account)."""


@dataclass(frozen=True)
class Viewer:
    """Who is signed in: an account (through one of its keys) or the sandbox operator."""

    kind: str  # "account" | "operator"
    key_id: str
    csrf: str
    id_hash: str
    account: Account | None = None
    actor: Actor | None = None

    @property
    def is_operator(self) -> bool:
        return self.kind == "operator"

    @property
    def is_dca(self) -> bool:
        return self.account is not None and self.account.kind is AccountKind.DCA

    @property
    def name(self) -> str:
        if self.account is not None:
            return f"{self.account.name} ({self.account.cnp_id})"
        return f"sandbox operator ({self.key_id[:10]}…)"

    def as_actor(self) -> Actor:
        if self.actor is None:
            raise WrongRole()
        return self.actor


def container(request: Request) -> Container:
    return request.app.state.container  # type: ignore[no-any-return]


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _now() -> datetime:
    return datetime.now(UTC)  # sessions live in wall time, not in the sandbox's movable clock


def _actor(account: Account, key_id: str, project_id: str | None) -> Actor:
    kind = "DCA" if account.kind is AccountKind.DCA else "CSP"
    return Actor(cnp_id=account.cnp_id, kind=kind, name=account.name, via=f"portal:{key_id[:8]}",
                 project_id=project_id)


def _still_valid(uow: UnitOfWork, row: SessionRow, sandbox: bool) -> Viewer | None:
    if row.kind == "operator":
        key = uow.sandbox.get_operator_key(row.key_id)
        if not sandbox or key is None or not key.active:
            return None
        return Viewer("operator", row.key_id, row.csrf_token, row.id_hash)
    api_key = uow.accounts.get_key(row.key_id)
    if api_key is None or not api_key.active or api_key.cnp_id != row.cnp_id:
        return None
    if api_key.project_id is not None:
        project = uow.projects.get(api_key.project_id)
        if project is None or project.status.value != "ACTIVE":
            return None
    account = uow.accounts.get(api_key.cnp_id)
    if account is None:
        return None
    return Viewer("account", row.key_id, row.csrf_token, row.id_hash, account,
                  _actor(account, row.key_id, api_key.project_id))


def current_viewer(request: Request) -> Viewer | None:
    """The signed-in viewer of this request, or None."""
    token = request.cookies.get(SESSION_COOKIE)
    if not token or len(token) > 100:
        return None
    c = container(request)
    with c.uow() as uow:
        row = SqlPortalSessions(uow.conn).get(_hash(token))
        if row is None or row.expires_at <= _now():
            return None
        return _still_valid(uow, row, c.settings.sandbox)


def viewer(request: Request) -> Viewer:
    """Dependency: the signed-in viewer; the sign-in page otherwise."""
    found = current_viewer(request)
    if found is None:
        raise SignInRequired()
    request.state.viewer = found
    return found


def account_viewer(v: Viewer = Depends(viewer)) -> Viewer:
    if v.account is None:
        raise WrongRole()
    return v


def operator_viewer(request: Request, v: Viewer = Depends(viewer)) -> Viewer:
    if not v.is_operator or not container(request).settings.sandbox:
        raise WrongRole()
    return v


async def csrf_form(request: Request, v: Viewer = Depends(viewer)) -> FormData:
    """Dependency of every POST: the form, once its CSRF token (field or header) matches the session's."""
    form = await request.form()
    sent = form.get(CSRF_FIELD) or request.headers.get(CSRF_HEADER) or ""
    if not isinstance(sent, str) or not hmac.compare_digest(sent.encode(), v.csrf.encode()):
        raise CsrfRefused()
    return form


# --- signing in and out -------------------------------------------------------------------------------


def signin_token(request: Request) -> str:
    """The sign-in form's CSRF token: a double-submit value kept in its own cookie until sign-in."""
    existing = request.cookies.get(SIGNIN_COOKIE)
    return existing if existing and 20 <= len(existing) <= 100 else secrets.token_urlsafe(32)


def signin_token_ok(request: Request, form: FormData) -> bool:
    cookie = request.cookies.get(SIGNIN_COOKIE) or ""
    sent = form.get(CSRF_FIELD)
    return bool(cookie) and isinstance(sent, str) and hmac.compare_digest(sent.encode(), cookie.encode())


def open_session(c: Container, key_id: str, secret: str) -> str | None:
    """Check the credentials (an account key, or an operator key ``op_…`` in sandbox mode) and open a session:
    the token for the cookie, or None when they do not match."""
    now = _now()
    with c.uow(write=True) as uow:
        kind, cnp_id = "account", None
        if key_id.startswith("op_"):
            if not c.settings.sandbox or authenticate_operator(uow, key_id, secret) is None:
                return None
            kind = "operator"
        else:
            found = authenticate(uow, key_id, secret)
            if found is None:
                return None
            cnp_id = found[0].cnp_id
        token = secrets.token_urlsafe(32)
        sessions = SqlPortalSessions(uow.conn)
        sessions.remove_expired(now)
        sessions.add(SessionRow(_hash(token), kind, key_id, cnp_id, secrets.token_urlsafe(32), now,
                                now + SESSION_LIFETIME))
    return token


def close_session(c: Container, v: Viewer) -> None:
    with c.uow(write=True) as uow:
        SqlPortalSessions(uow.conn).remove(v.id_hash)


def set_cookie(request: Request, response: Response, name: str, value: str, max_age: int | None) -> None:
    response.set_cookie(name, value, max_age=max_age, httponly=True, samesite="lax", path="/",
                        secure=request.url.scheme == "https")


# --- rendering ------------------------------------------------------------------------------------------


def page_url(request: Request, **changes: Any) -> str:
    """This page's URL with some query parameters changed (None removes one)."""
    params = dict(request.query_params)
    for name, value in changes.items():
        if value is None:
            params.pop(name, None)
        else:
            params[name] = str(value)
    return f"{request.url.path}?{urlencode(params)}" if params else request.url.path


@dataclass(frozen=True)
class Pager:
    page: int
    per_page: int
    total: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))

    @property
    def has_prev(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages


def page_number(raw: str | None) -> int:
    return int(raw) if raw and raw.isdigit() and 0 < int(raw) < 10_000 else 1


def render(request: Request, template: str, code: int = 200, /, **context: Any) -> HTMLResponse:
    v: Viewer | None = getattr(request.state, "viewer", None)
    body = templates.get_template(template).render(
        request=request, viewer=v, csrf=v.csrf if v is not None else "", sandbox=container(request).settings.sandbox,
        page_url=lambda **kw: page_url(request, **kw), **context)
    return HTMLResponse(body, status_code=code)


def redirect(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)


def field_errors(exc: DomainError) -> dict[str, str]:
    """Field name → message, for showing errors next to the fields they concern ("" = the whole form)."""
    if isinstance(exc, InvalidInput) and exc.problems:
        out: dict[str, str] = {}
        for p in exc.problems:
            out[p.field] = f"{out[p.field]}; {p.message}" if p.field in out else p.message
        return out
    if exc.fields:
        return {exc.fields[0]: exc.message}
    return {"": exc.message}


def form_dict(form: FormData) -> dict[str, Any]:
    """Single values as strings, repeated names as lists; the CSRF token dropped."""
    out: dict[str, Any] = {}
    for name in form:
        if name == CSRF_FIELD:
            continue
        values = [v for v in form.getlist(name) if isinstance(v, str)]
        out[name] = values if len(values) > 1 else (values[0] if values else "")
    return out


def _error_page(request: Request, status: int, title: str, message: str) -> HTMLResponse:
    return render(request, "error.html", status, title=title, message=message)


class PortalRoute(APIRoute):
    """A portal page: failures become pages (sign-in redirect, 403, 404), every answer gets the security
    headers."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def handle(request: Request) -> Response:
            try:
                response = await handler(request)
            except SignInRequired:
                response = redirect("/")
            except CsrfRefused:
                response = _error_page(request, 403, "Refused", "This form was not sent from a page of this portal "
                                       "(its security token is missing or out of date). Go back, reload and retry.")
            except WrongRole:
                response = _error_page(request, 403, "Not for this account",
                                       "This page is for another kind of user.")
            except DomainError as exc:
                status = 404 if exc.code == "NOT_FOUND" else 400
                response = _error_page(request, status, "Not found" if status == 404 else "Refused", exc.message)
            for name, value in SECURITY_HEADERS.items():
                response.headers.setdefault(name, value)
            return response

        return handle


def headers_for_static() -> Mapping[str, str]:
    return {"X-Content-Type-Options": "nosniff"}
