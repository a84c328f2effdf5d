"""``tendlc projects create|list|associate|keys create``: a provider's customer projects.

Like ``tendlc campaigns``, each command acts as one account: ``--as CNPID``, or an API key and secret
(``--api-key``/``--api-secret`` or ``TENDLC_API_KEY``/``TENDLC_API_SECRET``). A project key acts as its
account scoped to its project, as it does on the API.
"""

from __future__ import annotations

import typer
from rich.table import Table

from tendlc.api.auth import actor_of
from tendlc.api.native_projects import key_json, project_json
from tendlc.cli.context import console, container, emit_json, err_console
from tendlc.core.accounts import project_service as service
from tendlc.core.accounts import service as accounts
from tendlc.core.actor import Actor
from tendlc.core.errors import NotFound
from tendlc.core.ports import UnitOfWork

projects_app = typer.Typer(
    help="Customer projects of a provider account (each with its own API keys and associated CSP ids). "
         "Act as the account with --as CNPID, or with an API key and secret.", no_args_is_help=True)
project_keys_app = typer.Typer(help="API keys of a project.", no_args_is_help=True)
projects_app.add_typer(project_keys_app, name="keys")

AsOption = typer.Option(None, "--as", metavar="CNPID", help="Act as this account (CSP id or DCA code).")
KeyOption = typer.Option(None, "--api-key", envvar="TENDLC_API_KEY", help="Act with this API key (and --api-secret); "
                         "a project key acts for its project only.")
SecretOption = typer.Option(None, "--api-secret", envvar="TENDLC_API_SECRET", help="The API key's secret.")
JsonOption = typer.Option(False, "--json", help="Print JSON for scripts")


def acting(uow: UnitOfWork, as_cnp: str | None, key: str | None, secret: str | None) -> Actor:
    """The actor of a command: an account by id, or the account (and project) of a key checked like the API does."""
    if as_cnp:
        account = uow.accounts.get(as_cnp)
        if account is None:
            raise NotFound(f"account {as_cnp} not found", ["as"])
        return actor_of(account, "cli")
    if key and secret:
        found = accounts.authenticate(uow, key, secret)
        if found is None:
            err_console.print("[red]error[/red]: the API key or secret is wrong, or the key is revoked")
            raise typer.Exit(1)
        return actor_of(found[0], found[1].key_id[:8], found[1].project_id)
    err_console.print("[red]error[/red]: say who acts: --as CNPID, or --api-key and --api-secret "
                      "(or TENDLC_API_KEY and TENDLC_API_SECRET)")
    raise typer.Exit(2)


@projects_app.command("create")
def create(
    name: str = typer.Option(..., "--name", help="The customer's name"),
    csp_ids: list[str] = typer.Option([], "--csp-id", help="An external CSP id of the customer (repeatable)"),
    as_cnp: str | None = AsOption, api_key: str | None = KeyOption, api_secret: str | None = SecretOption,
    as_json: bool = JsonOption,
) -> None:
    """Create a project (a customer of the account)."""
    with container() as c, c.uow(write=True) as uow:
        actor = acting(uow, as_cnp, api_key, api_secret)
        project = service.create_project(uow, c.ids, c.clock, actor, {"name": name, "externalCspIds": csp_ids})
    if as_json:
        emit_json(project_json(project))
        return
    console.print(f"Created project [bold]{project.project_id}[/bold] ({project.name}) of {project.cnp_id}")


@projects_app.command("list")
def list_projects(
    page: int = typer.Option(1, "--page"), per_page: int = typer.Option(20, "--per-page"),
    as_cnp: str | None = AsOption, api_key: str | None = KeyOption, api_secret: str | None = SecretOption,
    as_json: bool = JsonOption,
) -> None:
    """List the account's projects, oldest first."""
    with container() as c, c.uow() as uow:
        actor = acting(uow, as_cnp, api_key, api_secret)
        found = service.list_projects(uow, actor, None, page, per_page)
    if as_json:
        emit_json({"page": page, "recordsPerPage": per_page, "totalRecords": found.total,
                   "records": [project_json(p) for p in found.items]})
        return
    table = Table("id", "name", "status", "CSP ids", "created", title=f"{found.total} project(s)")
    for p in found.items:
        table.add_row(p.project_id, p.name, p.status.value, ", ".join(p.external_csp_ids),
                      f"{p.created_at:%Y-%m-%d %H:%M}")
    console.print(table)


@projects_app.command("associate")
def associate(
    project_id: str = typer.Argument(..., help="The project id"),
    csp_ids: list[str] = typer.Argument(..., help="CSP ids whose shared campaigns are the project's"),
    as_cnp: str | None = AsOption, api_key: str | None = KeyOption, api_secret: str | None = SecretOption,
    as_json: bool = JsonOption,
) -> None:
    """Associate CSP ids with a project (a CSP id belongs to at most one project of the account)."""
    with container() as c, c.uow(write=True) as uow:
        actor = acting(uow, as_cnp, api_key, api_secret)
        project = service.associate(uow, c.clock, actor, project_id, {"cspIds": csp_ids})
    if as_json:
        emit_json(project_json(project))
        return
    console.print(f"Project {project.project_id}: CSP ids {', '.join(project.external_csp_ids)}")


@project_keys_app.command("create")
def create_key(
    project_id: str = typer.Argument(..., help="The project id"),
    label: str = typer.Option("", "--label"),
    as_cnp: str | None = AsOption, api_key: str | None = KeyOption, api_secret: str | None = SecretOption,
    as_json: bool = JsonOption,
) -> None:
    """Issue an API key of the project. The secret is shown once."""
    with container() as c, c.uow(write=True) as uow:
        actor = acting(uow, as_cnp, api_key, api_secret)
        issued = service.issue_project_key(uow, c.ids, c.clock, actor, project_id, label)
    if as_json:
        emit_json({**key_json(issued.key), "apiSecret": issued.secret})
        return
    console.print(f"Project {project_id}\nAPI key:    {issued.key.key_id}\n"
                  f"API secret: {issued.secret}  (shown once; keep it safe)")
