"""Carrier reviews (``core/carriers/ports.ReviewRepository``)."""

from __future__ import annotations

from sqlalchemy import Connection, delete, insert, select, update

from tendlc.core.carriers.review import MnoReview, OperationStatus
from tendlc.core.errors import ConcurrentUpdate
from tendlc.db.convert import naive_utc
from tendlc.db.tables_reviews import mno_reviews


class SqlReviews:
    def __init__(self, conn: Connection) -> None:
        self._conn = conn

    def for_campaign(self, campaign_id: str) -> list[MnoReview]:
        rows = self._conn.execute(select(mno_reviews.c.doc).where(mno_reviews.c.campaign_id == campaign_id)
                                  .order_by(mno_reviews.c.mno_id))
        return [MnoReview.model_validate(doc) for (doc,) in rows]

    def get(self, campaign_id: str, mno_id: int) -> MnoReview | None:
        doc = self._conn.execute(select(mno_reviews.c.doc).where(
            mno_reviews.c.campaign_id == campaign_id, mno_reviews.c.mno_id == mno_id)).scalar()
        return MnoReview.model_validate(doc) if doc is not None else None

    def add(self, review: MnoReview) -> None:
        self._conn.execute(insert(mno_reviews).values(
            campaign_id=review.campaign_id, mno_id=review.mno_id, dca_id=review.dca_id, status=review.status.value,
            status_date=naive_utc(review.status_date), doc=review.model_dump(mode="json"), version=review.version))

    def save(self, review: MnoReview) -> MnoReview:
        saved = review.model_copy(update={"version": review.version + 1})
        done = self._conn.execute(update(mno_reviews).where(
            mno_reviews.c.campaign_id == review.campaign_id, mno_reviews.c.mno_id == review.mno_id,
            mno_reviews.c.version == review.version,
        ).values(dca_id=saved.dca_id, status=saved.status.value, status_date=naive_utc(saved.status_date),
                 doc=saved.model_dump(mode="json"), version=saved.version))
        if done.rowcount != 1:
            raise ConcurrentUpdate(f"the review of campaign {review.campaign_id} by MNO {review.mno_id} changed "
                                   "meanwhile; read it again and retry", ["mnoId"])
        return saved

    def remove(self, campaign_id: str, mno_id: int) -> None:
        self._conn.execute(delete(mno_reviews).where(mno_reviews.c.campaign_id == campaign_id,
                                                     mno_reviews.c.mno_id == mno_id))

    def in_review(self, limit: int) -> list[MnoReview]:
        rows = self._conn.execute(select(mno_reviews.c.doc).where(mno_reviews.c.status == OperationStatus.REVIEW.value)
                                  .order_by(mno_reviews.c.status_date).limit(limit))
        return [MnoReview.model_validate(doc) for (doc,) in rows]
