"""``tendlc numbers add|list|generate`` and ``tendlc profiles create|list``: the number inventory.

Each command acts as an account (``--as CNPID``) or with an API key (a project key: for its project)."""

from __future__ import annotations

from typing import Any

import typer
from rich.table import Table

from tendlc.api.native_numbers import number_json, profile_json
from tendlc.cli.context import console, container, emit_json
from tendlc.cli.projects import AsOption, JsonOption, KeyOption, SecretOption, acting
from tendlc.core.numbers import profiles, service

numbers_app = typer.Typer(help="Phone numbers held by an account (E.164, NANP).", no_args_is_help=True)
profiles_app = typer.Typer(help="Messaging profiles: groups of an account's numbers.", no_args_is_help=True)

ProfileOption = typer.Option(None, "--profile", help="A messaging profile id")
ProjectOption = typer.Option(None, "--project", help="A project id of the account")


def _placement(profile: str | None, project: str | None) -> dict[str, Any]:
    body: dict[str, Any] = {}
    if profile is not None:
        body["messagingProfileId"] = profile
    if project is not None:
        body["projectId"] = project
    return body


def _show_added(result: service.Added, as_json: bool) -> None:
    if as_json:
        emit_json({"records": [number_json(n) for n in result.numbers], "added": result.added,
                   "alreadyHeld": result.already_held})
        return
    console.print(f"Added {len(result.added)} number(s); {len(result.already_held)} already held")
    for e164 in result.added:
        console.print(f"  {e164}")


@numbers_app.command("add")
def add(
    numbers: list[str] = typer.Argument(..., help="E.164 numbers, e.g. +12025550142 (all or nothing)"),
    profile: str | None = ProfileOption, project: str | None = ProjectOption,
    as_cnp: str | None = AsOption, api_key: str | None = KeyOption, api_secret: str | None = SecretOption,
    as_json: bool = JsonOption,
) -> None:
    """Add numbers to the account (re-adding one it holds changes nothing)."""
    with container() as c, c.uow(write=True) as uow:
        actor = acting(uow, as_cnp, api_key, api_secret)
        result = service.add_numbers(uow, c.clock, actor, {"numbers": numbers, **_placement(profile, project)})
    _show_added(result, as_json)


@numbers_app.command("generate")
def generate(
    npa: str = typer.Option(..., "--npa", help="The area code, e.g. 212"),
    count: int = typer.Option(10, "--count", help="How many numbers (1-1000)"),
    profile: str | None = ProfileOption, project: str | None = ProjectOption,
    as_cnp: str | None = AsOption, api_key: str | None = KeyOption, api_secret: str | None = SecretOption,
    as_json: bool = JsonOption,
) -> None:
    """Sandbox only (TENDLC_SANDBOX=true): add COUNT free valid numbers of area code NPA."""
    with container() as c, c.uow(write=True) as uow:
        actor = acting(uow, as_cnp, api_key, api_secret)
        result = service.generate_numbers(uow, c.clock, actor, {"npa": npa, "count": count,
                                                                **_placement(profile, project)},
                                          sandbox=c.settings.sandbox)
    _show_added(result, as_json)


@numbers_app.command("list")
def list_numbers(
    profile: str | None = ProfileOption, project: str | None = ProjectOption,
    status: str | None = typer.Option(None, "--status", help="An assignment status, or UNASSIGNED"),
    page: int = typer.Option(1, "--page"), per_page: int = typer.Option(50, "--per-page"),
    as_cnp: str | None = AsOption, api_key: str | None = KeyOption, api_secret: str | None = SecretOption,
    as_json: bool = JsonOption,
) -> None:
    """List the account's numbers in number order."""
    with container() as c, c.uow() as uow:
        actor = acting(uow, as_cnp, api_key, api_secret)
        where = service.number_filter(uow, actor, project, profile, None, status)
        found = service.list_numbers(uow, actor, where, page, per_page)
    if as_json:
        emit_json({"page": page, "recordsPerPage": per_page, "totalRecords": found.total,
                   "records": [number_json(n) for n in found.items]})
        return
    table = Table("phoneNumber", "project", "profile", "campaign", "status", title=f"{found.total} number(s)")
    for n in found.items:
        table.add_row(n.e164, n.project_id or "", n.messaging_profile_id or "", n.campaign_id or "",
                      n.assignment_status.value if n.assignment_status else "")
    console.print(table)


@profiles_app.command("create")
def create_profile(
    name: str = typer.Option(..., "--name"), project: str | None = ProjectOption,
    as_cnp: str | None = AsOption, api_key: str | None = KeyOption, api_secret: str | None = SecretOption,
    as_json: bool = JsonOption,
) -> None:
    """Create a messaging profile (of a project with --project)."""
    with container() as c, c.uow(write=True) as uow:
        actor = acting(uow, as_cnp, api_key, api_secret)
        made = profiles.create_profile(uow, c.ids, c.clock, actor, {"name": name, **_placement(None, project)})
    if as_json:
        emit_json(profile_json(made, 0))
        return
    console.print(f"Created messaging profile [bold]{made.profile_id}[/bold] ({made.name})")


@profiles_app.command("list")
def list_profiles(
    project: str | None = ProjectOption,
    page: int = typer.Option(1, "--page"), per_page: int = typer.Option(20, "--per-page"),
    as_cnp: str | None = AsOption, api_key: str | None = KeyOption, api_secret: str | None = SecretOption,
    as_json: bool = JsonOption,
) -> None:
    """List the account's messaging profiles, oldest first."""
    with container() as c, c.uow() as uow:
        actor = acting(uow, as_cnp, api_key, api_secret)
        found = profiles.list_profiles(uow, actor, project, page, per_page)
    if as_json:
        emit_json({"page": page, "recordsPerPage": per_page, "totalRecords": found.total,
                   "records": [profile_json(p) for p in found.items]})
        return
    table = Table("id", "name", "project", "created", title=f"{found.total} profile(s)")
    for p in found.items:
        table.add_row(p.profile_id, p.name, p.project_id or "", f"{p.created_at:%Y-%m-%d %H:%M}")
    console.print(table)

from tendlc.cli import number_assign as _number_assign  # noqa: E402,F401  (registers numbers assign|assignment|unassign)
