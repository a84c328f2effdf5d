"""Provider registrations: one row per submission of a project (the document is the source of truth; the
columns serve the lists, the review worker and ``fetchByTcrCampaignId``)."""

from __future__ import annotations

from sqlalchemy import JSON, Boolean, Column, DateTime, ForeignKey, Index, Integer, String, Table

from tendlc.db.tables import metadata

registrations = Table(
    "provider_registrations", metadata,
    Column("registration_id", String(26), primary_key=True),
    Column("cnp_id", String(7), ForeignKey("accounts.cnp_id"), nullable=False),
    Column("project_id", String(26), nullable=False),
    Column("status", String(20), nullable=False),
    Column("campaign_id", String(10), nullable=True),
    Column("brand_id", String(10), nullable=False),
    Column("usecase", String(50), nullable=False),
    Column("mock", Boolean, nullable=False),
    Column("created_at", DateTime, nullable=False),
    Column("doc", JSON, nullable=False),
    Column("version", Integer, nullable=False),
    Index("ix_provider_registrations_cnp_project", "cnp_id", "project_id", "created_at"),
    Index("ix_provider_registrations_status", "status", "created_at"),
    Index("ix_provider_registrations_campaign", "campaign_id"),
)
