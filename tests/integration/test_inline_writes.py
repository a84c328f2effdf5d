"""Short writes on SQLite run on the event loop when the writer is free (``api.deps.write_handler``), and never
wait there: with the process's writer lock held by another thread, or SQLite's write lock held by another
process, the request goes to the thread pool and waits its turn, while the server keeps answering reads."""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from typing import Any

import pytest

from tendlc.db.uow import WriterBusy
from tests.factories import campaign_body
from tests.registry_support import new_campaign, verified_brand


@pytest.fixture(autouse=True)
def sqlite_only(container: Any) -> None:
    if not container.inline_handlers:
        pytest.skip("handlers run inline on the event loop only on SQLite")


def sqlite_file(container: Any) -> str:
    return str(container.engine.url.database)


@contextmanager
def worker_writing(container: Any) -> Iterator[threading.Event]:
    """Another thread of the process in a write transaction until the event yielded is set."""
    held, release = threading.Event(), threading.Event()

    def writer() -> None:
        with container.uow(write=True):
            held.set()
            release.wait(10)

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        assert held.wait(5)
        yield release
    finally:
        release.set()
        thread.join()


def test_an_inline_writer_never_waits(container: Any) -> None:
    with container.uow.inline_writer(), container.uow(write=True) as uow:  # the lock is free: taken at once
        assert uow.conn is not None
    with worker_writing(container):
        started = time.monotonic()
        with pytest.raises(WriterBusy), container.uow.inline_writer():
            pass
        assert time.monotonic() - started < 1


def test_another_process_writing_sends_the_request_to_the_thread_pool(container: Any, make_party: Any,
                                                                       run_workers: Any) -> None:
    csp = make_party()
    brand = verified_brand(csp, run_workers)
    existing = new_campaign(csp, brand)
    other = sqlite3.connect(sqlite_file(container), isolation_level=None)  # "another process"
    other.execute("BEGIN IMMEDIATE")
    try:
        with ThreadPoolExecutor(1) as pool:
            creating = pool.submit(csp.http.post, "/v2/campaignBuilder", json=campaign_body(brand))
            time.sleep(0.3)
            assert not creating.done()  # waiting for the other process's lock, in the thread pool...
            read = csp.http.get(f"/v2/campaign/{existing}")  # ...while the event loop answers reads
            assert read.status_code == 200 and not creating.done()
            other.execute("COMMIT")
            answer = creating.result(timeout=30)
    finally:
        if other.in_transaction:
            other.execute("ROLLBACK")
        other.close()
    assert answer.status_code == 200, answer.text
    made = answer.json()["campaignId"]
    assert csp.http.get(f"/v2/campaign/{made}").json()["campaignId"] == made


def test_a_worker_writing_sends_the_request_to_the_thread_pool(container: Any, make_party: Any,
                                                                run_workers: Any) -> None:
    csp = make_party()
    brand = verified_brand(csp, run_workers)
    with worker_writing(container) as release, ThreadPoolExecutor(1) as pool:
        creating = pool.submit(csp.http.post, "/v2/campaignBuilder", json=campaign_body(brand))
        time.sleep(0.3)  # longer than the pauses of an inline attempt: it went to the thread pool and waits
        assert not creating.done()
        assert csp.http.get(f"/v2/brand/{brand}").status_code == 200  # reads go on meanwhile
        release.set()
        answer = creating.result(timeout=30)
    assert answer.status_code == 200, answer.text
