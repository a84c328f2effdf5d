"""Running counts of campaigns per CSP and search group (on the shared ``metadata``); see campaign_counts.py."""

from __future__ import annotations

from sqlalchemy import Boolean, Column, Integer, String, Table

from tendlc.db.tables import metadata

campaign_counts = Table(
    "campaign_counts", metadata,
    Column("csp_id", String(7), primary_key=True),
    Column("tag", String(50), primary_key=True),  # "" counts every campaign; a tag name counts those tagged
    Column("group_key", String(255), primary_key=True),  # the group's values below, as one string
    Column("mock", Boolean, nullable=False),
    Column("status", String(10), nullable=False),
    Column("usecase", String(50), nullable=False),
    Column("vertical", String(20)),
    Column("brand_id", String(8), nullable=False),
    Column("reseller_id", String(8), nullable=False),
    Column("auto_renewal", Boolean, nullable=False),
    Column("upstream_cnp_id", String(7)),
    Column("n", Integer, nullable=False),
)
