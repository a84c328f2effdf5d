"""``tendlc worker scheduler``: renewals, billing, expiry and mock removal on their own, next to ``serve``."""

from __future__ import annotations

import logging
import signal
import threading

import typer

from tendlc.cli.context import console, container, settings
from tendlc.cli.webhooks import worker_app


@worker_app.command("scheduler")
def scheduler_worker(
    once: bool = typer.Option(False, "--once", help="Apply what is due now, then exit"),
) -> None:
    """Bill and renew campaigns, expire those without auto-renewal and remove mock brands after 30 days, as
    the clock says, until interrupted (Ctrl-C or SIGTERM). Several may run at once: each renewal or expiry
    happens exactly once (row versions; FOR UPDATE SKIP LOCKED on PostgreSQL)."""
    from tendlc.workers import scheduler
    from tendlc.workers.runner import WorkerRunner

    s = settings()
    logging.basicConfig(level=s.log_level.upper(), format="%(asctime)s %(levelname)s %(name)s %(message)s")
    with container() as c:
        runner = WorkerRunner(c)
        runner.jobs = [scheduler.run_once]
        if once:
            runner.run_until_idle()
            return
        stop = threading.Event()
        for sig in (signal.SIGINT, signal.SIGTERM):
            signal.signal(sig, lambda *_: stop.set())
        runner.start()
        console.print("Scheduler running (renewals, billing, expiry, mock removal); Ctrl-C to stop.")
        while not stop.wait(0.5):
            pass
        runner.stop()
