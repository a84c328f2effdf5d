"""What readiness, the traffic gate and the customer view need from storage (``db/readiness_repo.py``)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from tendlc.core.readiness.model import NumberTally


@dataclass(frozen=True)
class CustomerScope:
    """Whose campaigns a customer view lists: a project's (registered for it, or shared with the account by
    a CSP associated with it), or — ``project_id`` None — every campaign the account owns or was shared."""

    cnp_id: str
    project_id: str | None = None


class ReadinessRepository(Protocol):
    def tallies_of(self, campaign_ids: Sequence[str], *, listing: int | None = None) -> dict[str, NumberTally]:
        """How many numbers are ASSIGNED, PENDING_ASSIGNMENT and FAILED_ASSIGNMENT on each of the campaigns
        (none: no entry), whoever holds them, and the ASSIGNED ones in number order: all of them, or the
        first ``listing`` (0: none)."""
        ...

    def usage(self, kind: str, subject: str, window_start: datetime) -> int:
        """How many messages were counted for ``subject`` in the window of ``kind`` starting then."""
        ...

    def add_usage(self, kind: str, subject: str, window_start: datetime, n: int, at: datetime,
                  limit: int | None) -> int | None:
        """Add ``n`` to the window's count (``at`` is the window's latest send when ``n`` > 0) and return the
        new count; when that would exceed ``limit``, change nothing and return None. Atomic against
        concurrent callers."""
        ...

    def forget_before(self, kind: str, subject: str, before: datetime) -> None:
        """Drop ``subject``'s windows of ``kind`` that started before ``before``."""
        ...

    def sent_times(self, campaign_ids: Sequence[str]) -> dict[str, datetime]:
        """When each campaign last sent (recorded preflights), for those that ever did."""
        ...

    def daily_counts(self, campaign_ids: Sequence[str], since: datetime) -> dict[str, list[int]]:
        """Each campaign's messages per day for the days since ``since`` on which it sent."""
        ...

    def scope_campaigns(self, scope: CustomerScope, campaign_ids: Sequence[str], brand_ids: Sequence[str],
                        after: str | None, limit: int) -> list[str]:
        """Ids of the scope's campaigns (of these ids / brands when given), after ``after``, in id order."""
        ...

    def scope_brands(self, scope: CustomerScope, brand_ids: Sequence[str], after: str | None,
                     limit: int) -> list[str]:
        """Ids of the brands of the scope's campaigns (of these when given), after ``after``, in id order."""
        ...
