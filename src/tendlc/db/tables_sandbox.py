"""Sandbox tables: operator keys and sandbox settings (the clock offset, review policies)."""

from __future__ import annotations

from sqlalchemy import JSON, Column, DateTime, String, Table

from tendlc.db.tables import metadata

operator_keys = Table(
    "operator_keys", metadata,
    Column("key_id", String(64), primary_key=True),
    Column("secret_hash", String(64), nullable=False),
    Column("label", String(100), nullable=False, default=""),
    Column("created_at", DateTime, nullable=False),
    Column("revoked_at", DateTime, nullable=True),
)

sandbox_settings = Table(
    "sandbox_settings", metadata,
    Column("name", String(100), primary_key=True),
    Column("value", JSON, nullable=False),
    Column("updated_at", DateTime, nullable=False),
)
