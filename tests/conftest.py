"""Shared fixtures: a migrated database (SQLite, or PostgreSQL with TENDLC_TEST_DATABASE_URL), emptied
before each test; a container on a manual clock; the app and TCR clients per account."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, make_url, text

from tendlc.api.app import create_app
from tendlc.bootstrap import Container, build
from tendlc.config import Settings
from tendlc.core.accounts import service as accounts
from tendlc.core.clock import ManualClock
from tendlc.db.engine import build_engine
from tendlc.db.migrate import upgrade
from tendlc.db.tables import metadata

SHARED = Path(__file__).resolve().parents[1].parent / "shared"

pytest_plugins = ["tests.webhook_support", "tests.sandbox_support"]  # receiver, allow_loopback; sandbox


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    url = os.environ.get("TENDLC_TEST_DATABASE_URL")
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if not url:
        yield f"sqlite:///{tmp_path_factory.mktemp('db') / 'tendlc-test.db'}"
    elif not worker:
        yield url
    else:
        # Under pytest-xdist each worker has its own PostgreSQL database beside the given one, since every
        # test empties the tables it uses; it is made afresh and dropped at the end.
        name = f"{make_url(url).database}_{worker}"
        _admin(url, f'DROP DATABASE IF EXISTS "{name}"', f'CREATE DATABASE "{name}"')
        yield make_url(url).set(database=name).render_as_string(hide_password=False)
        _admin(url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _admin(url: str, *statements: str) -> None:
    admin = build_engine(url).execution_options(isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            for statement in statements:
                conn.execute(text(statement))
    finally:
        admin.dispose()


@pytest.fixture(scope="session")
def migrated_engine(database_url: str) -> Iterator[Engine]:
    engine = build_engine(database_url)
    if engine.dialect.name == "postgresql":
        with engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
    upgrade(engine)
    yield engine
    engine.dispose()


def _empty(engine: Engine) -> None:
    with engine.begin() as conn:
        if engine.dialect.name == "postgresql":
            names = ", ".join(t.name for t in metadata.sorted_tables)
            conn.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
        else:
            for table in reversed(metadata.sorted_tables):
                conn.execute(table.delete())


@pytest.fixture
def settings(database_url: str, migrated_engine: Engine) -> Settings:
    _empty(migrated_engine)
    return Settings(database_url=database_url, rate_limit_enabled=False, identity_check_delay_seconds=0,
                    workers_enabled=False)


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


@pytest.fixture
def container(settings: Settings, clock: ManualClock) -> Iterator[Container]:
    c = build(settings, clock=clock, migrate=False)
    yield c
    c.dispose()


@pytest.fixture
def app(container: Container) -> Any:
    return create_app(container)


@dataclass
class Party:
    """An account with a TCR client authenticated as it."""

    cnp_id: str
    key: str
    secret: str
    http: TestClient


@pytest.fixture
def make_party(app: Any, container: Container) -> Any:
    clients: list[TestClient] = []

    def make(kind: str = "csp", name: str = "Acme Messaging", code: str | None = None) -> Party:
        with container.uow(write=True) as uow:
            account = accounts.create_account(uow, container.ids, container.clock, kind, name, code)
            issued = accounts.issue_key(uow, container.ids, container.clock, account.cnp_id)
        http = TestClient(app)
        http.auth = (issued.key.key_id, issued.secret)
        clients.append(http)
        return Party(account.cnp_id, issued.key.key_id, issued.secret, http)

    yield make
    for http in clients:
        http.close()


@pytest.fixture
def run_workers(app: Any) -> Any:
    """Run every background worker until there is nothing left to do."""
    return app.state.workers.run_until_idle
