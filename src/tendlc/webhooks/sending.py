"""One webhook POST: a timeout, no redirects, and a short record of what happened.

Two posters with one contract (``Poster``): ``StdlibPoster``, the default, keeps pooled keep-alive
connections of the standard library's ``http.client``; ``HttpxPoster`` sends through an injected
``httpx.Client`` (tests use ``httpx.MockTransport``). The default is not httpx because a webhook sender
is bound by per-request overhead: on the 2-core benchmark machine httpx's client and transport cost
about 1 ms of CPU per POST, three times what ``http.client`` does.
"""

from __future__ import annotations

import base64
import socket
import ssl
import threading
import time
from collections import defaultdict
from dataclasses import dataclass
from typing import Protocol
from urllib.parse import urlsplit

import httpx

RESPONSE_SNIPPET = 500
MAX_RESPONSE_READ = 65_536  # read (and keep the connection) up to this much; drop the connection beyond
USER_AGENT = "tendlc-webhooks/1"


@dataclass(frozen=True)
class Sent:
    """The result of one POST: a status (with its Retry-After header) or an error, and how long it took."""

    duration_ms: int
    status_code: int | None = None
    retry_after: str | None = None
    response: str = ""
    error: str | None = None


class Poster(Protocol):
    def __call__(self, url: str, body: bytes, headers: dict[str, str], timeout: float) -> Sent:
        """POST ``body`` to ``url``. Never raises for what the network or the receiver does."""
        ...

    def close(self) -> None: ...


def _ms(started: float) -> int:
    return int((time.perf_counter() - started) * 1000)


def _snippet(data: bytes) -> str:
    return data[:RESPONSE_SNIPPET].decode("utf-8", "replace")


class HttpxPoster:
    """Posts with an ``httpx.Client`` (redirects never followed)."""

    def __init__(self, client: httpx.Client) -> None:
        self.client = client

    def __call__(self, url: str, body: bytes, headers: dict[str, str], timeout: float) -> Sent:
        started = time.perf_counter()
        try:
            with self.client.stream("POST", url, content=body, headers={**headers, "User-Agent": USER_AGENT},
                                    timeout=timeout, follow_redirects=False) as answer:
                data = b""
                for chunk in answer.iter_bytes():
                    data += chunk
                    if len(data) >= RESPONSE_SNIPPET:
                        break
                return Sent(duration_ms=_ms(started), status_code=answer.status_code,
                            retry_after=answer.headers.get("retry-after"), response=_snippet(data))
        except httpx.TimeoutException:
            return Sent(duration_ms=_ms(started), error=f"timeout after {timeout:g} s")
        except httpx.HTTPError as exc:
            return Sent(duration_ms=_ms(started), error=f"{type(exc).__name__}: {exc}"[:500])

    def close(self) -> None:
        self.client.close()


Origin = tuple[str, str, int]
_CONTROL = {chr(c) for c in range(33)} | {chr(127)}
MAX_HEAD = 65_536


class ProtocolError(Exception):
    """The receiver's answer is not HTTP/1.x as we can read it."""


class _Stale(Exception):
    """A pooled connection was closed by the receiver before it answered: retry on a fresh one."""


