"""Provider registrations in the background: the ``auto`` review of registrations waiting for it, then the
registration (and share) of approved ones. Each registration is handled in its own unit of work."""

from __future__ import annotations

from tendlc.bootstrap import Container
from tendlc.core.errors import ConcurrentUpdate, DomainError
from tendlc.core.registrations import review
from tendlc.core.registrations.model import RegistrationStatus, ReviewPolicy

BATCH = 100


def review_once(c: Container) -> int:
    """Decide the registrations in review whose provider reviews automatically; how many were decided."""
    with c.uow() as uow:
        # Only providers that review automatically: a manual review waits for a person, and the worker must
        # not open a write transaction for it on every pass.
        automatic: dict[str, bool] = {}
        waiting = []
        for pending in uow.registrations.waiting(RegistrationStatus.PROVIDER_REVIEW, BATCH):
            if pending.cnp_id not in automatic:
                account = uow.accounts.get(pending.cnp_id)
                automatic[pending.cnp_id] = account is not None and account.provider_review == ReviewPolicy.AUTO.value
            if automatic[pending.cnp_id]:
                waiting.append(pending.registration_id)
    done = 0
    for registration_id in waiting:
        try:
            with c.uow(write=True) as uow:
                r = uow.registrations.get(registration_id)
                if r is not None and r.status is RegistrationStatus.PROVIDER_REVIEW:
                    done += review.auto_review(uow, c.clock, r) is not None
        except ConcurrentUpdate:
            continue  # decided meanwhile (a reviewer, another worker)
    return done


def submit_once(c: Container) -> int:
    """Register and share the approved registrations; how many were handled (submitted or failed)."""
    with c.uow() as uow:
        approved = [r.registration_id for r in uow.registrations.waiting(RegistrationStatus.PROVIDER_APPROVED, BATCH)]
    done = 0
    for registration_id in approved:
        try:
            with c.uow(write=True) as uow:
                r = uow.registrations.get(registration_id)
                if r is None or r.status is not RegistrationStatus.PROVIDER_APPROVED:
                    continue
                review.register_approved(uow, c.ids, c.clock, r)
                done += 1
        except ConcurrentUpdate:
            continue
        except DomainError as exc:  # the share was refused: nothing of it was kept; say why
            with c.uow(write=True) as uow:
                done += review.submission_failed(uow, c.clock, registration_id, exc) is not None
    return done


def run_once(c: Container) -> int:
    return review_once(c) + submit_once(c)
