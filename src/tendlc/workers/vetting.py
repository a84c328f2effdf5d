"""The simulated vetting provider: answers ordered vets once due and expires vets past their validity
(EVP_REPORT_SCORE / EVP_REPORT_FAIL / EVP_REPORT_EXPIRE)."""

from __future__ import annotations

from tendlc.bootstrap import Container
from tendlc.core.brands import vetting_service


def run_once(c: Container, batch: int = 100) -> int:
    """Complete every due vet; returns how many changed."""
    with c.uow() as uow:
        if not uow.vettings.due(c.clock.now(), 1):
            return 0
    total = 0
    while True:
        with c.uow(write=True) as uow:
            done = vetting_service.complete_due(uow, c.clock, batch)
        total += done
        if done < batch:
            return total
