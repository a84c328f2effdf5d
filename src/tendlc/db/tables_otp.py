"""The SMS OTP request table (on the shared ``metadata``): a request is a JSON document (with the PIN's salted
hash, never the PIN) plus the columns the brand's lookups filter and sort on."""

from __future__ import annotations

from sqlalchemy import Column, DateTime, ForeignKey, Index, Integer, String, Table

from tendlc.db.tables import Doc, metadata

otp_requests = Table(
    "otp_requests", metadata,
    Column("reference_id", String(16), primary_key=True),
    Column("brand_id", String(8), ForeignKey("brands.brand_id"), nullable=False),
    Column("csp_id", String(7), nullable=False),
    Column("status", String(10), nullable=False),
    Column("request_date", DateTime, nullable=False),
    Column("version", Integer, nullable=False),
    Column("doc", Doc, nullable=False),
    Index("ix_otp_requests_brand", "brand_id", "request_date"),
)
