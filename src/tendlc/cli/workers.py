"""``tendlc worker …``: background jobs in their own process, next to ``serve`` (started with
``TENDLC_WORKERS_ENABLED=false`` to leave them to these processes). On PostgreSQL run as many as you like:
work is claimed with FOR UPDATE SKIP LOCKED and row versions make every step happen once."""

from __future__ import annotations

import logging
import signal
import threading
from collections.abc import Callable, Sequence

import typer

from tendlc.bootstrap import Container
from tendlc.cli.context import console, container, settings
from tendlc.cli.webhooks import worker_app

Job = Callable[[Container], int]


def run_worker(jobs: Callable[[], Sequence[Job]] | None, label: str, once: bool) -> None:
    """Run ``jobs`` (None: every job ``serve`` runs) until interrupted, or until idle with ``once``."""
    from tendlc.workers.runner import WorkerRunner

    s = settings()
    logging.basicConfig(level=s.log_level.upper(), format="%(asctime)s %(levelname)s %(name)s %(message)s")
    with container() as c:
        runner = WorkerRunner(c)
        if jobs is not None:
            runner.jobs = list(jobs())
        if once:
            runner.run_until_idle()
            return
        stop = threading.Event()
        for sig in (signal.SIGINT, signal.SIGTERM):
            signal.signal(sig, lambda *_: stop.set())
        runner.start()
        console.print(f"{label} running; Ctrl-C to stop.")
        while not stop.wait(0.5):
            pass
        runner.stop()


@worker_app.command("all")
def all_workers(once: bool = typer.Option(False, "--once", help="Do what is due now, then exit")) -> None:
    """Every background job `serve` runs: identity scoring, vetting, carrier reviews and simulated DCAs,
    renewals and expiry, webhook relay and delivery."""
    run_worker(None, "Workers (identity, vetting, reviews, scheduler, webhooks)", once)
