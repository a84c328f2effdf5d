"""``tendlc projects …``, ``tendlc numbers …`` and ``tendlc profiles …`` on the test database."""

from __future__ import annotations

import json
from typing import Any

from typer.testing import CliRunner

from tendlc.cli.main import app

runner = CliRunner()


def tendlc(database_url: str, *args: str, env: dict[str, str] | None = None) -> Any:
    return runner.invoke(app, ["--database", database_url, *args], env=env)


def ok(result: Any) -> Any:
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_projects_keys_and_associations(make_party, database_url):
    provider = make_party("csp", "Provider")
    made = ok(tendlc(database_url, "projects", "create", "--name", "Acme Dental", "--csp-id", "SCUST01",
                     "--as", provider.cnp_id, "--json"))
    assert (made["name"], made["externalCspIds"], made["cnpId"]) == ("Acme Dental", ["SCUST01"], provider.cnp_id)
    pid = made["id"]

    other = ok(tendlc(database_url, "projects", "create", "--name", "Other", "--as", provider.cnp_id, "--json"))
    taken = tendlc(database_url, "projects", "associate", other["id"], "SCUST02", "SCUST01", "--as", provider.cnp_id)
    assert taken.exit_code == 1 and "DUPLICATE" in taken.stderr and "cspIds[1]" in taken.stderr
    associated = ok(tendlc(database_url, "projects", "associate", other["id"], "SCUST02", "--as", provider.cnp_id,
                           "--json"))
    assert associated["externalCspIds"] == ["SCUST02"]

    listed = ok(tendlc(database_url, "projects", "list", "--as", provider.cnp_id, "--json"))
    assert [p["id"] for p in listed["records"]] == [pid, other["id"]]
    table = tendlc(database_url, "projects", "list", "--as", provider.cnp_id)
    assert table.exit_code == 0 and "Acme Dental" in table.stdout

    key = ok(tendlc(database_url, "projects", "keys", "create", pid, "--label", "ci", "--as", provider.cnp_id,
                    "--json"))
    assert key["projectId"] == pid and key["apiSecret"].startswith("ts_")
    # the project key acts for its project: it sees only its own project and cannot create projects
    env = {"TENDLC_API_KEY": key["apiKey"], "TENDLC_API_SECRET": key["apiSecret"]}
    own = ok(tendlc(database_url, "projects", "list", "--json", env=env))
    assert [p["id"] for p in own["records"]] == [pid]
    refused = tendlc(database_url, "projects", "create", "--name", "Mine", env=env)
    assert refused.exit_code == 1 and "OPERATION_DECLINED" in refused.stderr


def test_numbers_and_profiles(make_party, database_url):
    csp = make_party()
    profile = ok(tendlc(database_url, "profiles", "create", "--name", "Alerts", "--as", csp.cnp_id, "--json"))
    added = ok(tendlc(database_url, "numbers", "add", "+12025550142", "+12125550100", "--profile", profile["id"],
                      "--as", csp.cnp_id, "--json"))
    assert added["added"] == ["+12025550142", "+12125550100"]
    again = tendlc(database_url, "numbers", "add", "+12025550142", "--as", csp.cnp_id)
    assert again.exit_code == 0 and "Added 0 number(s); 1 already held" in again.stdout

    listed = ok(tendlc(database_url, "numbers", "list", "--profile", profile["id"], "--as", csp.cnp_id, "--json"))
    assert [r["phoneNumber"] for r in listed["records"]] == ["+12025550142", "+12125550100"]
    table = tendlc(database_url, "numbers", "list", "--as", csp.cnp_id)
    assert table.exit_code == 0 and "+12125550100" in table.stdout
    profiles = ok(tendlc(database_url, "profiles", "list", "--as", csp.cnp_id, "--json"))
    assert [p["name"] for p in profiles["records"]] == ["Alerts"]
    assert "Alerts" in tendlc(database_url, "profiles", "list", "--as", csp.cnp_id).stdout


def test_number_errors(make_party, database_url):
    alpha, bravo = make_party(name="Alpha"), make_party(name="Bravo")
    bad = tendlc(database_url, "numbers", "add", "+12025550142", "2025550143", "+4420", "--as", alpha.cnp_id)
    assert bad.exit_code == 1 and "INVALID_INPUT" in bad.stderr
    assert "numbers[1]" in bad.stderr and "numbers[2]" in bad.stderr and "'2025550143'" in bad.stderr
    assert ok(tendlc(database_url, "numbers", "list", "--as", alpha.cnp_id, "--json"))["totalRecords"] == 0

    ok(tendlc(database_url, "numbers", "add", "+12025550142", "--as", alpha.cnp_id, "--json"))
    taken = tendlc(database_url, "numbers", "add", "+12025550142", "--as", bravo.cnp_id)
    assert taken.exit_code == 1 and "DUPLICATE" in taken.stderr

    nobody = tendlc(database_url, "numbers", "list")
    assert nobody.exit_code == 2 and "--as" in nobody.stderr
    wrong = tendlc(database_url, "numbers", "list", "--api-key", alpha.key, "--api-secret", "nope")
    assert wrong.exit_code == 1
    missing = tendlc(database_url, "numbers", "list", "--as", "SNOPE00")
    assert missing.exit_code == 1 and "NOT_FOUND" in missing.stderr


def test_generate_only_in_the_sandbox(make_party, database_url):
    csp = make_party()
    refused = tendlc(database_url, "numbers", "generate", "--npa", "212", "--count", "2", "--as", csp.cnp_id,
                     env={"TENDLC_SANDBOX": "false"})
    assert refused.exit_code == 1 and "OPERATION_DECLINED" in refused.stderr and "sandbox" in refused.stderr
    made = ok(tendlc(database_url, "numbers", "generate", "--npa", "212", "--count", "2", "--as", csp.cnp_id,
                     "--json", env={"TENDLC_SANDBOX": "true"}))
    assert made["added"] == ["+12125550100", "+12125550101"]
