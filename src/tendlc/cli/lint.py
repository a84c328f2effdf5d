"""``tendlc lint campaign.json [--brand brand.json] [--profile sinch] [--json]``: the compliance lint of a
campaign file, offline (the registry-wide checks need the API: ``POST /api/v1/lint``). Exit code 1 when
the report has errors, 2 when a file cannot be read."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import typer
from pydantic import ValidationError
from rich.table import Table

from tendlc.cli.context import console, emit_json, err_console
from tendlc.core.compliance import PROFILES, BrandInput, CampaignInput, Report, Severity, check


def _load(path: Path, model: type[CampaignInput] | type[BrandInput]) -> Any:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return model.model_validate(data)
    except (OSError, UnicodeDecodeError, ValueError) as exc:  # JSONDecodeError and ValidationError are ValueErrors
        detail = exc.errors()[0]["msg"] if isinstance(exc, ValidationError) else str(exc)
        err_console.print(f"[red]error[/red]: cannot read {path}: {detail}")
        raise typer.Exit(2) from None


def _show(report: Report, path: Path) -> None:
    table = Table(title=f"{path.name}: profile {report.profile}, rules {report.ruleset_version}")
    table.add_column("severity", no_wrap=True)
    table.add_column("code", no_wrap=True)
    for name in ("fields", "message", "fix"):
        table.add_column(name)
    for f in report.findings:
        colour = "red" if f.severity == Severity.ERROR else "yellow"
        table.add_row(f"[{colour}]{f.severity.value}[/{colour}]", f.code, ", ".join(f.fields), f.message, f.fix)
    if report.findings:
        console.print(table)
    verdict = "[green]ok[/green]" if report.ok else "[red]not ok[/red]"
    console.print(f"{verdict}: {report.errors} error(s), {report.warnings} warning(s)")
    if report.skipped:
        console.print(f"{len(report.skipped)} rule(s) skipped (no brand given or no registry): "
                      f"{', '.join(report.skipped)}", style="dim")


def lint(
    campaign: Path = typer.Argument(..., help="The campaign as JSON (TCR CampaignRequest field names)"),
    brand: Path | None = typer.Option(None, "--brand", help="The brand as JSON, for the brand-name checks"),
    profile: str = typer.Option("tcr", "--profile", help=f"One of {', '.join(PROFILES)}"),
    merge_fields: list[str] = typer.Option([], "--merge-field", help="A merge field the platform fills in, "
                                           "e.g. name for @name@ (repeatable)"),
    as_json: bool = typer.Option(False, "--json", help="Print the report as JSON"),
) -> None:
    """Check a campaign against the compliance rules; exit code 1 when there are errors."""
    if profile.lower() not in PROFILES:
        err_console.print(f"[red]error[/red]: --profile must be one of {', '.join(PROFILES)}")
        raise typer.Exit(2)
    report = check(_load(campaign, CampaignInput), _load(brand, BrandInput) if brand else None, profile,
                   merge_fields=merge_fields)
    if as_json:
        emit_json(report.model_dump(mode="json", by_alias=True))
    else:
        _show(report, campaign)
    if not report.ok:
        raise typer.Exit(1)
