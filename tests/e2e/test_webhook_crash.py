"""Crash safety with real processes: ``tendlc serve`` (workers disabled) commits events and is SIGKILLed;
``tendlc worker webhooks`` then delivers every one of them to a receiver on 127.0.0.1. And a worker
SIGKILLed in the middle of a POST: once its lease runs out, another worker sends the delivery again.

The waits below are bounded polls for completion, not timing assertions."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import httpx
import pytest
from standardwebhooks import Webhook

from tendlc.bootstrap import Container
from tendlc.config import Settings
from tendlc.core.accounts import service as accounts
from tests.factories import brand_body
from tests.webhook_support import Receiver, tcr_signature_ok

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")


def _env(settings: Settings, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TENDLC_")}
    env.update(TENDLC_DATABASE_URL=settings.database_url, TENDLC_WEBHOOK_ALLOW_PRIVATE="true",
               TENDLC_RATE_LIMIT_ENABLED="false", TENDLC_IDENTITY_CHECK_DELAY_SECONDS="3600",
               TENDLC_LOG_LEVEL="warning", TENDLC_WORKER_POLL_SECONDS="0.1", **extra)
    return env


def _tendlc(*args: str) -> list[str]:
    return [sys.executable, "-m", "tendlc", *args]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_for(condition: Callable[[], bool], what: str, limit: float = 180.0) -> None:
    deadline = time.monotonic() + limit
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up waiting for {what}")
        time.sleep(0.05)


@contextmanager
def _process(args: list[str], env: dict[str, str]) -> Iterator[subprocess.Popen[bytes]]:
    proc = subprocess.Popen(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        yield proc
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait(timeout=30)
        if proc.stderr is not None:
            proc.stderr.close()


def _account(c: Container) -> dict[str, str]:
    with c.uow(write=True) as uow:
        account = accounts.create_account(uow, c.ids, c.clock, "csp", "Crash Test")
        issued = accounts.issue_key(uow, c.ids, c.clock, account.cnp_id)
    return {"cnpId": account.cnp_id, "apiKey": issued.key.key_id, "apiSecret": issued.secret}


def _up(base: str) -> bool:
    try:
        return httpx.get(f"{base}/api/v1/health", timeout=1).status_code == 200
    except httpx.HTTPError:
        return False


def test_events_committed_by_a_killed_server_are_delivered_by_the_worker(settings, container, receiver: Receiver):
    env = _env(settings)
    account = _account(container)
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    auth = (account["apiKey"], account["apiSecret"])
    brand_ids = []
    with _process(_tendlc("serve", "--port", str(port)), {**env, "TENDLC_WORKERS_ENABLED": "false"}) as server:
        _wait_for(lambda: _up(base) or server.poll() is not None, "the server to start")
        assert server.poll() is None, server.stderr.read().decode() if server.stderr else ""
        with httpx.Client(base_url=base, auth=auth, timeout=30) as http:
            subscribed = http.put("/v2/webhook/subscription", json={"eventCategory": "BRAND",
                                                                    "webhookEndpoint": receiver.url("/tcr")})
            assert subscribed.status_code == 200, subscribed.text
            made = http.post("/api/v1/webhooks/endpoints", json={"url": receiver.url("/native")})
            assert made.status_code == 201
            secret = made.json()["secret"]
            for n in range(12):
                answer = http.post("/v2/brand/nonBlocking", json=brand_body(displayName=f"Crash {n}"))
                assert answer.status_code == 200, answer.text
                brand_ids.append(answer.json()["brandId"])
        server.send_signal(signal.SIGKILL)
        server.wait(timeout=30)
    assert receiver.received == []  # committed, never sent

    with _process(_tendlc("worker", "webhooks"), env) as worker:
        _wait_for(lambda: len(receiver.received) >= 24 or worker.poll() is not None, "every delivery")
        worker.send_signal(signal.SIGTERM)
        assert worker.wait(timeout=30) == 0

    tcr = receiver.at("/tcr")
    assert sorted(r.json["brandId"] for r in tcr) == sorted(brand_ids)
    assert all(r.json["eventType"] == "BRAND_ADD" and tcr_signature_ok(account["apiSecret"], receiver.url("/tcr"), r)
               for r in tcr)
    native = [Webhook(secret).verify(r.body, r.headers) for r in receiver.at("/native")]
    assert sorted(b["data"]["brandId"] for b in native) == sorted(brand_ids)

    listed = subprocess.run(_tendlc("webhooks", "deliveries", "--account", account["cnpId"], "--limit", "100",
                                    "--json"), env=env, check=True, capture_output=True, timeout=60)
    report = json.loads(listed.stdout)
    assert report["totalRecords"] == 24
    assert {d["status"] for d in report["deliveries"]} == {"succeeded"}


def test_a_worker_killed_mid_send_is_taken_over_after_its_lease(settings, container, receiver: Receiver):
    env = _env(settings, TENDLC_WEBHOOK_LEASE_SECONDS="3", TENDLC_WEBHOOK_TIMEOUT_SECONDS="1")
    account = _account(container)
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    release = threading.Event()
    first = threading.Event()

    def reply(_: Any) -> tuple[int, dict[str, str], bytes]:
        if not first.is_set():
            first.set()
            release.wait(30)  # hold the first POST until its sender is dead
        return 200, {}, b"OK"

    receiver.reply = reply
    brand_ids = []
    with _process(_tendlc("serve", "--port", str(port)), {**env, "TENDLC_WORKERS_ENABLED": "false"}) as server:
        _wait_for(lambda: _up(base) or server.poll() is not None, "the server to start")
        with httpx.Client(base_url=base, auth=(account["apiKey"], account["apiSecret"]), timeout=30) as http:
            http.put("/v2/webhook/subscription", json={"eventCategory": "BRAND", "webhookEndpoint": receiver.url()})
            for n in range(5):
                brand_ids.append(http.post("/v2/brand/nonBlocking", json=brand_body(displayName=f"Lease {n}"))
                                 .json()["brandId"])
        server.send_signal(signal.SIGKILL)
        server.wait(timeout=30)

    with _process(_tendlc("worker", "webhooks"), env) as doomed:
        _wait_for(lambda: first.is_set() or doomed.poll() is not None, "the first POST")
        doomed.send_signal(signal.SIGKILL)
        doomed.wait(timeout=30)
    release.set()

    with _process(_tendlc("worker", "webhooks"), env) as successor:
        _wait_for(lambda: {r.json["brandId"] for r in receiver.received} >= set(brand_ids)
                  or successor.poll() is not None, "every event after the lease")
        successor.send_signal(signal.SIGTERM)
        assert successor.wait(timeout=30) == 0
    got = [r.json["brandId"] for r in receiver.received]
    assert set(got) == set(brand_ids)  # nothing lost
    assert len(got) >= len(brand_ids) + 1  # the interrupted one came twice (at-least-once)
    assert all(tcr_signature_ok(account["apiSecret"], receiver.url(), r) for r in receiver.received)
