"""Fingerprints of each campaign's description and samples (``core/compliance/fingerprint.py``), indexed
so that the registry-wide reuse checks of the lint are index lookups."""

from __future__ import annotations

from sqlalchemy import Column, ForeignKey, Index, String, Table

from tendlc.db.tables import metadata

campaign_texts = Table(
    "campaign_texts", metadata,
    Column("campaign_id", String(10), ForeignKey("campaigns.campaign_id", ondelete="CASCADE"), primary_key=True),
    Column("kind", String(12), primary_key=True),  # description | sample
    Column("fingerprint", String(32), primary_key=True),
    Index("ix_campaign_texts_fingerprint", "kind", "fingerprint"),
)
