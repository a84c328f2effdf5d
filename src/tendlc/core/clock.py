"""The clock port. Time is injected so tests and the sandbox can move it."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    def now(self) -> datetime:
        """The current instant, timezone-aware UTC."""
        ...


class SystemClock:
    """Wall-clock time."""

    def now(self) -> datetime:
        return datetime.now(UTC)


class ManualClock:
    """A clock that only moves when told to (tests, sandbox)."""

    def __init__(self, start: datetime | None = None) -> None:
        self._now = start or datetime(2026, 1, 1, tzinfo=UTC)

    def now(self) -> datetime:
        return self._now

    def advance(self, delta: timedelta) -> None:
        self._now = self._now + delta

    def set(self, instant: datetime) -> None:
        self._now = instant


class ShiftedClock:
    """The sandbox clock: ``base`` moved forward by an offset that is kept in the database, so the server,
    its workers and ``tendlc worker`` processes agree on the time. The offset is read through ``load`` at
    most every ``ttl`` seconds; :meth:`shift` applies a new offset in this process at once."""

    def __init__(self, load: Callable[[], timedelta], base: Clock | None = None, ttl: float = 1.0,
                 monotonic: Callable[[], float] = time.monotonic) -> None:
        self.base: Clock = base or SystemClock()
        self._load = load
        self._ttl = ttl
        self._monotonic = monotonic
        self._offset: timedelta | None = None
        self._loaded_at = 0.0

    @property
    def offset(self) -> timedelta:
        if self._offset is None or self._monotonic() - self._loaded_at >= self._ttl:
            self._offset = self._load()
            self._loaded_at = self._monotonic()
        return self._offset

    def shift(self, offset: timedelta) -> None:
        self._offset = offset
        self._loaded_at = self._monotonic()

    def now(self) -> datetime:
        return self.base.now() + self.offset
