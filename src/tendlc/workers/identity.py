"""Scores brand identities whose check is due (BRAND_IDENTITY_STATUS_UPDATE)."""

from __future__ import annotations

from tendlc.bootstrap import Container
from tendlc.core.brands import service


def run_once(c: Container, batch: int = 100) -> int:
    """Score every due brand; returns how many were scored."""
    with c.uow() as uow:
        if not uow.brands.due_for_identity_check(c.clock.now(), 1):
            return 0
    total = 0
    while True:
        with c.uow(write=True) as uow:
            scored = service.score_due(uow, c.clock, c.identity_policy, batch)
        total += scored
        if scored < batch:
            return total
