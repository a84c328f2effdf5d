"""Tables of number assignment (on the shared ``metadata``): bulk assignment tasks and their items, the
nnSR provisioning record of each campaign's numbers, and the sandbox's forced provisioning failures.

A task keeps its item counts by status (``pending`` … ``failed``) so that its status is read without
counting 100,000 rows; a worker holds a task through ``claim_token`` until ``lease_until``.
"""

from __future__ import annotations

from sqlalchemy import Boolean, Column, DateTime, ForeignKey, Index, Integer, String, Table, UniqueConstraint

from tendlc.db.tables import metadata

number_tasks = Table(
    "number_tasks", metadata,
    Column("task_id", String(26), primary_key=True),
    Column("cnp_id", String(7), ForeignKey("accounts.cnp_id"), nullable=False),
    Column("project_id", String(26)),
    Column("campaign_id", String(10), nullable=False),
    Column("messaging_profile_id", String(26)),
    Column("source", String(8), nullable=False),
    Column("idempotency_key", String(255)),
    Column("fingerprint", String(64), nullable=False),
    Column("status", String(12), nullable=False),
    Column("pending", Integer, nullable=False),
    Column("waiting", Integer, nullable=False),
    Column("assigned", Integer, nullable=False),
    Column("failed", Integer, nullable=False),
    Column("started", Boolean, nullable=False),
    Column("created_at", DateTime, nullable=False),
    Column("updated_at", DateTime, nullable=False),
    Column("claim_token", String(32)),
    Column("lease_until", DateTime),
    UniqueConstraint("cnp_id", "idempotency_key", name="uq_number_tasks_idempotency"),
    Index("ix_number_tasks_status_created", "status", "created_at"),
    Index("ix_number_tasks_campaign_status", "campaign_id", "status"),
)

number_task_items = Table(
    "number_task_items", metadata,
    Column("task_id", String(26), ForeignKey("number_tasks.task_id"), primary_key=True),
    Column("e164", String(16), primary_key=True),
    Column("seq", Integer, nullable=False),  # 1, 2, … in number order: a page is a range, whatever its number
    Column("status", String(8), nullable=False),
    Column("reason", String(600)),
    Index("ix_number_task_items_status", "task_id", "status", "e164"),
    Index("ix_number_task_items_seq", "task_id", "seq"),
)

number_provisioning = Table(
    "number_provisioning", metadata,
    Column("campaign_id", String(10), primary_key=True),
    Column("e164", String(16), primary_key=True),
    Column("nnid", String(7), nullable=False),
    Column("provisioned_at", DateTime, nullable=False),
    Column("released_at", DateTime),
)

forced_number_failures = Table(
    "forced_number_failures", metadata,
    Column("e164", String(16), primary_key=True),
    Column("reason", String(512), nullable=False),
    Column("created_at", DateTime, nullable=False),
)
