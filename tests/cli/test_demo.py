"""``tendlc demo`` plays the whole chain and leaves the state it describes."""

from __future__ import annotations

from typing import Any

from typer.testing import CliRunner

from tendlc.bootstrap import build
from tendlc.cli.main import app as cli
from tendlc.config import Settings
from tendlc.db.events_repo import events_for


def test_demo_plays_the_chain_and_keeps_what_it_did(tmp_path: Any) -> None:
    kept = tmp_path / "demo.db"
    result = CliRunner().invoke(cli, ["demo", "--keep", str(kept)], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    out = " ".join(result.stdout.split())  # however the terminal width wrapped the lines
    for line in ("DELETE /v2/partnerCampaign/", "PUT /v2/campaign/", "/resubmit → 200",
                 "POST /api/v1/sandbox/clock/advance → 200", "MNO_CAMPAIGN_OPERATION_REJECTED",
                 "The message flow must link the privacy policy"):
        assert line in out, line

    c = build(Settings(database_url=f"sqlite:///{kept}", sandbox=True), migrate=False)
    try:
        with c.uow() as uow:
            csp = next(a for a in uow.accounts.all() if a.name == "Acme Messaging")
            campaign_ids = {e["payload"].get("campaignId") for e in events_for(uow.conn, csp.cnp_id, 0, 1000)}
            campaign_ids.discard(None)
            (campaign_id,) = campaign_ids
            statuses = {r.mno_id: r.status.value for r in uow.reviews.for_campaign(campaign_id)}
            types = [e["event_type"] for e in events_for(uow.conn, csp.cnp_id, 0, 1000)]
    finally:
        c.dispose()
    assert statuses == {10017: "REGISTERED", 10035: "REGISTERED", 10037: "REGISTERED", 10038: "REGISTERED"}
    assert types.count("CAMPAIGN_SHARE_DELETE") == 1 and types.count("MNO_CAMPAIGN_OPERATION_REJECTED") == 1
    assert types.count("CAMPAIGN_BILLED") == 2  # the first term, and the renewal after the clock moved


def test_demo_refuses_an_existing_database_file(tmp_path: Any) -> None:
    kept = tmp_path / "demo.db"
    kept.write_text("")
    result = CliRunner().invoke(cli, ["demo", "--keep", str(kept)])
    assert result.exit_code != 0 and "fresh database" in result.output
