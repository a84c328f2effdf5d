"""``tendlc``: serve the registry, manage accounts and keys, migrate the database."""

from __future__ import annotations

import logging

import typer
from rich.table import Table

from tendlc.cli.accounts import accounts_app, keys_app
from tendlc.cli.context import console, container, emit_json, set_database, settings
from tendlc.cli.demo import demo
from tendlc.cli.lint import lint
from tendlc.cli.numbers import numbers_app, profiles_app
from tendlc.cli.projects import projects_app
from tendlc.cli.qualify import qualify
from tendlc.cli.registrations import registrations_app
from tendlc.cli.sandbox import operator_app, sandbox_app
from tendlc.cli.scheduler import scheduler_worker  # noqa: F401  (registers `worker scheduler`)
from tendlc.cli.sharing import campaigns_app
from tendlc.cli.webhooks import webhooks_app, worker_app
from tendlc.cli.workers import all_workers  # noqa: F401  (registers `worker all`)

app = typer.Typer(help="tendlc: a self-hostable US 10DLC campaign registry.", no_args_is_help=True)
db_app = typer.Typer(help="Database schema.", no_args_is_help=True)
app.add_typer(accounts_app, name="accounts")
app.add_typer(keys_app, name="keys")
app.add_typer(db_app, name="db")
app.add_typer(campaigns_app, name="campaigns")
app.add_typer(webhooks_app, name="webhooks")
app.add_typer(worker_app, name="worker")
app.add_typer(projects_app, name="projects")
app.add_typer(registrations_app, name="registrations")
app.add_typer(numbers_app, name="numbers")
app.add_typer(profiles_app, name="profiles")
app.add_typer(operator_app, name="operator")
app.command("qualify")(qualify)
app.command("demo")(demo)
app.add_typer(sandbox_app, name="sandbox")
app.command("lint")(lint)


@app.callback()
def main(database: str | None = typer.Option(None, "--database", help="Database URL (overrides "
                                             "TENDLC_DATABASE_URL), e.g. sqlite:///tendlc.db")) -> None:
    set_database(database)


@db_app.command("upgrade")
def db_upgrade(as_json: bool = typer.Option(False, "--json")) -> None:
    """Apply every pending migration."""
    with container() as c:
        url = c.engine.url.render_as_string(hide_password=True)
    if as_json:
        emit_json({"database": url, "upgraded": True})
    else:
        console.print(f"Database {url} is up to date.")


@app.command()
def serve(
    host: str | None = typer.Option(None, help="Interface to listen on (default TENDLC_HOST or 127.0.0.1)"),
    port: int | None = typer.Option(None, help="Port (default TENDLC_PORT or 8000)"),
    demo: bool = typer.Option(False, "--demo", help="On an empty database, create demo accounts, a brand and "
                              "a campaign, and print their credentials"),
    as_json: bool = typer.Option(False, "--json", help="Print the demo credentials as JSON"),
    sandbox: bool | None = typer.Option(None, "--sandbox/--no-sandbox", help="Enable the sandbox controls "
                                        "(clock, forced outcomes; default TENDLC_SANDBOX or off)"),
) -> None:
    """Migrate the database and serve the API (and the workers) until interrupted."""
    import uvicorn

    from tendlc.api.app import create_app
    from tendlc.cli.seed import is_empty, seed

    extra = {} if sandbox is None else {"sandbox": sandbox}
    s = settings(**extra)
    logging.basicConfig(level=s.log_level.upper(), format="%(asctime)s %(levelname)s %(name)s %(message)s")
    with container(**extra) as c:
        if demo and is_empty(c):
            _show_demo(seed(c), as_json)
        elif demo:
            console.print("[yellow]The database is not empty: no demo data added.[/yellow]")
        app_ = create_app(c, freeze_heap=True)
        uvicorn.run(app_, host=host or s.host, port=port or s.port, log_level=s.log_level.lower(),
                    access_log=s.access_log, server_header=False)


def _show_demo(created: list[dict[str, str]], as_json: bool) -> None:
    if as_json:
        emit_json(created)
        return
    table = Table("role", "cnpId", "apiKey", "apiSecret", title="Demo accounts (curl -u apiKey:apiSecret …)")
    for row in created:
        table.add_row(row["role"], row["cnpId"], row["apiKey"], row["apiSecret"])
    console.print(table)
    csp = created[0]
    console.print(f"Demo brand {csp['brandId']} (VERIFIED) and campaign {csp['campaignId']} belong to {csp['cnpId']}.")
