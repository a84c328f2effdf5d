"""Helpers of the portal tests: signing in through the form, reading a page's CSRF token."""

from __future__ import annotations

import re
from typing import Any

from fastapi.testclient import TestClient

CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def csrf_of(html: str) -> str:
    found = CSRF.search(html)
    assert found, "the page has no CSRF token"
    return found.group(1)


def sign_in(http: TestClient, key_id: str, secret: str) -> Any:
    page = http.get("/")
    assert page.status_code == 200
    return http.post("/portal/signin", data={"csrf_token": csrf_of(page.text), "keyId": key_id, "secret": secret},
                     follow_redirects=False)


def signed_in(app: Any, key_id: str, secret: str) -> TestClient:
    http = TestClient(app)
    r = sign_in(http, key_id, secret)
    assert r.status_code == 303, r.text
    return http


def token(http: TestClient, path: str = "/") -> str:
    return csrf_of(http.get(path).text)
