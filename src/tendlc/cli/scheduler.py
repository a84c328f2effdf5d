"""``tendlc worker scheduler``: renewals, billing, expiry and mock removal on their own, next to ``serve``."""

from __future__ import annotations

import typer

from tendlc.cli.webhooks import worker_app
from tendlc.cli.workers import run_worker


@worker_app.command("scheduler")
def scheduler_worker(
    once: bool = typer.Option(False, "--once", help="Apply what is due now, then exit"),
) -> None:
    """Bill and renew campaigns, expire those without auto-renewal and remove mock brands after 30 days, as
    the clock says, until interrupted (Ctrl-C or SIGTERM). Several may run at once: each renewal or expiry
    happens exactly once (row versions; FOR UPDATE SKIP LOCKED on PostgreSQL)."""
    from tendlc.workers import scheduler

    run_worker(lambda: [scheduler.run_once], "Scheduler (renewals, billing, expiry, mock removal)", once)
