"""Tables of the connectivity chain: sharing links and CNP migrations (on the shared ``metadata``).

A link is a JSON document plus the columns that chains and partner lists filter on. At most one
current link per (campaign, chain, hop) and one open migration per campaign, enforced by partial
unique indexes so that concurrent requests cannot fork a chain.
"""

from __future__ import annotations

from sqlalchemy import Boolean, Column, DateTime, ForeignKey, Index, Integer, String, Table, text

from tendlc.db.tables import Doc, metadata

sharing_links = Table(
    "sharing_links", metadata,
    Column("link_id", String(26), primary_key=True),
    Column("campaign_id", String(10), ForeignKey("campaigns.campaign_id"), nullable=False),
    Column("cnp_migration", Boolean, nullable=False),
    Column("hop", Integer, nullable=False),
    Column("is_current", Boolean, nullable=False),
    Column("downstream_cnp_id", String(7), nullable=False),
    Column("upstream_cnp_id", String(7), nullable=False),
    Column("sharing_status", String(10), nullable=False),
    Column("shared_date", DateTime, nullable=False),
    Column("status_date", DateTime, nullable=False),
    Column("version", Integer, nullable=False),
    Column("doc", Doc, nullable=False),
    Index("ix_sharing_links_campaign", "campaign_id", "cnp_migration", "is_current", "hop"),
    Index("ix_sharing_links_upstream", "upstream_cnp_id", "is_current", "cnp_migration", "shared_date"),
    Index("ix_sharing_links_downstream", "downstream_cnp_id", "is_current", "cnp_migration", "shared_date"),
    Index("uq_sharing_links_current_hop", "campaign_id", "cnp_migration", "hop", unique=True,
          sqlite_where=text("is_current"), postgresql_where=text("is_current")),
)

cnp_migrations = Table(
    "cnp_migrations", metadata,
    Column("migration_id", String(26), primary_key=True),
    Column("campaign_id", String(10), ForeignKey("campaigns.campaign_id"), nullable=False),
    Column("status", String(10), nullable=False),
    Column("create_date", DateTime, nullable=False),
    Column("expiration_date", DateTime, nullable=False),
    Column("version", Integer, nullable=False),
    Column("doc", Doc, nullable=False),
    Index("ix_cnp_migrations_campaign", "campaign_id", "create_date"),
    Index("uq_cnp_migrations_open", "campaign_id", unique=True,
          sqlite_where=text("status = 'ACTIVE'"), postgresql_where=text("status = 'ACTIVE'")),
)
