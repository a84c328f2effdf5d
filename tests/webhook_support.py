"""Helpers for the webhook tests: a loopback receiver, independent signature checks, fixtures.

Registered as a plugin in ``tests/conftest.py``, so the fixtures ``receiver`` and ``allow_loopback`` are
available to every test.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from tendlc.bootstrap import Container


@dataclass
class Received:
    path: str
    headers: dict[str, str]
    body: bytes

    @property
    def json(self) -> Any:
        return json.loads(self.body)


Reply = tuple[int, dict[str, str], bytes]


@dataclass
class Receiver:
    """An HTTP server on 127.0.0.1 that records every POST and answers with ``reply`` (200 OK by default)."""

    server: ThreadingHTTPServer
    received: list[Received] = field(default_factory=list)
    reply: Callable[[Received], Reply] = lambda _: (200, {}, b"OK")
    lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def base(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    def url(self, path: str = "/hook") -> str:
        return self.base + path

    def bodies(self, path: str | None = None) -> list[Any]:
        with self.lock:
            return [r.json for r in self.received if path is None or r.path == path]

    def at(self, path: str) -> list[Received]:
        with self.lock:
            return [r for r in self.received if r.path == path]


def start_receiver() -> Receiver:
    holder: dict[str, Receiver] = {}

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_POST(self) -> None:
            length = int(self.headers.get("content-length", "0"))
            got = Received(self.path, {k: v for k, v in self.headers.items()}, self.rfile.read(length))
            rec = holder["r"]
            with rec.lock:
                rec.received.append(got)
            status, headers, body = rec.reply(got)
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    server.handle_error = lambda *_: None  # type: ignore[method-assign] # a client that gave up is no news
    holder["r"] = Receiver(server)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return holder["r"]


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    r = start_receiver()
    yield r
    r.server.shutdown()
    r.server.server_close()


@pytest.fixture
def allow_loopback(container: Container) -> Container:
    """The tests' receivers listen on 127.0.0.1, which a production server refuses."""
    container.settings.webhook_allow_private = True
    return container


# --- independent verification --------------------------------------------------------------------------


def canonical(value: Any) -> bytes:
    """RFC 8785 for the simple payloads of these tests (strings, integers, booleans, null, flat objects):
    keys sorted, no whitespace, UTF-8."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def tcr_signature_ok(secret: str, url: str, got: Received) -> bool:
    """TCR's scheme: base64(HMAC-SHA1(secret, url + canonical(body))), recomputed from the parsed body."""
    expected = base64.b64encode(hmac.new(secret.encode(), url.encode() + canonical(got.json),
                                         hashlib.sha1).digest()).decode()
    return hmac.compare_digest(expected, got.headers.get("X-Registry-Signature", ""))


def run_all(container: Container) -> None:
    """Relay and send until nothing is left to do now."""
    from tendlc.workers import relay, sender

    for _ in range(100):
        if relay.run_once(container) + sender.run_once(container) == 0:
            return
