"""The default webhook poster (sockets + http.client's response parser) against a real receiver on
127.0.0.1: keep-alive, closed connections, redirects not followed, timeouts, refused connections."""

from __future__ import annotations

import socket
import threading

import pytest

from tendlc.webhooks.sending import MAX_RESPONSE_READ, RESPONSE_SNIPPET, StdlibPoster

HEADERS = {"Content-Type": "application/json", "X-Registry-Signature": "c2ln"}


@pytest.fixture
def poster():
    p = StdlibPoster()
    yield p
    p.close()


def test_posts_the_body_and_headers_and_reuses_the_connection(poster, receiver):
    receiver.reply = lambda got: (200, {}, b"OK")
    for n in range(3):
        sent = poster(receiver.url(f"/hook?n={n}"), b'{"n":%d}' % n, HEADERS, 5)
        assert sent.status_code == 200 and sent.response == "OK" and sent.error is None
    assert [r.path for r in receiver.received] == ["/hook?n=0", "/hook?n=1", "/hook?n=2"]
    got = receiver.received[0]
    assert got.body == b'{"n":0}' and got.headers["X-Registry-Signature"] == "c2ln"
    assert got.headers["Content-Type"] == "application/json"
    assert got.headers["Host"] == receiver.base.removeprefix("http://")
    assert got.headers["User-Agent"].startswith("tendlc-webhooks/")
    # one connection for all three: the pool kept it
    assert len(poster._idle[("http", "127.0.0.1", receiver.server.server_address[1])]) == 1


def test_redirects_are_not_followed(poster, receiver):
    receiver.reply = lambda got: (302, {"Location": "http://127.0.0.1:9/elsewhere"}, b"")
    sent = poster(receiver.url(), b"{}", HEADERS, 5)
    assert sent.status_code == 302 and len(receiver.received) == 1


def test_status_retry_after_and_snippet(poster, receiver):
    receiver.reply = lambda got: (503, {"Retry-After": "120"}, b"x" * (MAX_RESPONSE_READ * 2))
    sent = poster(receiver.url(), b"{}", HEADERS, 5)
    assert sent.status_code == 503 and sent.retry_after == "120" and len(sent.response) == RESPONSE_SNIPPET
    receiver.reply = lambda got: (200, {}, b"fine")
    assert poster(receiver.url(), b"{}", HEADERS, 5).status_code == 200  # a fresh connection after the big answer


def test_connection_close_and_idle_connections_closed_by_the_receiver(poster, receiver):
    receiver.reply = lambda got: (200, {"Connection": "close"}, b"bye")
    assert poster(receiver.url(), b"{}", HEADERS, 5).status_code == 200
    receiver.reply = lambda got: (200, {}, b"OK")
    assert poster(receiver.url(), b"{}", HEADERS, 5).status_code == 200
    # The receiver restarts: the pooled connection is dead; the poster reconnects once.
    for conns in poster._idle.values():
        for conn in conns:
            conn.sock.shutdown(socket.SHUT_RDWR)
    assert poster(receiver.url(), b"{}", HEADERS, 5).status_code == 200
    assert len(receiver.received) == 3


def test_userinfo_becomes_basic_auth(poster, receiver):
    url = receiver.url().replace("http://", "http://user:pa%3Ass@")
    poster(url, b"{}", HEADERS, 5)
    assert receiver.received[0].headers["Authorization"] == "Basic dXNlcjpwYSUzQXNz"


def test_refused_connection_is_an_error(poster):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    sent = poster(f"http://127.0.0.1:{port}/hook", b"{}", HEADERS, 5)
    assert sent.status_code is None and "ConnectError" in sent.error


def test_read_timeout_is_an_error(poster, receiver):
    release = threading.Event()

    def slow(got):
        release.wait(10)
        return 200, {}, b"late"

    receiver.reply = slow
    try:
        sent = poster(receiver.url(), b"{}", HEADERS, 0.2)
    finally:
        release.set()
    assert sent.status_code is None and sent.error.startswith("timeout after 0.2 s")


def test_bad_urls_are_errors_not_exceptions(poster):
    assert "invalid URL" in poster("ftp://example.com/x", b"{}", HEADERS, 1).error
    assert "invalid URL" in poster("http://example.com/a b", b"{}", HEADERS, 1).error


def raw_server(answers):
    """A one-connection TCP server that reads each request and writes the next canned answer."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)

    def serve():
        conn, _ = listener.accept()
        with conn:
            for answer in answers:
                data = b""
                while b"\r\n\r\n" not in data:
                    data += conn.recv(65536)
                head, _, rest = data.partition(b"\r\n\r\n")
                length = int(next(line.split(b":")[1] for line in head.split(b"\r\n")
                                  if line.lower().startswith(b"content-length")))
                while len(rest) < length:
                    rest += conn.recv(65536)
                conn.sendall(answer)
        listener.close()

    threading.Thread(target=serve, daemon=True).start()
    return f"http://127.0.0.1:{listener.getsockname()[1]}/hook"


def test_chunked_interim_and_unframed_answers(poster):
    url = raw_server([
        b"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
        b"4\r\nWiki\r\n5;ext=1\r\npedia\r\n0\r\nX-Trailer: 1\r\n\r\n",
        b"HTTP/1.1 429 Too Many\r\nRetry-After: 7\r\nContent-Length: 4\r\n\r\nslow",
        b"HTTP/1.0 201 Created\r\n\r\nuntil the end",
    ])
    first = poster(url, b"{}", HEADERS, 5)
    assert first.status_code == 200 and first.response == "Wikipedia"
    second = poster(url, b"{}", HEADERS, 5)  # same connection: the chunked answer was read to its end
    assert second.status_code == 429 and second.retry_after == "7" and second.response == "slow"
    third = poster(url, b"{}", HEADERS, 5)
    assert third.status_code == 201 and third.response == "until the end"


def test_garbage_is_an_error(poster):
    url = raw_server([b"SMTP ready\r\n\r\n"])
    sent = poster(url, b"{}", HEADERS, 5)
    assert sent.status_code is None and "ProtocolError" in sent.error
