"""Per-account rate limits (TCR defaults: 20 reads a second, 20 writes per 10 seconds)."""

from __future__ import annotations

import math
import threading
import time
from dataclasses import dataclass


@dataclass
class _Bucket:
    tokens: float
    updated: float


class TokenBuckets:
    """One token bucket per key: ``capacity`` requests, refilled over ``period`` seconds."""

    def __init__(self, capacity: int, period: float) -> None:
        self.capacity = capacity
        self.rate = capacity / period
        self._buckets: dict[str, _Bucket] = {}
        self._lock = threading.Lock()

    def take(self, key: str, now: float | None = None) -> float:
        """Take one token; returns 0 if allowed, else the seconds to wait before retrying."""
        now = time.monotonic() if now is None else now
        with self._lock:
            bucket = self._buckets.get(key) or _Bucket(float(self.capacity), now)
            bucket.tokens = min(self.capacity, bucket.tokens + (now - bucket.updated) * self.rate)
            bucket.updated = now
            self._buckets[key] = bucket
            if bucket.tokens >= 1:
                bucket.tokens -= 1
                return 0.0
            return (1 - bucket.tokens) / self.rate


class RateLimiter:
    def __init__(self, reads_per_second: int, writes_per_10_seconds: int) -> None:
        self.reads = TokenBuckets(reads_per_second, 1.0)
        self.writes = TokenBuckets(writes_per_10_seconds, 10.0)

    def check(self, account: str, method: str) -> int:
        """0 when the request may go ahead, else the whole seconds for ``Retry-After``."""
        buckets = self.reads if method in ("GET", "HEAD", "OPTIONS") else self.writes
        wait = buckets.take(account)
        return math.ceil(wait) if wait > 0 else 0
