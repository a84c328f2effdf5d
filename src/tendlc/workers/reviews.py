"""The review worker: simulated carriers decide their due reviews and simulated DCAs their due shares,
as the review policies say (``core/carriers/policies.py``)."""

from __future__ import annotations

import logging

from tendlc.bootstrap import Container
from tendlc.core.carriers.policies import POLICIES_SETTING, Mode, Policies, Policy, load_policies
from tendlc.core.carriers.reviews import decide_due
from tendlc.core.carriers.simulated_dca import decide_share, due_shares
from tendlc.core.errors import ConcurrentUpdate

log = logging.getLogger("tendlc.workers.reviews")


def default_policy(c: Container) -> Policy:
    """The server's MNO review policy when no stored policy matches (TENDLC_REVIEW_POLICY, …_DELAY_SECONDS)."""
    return Policy(mode=Mode(c.settings.review_policy), delay_seconds=c.settings.review_delay_seconds)


def current_policies(c: Container) -> Policies:
    with c.uow() as uow:
        return load_policies(uow.sandbox.get_setting(POLICIES_SETTING))


def run_once(c: Container) -> int:
    policies = current_policies(c)
    with c.uow(write=True) as uow:
        done = decide_due(uow, c.clock, policies, default_policy(c))
    with c.uow() as uow:
        shares = due_shares(uow, c.clock, policies)
    for due in shares:
        try:
            with c.uow(write=True) as uow:
                done += decide_share(uow, c.ids, c.clock, policies, due)
        except ConcurrentUpdate:  # the DCA (or another worker) decided meanwhile
            log.info("share of %s to %s decided meanwhile", due.campaign_id, due.dca_id)
    return done
