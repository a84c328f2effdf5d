"""Conversions between core values and column values."""

from __future__ import annotations

from datetime import UTC, datetime


def naive_utc(at: datetime | None) -> datetime | None:
    """Columns hold naive UTC (portable across SQLite and PostgreSQL)."""
    if at is None:
        return None
    return at.astimezone(UTC).replace(tzinfo=None) if at.tzinfo else at


def aware(at: datetime | None) -> datetime | None:
    if at is None:
        return None
    return at.replace(tzinfo=UTC) if at.tzinfo is None else at


def reference_key(reference_id: str | None) -> str | None:
    """referenceIds are unique per CSP, case-insensitively."""
    return reference_id.lower() if reference_id else None
