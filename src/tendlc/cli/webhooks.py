"""``tendlc webhooks …`` (the delivery log, redelivery) and ``tendlc worker webhooks``.

The ``webhooks`` commands act for one account (``--account CNPID``) directly on the local database: they
are operator tools for whoever runs the server, so they need no API key. Over HTTP, an account uses
``GET /api/v1/webhooks/deliveries`` and ``POST /api/v1/webhooks/deliveries/{id}/redeliver`` instead.
"""

from __future__ import annotations

from typing import Any

import typer
from rich.table import Table

from tendlc.cli.context import console, container, emit_json
from tendlc.core.actor import Actor
from tendlc.core.errors import NotFound
from tendlc.core.webhooks import service
from tendlc.core.webhooks.model import Delivery

webhooks_app = typer.Typer(help="Webhook deliveries of an account (on the local database).", no_args_is_help=True)
worker_app = typer.Typer(help="Run background workers on their own (without the API).", no_args_is_help=True)

ACCOUNT_HELP = "The account (cnpId) to act for; the command reads and writes the local database directly"


def _actor(c: Any, cnp_id: str) -> Actor:
    with c.uow() as uow:
        account = uow.accounts.get(cnp_id)
    if account is None:
        raise NotFound(f"account {cnp_id} not found", ["account"])
    return Actor(cnp_id=account.cnp_id, kind=account.kind.value, name=account.name, via="cli")


def _row(d: Delivery) -> dict[str, Any]:
    return {
        "id": d.id, "eventType": d.event_type, "eventId": d.event_id, "campaignId": d.campaign_id,
        "brandId": d.brand_id, "dialect": d.dialect.value, "url": d.url, "status": d.status.value,
        "attemptCount": d.attempt_count, "lastStatusCode": d.last_status_code, "lastError": d.last_error,
        "nextAttemptAt": d.next_attempt_at.isoformat() if d.next_attempt_at else None,
        "createdAt": d.created_at.isoformat(),
        "attempts": [{"number": a.number, "at": a.at.isoformat(), "statusCode": a.status_code, "error": a.error,
                      "durationMs": a.duration_ms} for a in d.attempts],
    }


@webhooks_app.command("deliveries")
def deliveries(
    cnp_id: str = typer.Option(..., "--account", help=ACCOUNT_HELP),
    status: str | None = typer.Option(None, "--status", help="pending, succeeded, failed or cancelled"),
    event_type: str | None = typer.Option(None, "--event-type", help="e.g. CAMPAIGN_SHARE_ADD"),
    campaign_id: str | None = typer.Option(None, "--campaign", help="Only deliveries about this campaign"),
    limit: int = typer.Option(20, "--limit", min=1, max=100, help="How many (newest first)"),
    as_json: bool = typer.Option(False, "--json", help="Print JSON (with every attempt)"),
) -> None:
    """List an account's webhook deliveries, newest first."""
    with container() as c:
        actor = _actor(c, cnp_id)
        where = service.delivery_filter(status, event_type, campaign_id, None)
        with c.uow() as uow:
            found = service.deliveries(uow, actor, where, 1, limit)
    rows = [_row(d) for d in found.items]
    if as_json:
        emit_json({"totalRecords": found.total, "deliveries": rows})
        return
    table = Table("id", "event", "campaign", "status", "attempts", "last", "url",
                  title=f"{len(rows)} of {found.total} deliveries")
    for r in rows:
        last = str(r["lastStatusCode"] or r["lastError"] or "")
        table.add_row(r["id"], r["eventType"], r["campaignId"] or "", r["status"], str(r["attemptCount"]),
                      last[:40], r["url"])
    console.print(table)


@webhooks_app.command("redeliver")
def redeliver(
    delivery_id: str = typer.Argument(..., help="The delivery id (see `tendlc webhooks deliveries`)"),
    cnp_id: str = typer.Option(..., "--account", help=ACCOUNT_HELP),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Send a delivery again as soon as a sender runs (`serve` or `tendlc worker webhooks`)."""
    with container() as c:
        actor = _actor(c, cnp_id)
        with c.uow(write=True) as uow:
            delivery = service.redeliver(uow, c.clock, actor, delivery_id)
    if as_json:
        emit_json(_row(delivery))
        return
    console.print(f"Delivery {delivery.id} ({delivery.event_type} to {delivery.url}) will be sent again.")


@worker_app.command("webhooks")
def webhooks_worker(
    once: bool = typer.Option(False, "--once", help="Relay and send what is due now, then exit"),
) -> None:
    """Relay committed events to deliveries and send them, until interrupted (Ctrl-C or SIGTERM).

    Run as many as you like next to `serve` on PostgreSQL (they claim work with FOR UPDATE SKIP LOCKED);
    on SQLite they take turns as the single writer. Start `serve` with TENDLC_WORKERS_ENABLED=false to
    leave the sending to these workers."""
    from tendlc.cli.workers import run_worker
    from tendlc.workers import relay, sender

    run_worker(lambda: [relay.run_once, sender.run_once], "Webhook worker (relay + sender)", once)
