"""The review worker: simulated carriers decide their due reviews and simulated DCAs their due shares,
as the review policies say (``core/carriers/policies.py``)."""

from __future__ import annotations

import logging

from tendlc.bootstrap import Container
from tendlc.core.carriers.policies import POLICIES_SETTING, Mode, Policy, load_policies
from tendlc.core.carriers.reviews import decide_due, due_reviews
from tendlc.core.carriers.simulated_dca import decide_share, due_shares
from tendlc.core.errors import ConcurrentUpdate

log = logging.getLogger("tendlc.workers.reviews")


def default_policy(c: Container) -> Policy:
    """The server's MNO review policy when no stored policy matches (TENDLC_REVIEW_POLICY, …_DELAY_SECONDS)."""
    return Policy(mode=Mode(c.settings.review_policy), delay_seconds=c.settings.review_delay_seconds)


def run_once(c: Container) -> int:
    """Decide what is due. Reads first; a write transaction is opened only when something is due."""
    now = c.clock.now()
    with c.uow() as uow:
        policies = load_policies(uow.sandbox.get_setting(POLICIES_SETTING))
        reviews_due = due_reviews(uow, now, policies, default_policy(c))
        shares = due_shares(uow, c.clock, policies)
    done = 0
    if reviews_due:
        try:
            with c.uow(write=True) as uow:
                done += decide_due(uow, reviews_due, policies, default_policy(c))
        except ConcurrentUpdate:  # another worker decided one of them first: the next pass sees the rest
            log.info("reviews decided meanwhile by another worker")
    for due in shares:
        try:
            with c.uow(write=True) as uow:
                done += decide_share(uow, c.ids, c.clock, policies, due)
        except ConcurrentUpdate:  # the DCA (or another worker) decided meanwhile
            log.info("share of %s to %s decided meanwhile", due.campaign_id, due.dca_id)
    return done
