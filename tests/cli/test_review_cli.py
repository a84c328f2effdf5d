"""``tendlc sandbox review|share|policy`` and ``tendlc qualify`` through the real command line, on a
database a sandbox-mode server also uses."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tendlc.api.app import create_app
from tendlc.bootstrap import build
from tendlc.config import Settings
from tests.cli.test_cli_accounts import database, ok_json, refused, tendlc  # noqa: F401  (fixtures)
from tests.factories import brand_body, campaign_body


@pytest.fixture
def server(tendlc: Any, database: str) -> Iterator[Any]:  # noqa: F811
    assert tendlc("db", "upgrade").exit_code == 0
    c = build(Settings(database_url=database, rate_limit_enabled=False, workers_enabled=False, auth_cache_seconds=0,
                       identity_check_delay_seconds=0, sandbox=True), migrate=False)
    app = create_app(c, run_workers=False)
    yield c, app
    c.dispose()


def _party(tendlc: Any, app: Any, kind: str, name: str, code: str | None = None) -> tuple[str, TestClient]:  # noqa: F811
    args = ["accounts", "create", "--kind", kind, "--name", name, "--json"] + (["--id", code] if code else [])
    account = ok_json(tendlc(*args))
    http = TestClient(app)
    http.auth = (account["apiKey"], account["apiSecret"])
    return account["cnpId"], http


def test_review_share_and_policy_commands(tendlc: Any, server: Any) -> None:  # noqa: F811
    _, app = server
    _, csp = _party(tendlc, app, "csp", "Acme Messaging")
    dca_id, _ = _party(tendlc, app, "dca", "Upstream DCA", "DCACLI")
    ok_json(tendlc("sandbox", "policy", "set", "--mode", "manual"))
    brand = csp.post("/v2/brand/nonBlocking", json=brand_body()).json()["brandId"]
    app.state.workers.run_until_idle()

    terms = ok_json(tendlc("qualify", "--brand", brand, "--usecase", "mixed", "--json"))
    assert terms["usecase"] == "MIXED" and terms["mnoMetadata"]["10035"]["brandTier"]
    table = tendlc("qualify", "--brand", brand, "--usecase", "MIXED").stdout
    assert "T-Mobile" in table and "$10.00/month" in table
    refused(tendlc("qualify", "--brand", "BNOPE00", "--usecase", "MIXED"), "not found")

    campaign = csp.post("/v2/campaignBuilder", json=campaign_body(brand)).json()["campaignId"]
    csp.put(f"/v2/campaign/{campaign}/sharing/{dca_id}")
    waiting = ok_json(tendlc("sandbox", "review", "list", "--json"))
    assert waiting["shares"] == [{"campaignId": campaign, "dcaId": dca_id}]
    refused(tendlc("sandbox", "share", "decide", campaign), "exactly one")
    accepted = ok_json(tendlc("sandbox", "share", "decide", campaign, "--accept", "--exclude-mno", "10037", "--json"))
    assert accepted["sharingStatus"] == "ACCEPTED"
    assert sorted(r["mnoId"] for r in ok_json(tendlc("sandbox", "review", "list", "--json"))["reviews"]) == [
        10017, 10035, 10038]

    rejected = ok_json(tendlc("sandbox", "review", "decide", campaign, "--mno", "10017", "--reject",
                              "Opt-in language missing", "--json"))
    assert rejected["status"] == "REJECTED" and rejected["reason"] == "Opt-in language missing"
    assert "REGISTERED" in tendlc("sandbox", "review", "decide", campaign, "--mno", "10035", "--approve").stdout
    refused(tendlc("sandbox", "review", "decide", campaign, "--mno", "10017", "--approve"), "resubmit")
    assert csp.get(f"/v2/campaign/{campaign}/operationStatus").json() == {
        "10017": "REJECTED", "10035": "REGISTERED", "10038": "REVIEW"}

    policies = ok_json(tendlc("sandbox", "policy", "set", "--mode", "auto", "--mno", "10038", "--delay", "60"))
    assert {(p["mnoId"], p["mode"]) for p in policies["mnoReview"]} == {(None, "manual"), (10038, "auto")}
    refused(tendlc("sandbox", "policy", "set", "--mode", "often"), "mode")
    assert "cleared" in tendlc("sandbox", "policy", "clear").stdout
    assert ok_json(tendlc("sandbox", "policy", "show"))["mnoReview"] == []
