"""Carrier reviews: one row per campaign and MNO (the document is the source of truth; ``status`` and
``status_date`` let the review worker find what waits for a decision)."""

from __future__ import annotations

from sqlalchemy import JSON, Column, DateTime, ForeignKey, Index, Integer, String, Table

from tendlc.db.tables import metadata

mno_reviews = Table(
    "mno_reviews", metadata,
    Column("campaign_id", String(10), ForeignKey("campaigns.campaign_id"), primary_key=True),
    Column("mno_id", Integer, primary_key=True),
    Column("dca_id", String(7), nullable=False),
    Column("status", String(12), nullable=False),
    Column("status_date", DateTime, nullable=False),
    Column("doc", JSON, nullable=False),
    Column("version", Integer, nullable=False),
    Index("ix_mno_reviews_status_date", "status", "status_date"),
)
