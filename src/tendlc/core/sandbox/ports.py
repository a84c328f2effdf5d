"""What the sandbox needs from storage (``db/sandbox_repo.py`` implements it)."""

from __future__ import annotations

from typing import Any, Protocol

from tendlc.core.sandbox.model import OperatorKey


class SandboxRepository(Protocol):
    def add_operator_key(self, key: OperatorKey) -> None: ...
    def get_operator_key(self, key_id: str) -> OperatorKey | None: ...

    def get_setting(self, name: str) -> Any | None:
        """A sandbox setting (JSON value) or None when never set."""
        ...

    def put_setting(self, name: str, value: Any) -> None: ...

    def wipe(self) -> int:
        """Delete all data but the operator's keys (a sandbox reset); returns the rows deleted."""
        ...
