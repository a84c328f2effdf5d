"""``tendlc accounts|keys|db`` through the real command line (Typer's CliRunner) on a temporary SQLite file,
and the keys they print used against the API."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from tendlc.api.app import create_app
from tendlc.bootstrap import build
from tendlc.cli import context
from tendlc.cli.main import app as cli
from tendlc.config import Settings


@pytest.fixture
def database(tmp_path: Any, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setattr(context, "_overrides", {})  # the --database of one test must not leak into the next
    return f"sqlite:///{tmp_path / 'cli.db'}"


@pytest.fixture
def tendlc(database: str) -> Any:
    """Run ``tendlc --database <temp file> ARGS…``; returns the click Result."""
    runner = CliRunner()

    def run(*args: str) -> Any:
        return runner.invoke(cli, ["--database", database, *args])

    return run


@pytest.fixture
def api(database: str, tendlc: Any) -> Iterator[Any]:
    """A TCR client on the same database, for a given key and secret. No credential cache, so a key revoked
    by another process (the CLI) is refused at once."""
    assert tendlc("db", "upgrade").exit_code == 0
    c = build(Settings(database_url=database, rate_limit_enabled=False, workers_enabled=False,
                       auth_cache_seconds=0, identity_check_delay_seconds=0), migrate=False)
    app = create_app(c)
    clients: list[TestClient] = []

    def client(key: str, secret: str) -> TestClient:
        http = TestClient(app)
        http.auth = (key, secret)
        clients.append(http)
        return http

    yield client
    for http in clients:
        http.close()
    c.dispose()


def ok_json(result: Any) -> Any:
    assert result.exit_code == 0, (result.exit_code, result.output)
    return json.loads(result.stdout)


def refused(result: Any, *words: str) -> None:
    """Exit code 1, a one-line readable message naming the problem, and no traceback."""
    assert result.exit_code == 1, (result.exit_code, result.output)
    assert "Traceback" not in result.output
    message = result.stderr.lower()
    assert "error" in message and all(w.lower() in message for w in words), result.stderr


def test_db_upgrade_creates_the_schema_and_is_idempotent(tendlc, database):
    first = ok_json(tendlc("db", "upgrade", "--json"))
    assert first == {"database": database, "upgraded": True}
    assert ok_json(tendlc("db", "upgrade", "--json")) == first
    plain = tendlc("db", "upgrade")
    assert plain.exit_code == 0 and "up to date" in plain.stdout


def test_accounts_create_csp_prints_credentials_that_work(tendlc, api):
    created = ok_json(tendlc("accounts", "create", "--kind", "csp", "--name", "Acme Messaging", "--json"))
    assert set(created) == {"cnpId", "kind", "name", "apiKey", "apiSecret"}
    assert created["kind"] == "CSP" and created["name"] == "Acme Messaging"
    assert len(created["cnpId"]) == 7 and created["cnpId"].startswith("S") and created["cnpId"].isupper()
    http = api(created["apiKey"], created["apiSecret"])
    assert http.get("/v2/brand").json() == {"page": 1, "totalRecords": 0, "records": []}
    brand = http.post("/v2/brand/nonBlocking", json={"entityType": "PRIVATE_PROFIT"})
    assert brand.status_code == 400  # authenticated: the body is judged
    assert api(created["apiKey"], "wrong").get("/v2/brand").status_code == 401


def test_accounts_create_dca_with_its_code(tendlc, api):
    created = ok_json(tendlc("accounts", "create", "--kind", "dca", "--name", "Carrier Gateway", "--id", "DCA123",
                             "--json"))
    assert {k: created[k] for k in ("cnpId", "kind", "name")} == {"cnpId": "DCA123", "kind": "DCA",
                                                                   "name": "Carrier Gateway"}
    csp = ok_json(tendlc("accounts", "create", "--kind", "CSP", "--name", "Acme", "--json"))
    assert api(csp["apiKey"], csp["apiSecret"]).get("/v2/enum/dca").json()[0]["id"] == "DCA123"
    assert api(created["apiKey"], created["apiSecret"]).get("/v2/enum/cnp").json() == {csp["cnpId"]: "Acme"}


def test_accounts_create_without_json_is_readable(tendlc):
    shown = tendlc("accounts", "create", "--kind", "csp", "--name", "Acme Messaging")
    assert shown.exit_code == 0
    assert "API key" in shown.stdout and "API secret" in shown.stdout and "shown once" in shown.stdout


@pytest.mark.parametrize("args,words", [
    (["--kind", "cnp", "--name", "X"], ["kind"]),
    (["--kind", "dca", "--name", "No Code"], ["DCA", "code"]),
    (["--kind", "dca", "--name", "Lower", "--id", "dca123"], ["code"]),
    (["--kind", "dca", "--name", "Too Long", "--id", "DCA12345"], ["code"]),
    (["--kind", "csp", "--name", "Given Id", "--id", "S123456"], ["generated"]),
    (["--kind", "csp", "--name", "   "], ["name"]),
    (["--kind", "csp", "--name", "n" * 101], ["name"]),
])
def test_accounts_create_refuses_bad_input(tendlc, args, words):
    refused(tendlc("accounts", "create", *args, "--json"), *words)


def test_accounts_create_refuses_a_dca_code_in_use(tendlc):
    ok_json(tendlc("accounts", "create", "--kind", "dca", "--name", "First", "--id", "DCA123", "--json"))
    refused(tendlc("accounts", "create", "--kind", "dca", "--name", "Second", "--id", "DCA123", "--json"),
            "DCA123", "exists")
    assert [a["name"] for a in ok_json(tendlc("accounts", "list", "--json"))] == ["First"]


def test_accounts_create_needs_its_options(tendlc):
    missing = tendlc("accounts", "create", "--name", "No Kind")
    assert missing.exit_code == 2 and "--kind" in missing.output


def test_accounts_list(tendlc):
    assert ok_json(tendlc("accounts", "list", "--json")) == []
    csp = ok_json(tendlc("accounts", "create", "--kind", "csp", "--name", "Acme", "--json"))
    ok_json(tendlc("accounts", "create", "--kind", "dca", "--name", "Gateway", "--id", "GATE1", "--json"))
    listed = ok_json(tendlc("accounts", "list", "--json"))
    assert [{k: a[k] for k in ("cnpId", "kind", "name")} for a in listed] == [
        {"cnpId": csp["cnpId"], "kind": "CSP", "name": "Acme"}, {"cnpId": "GATE1", "kind": "DCA", "name": "Gateway"}]
    assert all("apiSecret" not in a and "createdAt" in a for a in listed)
    table = tendlc("accounts", "list")
    assert table.exit_code == 0 and "GATE1" in table.stdout and csp["cnpId"] in table.stdout


def test_keys_create_list_and_revoke(tendlc, api):
    account = ok_json(tendlc("accounts", "create", "--kind", "csp", "--name", "Acme", "--json"))
    second = ok_json(tendlc("keys", "create", "--account", account["cnpId"], "--label", "ci", "--json"))
    assert set(second) == {"cnpId", "apiKey", "apiSecret"} and second["cnpId"] == account["cnpId"]
    assert second["apiKey"] != account["apiKey"]
    first_http, second_http = api(account["apiKey"], account["apiSecret"]), api(second["apiKey"], second["apiSecret"])
    assert first_http.get("/v2/brand").status_code == second_http.get("/v2/brand").status_code == 200

    keys = ok_json(tendlc("keys", "list", "--account", account["cnpId"], "--json"))
    assert {k["apiKey"]: k["revokedAt"] for k in keys} == {account["apiKey"]: None, second["apiKey"]: None}
    assert {k["apiKey"]: k["label"] for k in keys}[second["apiKey"]] == "ci"
    assert not any(account["apiSecret"] in json.dumps(k) for k in keys)

    revoked = ok_json(tendlc("keys", "revoke", account["apiKey"], "--json"))
    assert revoked["apiKey"] == account["apiKey"] and revoked["revokedAt"]
    assert first_http.get("/v2/brand").status_code == 401
    assert second_http.get("/v2/brand").status_code == 200
    again = ok_json(tendlc("keys", "revoke", account["apiKey"], "--json"))
    assert again == revoked  # revoking twice changes nothing
    keys = ok_json(tendlc("keys", "list", "--account", account["cnpId"], "--json"))
    assert {k["apiKey"]: k["revokedAt"] for k in keys} == {account["apiKey"]: revoked["revokedAt"],
                                                           second["apiKey"]: None}
    assert tendlc("keys", "revoke", second["apiKey"]).exit_code == 0
    assert second_http.get("/v2/brand").status_code == 401


def test_keys_commands_refuse_unknown_accounts_and_keys(tendlc):
    refused(tendlc("keys", "create", "--account", "SNOPE00", "--json"), "SNOPE00", "not found")
    refused(tendlc("keys", "revoke", "tk_nope", "--json"), "tk_nope", "not found")
    refused(tendlc("keys", "list", "--account", "SNOPE00", "--json"), "SNOPE00", "not found")
