"""The number worker: runs bulk assignment tasks and simulates provisioning (``core/numbers/provisioning``).

A pass claims one task at a time (a lease, ``FOR UPDATE SKIP LOCKED`` on PostgreSQL) and works through its
pending numbers batch by batch, each batch in its own unit of work, renewing the lease as it goes: other
writers interleave between batches, and a crash loses at most one batch (the next worker resumes once
the lease runs out). Then campaigns with numbers waiting for (un)assignment are provisioned.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from tendlc.bootstrap import Container
from tendlc.core.errors import ConcurrentUpdate
from tendlc.core.numbers import provisioning

log = logging.getLogger("tendlc.workers.numbers")

TIME_BUDGET_SECONDS = 30.0
CAMPAIGNS_PER_PASS = 50


def run_task(c: Container, task_id: str, token: str, batch: int = provisioning.BATCH,
             max_batches: int | None = None, progress: Callable[[int], None] | None = None) -> int:
    """Work through a claimed task; returns how many numbers were decided."""
    done = 0
    batches = 0
    started = time.monotonic()
    while max_batches is None or batches < max_batches:
        try:
            with c.uow(write=True) as uow:
                n = provisioning.task_step(uow, c.clock, task_id, token, batch)
        except ConcurrentUpdate:  # a number changed under the batch: read it again
            log.info("batch of task %s conflicted; retrying", task_id)
            continue
        if n == 0:
            break
        done += n
        batches += 1
        if progress is not None:
            progress(n)
        if time.monotonic() - started > TIME_BUDGET_SECONDS:
            break
    return done


def run_tasks(c: Container, max_batches: int | None = None) -> int:
    done = 0
    while True:
        with c.uow() as uow:  # most passes find nothing: no write transaction for them
            if not uow.assignments.task_claimable(c.clock.now()):
                return done
        token = c.ids.token(12)[:32]
        with c.uow(write=True) as uow:
            task = provisioning.claim(uow, c.clock, token)
        if task is None:
            return done
        decided = run_task(c, task.task_id, token, max_batches=max_batches)
        done += decided
        if max_batches is not None or decided == 0:
            return done


def provision(c: Container) -> int:
    with c.uow() as uow:
        campaigns = uow.assignments.campaigns_in_flux(CAMPAIGNS_PER_PASS)
    done = 0
    for campaign_id in campaigns:
        try:
            with c.uow(write=True) as uow:
                done += provisioning.provision_step(uow, c.clock, campaign_id)
        except ConcurrentUpdate:
            log.info("provisioning of %s conflicted; next pass retries", campaign_id)
    return done


def run_once(c: Container) -> int:
    return run_tasks(c) + provision(c)
