"""``tendlc accounts …`` and ``tendlc keys …``."""

from __future__ import annotations

import typer
from rich.table import Table

from tendlc.cli.context import console, container, emit_json
from tendlc.core.accounts import service
from tendlc.core.errors import NotFound

accounts_app = typer.Typer(help="Accounts: CSPs and DCAs (the registry's tenants).", no_args_is_help=True)
keys_app = typer.Typer(help="API keys of an account.", no_args_is_help=True)


@accounts_app.command("create")
def create(
    kind: str = typer.Option(..., "--kind", help="csp or dca"),
    name: str = typer.Option(..., "--name", help="Display name"),
    code: str | None = typer.Option(None, "--id", help="The DCA code (2-7 upper-case letters/digits)"),
    as_json: bool = typer.Option(False, "--json", help="Print JSON for scripts"),
) -> None:
    """Create an account and its first API key. The secret is shown once."""
    with container() as c, c.uow(write=True) as uow:
        account = service.create_account(uow, c.ids, c.clock, kind, name, code)
        issued = service.issue_key(uow, c.ids, c.clock, account.cnp_id, "initial")
    data = {"cnpId": account.cnp_id, "kind": account.kind.value, "name": account.name,
            "apiKey": issued.key.key_id, "apiSecret": issued.secret}
    if as_json:
        emit_json(data)
        return
    console.print(f"Created {account.kind.value} [bold]{account.cnp_id}[/bold] ({account.name})")
    console.print(f"API key:    {issued.key.key_id}\nAPI secret: {issued.secret}  (shown once; keep it safe)")


@accounts_app.command("list")
def list_accounts(as_json: bool = typer.Option(False, "--json")) -> None:
    """List every account."""
    with container() as c, c.uow() as uow:
        found = uow.accounts.all()
    if as_json:
        emit_json([{"cnpId": a.cnp_id, "kind": a.kind.value, "name": a.name,
                    "createdAt": a.created_at.isoformat()} for a in found])
        return
    table = Table("cnpId", "kind", "name", "created")
    for a in found:
        table.add_row(a.cnp_id, a.kind.value, a.name, f"{a.created_at:%Y-%m-%d %H:%M}")
    console.print(table)


@keys_app.command("create")
def create_key(
    cnp_id: str = typer.Option(..., "--account", help="The account's cnpId"),
    label: str = typer.Option("", "--label"),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Issue a new API key for an account. The secret is shown once."""
    with container() as c, c.uow(write=True) as uow:
        issued = service.issue_key(uow, c.ids, c.clock, cnp_id, label)
    if as_json:
        emit_json({"cnpId": cnp_id, "apiKey": issued.key.key_id, "apiSecret": issued.secret})
        return
    console.print(f"API key:    {issued.key.key_id}\nAPI secret: {issued.secret}  (shown once; keep it safe)")


@keys_app.command("revoke")
def revoke_key(key_id: str = typer.Argument(..., help="The key id"),
               as_json: bool = typer.Option(False, "--json")) -> None:
    """Revoke a key: requests with it are refused from now on."""
    with container() as c, c.uow(write=True) as uow:
        key = service.revoke_key(uow, c.clock, key_id)
    if as_json:
        emit_json({"apiKey": key.key_id, "revokedAt": key.revoked_at.isoformat() if key.revoked_at else None})
        return
    console.print(f"Revoked {key.key_id}")


@keys_app.command("list")
def list_keys(cnp_id: str = typer.Option(..., "--account"), as_json: bool = typer.Option(False, "--json")) -> None:
    """List an account's keys (never their secrets)."""
    with container() as c, c.uow() as uow:
        if uow.accounts.get(cnp_id) is None:
            raise NotFound(f"account {cnp_id} not found", ["cnpId"])
        found = uow.accounts.list_keys(cnp_id)
    rows = [{"apiKey": k.key_id, "label": k.label, "createdAt": k.created_at.isoformat(),
             "revokedAt": k.revoked_at.isoformat() if k.revoked_at else None} for k in found]
    if as_json:
        emit_json(rows)
        return
    table = Table("apiKey", "label", "created", "revoked")
    for r in rows:
        table.add_row(str(r["apiKey"]), str(r["label"]), str(r["createdAt"])[:16], str(r["revokedAt"] or "")[:16])
    console.print(table)
