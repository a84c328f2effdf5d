"""Moving the sandbox clock. Time only goes forward: billing, renewals and reviews already decided
stay decided, and the scheduler catches up on everything that fell due in the skipped interval."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from tendlc.core.clock import ShiftedClock
from tendlc.core.errors import FieldProblem, InvalidInput
from tendlc.core.ports import UnitOfWork

CLOCK_OFFSET = "clock_offset_seconds"
MAX_ADVANCE = timedelta(days=3660)
_UNITS = {"w": 604_800, "d": 86_400, "h": 3_600, "m": 60, "s": 1}
_DURATION = re.compile(r"(\d+)\s*(w|d|h|m|s)")


def parse_duration(text: str, field: str = "by") -> timedelta:
    """``30d``, ``12h``, ``1w2d``, ``90m``, ``45s`` (units w, d, h, m, s) → a positive timedelta."""
    compact = text.strip().lower().replace(" ", "")
    if not compact or _DURATION.sub("", compact):
        raise InvalidInput.of([FieldProblem(field, f"{text!r} is not a duration: use e.g. 30d, 12h, 1w2d, 90m")])
    seconds = sum(int(n) * _UNITS[u] for n, u in _DURATION.findall(compact))
    if seconds <= 0:
        raise InvalidInput.of([FieldProblem(field, "the duration must be greater than zero")])
    if seconds > MAX_ADVANCE.total_seconds():
        raise InvalidInput.of([FieldProblem(field, "the clock moves at most 3660 days at a time")])
    return timedelta(seconds=seconds)


@dataclass(frozen=True)
class ClockState:
    now: datetime
    offset: timedelta

    def as_json(self) -> dict[str, object]:
        return {"now": self.now.isoformat().replace("+00:00", "Z"), "offsetSeconds": int(self.offset.total_seconds())}


def stored_offset(uow: UnitOfWork) -> timedelta:
    value = uow.sandbox.get_setting(CLOCK_OFFSET)
    return timedelta(seconds=float(value)) if value is not None else timedelta(0)


def read(uow: UnitOfWork, clock: ShiftedClock) -> ClockState:
    offset = stored_offset(uow)
    clock.shift(offset)
    return ClockState(clock.now(), offset)


def _store(uow: UnitOfWork, clock: ShiftedClock, offset: timedelta) -> ClockState:
    uow.sandbox.put_setting(CLOCK_OFFSET, offset.total_seconds())
    clock.shift(offset)
    return ClockState(clock.now(), offset)


def advance(uow: UnitOfWork, clock: ShiftedClock, by: timedelta) -> ClockState:
    """Move the clock forward by ``by``."""
    if by <= timedelta(0):
        raise InvalidInput.of([FieldProblem("by", "the clock only moves forward")])
    return _store(uow, clock, stored_offset(uow) + by)


def set_to(uow: UnitOfWork, clock: ShiftedClock, instant: datetime) -> ClockState:
    """Move the clock forward to ``instant`` (an earlier instant is refused: time does not go back)."""
    if instant.tzinfo is None:
        raise InvalidInput.of([FieldProblem("now", "give a time zone, e.g. 2027-01-01T00:00:00Z")])
    offset = stored_offset(uow)
    current = clock.base.now() + offset
    if instant < current:
        raise InvalidInput.of([FieldProblem("now", f"the sandbox clock is at {current.isoformat()}; it only moves "
                                            "forward (reset the sandbox to start again)")])
    if instant - current > MAX_ADVANCE:
        raise InvalidInput.of([FieldProblem("now", "the clock moves at most 3660 days at a time")])
    return _store(uow, clock, offset + (instant - current))


def rewind(uow: UnitOfWork, clock: ShiftedClock) -> ClockState:
    """Back to real time: only a sandbox reset does this, since it also empties the data."""
    return _store(uow, clock, timedelta(0))
