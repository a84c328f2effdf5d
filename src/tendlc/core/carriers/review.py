"""Carrier review of a campaign: one operation status per MNO and its transition table.

A review opens (REVIEW) for each of the campaign's MNOs when a DCA accepts it (the chain is complete).
The carrier approves (REGISTERED) or rejects (REJECTED); a registered campaign can be suspended and
unsuspended; a rejected one goes back to REVIEW when the CSP resubmits it to that MNO.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from tendlc.core.catalog.registry import MNOS
from tendlc.core.errors import OperationDeclined
from tendlc.core.events import EventType
from tendlc.core.model import CoreModel


class OperationStatus(StrEnum):
    REVIEW = "REVIEW"
    REGISTERED = "REGISTERED"
    REJECTED = "REJECTED"
    SUSPENDED = "SUSPENDED"


class ReviewAction(StrEnum):
    APPROVE = "approve"
    REJECT = "reject"
    SUSPEND = "suspend"
    UNSUSPEND = "unsuspend"
    RESUBMIT = "resubmit"


TRANSITIONS: dict[tuple[OperationStatus, ReviewAction], OperationStatus] = {
    (OperationStatus.REVIEW, ReviewAction.APPROVE): OperationStatus.REGISTERED,
    (OperationStatus.REVIEW, ReviewAction.REJECT): OperationStatus.REJECTED,
    (OperationStatus.REGISTERED, ReviewAction.SUSPEND): OperationStatus.SUSPENDED,
    (OperationStatus.SUSPENDED, ReviewAction.UNSUSPEND): OperationStatus.REGISTERED,
    (OperationStatus.REJECTED, ReviewAction.RESUBMIT): OperationStatus.REVIEW,
}

# The webhook each transition sends (v2 says REGISTERED, the webhook still says APPROVED).
EVENT_OF: dict[ReviewAction, EventType] = {
    ReviewAction.APPROVE: EventType.MNO_CAMPAIGN_OPERATION_APPROVED,
    ReviewAction.REJECT: EventType.MNO_CAMPAIGN_OPERATION_REJECTED,
    ReviewAction.SUSPEND: EventType.MNO_CAMPAIGN_OPERATION_SUSPENDED,
    ReviewAction.UNSUSPEND: EventType.MNO_CAMPAIGN_OPERATION_UNSUSPENDED,
    ReviewAction.RESUBMIT: EventType.MNO_CAMPAIGN_OPERATION_REVIEW,
}

# Actions that need a reason a person can act on.
NEEDS_REASON: frozenset[ReviewAction] = frozenset({ReviewAction.REJECT, ReviewAction.SUSPEND})


def mno_name(mno_id: int) -> str:
    return MNOS[mno_id][0] if mno_id in MNOS else str(mno_id)


class MnoReview(CoreModel):
    """The review of one campaign by one MNO. ``reason`` explains the last rejection or suspension."""

    campaign_id: str
    mno_id: int
    dca_id: str
    status: OperationStatus
    opened_at: datetime
    status_date: datetime
    reason: str | None = None
    decided_by: str | None = None
    version: int = 1

    @property
    def mno_name(self) -> str:
        return mno_name(self.mno_id)


def next_operation_status(review: MnoReview, action: ReviewAction) -> OperationStatus:
    """The status after ``action``, or 592 naming what is possible from the present status."""
    try:
        return TRANSITIONS[(review.status, action)]
    except KeyError:
        allowed = sorted(a.value for (s, a) in TRANSITIONS if s is review.status)
        raise OperationDeclined(
            f"{review.mno_name} cannot {action.value} campaign {review.campaign_id}: its status is "
            f"{review.status.value}" + (f" (possible: {', '.join(allowed)})" if allowed else ""),
            ["action"]) from None
