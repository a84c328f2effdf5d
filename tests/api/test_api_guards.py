"""What every route of the app does before anything else, checked over all of them (including routes added
later): an authenticated route authenticates its caller before reading the body or the parameters, and a
path parameter holding NUL is refused naming it — never a 5xx, on SQLite or PostgreSQL."""

from __future__ import annotations

import re
from typing import Any

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

from tendlc.api.guards import account_caller_first, caller_first, uses_basic_auth
from tendlc.api.native_errors import NativeRoute
from tendlc.dialects.rumbleup.errors import RumbleUpRoute
from tendlc.dialects.rumbleup.errors import caller_first as rumbleup_caller_first
from tendlc.dialects.sinch.errors import SinchRoute
from tendlc.dialects.tcr.errors import TcrRoute
from tendlc.dialects.telnyx.errors import TelnyxRoute
from tendlc.dialects.telnyx.errors import caller_first as telnyx_caller_first
from tendlc.portal.web import PortalRoute

PARAM = re.compile(r"{([^}:]+)(:[^}]*)?}")


def routes(app: Any) -> list[APIRoute]:
    """Every API route of the app. Newer FastAPI keeps included routers as wrappers (``original_router``,
    ``include_context.prefix``); their routes are collected with the prefix they are mounted at."""
    found: list[APIRoute] = []

    def collect(items: Any, prefix: str) -> None:
        for item in items:
            if isinstance(item, APIRoute):
                found.append(item if not prefix else _prefixed(item, prefix))
            elif hasattr(item, "original_router"):
                collect(item.original_router.routes, prefix + getattr(item.include_context, "prefix", ""))

    collect(app.routes, "")
    assert found
    return found


def _prefixed(route: APIRoute, prefix: str) -> APIRoute:
    import copy

    moved = copy.copy(route)
    moved.path = prefix + route.path
    return moved


def fill(path: str, value: str) -> str:
    return PARAM.sub(value, path)


def test_every_tcr_and_native_route_authenticates_first(app):
    for route in routes(app):
        if isinstance(route, RumbleUpRoute):  # Basic cid:apikey, every route
            assert route.dependant.dependencies[0].call is rumbleup_caller_first, route.path
            continue
        if isinstance(route, PortalRoute):  # web pages: a session, not a key (tests/portal checks them)
            continue
        if isinstance(route, TelnyxRoute):  # Bearer, every route
            assert route.dependant.dependencies[0].call is telnyx_caller_first, route.path
            continue
        assert isinstance(route, (TcrRoute, NativeRoute, SinchRoute)), \
            f"{route.path} renders errors in no dialect's envelope"
        if isinstance(route, TcrRoute):  # an account's key only
            assert route.dependant.dependencies[0].call is account_caller_first, route.path
        elif uses_basic_auth(route.endpoint):
            assert route.dependant.dependencies[0].call is caller_first, route.path


def test_strangers_get_401_before_their_body_is_read(app):
    checked = 0
    with TestClient(app) as stranger:
        for route in routes(app):
            if not (isinstance(route, (TcrRoute, RumbleUpRoute, TelnyxRoute)) or uses_basic_auth(route.endpoint)):
                continue
            for method in sorted(route.methods - {"HEAD"}):
                answer = stranger.request(method, fill(route.path, "X1"), content=b"{not json",
                                          headers={"content-type": "application/json"})
                assert answer.status_code == 401, (method, route.path, answer.status_code, answer.text[:200])
                checked += 1
    assert checked > 20


def _names(answer: Any) -> list[str]:
    body = answer.json()
    if isinstance(body, list):  # TCR: [{code, description, fields}]
        assert {e["code"] for e in body} == {501}
        return [f for e in body for f in e["fields"]]
    if "errors" in body:  # Telnyx: {"errors": [{code, title, detail, source: {pointer}}]}
        return [e["source"]["pointer"].strip("/") for e in body["errors"]]
    if "details" in body["error"]:  # Sinch: {"error": {code, message, status, details: [{fieldViolations}]}}
        return [v["field"] for d in body["error"]["details"] for v in d.get("fieldViolations", [])]
    return list(body["error"]["fields"])  # native: {"error": {code, message, fields}}


@pytest.mark.parametrize("value", ["%00", "A%00B"])
def test_nul_in_any_path_parameter_is_refused_naming_it(app, make_party, value):
    csp = make_party()
    checked = 0
    for route in routes(app):
        names = [m.group(1) for m in PARAM.finditer(route.path)]
        if not names:
            continue
        if isinstance(route, PortalRoute):  # pages answer strangers with the sign-in page
            continue
        bearer = {"Authorization": f"Bearer {csp.key}:{csp.secret}"} if isinstance(route, TelnyxRoute) else None
        for method in sorted(route.methods - {"HEAD"}):
            extra: dict[str, Any] = {"headers": bearer, "auth": None} if bearer else {}
            answer = csp.http.request(method, fill(route.path, value), json={} if method in ("POST", "PUT") else None,
                                      **extra)
            assert answer.status_code in (400, 422), (method, route.path, answer.status_code, answer.text[:200])
            assert set(_names(answer)) == set(names), (method, route.path, answer.text[:300])
            checked += 1
    assert checked > 20
