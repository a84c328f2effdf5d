"""``tendlc campaigns share|decline|accept|chain`` on the test database, acting with --as or a key."""

from __future__ import annotations

import json
from typing import Any

from typer.testing import CliRunner

from tendlc.cli.main import app
from tests.sharing_support import edit, registered_campaign

runner = CliRunner()


def tendlc(database_url: str, *args: str, env: dict[str, str] | None = None) -> Any:
    return runner.invoke(app, ["--database", database_url, "campaigns", *args], env=env)


def test_share_decline_accept_chain(make_party, run_workers, database_url):
    csp, cnp = make_party("csp", "Acme"), make_party("csp", "Relay")
    dca = make_party("dca", "Aggregator", "DCA5")
    cid = registered_campaign(csp, run_workers)

    shared = tendlc(database_url, "share", cid, cnp.cnp_id, "--as", csp.cnp_id, "--json")
    assert shared.exit_code == 0, shared.output
    body = json.loads(shared.stdout)
    assert (body["downstreamCnpId"], body["upstreamCnpId"], body["sharingStatus"]) == (
        csp.cnp_id, cnp.cnp_id, "PENDING")

    declined = tendlc(database_url, "decline", cid, "--explanation", "Add a sample with the brand name",
                      "--category", "SAMPLE_MESSAGE", "--as", cnp.cnp_id, "--json")
    assert declined.exit_code == 0, declined.output
    assert json.loads(declined.stdout)["rejectionCategory"] == ["SAMPLE_MESSAGE"]

    refused = tendlc(database_url, "share", cid, cnp.cnp_id, "--as", csp.cnp_id)
    assert refused.exit_code == 1 and "SHARING_DECLINED" in refused.stderr

    edit(csp, cid, "Acme Dental: your next visit is on Tuesday at 10am. Reply STOP to opt out.")
    # The CSP acts with its API key and secret from the environment.
    keyed = tendlc(database_url, "share", cid, cnp.cnp_id,
                   env={"TENDLC_API_KEY": csp.key, "TENDLC_API_SECRET": csp.secret})
    assert keyed.exit_code == 0, keyed.output
    assert f"shared {cid} with {cnp.cnp_id}: PENDING" in keyed.stdout

    forwarded = tendlc(database_url, "share", cid, dca.cnp_id, "--as", cnp.cnp_id)
    assert forwarded.exit_code == 0, forwarded.output
    accepted = tendlc(database_url, "accept", cid, "--exclude-mno", "10037", "--as", dca.cnp_id, "--json")
    assert accepted.exit_code == 0, accepted.output
    assert json.loads(accepted.stdout)["excludedMnoIds"] == [10037]

    chain = tendlc(database_url, "chain", cid, "--as", csp.cnp_id, "--json")
    assert chain.exit_code == 0, chain.output
    view = json.loads(chain.stdout)
    assert view["complete"] is True
    assert [h["upstream"]["label"] for h in view["hops"]] == [cnp.cnp_id, "hop 2 (DCA)"]
    table = tendlc(database_url, "chain", cid, "--as", csp.cnp_id)
    assert table.exit_code == 0 and "hop 2 (DCA)" in table.stdout and dca.cnp_id not in table.stdout
    full = json.loads(tendlc(database_url, "chain", cid, "--as", dca.cnp_id, "--json").stdout)
    assert [h["upstream"]["cnpId"] for h in full["hops"]] == [cnp.cnp_id, dca.cnp_id]


def test_who_acts_must_be_said_and_be_right(make_party, run_workers, database_url):
    csp = make_party("csp", "Acme")
    cid = registered_campaign(csp, run_workers)
    nobody = tendlc(database_url, "chain", cid)
    assert nobody.exit_code == 2 and "--as CNPID" in nobody.stderr
    wrong = tendlc(database_url, "chain", cid, "--api-key", csp.key, "--api-secret", "not-it")
    assert wrong.exit_code == 1 and "wrong" in wrong.stderr
    unknown = tendlc(database_url, "chain", cid, "--as", "SNOBODY")
    assert unknown.exit_code == 1 and "NOT_FOUND" in unknown.stderr
    stranger = make_party("csp", "Outsider")
    hidden = tendlc(database_url, "chain", cid, "--as", stranger.cnp_id)
    assert hidden.exit_code == 1 and "not found" in hidden.stderr
