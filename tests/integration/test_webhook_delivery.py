"""The relay and the sender against the database, with the HTTP side replaced by httpx.MockTransport and
time moved by the ManualClock: fan-out, retries on TCR's schedule, Retry-After, network back-off,
removed endpoints, addresses refused at send time, signatures."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import httpx
import pytest
from standardwebhooks import Webhook

from tendlc.bootstrap import Container
from tendlc.core.accounts import service as accounts
from tendlc.core.actor import Actor
from tendlc.core.events import Event, EventType
from tendlc.core.webhooks import service
from tendlc.core.webhooks.model import DeliveryFilter, DeliveryStatus
from tendlc.core.webhooks.service import get_delivery
from tendlc.webhooks.retry import TCR_SCHEDULE
from tendlc.workers import relay, sender
from tests.webhook_support import canonical, run_all

pytestmark = pytest.mark.usefixtures("allow_loopback")

URL = "http://127.0.0.1:8999/hook"


class FakeHttp:
    """Answers POSTs from a script (status, headers) and records them; the last answer repeats."""

    def __init__(self, *script: tuple[int, dict[str, str]] | Exception) -> None:
        self.script = list(script) or [(200, {})]
        self.requests: list[httpx.Request] = []
        self.lock = threading.Lock()

    def __call__(self, request: httpx.Request) -> httpx.Response:
        with self.lock:
            self.requests.append(request)
            step = self.script.pop(0) if len(self.script) > 1 else self.script[0]
        if isinstance(step, Exception):
            raise step
        status, headers = step
        return httpx.Response(status, headers=headers, text="answer")

    def install(self, container: Container) -> FakeHttp:
        container.http_client_factory = lambda: httpx.Client(transport=httpx.MockTransport(self))
        return self

    def bodies(self) -> list[Any]:
        return [json.loads(r.content) for r in self.requests]


def make_account(c: Container, name: str = "Acme") -> Actor:
    with c.uow(write=True) as uow:
        account = accounts.create_account(uow, c.ids, c.clock, "csp", name)
    return Actor(account.cnp_id, "CSP", name)


def subscribe(c: Container, actor: Actor, category: str = "BRAND", url: str = URL, secret: str = "ts_secret") -> None:
    with c.uow(write=True) as uow:
        service.subscribe(uow, c.ids, c.clock, actor, {"eventCategory": category, "webhookEndpoint": url},
                          secret=secret, key_id="tk_test", check_url=lambda _: None)


def native(c: Container, actor: Actor, url: str = URL, event_types: list[str] | None = None) -> tuple[str, str]:
    body: dict[str, Any] = {"url": url}
    if event_types is not None:
        body["eventTypes"] = event_types
    with c.uow(write=True) as uow:
        endpoint, secret = service.create_endpoint(uow, c.ids, c.clock, actor, body, check_url=lambda _: None)
    return endpoint.id, secret


def emit(c: Container, recipients: list[str], kind: EventType = EventType.BRAND_ADD, **payload: Any) -> None:
    with c.uow(write=True) as uow:
        uow.emit(Event(kind, tuple(recipients), c.clock.now(), {"cspId": recipients[0], **payload}))


def deliveries(c: Container, actor: Actor, **where: Any) -> list[Any]:
    with c.uow() as uow:
        return service.deliveries(uow, actor, DeliveryFilter(**where), 1, 100).items


def send(c: Container) -> int:
    return sender.run_once(c)


def test_fans_out_to_every_subscribed_endpoint_of_every_recipient(container):
    http = FakeHttp().install(container)
    owner, upstream, stranger = make_account(container, "Owner"), make_account(container, "Up"), make_account(
        container, "Stranger")
    subscribe(container, owner, "CAMPAIGN", URL + "/owner-tcr")
    native(container, owner, URL + "/owner-all")
    native(container, owner, URL + "/owner-brand-only", ["BRAND_ADD"])
    subscribe(container, upstream, "CAMPAIGN", URL + "/up-tcr")
    subscribe(container, upstream, "BRAND", URL + "/up-brand")
    subscribe(container, stranger, "CAMPAIGN", URL + "/stranger")
    emit(container, [owner.cnp_id, upstream.cnp_id], EventType.CAMPAIGN_SHARE_ADD, campaignId="C9XYZ12",
         campaignReferenceId="mine")
    assert relay.run_once(container) == 1
    assert relay.run_once(container) == 0  # relayed once
    assert send(container) == 3
    paths = sorted(r.url.path for r in http.requests)
    assert paths == ["/hook/owner-all", "/hook/owner-tcr", "/hook/up-tcr"]
    by_path = {r.url.path: json.loads(r.content) for r in http.requests}
    assert by_path["/hook/owner-tcr"]["campaignReferenceId"] == "mine"
    assert "campaignReferenceId" not in by_path["/hook/up-tcr"]
    assert by_path["/hook/owner-all"]["type"] == "CAMPAIGN_SHARE_ADD"
    assert [d.campaign_id for d in deliveries(container, owner)] == ["C9XYZ12", "C9XYZ12"]
    assert deliveries(container, stranger) == []


def test_a_delivery_that_fails_twice_then_succeeds(container, clock):
    http = FakeHttp((500, {}), (503, {}), (200, {})).install(container)
    csp = make_account(container)
    subscribe(container, csp, secret="ts_the_secret")
    emit(container, [csp.cnp_id], brandId="B1A2B3C")
    relay.run_once(container)
    assert send(container) == 1
    assert send(container) == 0  # not due before 61 s
    clock.advance(timedelta(seconds=TCR_SCHEDULE[0] - 1))
    assert send(container) == 0
    clock.advance(timedelta(seconds=1))
    assert send(container) == 1
    clock.advance(timedelta(seconds=TCR_SCHEDULE[1] - 1))
    assert send(container) == 0
    clock.advance(timedelta(seconds=1))
    assert send(container) == 1
    clock.advance(timedelta(days=2))
    assert send(container) == 0  # delivered: nothing more
    [d] = deliveries(container, csp)
    assert d.status is DeliveryStatus.SUCCEEDED and d.attempt_count == 3
    assert [a.status_code for a in d.attempts] == [500, 503, 200]
    assert [a.number for a in d.attempts] == [1, 2, 3]
    assert all(a.response == "answer" and a.duration_ms >= 0 and a.url == URL for a in d.attempts)
    assert d.attempts[1].at - d.attempts[0].at == timedelta(seconds=61)
    assert d.attempts[2].at - d.attempts[1].at == timedelta(seconds=76)
    # The same body, signed the same way, each time.
    assert len({r.content for r in http.requests}) == 1
    for r in http.requests:
        assert r.headers["X-Registry-Signature"] == _signature("ts_the_secret", URL, r.content)


def _signature(secret: str, url: str, body: bytes) -> str:
    import base64
    import hashlib
    import hmac

    return base64.b64encode(hmac.new(secret.encode(), url.encode() + canonical(json.loads(body)),
                                     hashlib.sha1).digest()).decode()


def test_gives_up_after_thirteen_retries(container, clock):
    FakeHttp((500, {})).install(container)
    csp = make_account(container)
    subscribe(container, csp)
    emit(container, [csp.cnp_id])
    relay.run_once(container)
    for delay in (0, *TCR_SCHEDULE):
        clock.advance(timedelta(seconds=delay))
        assert send(container) == 1
    gave_up = clock.now()
    clock.advance(timedelta(days=3))
    assert send(container) == 0
    [d] = deliveries(container, csp)
    assert d.status is DeliveryStatus.FAILED and d.attempt_count == 14 and d.finished_at == gave_up


def test_retry_after_is_honoured(container, clock):
    FakeHttp((429, {"Retry-After": "300"}), (200, {})).install(container)
    csp = make_account(container)
    subscribe(container, csp)
    emit(container, [csp.cnp_id])
    relay.run_once(container)
    assert send(container) == 1
    [d] = deliveries(container, csp)
    assert d.next_attempt_at == clock.now() + timedelta(seconds=300)
    clock.advance(timedelta(seconds=TCR_SCHEDULE[0]))
    assert send(container) == 0  # the schedule's 61 s is not enough: the receiver asked for 300
    clock.advance(timedelta(seconds=300 - TCR_SCHEDULE[0]))
    assert send(container) == 1
    assert deliveries(container, csp)[0].status is DeliveryStatus.SUCCEEDED


def test_retry_scale_shortens_the_schedule(container, clock):
    container.settings.webhook_retry_scale = 0.01
    FakeHttp((500, {}), (200, {})).install(container)
    csp = make_account(container)
    subscribe(container, csp)
    emit(container, [csp.cnp_id])
    relay.run_once(container)
    send(container)
    clock.advance(timedelta(seconds=0.61))
    assert send(container) == 1


def test_network_errors_back_off_the_whole_endpoint(container, clock):
    http = FakeHttp(httpx.ConnectError("refused"), (200, {})).install(container)
    csp = make_account(container)
    subscribe(container, csp)
    for n in range(3):
        emit(container, [csp.cnp_id], brandId=f"B00000{n}")
    relay.run_once(container)
    assert send(container) == 1  # the first fails; the other two wait with it
    assert len(http.requests) == 1
    found = deliveries(container, csp)
    assert {d.next_attempt_at for d in found} == {clock.now() + timedelta(seconds=60)}
    assert sorted(d.attempt_count for d in found) == [0, 0, 1]
    failed = next(d for d in found if d.attempt_count == 1)
    assert failed.last_status_code is None and "refused" in failed.last_error
    clock.advance(timedelta(seconds=60))
    assert send(container) == 3
    assert [b["brandId"] for b in http.bodies()] == ["B000000", "B000000", "B000001", "B000002"]  # in order


def test_timeouts_are_network_errors(container):
    FakeHttp(httpx.ReadTimeout("slow")).install(container)
    csp = make_account(container)
    subscribe(container, csp)
    emit(container, [csp.cnp_id])
    relay.run_once(container)
    send(container)
    [d] = deliveries(container, csp)
    assert d.status is DeliveryStatus.PENDING and "timeout" in d.last_error


def test_deliveries_of_a_removed_endpoint_are_cancelled(container):
    http = FakeHttp().install(container)
    csp = make_account(container)
    endpoint_id, _ = native(container, csp)
    emit(container, [csp.cnp_id])
    relay.run_once(container)
    with container.uow(write=True) as uow:
        service.delete_endpoint(uow, container.clock, csp, endpoint_id)
    assert send(container) == 1
    assert http.requests == []
    [d] = deliveries(container, csp)
    assert d.status is DeliveryStatus.CANCELLED and d.last_error == "the endpoint was removed"


def test_private_address_refused_at_send_time(container):
    http = FakeHttp().install(container)
    csp = make_account(container)
    subscribe(container, csp)  # saved while private addresses were allowed
    container.settings.webhook_allow_private = False
    emit(container, [csp.cnp_id])
    relay.run_once(container)
    assert send(container) == 1
    assert http.requests == []
    [d] = deliveries(container, csp)
    assert d.status is DeliveryStatus.FAILED and "private, loopback or link-local" in d.last_error


def test_native_deliveries_verify_with_standardwebhooks(container, clock):
    http = FakeHttp((500, {}), (200, {})).install(container)
    csp = make_account(container)
    _, secret = native(container, csp)
    emit(container, [csp.cnp_id], EventType.CAMPAIGN_ADD, campaignId="C9XYZ12")
    relay.run_once(container)
    send(container)
    clock.advance(timedelta(seconds=61))
    send(container)
    first, second = http.requests
    for r in (first, second):
        body = Webhook(secret).verify(r.content, dict(r.headers))
        assert body["type"] == "CAMPAIGN_ADD" and body["data"]["campaignId"] == "C9XYZ12"
    assert first.headers["webhook-id"] == second.headers["webhook-id"]  # same message, retried


def test_rotated_secret_signs_with_both_for_a_day(container, clock):
    http = FakeHttp().install(container)
    csp = make_account(container)
    endpoint_id, old = native(container, csp)
    with container.uow(write=True) as uow:
        _, new = service.rotate_secret(uow, container.ids, container.clock, csp, endpoint_id)
    emit(container, [csp.cnp_id])
    run_all(container)
    [r] = http.requests
    assert Webhook(old).verify(r.content, dict(r.headers)) and Webhook(new).verify(r.content, dict(r.headers))
    clock.advance(timedelta(hours=25))
    emit(container, [csp.cnp_id])
    run_all(container)
    later = http.requests[-1]
    assert Webhook(new).verify(later.content, dict(later.headers))
    assert len(later.headers["webhook-signature"].split(" ")) == 1


def test_event_type_filters(container):
    http = FakeHttp().install(container)
    csp = make_account(container)
    native(container, csp, URL + "/campaign-add", ["CAMPAIGN_ADD"])
    emit(container, [csp.cnp_id], EventType.BRAND_ADD)
    emit(container, [csp.cnp_id], EventType.CAMPAIGN_ADD)
    emit(container, [csp.cnp_id], EventType.CAMPAIGN_UPDATE)
    run_all(container)
    assert [b["type"] for b in http.bodies()] == ["CAMPAIGN_ADD"]


def test_redeliver_sends_again_with_a_fresh_budget(container, clock):
    http = FakeHttp((200, {})).install(container)
    csp = make_account(container)
    subscribe(container, csp)
    emit(container, [csp.cnp_id])
    run_all(container)
    [d] = deliveries(container, csp)
    with container.uow(write=True) as uow:
        again = service.redeliver(uow, container.clock, csp, d.id)
    assert again.status is DeliveryStatus.PENDING and again.next_attempt_at == clock.now()
    run_all(container)
    assert len(http.requests) == 2
    with container.uow() as uow:
        done = get_delivery(uow, csp, d.id)
    assert done.status is DeliveryStatus.SUCCEEDED and [a.number for a in done.attempts] == [1, 2]


def test_events_of_one_endpoint_arrive_in_order(container):
    http = FakeHttp().install(container)
    csp = make_account(container)
    subscribe(container, csp)
    for n in range(30):
        emit(container, [csp.cnp_id], brandId=f"B{n:06d}")
    run_all(container)
    assert [b["brandId"] for b in http.bodies()] == [f"B{n:06d}" for n in range(30)]


def test_sender_failure_to_record_leaves_the_claim_to_expire(container, clock, monkeypatch):
    """A sender that dies after POSTing but before recording: the lease expires and the delivery is sent
    again (at-least-once)."""
    http = FakeHttp().install(container)
    csp = make_account(container)
    subscribe(container, csp)
    emit(container, [csp.cnp_id])
    relay.run_once(container)

    def crash(*_: Any, **__: Any) -> None:
        raise SystemExit("killed")

    monkeypatch.setattr(sender.queue, "record", crash)
    with pytest.raises(SystemExit):
        send(container)
    monkeypatch.undo()
    assert len(http.requests) == 1
    assert send(container) == 0  # still leased
    clock.advance(timedelta(seconds=container.settings.webhook_lease_seconds))
    assert send(container) == 1
    assert len(http.requests) == 2
    [d] = deliveries(container, csp)
    assert d.status is DeliveryStatus.SUCCEEDED and d.attempt_count == 1


def test_a_stale_claim_cannot_overwrite_a_newer_one(container, clock):
    from tendlc.db import webhook_queue as queue
    from tendlc.db.webhook_queue import AttemptResult

    FakeHttp().install(container)
    csp = make_account(container)
    subscribe(container, csp)
    emit(container, [csp.cnp_id])
    relay.run_once(container)
    now = clock.now()
    with container.uow(write=True) as uow:
        [stale] = queue.claim_due(uow.conn, now, now + timedelta(seconds=60), "STALE", 10)
    clock.advance(timedelta(seconds=60))
    assert send(container) == 1  # the lease ran out: another sender delivered it
    with container.uow(write=True) as uow:
        queue.record(uow.conn, "STALE", [AttemptResult(stale, "failed", None, 1, 0, now, URL, 5, 500)])
    [d] = deliveries(container, csp)
    assert d.status is DeliveryStatus.SUCCEEDED  # the stale result changed nothing but the attempt log
    assert [a.status_code for a in d.attempts] == [200, 500]


def test_nothing_is_lost_between_commit_and_relay(container, settings, clock):
    """Events committed by a process that dies before relaying are relayed and sent by the next one."""
    from tendlc.bootstrap import build

    csp = make_account(container)
    subscribe(container, csp)
    for _ in range(5):
        emit(container, [csp.cnp_id])
    container.dispose()  # "killed": nothing relayed
    http = FakeHttp()
    restarted = build(settings, clock=clock, migrate=False,
                      http_client_factory=lambda: httpx.Client(transport=httpx.MockTransport(http)))
    try:
        run_all(restarted)
    finally:
        restarted.dispose()
    assert len(http.requests) == 5


def _racing(senders: list[Callable[[], int]]) -> None:
    barrier = threading.Barrier(len(senders))
    errors: list[BaseException] = []

    def loop(run: Callable[[], int]) -> None:
        try:
            barrier.wait()
            while run():
                pass
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=loop, args=(s,)) for s in senders]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []


def test_two_senders_racing_never_send_the_same_delivery_twice(container, settings, clock):
    """Two sender 'processes' (separate containers, engines and pools) claim from one queue at once."""
    from tendlc.bootstrap import build

    http = FakeHttp()
    factory = lambda: httpx.Client(transport=httpx.MockTransport(http))  # noqa: E731
    container.http_client_factory = factory
    csp = make_account(container)
    for n in range(4):
        native(container, csp, f"{URL}/{n}")
    for n in range(60):
        emit(container, [csp.cnp_id], brandId=f"B{n:06d}")
    relay.run_once(container)
    other = build(settings, clock=clock, migrate=False, http_client_factory=factory)
    try:
        for c in (container, other):
            c.settings = c.settings.model_copy(update={"webhook_batch_size": 7})
        _racing([lambda: sender.run_once(container), lambda: sender.run_once(other)])
    finally:
        other.dispose()
    sent = [r.headers["X-Tendlc-Delivery-Id"] for r in http.requests]
    assert len(sent) == 240 and len(set(sent)) == 240
    assert {d.status for d in deliveries(container, csp)} == {DeliveryStatus.SUCCEEDED}


def test_two_relays_racing_relay_each_event_once(container, settings, clock):
    from tendlc.bootstrap import build

    FakeHttp().install(container)
    csp = make_account(container)
    subscribe(container, csp)
    for _ in range(50):
        emit(container, [csp.cnp_id])
    other = build(settings, clock=clock, migrate=False)
    try:
        for c in (container, other):
            c.settings = c.settings.model_copy(update={"webhook_batch_size": 3})
        _racing([lambda: relay.run_once(container), lambda: relay.run_once(other)])
    finally:
        other.dispose()
    with container.uow() as uow:
        total = service.deliveries(uow, csp, DeliveryFilter(), 1, 100).total
    assert total == 50
