"""Sandbox entities: the operator's keys."""

from __future__ import annotations

from datetime import datetime

from tendlc.core.model import CoreModel


class OperatorKey(CoreModel):
    """A key of the sandbox operator (not of any account): key id and the SHA-256 of its secret."""

    key_id: str
    secret_hash: str
    label: str = ""
    created_at: datetime
    revoked_at: datetime | None = None

    @property
    def active(self) -> bool:
        return self.revoked_at is None
