"""Tables of projects (a provider's customers) and the number inventory (on the shared ``metadata``).

Projects, messaging profiles and numbers are JSON documents plus the columns lists filter on. The CSP
ids associated with projects have their own table so that one CSP id maps to at most one project of an
account (primary key), and campaigns registered for a project are recorded by campaign id.
"""

from __future__ import annotations

from sqlalchemy import Column, DateTime, ForeignKey, Index, Integer, String, Table

from tendlc.db.tables import Doc, metadata

projects = Table(
    "projects", metadata,
    Column("project_id", String(26), primary_key=True),
    Column("cnp_id", String(7), ForeignKey("accounts.cnp_id"), nullable=False),
    Column("status", String(10), nullable=False),
    Column("created_at", DateTime, nullable=False),
    Column("version", Integer, nullable=False),
    Column("doc", Doc, nullable=False),
    Index("ix_projects_cnp_status_created", "cnp_id", "status", "created_at", "project_id"),
)

project_csp_ids = Table(
    "project_csp_ids", metadata,
    Column("cnp_id", String(7), primary_key=True),
    Column("csp_id", String(7), primary_key=True),
    Column("project_id", String(26), ForeignKey("projects.project_id"), nullable=False, index=True),
)

project_campaigns = Table(
    "project_campaigns", metadata,
    Column("campaign_id", String(10), ForeignKey("campaigns.campaign_id"), primary_key=True),
    Column("cnp_id", String(7), nullable=False),
    Column("project_id", String(26), ForeignKey("projects.project_id"), nullable=False),
    Column("attributed_at", DateTime, nullable=False),
    Index("ix_project_campaigns_project", "project_id", "attributed_at"),
)

messaging_profiles = Table(
    "messaging_profiles", metadata,
    Column("profile_id", String(26), primary_key=True),
    Column("cnp_id", String(7), ForeignKey("accounts.cnp_id"), nullable=False),
    Column("project_id", String(26), ForeignKey("projects.project_id")),
    Column("created_at", DateTime, nullable=False),
    Column("version", Integer, nullable=False),
    Column("doc", Doc, nullable=False),
    Index("ix_messaging_profiles_cnp_project", "cnp_id", "project_id", "created_at"),
)

phone_numbers = Table(
    "phone_numbers", metadata,
    Column("e164", String(16), primary_key=True),
    Column("cnp_id", String(7), ForeignKey("accounts.cnp_id"), nullable=False),
    Column("project_id", String(26), ForeignKey("projects.project_id")),
    Column("messaging_profile_id", String(26), ForeignKey("messaging_profiles.profile_id")),
    Column("campaign_id", String(10)),
    Column("assignment_status", String(24)),
    Column("version", Integer, nullable=False),
    Column("doc", Doc, nullable=False),
    # Assignment (migration assign_0001): these columns, with campaign_id, assignment_status and version, are
    # the source of truth for the number's assignment; bulk jobs change them without rewriting the document.
    Column("failure_reason", String(600)),
    Column("assignment_changed_at", DateTime),
    Index("ix_phone_numbers_cnp_project", "cnp_id", "project_id", "e164"),
    Index("ix_phone_numbers_profile", "messaging_profile_id", "e164"),
    Index("ix_phone_numbers_campaign", "campaign_id", "e164"),
    Index("ix_phone_numbers_campaign_status", "campaign_id", "assignment_status", "e164"),
    Index("ix_phone_numbers_status_campaign", "assignment_status", "campaign_id"),
)
