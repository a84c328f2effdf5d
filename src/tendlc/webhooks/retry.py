"""When to try a webhook delivery again. Pure: outcome + counters + now → decision.

- 2xx/3xx: delivered (TCR treats 3xx as delivered; redirects are never followed).
- 4xx/5xx: TCR's back-off, 13 retries (61 s … 28621 s, about 25 hours), then the delivery fails. A
  ``Retry-After`` on the answer replaces the scheduled delay (bounded to a day).
- network error or timeout: a linear retry (60 s, 120 s, … capped at an hour) that never expires.
``scale`` multiplies the scheduled delays (tests and benchmarks shorten them); ``Retry-After`` is not
scaled: it is what the receiver asked for.
"""

from __future__ import annotations

import email.utils
from dataclasses import dataclass
from datetime import datetime, timedelta

TCR_SCHEDULE: tuple[float, ...] = (61, 76, 141, 361, 685, 1356, 2461, 4156, 6621, 10060, 14701, 20796, 28621)


@dataclass(frozen=True)
class Outcome:
    """What one attempt got: an HTTP status (with its Retry-After, in seconds) or a network error."""

    status_code: int | None = None
    error: str | None = None
    retry_after: float | None = None

    @property
    def delivered(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 400


@dataclass(frozen=True)
class RetryPolicy:
    schedule: tuple[float, ...] = TCR_SCHEDULE
    scale: float = 1.0
    network_step: float = 60.0
    network_cap: float = 3600.0
    retry_after_cap: float = 86400.0


@dataclass(frozen=True)
class Decision:
    status: str  # "succeeded" | "pending" | "failed"
    next_attempt_at: datetime | None
    http_failures: int
    network_failures: int


def decide(policy: RetryPolicy, outcome: Outcome, http_failures: int, network_failures: int,
           now: datetime) -> Decision:
    """The delivery's state after an attempt with ``outcome``, given the failures before it."""
    if outcome.delivered:
        return Decision("succeeded", None, http_failures, network_failures)
    if outcome.status_code is None:
        failures = network_failures + 1
        delay = min(policy.network_step * failures, policy.network_cap) * policy.scale
        return Decision("pending", now + timedelta(seconds=delay), http_failures, failures)
    failures = http_failures + 1
    if failures > len(policy.schedule):
        return Decision("failed", None, failures, network_failures)
    if outcome.retry_after is not None:
        delay = min(max(outcome.retry_after, 0.0), policy.retry_after_cap)
    else:
        delay = policy.schedule[failures - 1] * policy.scale
    return Decision("pending", now + timedelta(seconds=delay), failures, network_failures)


def parse_retry_after(value: str | None, now: datetime) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (delta-seconds or an HTTP date), or None."""
    if value is None:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        return None
    return max((when - now).total_seconds(), 0.0)
