"""Runs the workers in a background thread: on a timer, and as soon as a commit wrote events (passes are at
least ``worker_min_interval_seconds`` apart, so a burst of commits is handled by one pass)."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

from tendlc.bootstrap import Container
from tendlc.workers import identity, number_jobs, registrations, relay, reviews, scheduler, sender, vetting

log = logging.getLogger("tendlc.workers")


class WorkerRunner:
    def __init__(self, container: Container) -> None:
        self._c = container
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.jobs: list[Callable[[Container], int]] = [identity.run_once]
        self.jobs.append(vetting.run_once)  # external vets: complete orders, expire old vets
        self.jobs.append(reviews.run_once)  # simulated carriers and DCAs decide what the policies say
        self.jobs.append(registrations.run_once)  # providers' auto review; approved registrations submitted
        self.jobs.append(scheduler.run_once)  # the clock: renewals, billing, expiry, mock removal
        self.jobs.append(number_jobs.run_once)  # bulk number assignment tasks, simulated provisioning
        self.jobs += [relay.run_once, sender.run_once]  # webhooks: outbox → deliveries → POSTs

    def run_once(self) -> int:
        """One pass of every worker; returns how much work was done."""
        return sum(job(self._c) for job in self.jobs)

    def run_until_idle(self, max_passes: int = 100) -> None:
        for _ in range(max_passes):
            if self.run_once() == 0:
                return

    def wake(self) -> None:
        """Run a pass now (e.g. after the sandbox clock moved)."""
        self._wake.set()

    def start(self) -> None:
        if self._thread is not None:
            return
        self._c.uow.on_events_committed(self._wake.set)
        self._thread = threading.Thread(target=self._loop, name="tendlc-workers", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout=10)
            self._thread = None

    def _loop(self) -> None:
        poll = self._c.settings.worker_poll_seconds
        spacing = self._c.settings.worker_min_interval_seconds
        while not self._stop.is_set():
            started = time.monotonic()
            try:
                busy = self.run_once()
            except Exception:  # a worker failure must not kill the loop; the next pass retries
                log.exception("worker pass failed")
                busy = 0
            if not busy:
                self._wake.wait(poll)
                self._wake.clear()
            # Under a burst of commits, one pass takes all the events committed since the last one, instead
            # of one pass (and one write transaction) per commit.
            self._stop.wait(spacing - (time.monotonic() - started))
