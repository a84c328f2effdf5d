"""Fixtures for the sandbox: a container in sandbox mode (its clock is the manual test clock moved by the
stored offset), the app on it, an operator client, and parties on that app."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tendlc.api.app import create_app
from tendlc.bootstrap import Container, build
from tendlc.config import Settings
from tendlc.core.accounts import service as accounts
from tendlc.core.clock import ManualClock
from tendlc.core.sandbox.operators import create_operator_key


@pytest.fixture
def sandbox_container(settings: Settings, clock: ManualClock) -> Iterator[Container]:
    c = build(settings.model_copy(update={"sandbox": True}), clock=clock, migrate=False)
    yield c
    c.dispose()


@pytest.fixture
def sandbox_app(sandbox_container: Container) -> Any:
    return create_app(sandbox_container, run_workers=False)


@pytest.fixture
def operator(sandbox_app: Any, sandbox_container: Container) -> Iterator[TestClient]:
    """A client authenticated with a fresh operator key."""
    with sandbox_container.uow(write=True) as uow:
        key, secret = create_operator_key(uow, sandbox_container.ids, sandbox_container.clock, "tests")
    with TestClient(sandbox_app) as http:
        http.auth = (key.key_id, secret)
        yield http


@pytest.fixture
def sandbox_party(sandbox_app: Any, sandbox_container: Container) -> Any:
    """``make(kind, name, code)`` → (cnp_id, client) on the sandbox app."""
    clients: list[TestClient] = []

    def make(kind: str = "csp", name: str = "Acme Messaging", code: str | None = None) -> tuple[str, TestClient]:
        c = sandbox_container
        with c.uow(write=True) as uow:
            account = accounts.create_account(uow, c.ids, c.clock, kind, name, code)
            issued = accounts.issue_key(uow, c.ids, c.clock, account.cnp_id)
        http = TestClient(sandbox_app)
        http.auth = (issued.key.key_id, issued.secret)
        clients.append(http)
        return account.cnp_id, http

    yield make
    for http in clients:
        http.close()
