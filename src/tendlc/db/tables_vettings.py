"""The external vetting table (on the shared ``metadata``).

A vet is a JSON document plus the columns its lists and the worker filter on. A provider's report
(``evp_id``, ``vetting_id``) belongs to one brand at most: a unique constraint makes a concurrent import
of one report into two brands fail rather than link it twice.
"""

from __future__ import annotations

from sqlalchemy import Column, DateTime, ForeignKey, Index, Integer, String, Table, UniqueConstraint

from tendlc.db.tables import Doc, metadata

vettings = Table(
    "vettings", metadata,
    Column("record_id", String(26), primary_key=True),
    Column("brand_id", String(8), ForeignKey("brands.brand_id"), nullable=False),
    Column("csp_id", String(7), nullable=False),
    Column("evp_id", String(10), nullable=False),
    Column("vetting_id", String(255), nullable=False),
    Column("vetting_class", String(20), nullable=False),
    Column("vetting_status", String(10), nullable=False),
    Column("create_date", DateTime, nullable=False),
    Column("due_at", DateTime, nullable=True),
    Column("version", Integer, nullable=False),
    Column("doc", Doc, nullable=False),
    UniqueConstraint("evp_id", "vetting_id", name="uq_vettings_evp_vetting"),
    Index("ix_vettings_brand", "brand_id", "create_date"),
    Index("ix_vettings_due", "due_at"),
)
