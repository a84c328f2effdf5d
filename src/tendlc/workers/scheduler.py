"""The scheduler: what the clock makes happen. Renews and bills campaigns, expires those that do not renew
(``core.campaigns.billing``) and removes mock brands after 30 days (``core.brands.mock_cleanup``).

``serve`` runs it in-process with the other workers (woken when the sandbox clock moves); ``tendlc worker
scheduler`` runs it on its own. Several schedulers may run at once: each change is guarded by the record's
version, and a pass that loses a race (ConcurrentUpdate) rolls back its batch and leaves it to the winner;
the next pass picks up whatever is still due.
"""

from __future__ import annotations

import logging
from datetime import datetime

from tendlc.bootstrap import Container
from tendlc.core.brands import mock_cleanup
from tendlc.core.campaigns import billing
from tendlc.core.errors import ConcurrentUpdate

log = logging.getLogger("tendlc.workers.scheduler")


def run_once(c: Container, batch: int = 200) -> int:
    """Apply everything due at the current time; returns how many renewals, expiries and removals."""
    now = c.clock.now()  # one instant for the whole pass: what is due is decided once
    total = 0
    for due, apply in ((_campaigns_due, billing.run_due), (_mock_brands_due, mock_cleanup.remove_due)):
        while due(c, now):
            try:
                with c.uow(write=True) as uow:
                    done = apply(uow, now, batch)
            except ConcurrentUpdate:
                log.info("another scheduler changed a record first; leaving its batch to it")
                break
            total += done
            if done == 0:
                break
    return total


def _campaigns_due(c: Container, now: datetime) -> bool:
    """A cheap read first, so an idle pass never opens a write transaction."""
    with c.uow() as uow:
        return bool(uow.campaigns.due_for_billing(now, 1))


def _mock_brands_due(c: Container, now: datetime) -> bool:
    with c.uow() as uow:
        return bool(uow.brands.mock_due_for_removal(now - mock_cleanup.MOCK_LIFETIME, 1))
