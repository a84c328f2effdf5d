"""The webhook sender: claims due deliveries, POSTs them, records every attempt and schedules retries.

One pass: claim a batch under a lease (see ``db/webhook_queue.py``), send each endpoint's deliveries in
event order (endpoints in parallel, up to ``webhook_concurrency``), then record the attempts and the new
states in one transaction. Next-attempt times come from the injected clock; the Standard Webhooks
timestamp header is wall-clock time, because receivers compare it with theirs.

Within an endpoint's run, a network error or timeout stops the run: the rest of that endpoint's
deliveries are given back unattempted, due when the failed one is retried (a dead endpoint costs one
timeout per retry, not one per delivery). A run also stops before the lease could run out.
"""

from __future__ import annotations

import time
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from tendlc.bootstrap import Container
from tendlc.core.webhooks.model import DeliveryStatus, Dialect, Endpoint
from tendlc.db import webhook_queue as queue
from tendlc.db.webhook_queue import AttemptResult, ClaimedDelivery
from tendlc.webhooks.addresses import address_problem, private_allowed
from tendlc.webhooks.render import native_message_id
from tendlc.webhooks.retry import Outcome, RetryPolicy, decide, parse_retry_after
from tendlc.webhooks.sending import Poster
from tendlc.webhooks.signing import native_headers, tcr_headers, telnyx_headers, telnyx_signing_key

LEASE_MARGIN = 0.8  # a run stops starting attempts after this share of the lease


def attempt_timeout(c: Container) -> float:
    """The POST timeout, never more than half the lease (so a claim always outlives its attempt)."""
    return min(c.settings.webhook_timeout_seconds, c.settings.webhook_lease_seconds / 2)


@dataclass
class _Run:
    """What one endpoint's run produced."""

    results: list[AttemptResult] = field(default_factory=list)
    released: list[tuple[ClaimedDelivery, datetime]] = field(default_factory=list)


def headers_for(endpoint: Endpoint, delivery: ClaimedDelivery, body: bytes, now: datetime,
                telnyx_key: str = "") -> dict[str, str]:
    if endpoint.dialect is Dialect.TCR:
        headers = tcr_headers(endpoint.secret, endpoint.url, body)
    elif endpoint.dialect is Dialect.TELNYX:  # wall-clock time: receivers refuse timestamps 5 minutes off
        headers = telnyx_headers(telnyx_signing_key(telnyx_key), body, datetime.now(UTC))
    else:
        headers = native_headers(endpoint.signing_secrets(now), native_message_id(delivery.event_id),
                                 datetime.now(UTC), body)
    headers["X-Tendlc-Delivery-Id"] = delivery.id
    return headers


def _attempt(c: Container, poster: Poster, policy: RetryPolicy, endpoint: Endpoint,
             delivery: ClaimedDelivery, refused: str | None) -> AttemptResult:
    at = c.clock.now()
    if refused:  # the address is not allowed (any more): the delivery fails without being sent
        return AttemptResult(delivery=delivery, status=DeliveryStatus.FAILED.value, next_attempt_at=None,
                             http_failures=delivery.http_failures, network_failures=delivery.network_failures,
                             at=at, url=endpoint.url, duration_ms=0, error=f"not sent: the endpoint {refused}")
    body = delivery.body.encode()
    sent = poster(endpoint.url, body, headers_for(endpoint, delivery, body, at, c.telnyx_signing_seed),
                  attempt_timeout(c))
    outcome = Outcome(sent.status_code, sent.error, parse_retry_after(sent.retry_after, datetime.now(UTC)))
    d = decide(policy, outcome, delivery.http_failures, delivery.network_failures, c.clock.now())
    return AttemptResult(delivery=delivery, status=d.status, next_attempt_at=d.next_attempt_at,
                         http_failures=d.http_failures, network_failures=d.network_failures, at=at,
                         url=endpoint.url, duration_ms=sent.duration_ms, status_code=sent.status_code,
                         error=sent.error, response=sent.response)


def _run(c: Container, poster: Poster, policy: RetryPolicy, endpoint: Endpoint,
         deliveries: list[ClaimedDelivery], stop_at: float) -> _Run:
    run = _Run()
    refused = address_problem(endpoint.url, allow_private=private_allowed(c.settings))
    timeout = attempt_timeout(c)
    for index, delivery in enumerate(deliveries):
        if time.monotonic() + timeout > stop_at:
            run.released.extend((d, c.clock.now()) for d in deliveries[index:])
            break
        result = _attempt(c, poster, policy, endpoint, delivery, refused)
        run.results.append(result)
        if result.status_code is None and result.next_attempt_at is not None:  # network error: back off
            run.released.extend((d, result.next_attempt_at) for d in deliveries[index + 1:])
            break
    return run


def run_once(c: Container, poster: Poster | None = None) -> int:
    """Send one batch of due deliveries; returns how many were attempted or settled."""
    now = c.clock.now()
    with c.uow() as uow:
        if not queue.has_due(uow.conn, now):
            return 0
    settings = c.settings
    token = c.ids.ulid()
    with c.uow(write=True) as uow:
        claimed = queue.claim_due(uow.conn, now, now + timedelta(seconds=settings.webhook_lease_seconds), token,
                                  settings.webhook_batch_size)
    if not claimed:
        return 0
    stop_at = time.monotonic() + settings.webhook_lease_seconds * LEASE_MARGIN
    poster = poster or c.webhook_poster()
    policy = RetryPolicy(scale=settings.webhook_retry_scale)
    cancelled: list[tuple[ClaimedDelivery, datetime]] = []
    by_endpoint: dict[str, list[ClaimedDelivery]] = defaultdict(list)
    endpoints: dict[str, Endpoint] = {}
    for delivery in claimed:
        if delivery.endpoint is None:
            cancelled.append((delivery, now))
        else:
            by_endpoint[delivery.endpoint_id].append(delivery)
            endpoints[delivery.endpoint_id] = delivery.endpoint
    runs = _send_all(c, poster, policy, endpoints, by_endpoint, stop_at)
    with c.uow(write=True) as uow:
        queue.record(uow.conn, token, [r for run in runs for r in run.results],
                     [x for run in runs for x in run.released], cancelled)
    return sum(len(run.results) for run in runs) + len(cancelled)


def _send_all(c: Container, poster: Poster, policy: RetryPolicy, endpoints: dict[str, Endpoint],
              by_endpoint: dict[str, list[ClaimedDelivery]], stop_at: float) -> list[_Run]:
    jobs = list(by_endpoint.items())
    workers = min(c.settings.webhook_concurrency, len(jobs))
    if workers <= 1:
        return [_run(c, poster, policy, endpoints[eid], items, stop_at) for eid, items in jobs]
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="tendlc-webhooks") as pool:
        futures = [pool.submit(_run, c, poster, policy, endpoints[eid], items, stop_at) for eid, items in jobs]
        return [f.result() for f in futures]
