"""The transition table of the stored registration statuses (the derived ones are in ``status.py``)."""

from __future__ import annotations

from enum import StrEnum

from tendlc.core.errors import OperationDeclined
from tendlc.core.registrations.model import RegistrationStatus as S


class Action(StrEnum):
    APPROVE = "APPROVE"  # the provider's review approves
    REJECT = "REJECT"  # the provider's review rejects
    REGISTER = "REGISTER"  # registered in the registry and shared to the provider's DCA
    FAIL = "FAIL"  # the registry refused it, or there is nowhere to share it
    RESUBMIT = "RESUBMIT"  # corrected (or not) and sent to the provider's review again
    DELETE = "DELETE"  # deactivated in the registry, or withdrawn before it got there


TRANSITIONS: dict[tuple[S, Action], S] = {
    (S.PROVIDER_REVIEW, Action.APPROVE): S.PROVIDER_APPROVED,
    (S.PROVIDER_REVIEW, Action.REJECT): S.PROVIDER_REJECTED,
    (S.PROVIDER_REVIEW, Action.DELETE): S.EXPIRED,
    (S.PROVIDER_APPROVED, Action.REGISTER): S.SUBMITTED,
    (S.PROVIDER_APPROVED, Action.FAIL): S.SUBMISSION_FAILED,
    (S.PROVIDER_APPROVED, Action.DELETE): S.EXPIRED,
    (S.PROVIDER_REJECTED, Action.RESUBMIT): S.PROVIDER_REVIEW,
    (S.PROVIDER_REJECTED, Action.DELETE): S.EXPIRED,
    (S.SUBMISSION_FAILED, Action.RESUBMIT): S.PROVIDER_REVIEW,
    (S.SUBMISSION_FAILED, Action.DELETE): S.EXPIRED,
    (S.SUBMITTED, Action.DELETE): S.EXPIRED,
}


def next_status(current: S, action: Action, registration_id: str) -> S:
    """The status after ``action``, or OperationDeclined naming the registration."""
    found = TRANSITIONS.get((current, action))
    if found is None:
        raise OperationDeclined(f"campaign registration {registration_id} is {current.value}; "
                                f"{action.value.lower()} is not possible now", ["campaignRegistrationId"])
    return found
