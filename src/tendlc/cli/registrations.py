"""``tendlc registrations list|show|review|settings``: a provider reviews its customers' campaign registrations.

Each command acts as one account (``--as CNPID``, or ``--api-key``/``--api-secret``), like ``tendlc projects``.
"""

from __future__ import annotations

import typer
from rich.table import Table

from tendlc.api.native_registrations import registration_json
from tendlc.cli.context import console, container, emit_json
from tendlc.cli.projects import AsOption, JsonOption, KeyOption, SecretOption, acting
from tendlc.core.registrations import review, service, views
from tendlc.core.registrations.ports import RegistrationFilter

registrations_app = typer.Typer(help="Provider review of customers' campaign registrations (Sinch-style).",
                                no_args_is_help=True)


@registrations_app.command("list")
def list_registrations(
    status: str | None = typer.Option(None, "--status", help="e.g. PROVIDER_REVIEW: what waits for a reviewer"),
    as_cnp: str | None = AsOption, api_key: str | None = KeyOption, api_secret: str | None = SecretOption,
    as_json: bool = JsonOption,
) -> None:
    """The account's registrations, oldest first, with the status the customer reads."""
    with container() as c, c.uow() as uow:
        actor = acting(uow, as_cnp, api_key, api_secret)
        found = [views.view(uow, c.clock, r) for r in uow.registrations.search(
            actor.cnp_id, RegistrationFilter(project_id=actor.project_id))]
        shown = [v for v in found if status is None or v.status.value == status]
        records = [registration_json(v) for v in shown]
    if as_json:
        emit_json({"totalRecords": len(records), "records": records})
        return
    table = Table("id", "project", "name", "brand", "use case", "status", "errors",
                  title=f"{len(records)} registration(s)")
    for r in records:
        errors = r["rounds"][-1]["compliance"]["errors"] if r["rounds"] else 0
        table.add_row(r["id"], r["projectId"], r["name"], r["brandId"], r["usecase"], r["status"], str(errors))
    console.print(table)


@registrations_app.command("show")
def show(registration_id: str, as_cnp: str | None = AsOption, api_key: str | None = KeyOption,
         api_secret: str | None = SecretOption) -> None:
    """A registration with every review round (campaign, compliance report, decision, reason) as JSON."""
    with container() as c, c.uow() as uow:
        actor = acting(uow, as_cnp, api_key, api_secret)
        emit_json(registration_json(views.get(uow, c.clock, actor, None, registration_id)))


@registrations_app.command("review")
def decide(
    registration_id: str,
    decision: str = typer.Option(..., "--decision", help="approve or reject"),
    reason: str | None = typer.Option(None, "--reason", help="Why (required to reject): the customer sees it"),
    as_cnp: str | None = AsOption, api_key: str | None = KeyOption, api_secret: str | None = SecretOption,
) -> None:
    """Approve or reject a registration in review (the account's own keys)."""
    with container() as c, c.uow(write=True) as uow:
        actor = acting(uow, as_cnp, api_key, api_secret)
        saved = review.decide(uow, c.clock, actor, registration_id, decision, reason)
    console.print(f"Registration [bold]{saved.registration_id}[/bold] is {saved.status.value}")


@registrations_app.command("settings")
def settings(
    upstream_dca: str | None = typer.Option(None, "--upstream-dca", help="The DCA approved registrations go to"),
    review_policy: str | None = typer.Option(None, "--review", help="auto or manual"),
    profile: str | None = typer.Option(None, "--profile", help="Compliance profile: tcr, sinch, twilio, strict…"),
    as_cnp: str | None = AsOption, api_key: str | None = KeyOption, api_secret: str | None = SecretOption,
) -> None:
    """Show the provider settings, changing those given."""
    body = {k: v for k, v in (("upstreamDcaId", upstream_dca), ("review", review_policy), ("profile", profile))
            if v is not None}
    with container() as c, c.uow(write=bool(body)) as uow:
        actor = acting(uow, as_cnp, api_key, api_secret)
        emit_json(service.change_settings(uow, actor, body) if body else service.settings(uow, actor))
