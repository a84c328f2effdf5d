"""``tendlc lint``: exit codes, the table, --json, --brand, --profile, unreadable files."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from tendlc.cli.main import app
from tests.compliance_support import good_brand, good_campaign

runner = CliRunner()


def _write(tmp_path: Path, name: str, data: object) -> str:
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return str(path)


def test_a_clean_campaign_exits_0(tmp_path: Path) -> None:
    campaign, brand = _write(tmp_path, "c.json", good_campaign()), _write(tmp_path, "b.json", good_brand())
    result = runner.invoke(app, ["lint", campaign, "--brand", brand, "--profile", "strict"])
    assert result.exit_code == 0, result.output
    assert "ok: 0 error(s), 0 warning(s)" in result.stdout


def test_errors_exit_1_with_a_table(tmp_path: Path) -> None:
    campaign = _write(tmp_path, "c.json", good_campaign(sample2=None, sample3=None))
    result = runner.invoke(app, ["lint", campaign, "--profile", "sinch"])
    assert result.exit_code == 1, result.output
    assert "SAMPLE_COUNT_TOO_LOW" in result.stdout and "not ok" in result.stdout
    assert "skipped" in result.stdout  # the brand rules, since no --brand was given


def test_json_report(tmp_path: Path) -> None:
    campaign = _write(tmp_path, "c.json", good_campaign(sample1="{Brand name}: booked for Tue. Reply STOP to end."))
    brand = _write(tmp_path, "b.json", good_brand())
    result = runner.invoke(app, ["lint", campaign, "--brand", brand, "--json"])
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert report["ok"] is False and report["profile"] == "tcr" and report["registryChecked"] is False
    finding = next(f for f in report["findings"] if f["code"] == "PLACEHOLDER_UNFILLED")
    assert finding["fields"] == ["sample1"] and finding["rejectionCategory"] == "SAMPLE_MESSAGE"


def test_warnings_alone_exit_0(tmp_path: Path) -> None:
    campaign = _write(tmp_path, "c.json", good_campaign(privacyPolicyLink=None))
    result = runner.invoke(app, ["lint", campaign, "--json"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["warnings"] == 1


def test_merge_fields_can_be_declared(tmp_path: Path) -> None:
    campaign = _write(tmp_path, "c.json", good_campaign(sample1="Bayside Dental: hi @name@, you are booked for Tue. "
                                                                "Reply STOP to opt out."))
    assert runner.invoke(app, ["lint", campaign]).exit_code == 1
    assert runner.invoke(app, ["lint", campaign, "--merge-field", "name"]).exit_code == 0


def test_unreadable_input_and_unknown_profile_exit_2(tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    assert runner.invoke(app, ["lint", str(broken)]).exit_code == 2
    assert runner.invoke(app, ["lint", str(tmp_path / "missing.json")]).exit_code == 2
    wrong_type = _write(tmp_path, "w.json", {"sample1": 5})
    assert runner.invoke(app, ["lint", wrong_type]).exit_code == 2
    assert runner.invoke(app, ["lint", _write(tmp_path, "c.json", good_campaign()), "--profile", "nope"]).exit_code == 2
