"""The retry policy: TCR's schedule for HTTP failures, linear retries for network errors, Retry-After."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from tendlc.webhooks.retry import TCR_SCHEDULE, Outcome, RetryPolicy, decide, parse_retry_after

NOW = datetime(2026, 1, 1, tzinfo=UTC)
POLICY = RetryPolicy()


@pytest.mark.parametrize("code", [200, 201, 204, 299, 301, 302, 399])
def test_2xx_and_3xx_are_delivered(code):
    d = decide(POLICY, Outcome(status_code=code), 3, 2, NOW)
    assert d.status == "succeeded" and d.next_attempt_at is None


def test_tcr_schedule_13_retries_then_fail():
    assert TCR_SCHEDULE == (61, 76, 141, 361, 685, 1356, 2461, 4156, 6621, 10060, 14701, 20796, 28621)
    assert 24 * 3600 < sum(TCR_SCHEDULE) < 26 * 3600  # "about 25 hours"
    failures, at, delays = 0, NOW, []
    for _ in range(13):
        d = decide(POLICY, Outcome(status_code=500), failures, 0, at)
        assert d.status == "pending"
        delays.append((d.next_attempt_at - at).total_seconds())
        failures, at = d.http_failures, d.next_attempt_at
    assert tuple(delays) == TCR_SCHEDULE
    last = decide(POLICY, Outcome(status_code=404), failures, 0, at)
    assert last.status == "failed" and last.next_attempt_at is None and last.http_failures == 14


def test_scale_shortens_the_schedule():
    d = decide(RetryPolicy(scale=0.01), Outcome(status_code=503), 0, 0, NOW)
    assert d.next_attempt_at == NOW + timedelta(seconds=0.61)


def test_network_errors_retry_linearly_without_expiry():
    delays = []
    failures = 0
    for _ in range(100):
        d = decide(POLICY, Outcome(error="connection refused"), 0, failures, NOW)
        assert d.status == "pending"
        delays.append((d.next_attempt_at - NOW).total_seconds())
        failures = d.network_failures
    assert delays[:3] == [60, 120, 180]
    assert max(delays) == 3600 and delays[-1] == 3600
    assert d.http_failures == 0


def test_network_errors_do_not_use_the_http_budget():
    d = decide(POLICY, Outcome(error="timeout"), 13, 0, NOW)
    assert d.status == "pending" and d.http_failures == 13


def test_retry_after_replaces_the_scheduled_delay():
    later = decide(POLICY, Outcome(status_code=429, retry_after=600), 0, 0, NOW)
    assert later.next_attempt_at == NOW + timedelta(seconds=600) and later.http_failures == 1
    sooner = decide(POLICY, Outcome(status_code=503, retry_after=5), 0, 0, NOW)
    assert sooner.next_attempt_at == NOW + timedelta(seconds=5)
    capped = decide(POLICY, Outcome(status_code=503, retry_after=10**9), 0, 0, NOW)
    assert capped.next_attempt_at == NOW + timedelta(days=1)
    unscaled = decide(RetryPolicy(scale=0.01), Outcome(status_code=429, retry_after=30), 0, 0, NOW)
    assert unscaled.next_attempt_at == NOW + timedelta(seconds=30)
    # Retry-After does not extend the budget.
    assert decide(POLICY, Outcome(status_code=503, retry_after=5), 13, 0, NOW).status == "failed"


def test_parse_retry_after():
    assert parse_retry_after("120", NOW) == 120
    assert parse_retry_after(" 0 ", NOW) == 0
    assert parse_retry_after("Thu, 01 Jan 2026 00:05:00 GMT", NOW) == 300
    assert parse_retry_after("Wed, 31 Dec 2025 23:00:00 GMT", NOW) == 0  # in the past: now
    assert parse_retry_after("soon", NOW) is None
    assert parse_retry_after(None, NOW) is None
    assert parse_retry_after("-5", NOW) is None
