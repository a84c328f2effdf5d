"""``tendlc webhooks deliveries|redeliver`` and ``tendlc worker webhooks --once`` on the local database."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from tendlc.cli.main import app
from tests.factories import brand_body

pytestmark = pytest.mark.usefixtures("allow_loopback")


@pytest.fixture
def cli(settings, monkeypatch):
    monkeypatch.setenv("TENDLC_DATABASE_URL", settings.database_url)
    monkeypatch.setenv("TENDLC_WEBHOOK_ALLOW_PRIVATE", "true")
    runner = CliRunner()

    def run(*args: str) -> str:
        result = runner.invoke(app, list(args))
        assert result.exit_code == 0, result.output
        return result.output

    return run


def test_worker_delivers_then_deliveries_and_redeliver(cli, make_party, receiver):
    csp = make_party()
    csp.http.put("/v2/webhook/subscription", json={"eventCategory": "BRAND", "webhookEndpoint": receiver.url()})
    brand = csp.http.post("/v2/brand/nonBlocking", json=brand_body()).json()
    cli("worker", "webhooks", "--once")
    assert [b["brandId"] for b in receiver.bodies()] == [brand["brandId"]]

    listed = json.loads(cli("webhooks", "deliveries", "--account", csp.cnp_id, "--json"))
    assert listed["totalRecords"] == 1
    [d] = listed["deliveries"]
    assert d["status"] == "succeeded" and d["eventType"] == "BRAND_ADD" and d["attempts"][0]["statusCode"] == 200
    assert "BRAND_ADD" in cli("webhooks", "deliveries", "--account", csp.cnp_id)  # the table
    assert json.loads(cli("webhooks", "deliveries", "--account", csp.cnp_id, "--status", "failed", "--json"))[
        "totalRecords"] == 0

    again = json.loads(cli("webhooks", "redeliver", d["id"], "--account", csp.cnp_id, "--json"))
    assert again["status"] == "pending"
    cli("worker", "webhooks", "--once")
    assert len(receiver.received) == 2


def test_an_account_only_sees_its_own(cli, make_party, receiver):
    a, b = make_party(name="A"), make_party(name="B")
    a.http.put("/v2/webhook/subscription", json={"eventCategory": "BRAND", "webhookEndpoint": receiver.url()})
    a.http.post("/v2/brand/nonBlocking", json=brand_body())
    cli("worker", "webhooks", "--once")
    [d] = json.loads(cli("webhooks", "deliveries", "--account", a.cnp_id, "--json"))["deliveries"]
    assert json.loads(cli("webhooks", "deliveries", "--account", b.cnp_id, "--json"))["totalRecords"] == 0
    refused = CliRunner().invoke(app, ["webhooks", "redeliver", d["id"], "--account", b.cnp_id])
    assert refused.exit_code == 1 and "NOT_FOUND" in refused.output
    unknown = CliRunner().invoke(app, ["webhooks", "deliveries", "--account", "SNOBODY"])
    assert unknown.exit_code == 1 and "not found" in unknown.output
