"""``tendlc campaigns share|decline|accept|chain``: the connectivity chain from the command line.

The command line works on the database directly, like ``tendlc accounts``. Each command acts as one
account: ``--as CNPID`` (whoever can run tendlc on the database may act as any account), or an API
key and secret (``--api-key``/``--api-secret`` or ``TENDLC_API_KEY``/``TENDLC_API_SECRET``), checked
as the API checks them.
"""

from __future__ import annotations

import typer
from rich.table import Table

from tendlc.api.native_sharing import chain_document, link_document
from tendlc.cli.context import console, container, emit_json
from tendlc.cli.projects import acting  # one way to say who acts, keeping a project key's project
from tendlc.core.sharing import service, views
from tendlc.dialects.tcr.translate_sharing import sharing_status

campaigns_app = typer.Typer(
    help="Campaigns in the connectivity chain: share with a partner, decline, accept (DCA), show the chain. "
         "Act as an account with --as CNPID, or with its API key and secret (--api-key/--api-secret or "
         "TENDLC_API_KEY/TENDLC_API_SECRET).",
    no_args_is_help=True)

AS_HELP = "Act as this account (CSP id or DCA code). Anyone who can run tendlc on the database may use it."
KEY_HELP = "Act as the account of this API key (with --api-secret), checked like an API request."


AsOption = typer.Option(None, "--as", help=AS_HELP, metavar="CNPID")
KeyOption = typer.Option(None, "--api-key", envvar="TENDLC_API_KEY", help=KEY_HELP)
SecretOption = typer.Option(None, "--api-secret", envvar="TENDLC_API_SECRET", help="The API key's secret.")
JsonOption = typer.Option(False, "--json", help="Print JSON for scripts")


@campaigns_app.command("share")
def share(
    campaign_id: str = typer.Argument(..., help="The campaign id (C + 6)"),
    upstream_cnp_id: str = typer.Argument(..., help="The partner to share with (CSP id or DCA code)"),
    as_cnp: str | None = AsOption, api_key: str | None = KeyOption, api_secret: str | None = SecretOption,
    as_json: bool = JsonOption,
) -> None:
    """Share a campaign upward. The campaign's CSP shares it; a partner it was shared with forwards it,
    which accepts the request it received. Prints the new (PENDING) sharing link."""
    with container() as c, c.uow(write=True) as uow:
        actor = acting(uow, as_cnp, api_key, api_secret)
        link = service.share_up(uow, c.ids, c.clock, actor, campaign_id, upstream_cnp_id)
    if as_json:
        emit_json(sharing_status(link))
        return
    console.print(f"{link.downstream_cnp_id} shared {campaign_id} with {link.upstream_cnp_id}: "
                  f"{link.sharing_status.value}")


@campaigns_app.command("decline")
def decline(
    campaign_id: str = typer.Argument(..., help="The campaign id"),
    explanation: str = typer.Option(..., "--explanation", help="Why (required, up to 2048 characters); the "
                                    "downstream parties see it"),
    categories: list[str] = typer.Option([], "--category", help="A rejection category (repeatable), see "
                                         "/v2/enum/rejectionCategory"),
    as_cnp: str | None = AsOption, api_key: str | None = KeyOption, api_secret: str | None = SecretOption,
    as_json: bool = JsonOption,
) -> None:
    """Decline the sharing request you received for a campaign."""
    with container() as c, c.uow(write=True) as uow:
        actor = acting(uow, as_cnp, api_key, api_secret)
        link = service.decline(uow, c.clock, actor, campaign_id, explanation, categories)
    if as_json:
        emit_json(sharing_status(link))
        return
    console.print(f"{link.upstream_cnp_id} declined {campaign_id} from {link.downstream_cnp_id}: {link.explanation}")


@campaigns_app.command("accept")
def accept(
    campaign_id: str = typer.Argument(..., help="The campaign id"),
    excluded: list[int] = typer.Option([], "--exclude-mno", help="An MNO network id the DCA does not reach "
                                       "(repeatable), e.g. 10037"),
    as_cnp: str | None = AsOption, api_key: str | None = KeyOption, api_secret: str | None = SecretOption,
    as_json: bool = JsonOption,
) -> None:
    """As a DCA, accept the campaign shared with you: the chain is complete."""
    with container() as c, c.uow(write=True) as uow:
        actor = acting(uow, as_cnp, api_key, api_secret)
        link = service.accept(uow, c.ids, c.clock, actor, campaign_id, excluded)
    if as_json:
        emit_json({**link_document(link), "chainComplete": True})
        return
    console.print(f"{link.upstream_cnp_id} accepted {campaign_id}: the connectivity chain is complete")


@campaigns_app.command("chain")
def chain(
    campaign_id: str = typer.Argument(..., help="The campaign id"),
    migration: bool = typer.Option(False, "--migration", help="Show the provisional chain of a CNP migration"),
    as_cnp: str | None = AsOption, api_key: str | None = KeyOption, api_secret: str | None = SecretOption,
    as_json: bool = JsonOption,
) -> None:
    """Show each hop's status, dates and decline reason. Parties you do not deal with directly are named by
    position ("hop 2 (CNP)"); a DCA in the chain sees every identity."""
    with container() as c, c.uow() as uow:
        actor = acting(uow, as_cnp, api_key, api_secret)
        view = views.chain_view(uow, c.clock, actor, campaign_id, migration)
    if as_json:
        emit_json(chain_document(view))
        return
    table = Table("hop", "from", "to", "status", "since", "explanation",
                  title=f"{campaign_id}: {'complete' if view.complete else 'in progress'}")
    for hop in view.hops:
        table.add_row(str(hop.hop), hop.downstream.label, hop.upstream.label, hop.link.sharing_status.value,
                      f"{hop.link.status_date:%Y-%m-%d %H:%M}", hop.link.explanation or "")
    console.print(table)