class _Conn:
    """A socket and what was read from it but not used yet."""

    __slots__ = ("buf", "sock")

    def __init__(self, sock: socket.socket) -> None:
        self.sock = sock
        self.buf = b""

    def _more(self) -> bool:
        chunk = self.sock.recv(65_536)
        self.buf += chunk
        return bool(chunk)

    def _take(self, n: int) -> bytes:
        while len(self.buf) < n:
            if not self._more():
                raise ProtocolError("the connection closed in the middle of the answer")
        data, self.buf = self.buf[:n], self.buf[n:]
        return data

    def _line(self) -> bytes:
        while b"\r\n" not in self.buf:
            if len(self.buf) > MAX_HEAD or not self._more():
                raise ProtocolError("malformed chunked answer")
        line, _, self.buf = self.buf.partition(b"\r\n")
        return line

    def head(self, fresh: bool) -> tuple[int, bool, dict[str, str]]:
        """Status, whether the connection may be kept, and headers (lower-case names) of the next answer."""
        while True:
            while b"\r\n\r\n" not in self.buf:
                if len(self.buf) > MAX_HEAD:
                    raise ProtocolError("the answer's headers are too long")
                try:
                    more = self._more()
                except ConnectionError:
                    if not fresh and not self.buf:
                        raise _Stale() from None
                    raise
                if not more:
                    if not fresh and not self.buf:
                        raise _Stale()
                    raise ProtocolError("the connection closed before the answer was complete")
            raw, _, self.buf = self.buf.partition(b"\r\n\r\n")
            lines = raw.decode("latin-1").split("\r\n")
            version, _, rest = lines[0].partition(" ")
            code = rest[:3]
            if not version.startswith("HTTP/1.") or not code.isdigit():
                raise ProtocolError(f"not an HTTP/1.x status line: {lines[0][:60]!r}")
            headers: dict[str, str] = {}
            for line in lines[1:]:
                name, sep, value = line.partition(":")
                if sep:
                    headers[name.strip().lower()] = value.strip()
            status = int(code)
            if 100 <= status < 200:  # an interim answer (100 Continue, 103 Early Hints): the real one follows
                continue
            connection = headers.get("connection", "").lower()
            keep = "close" not in connection if version == "HTTP/1.1" else "keep-alive" in connection
            return status, keep, headers

    def body(self, status: int, headers: dict[str, str], limit: int) -> tuple[bytes, bool]:
        """Up to ``limit`` bytes of the body, and whether all of it was read (so the connection is reusable)."""
        if status in (204, 304):
            return b"", True
        if "chunked" in headers.get("transfer-encoding", "").lower():
            data = b""
            while True:
                size = int(self._line().split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    while self._line():  # trailers, up to the empty line
                        pass
                    return data, True
                if len(data) + size > limit:
                    return (data + self._take(max(limit - len(data), 0)))[:limit], False
                data += self._take(size)
                self._take(2)
        length = headers.get("content-length")
        if length is not None and length.isdigit():
            n = int(length)
            return (self._take(n), True) if n <= limit else (self._take(limit), False)
        data = self.buf  # no length: the body runs to the end of the connection
        while len(data) < limit and self._more():
            data = self.buf
        return data[:limit], False


class StdlibPoster:
    """Posts over plain sockets: keep-alive connections pooled per origin, each request written in one
    piece, a small HTTP/1.1 answer reader, TLS with the default context, no proxies, no redirects.
    ``timeout`` bounds the connect and each read."""

    def __init__(self, max_idle_per_origin: int = 16) -> None:
        self._idle: dict[Origin, list[_Conn]] = defaultdict(list)
        self._lock = threading.Lock()
        self._max_idle = max_idle_per_origin
        self._ssl: ssl.SSLContext | None = None

    def __call__(self, url: str, body: bytes, headers: dict[str, str], timeout: float) -> Sent:
        started = time.perf_counter()
        try:
            request, origin = self._request(url, body, headers)
        except ValueError as exc:
            return Sent(duration_ms=_ms(started), error=f"invalid URL: {exc}")
        for fresh in (False, True):
            try:
                conn = self._connect(origin, timeout) if fresh else self._checkout(origin, timeout)
            except TimeoutError:
                return Sent(duration_ms=_ms(started), error=f"timeout after {timeout:g} s (connect)")
            except OSError as exc:
                return Sent(duration_ms=_ms(started), error=f"ConnectError: {exc}"[:500])
            if conn is None:
                continue
            try:
                try:
                    conn.sock.sendall(request)
                except ConnectionError:
                    if not fresh:
                        raise _Stale() from None
                    raise
                status, keep, answer_headers = conn.head(fresh)
                data, complete = conn.body(status, answer_headers, MAX_RESPONSE_READ)
            except _Stale:
                conn.sock.close()
                continue
            except TimeoutError:
                conn.sock.close()
                return Sent(duration_ms=_ms(started), error=f"timeout after {timeout:g} s")
            except (OSError, ProtocolError, ValueError) as exc:
                conn.sock.close()
                return Sent(duration_ms=_ms(started), error=f"{type(exc).__name__}: {exc}"[:500])
            if keep and complete:
                self._checkin(origin, conn)
            else:
                conn.sock.close()
            return Sent(duration_ms=_ms(started), status_code=status, retry_after=answer_headers.get("retry-after"),
                        response=_snippet(data))
        return Sent(duration_ms=_ms(started), error="no connection")  # pragma: no cover - the loop returns

    @staticmethod
    def _request(url: str, body: bytes, headers: dict[str, str]) -> tuple[bytes, Origin]:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError("not an absolute http(s) URL")
        default = 443 if parts.scheme == "https" else 80
        port = parts.port or default
        host = parts.hostname
        host_header = (f"[{host}]" if ":" in host else host) + (f":{port}" if port != default else "")
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        if _CONTROL & set(target + host_header):
            raise ValueError("control characters or spaces in the URL")
        lines = [f"POST {target} HTTP/1.1", f"Host: {host_header}", f"Content-Length: {len(body)}",
                 f"User-Agent: {USER_AGENT}", "Connection: keep-alive"]
        if parts.username is not None:
            credentials = f"{parts.username}:{parts.password or ''}".encode()
            lines.append("Authorization: Basic " + base64.b64encode(credentials).decode())
        lines += [f"{name}: {value}" for name, value in headers.items()]
        head = ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")
        return head + body, (parts.scheme, host, port)

    def _connect(self, origin: Origin, timeout: float) -> _Conn:
        scheme, host, port = origin
        sock = socket.create_connection((host, port), timeout=timeout)
        try:
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            if scheme == "https":
                if self._ssl is None:
                    self._ssl = ssl.create_default_context()
                sock = self._ssl.wrap_socket(sock, server_hostname=host)
        except BaseException:
            sock.close()
            raise
        return _Conn(sock)

    def _checkout(self, origin: Origin, timeout: float) -> _Conn | None:
        with self._lock:
            pool = self._idle.get(origin)
            conn = pool.pop() if pool else None
        if conn is not None:
            conn.sock.settimeout(timeout)
        return conn

    def _checkin(self, origin: Origin, conn: _Conn) -> None:
        with self._lock:
            pool = self._idle[origin]
            if len(pool) < self._max_idle:
                pool.append(conn)
                return
        conn.sock.close()

    def close(self) -> None:
        with self._lock:
            pools, self._idle = list(self._idle.values()), defaultdict(list)
        for pool in pools:
            for conn in pool:
                conn.sock.close()
