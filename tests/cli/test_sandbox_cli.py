"""``tendlc operator create`` and ``tendlc sandbox clock|reset`` through the real command line, with the
operator key they print used against a sandbox-mode server on the same database."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from fastapi.testclient import TestClient

from tendlc.api.app import create_app
from tendlc.bootstrap import build
from tendlc.config import Settings
from tests.cli.test_cli_accounts import database, ok_json, refused, tendlc  # noqa: F401  (fixtures)


def _server(database: str, sandbox: bool = True) -> Any:  # noqa: F811
    c = build(Settings(database_url=database, rate_limit_enabled=False, workers_enabled=False,
                       auth_cache_seconds=0, sandbox=sandbox), migrate=False)
    return c, create_app(c)


def test_operator_key_from_the_cli_drives_the_sandbox(tendlc: Any, database: str) -> None:  # noqa: F811
    created = ok_json(tendlc("operator", "create", "--label", "ci", "--json"))
    assert created["operatorKey"].startswith("op_") and created["operatorSecret"].startswith("os_")
    c, app = _server(database)
    try:
        with TestClient(app) as http:
            r = http.get("/api/v1/sandbox/clock", auth=(created["operatorKey"], created["operatorSecret"]))
            assert r.status_code == 200 and r.json()["offsetSeconds"] == 0
            assert http.get("/api/v1/sandbox/clock",
                            auth=(created["operatorKey"], "os_wrong")).status_code == 401
    finally:
        c.dispose()


def test_clock_advance_show_and_set(tendlc: Any, database: str) -> None:  # noqa: F811
    moved = ok_json(tendlc("sandbox", "clock", "advance", "30d", "--json"))
    assert moved["offsetSeconds"] == 30 * 86_400
    shown = ok_json(tendlc("sandbox", "clock", "show", "--json"))
    assert shown["offsetSeconds"] == 30 * 86_400
    assert "30 days ahead" in tendlc("sandbox", "clock", "show").stdout
    c, _ = _server(database)  # a server started afterwards runs on the moved clock
    try:
        now = datetime.fromisoformat(shown["now"].replace("Z", "+00:00"))
        assert abs(c.clock.now() - now) < timedelta(minutes=1)
    finally:
        c.dispose()
    target = (now + timedelta(days=5)).isoformat()
    assert ok_json(tendlc("sandbox", "clock", "set", target, "--json"))["offsetSeconds"] >= 35 * 86_400 - 60
    refused(tendlc("sandbox", "clock", "advance", "soon"), "duration")
    refused(tendlc("sandbox", "clock", "set", "2001-01-01T00:00:00Z"), "forward")


def test_reset_asks_first_and_keeps_operator_keys(tendlc: Any, database: str) -> None:  # noqa: F811
    ok_json(tendlc("accounts", "create", "--kind", "csp", "--name", "Acme", "--json"))
    created = ok_json(tendlc("operator", "create", "--json"))
    ok_json(tendlc("sandbox", "clock", "advance", "1d", "--json"))
    declined = tendlc("sandbox", "reset")  # no terminal input: confirmation refused
    assert declined.exit_code == 1
    assert ok_json(tendlc("accounts", "list", "--json"))
    done = ok_json(tendlc("sandbox", "reset", "--yes", "--json"))
    assert done["deletedRows"] > 0
    assert ok_json(tendlc("accounts", "list", "--json")) == []
    assert ok_json(tendlc("sandbox", "clock", "show", "--json"))["offsetSeconds"] == 0
    c, app = _server(database)
    try:
        with TestClient(app) as http:
            assert http.get("/api/v1/sandbox/clock",
                            auth=(created["operatorKey"], created["operatorSecret"])).status_code == 200
    finally:
        c.dispose()


def test_worker_all_once_runs_every_job_and_exits(tendlc: Any) -> None:  # noqa: F811
    result = tendlc("worker", "all", "--once")
    assert result.exit_code == 0, result.output
