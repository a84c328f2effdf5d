"""What carrier review needs from storage (``db/reviews_repo.py`` implements it)."""

from __future__ import annotations

from typing import Protocol

from tendlc.core.carriers.review import MnoReview


class ReviewRepository(Protocol):
    def for_campaign(self, campaign_id: str) -> list[MnoReview]:
        """The campaign's reviews, by MNO id."""
        ...

    def get(self, campaign_id: str, mno_id: int) -> MnoReview | None: ...
    def add(self, review: MnoReview) -> None: ...

    def save(self, review: MnoReview) -> MnoReview:
        """Store a changed review whose ``version`` is the one read; return it with the next version.
        Raises ConcurrentUpdate when somebody else saved it first."""
        ...

    def remove(self, campaign_id: str, mno_id: int) -> None: ...

    def in_review(self, limit: int) -> list[MnoReview]:
        """Reviews waiting for a decision (status REVIEW), oldest first."""
        ...
