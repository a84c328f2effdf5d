"""Request-scoped helpers shared by every door: the container, JSON bodies, rate limits."""

from __future__ import annotations

import asyncio
import functools
import inspect
import json
from collections.abc import Awaitable, Callable
from typing import Any, ParamSpec, TypeVar, cast

from fastapi import Request
from starlette.concurrency import run_in_threadpool

from tendlc.bootstrap import Container
from tendlc.core.errors import FieldProblem, InvalidInput
from tendlc.db.uow import WriterBusy

NUL = "\x00"


P = ParamSpec("P")
T = TypeVar("T")


def container(request: Request) -> Container:
    return request.app.state.container  # type: ignore[no-any-return]


def read_handler(endpoint: Callable[P, T]) -> Callable[P, Awaitable[T]]:
    """Mark a blocking request handler whose database work is read-only (it takes ``request: Request``).

    On SQLite it then runs inline on the event loop: a WAL read takes no lock it could wait for and is a few
    hundred microseconds in the page cache, while handing it to a worker thread costs more CPU than the read
    itself (the GIL serialises the threads anyway) and lets queued requests overtake each other, which makes
    long latency tails. On PostgreSQL, a network round trip away, it runs in the thread pool as before.
    Handlers that write, or may wait for a lock, must stay plain ``def`` handlers."""
    if "request" not in inspect.signature(endpoint).parameters:
        raise TypeError(f"{endpoint.__qualname__} must take the request to be a read_handler")

    @functools.wraps(endpoint)
    async def handle(*args: P.args, **kwargs: P.kwargs) -> T:
        if container(cast(Request, kwargs["request"])).inline_handlers:
            return endpoint(*args, **kwargs)
        return await run_in_threadpool(endpoint, *args, **kwargs)

    return handle


INLINE_WAITS = (0.0, 0.001, 0.002, 0.004, 0.008, 0.016, 0.032, 0.064)
"""Pauses (seconds) of a write handler waiting, without blocking the event loop, for another thread to finish
writing before it gives up running inline and goes to the thread pool."""


def write_handler(endpoint: Callable[P, T]) -> Callable[P, Awaitable[T]]:
    """Mark a blocking request handler whose work is a short write: a few rows, no network call, nothing
    but the database to wait for (it takes ``request: Request``).

    On SQLite it runs inline on the event loop, holding the process's writer lock from start to end (see
    ``read_handler`` for why a thread hop costs more than it saves). It never blocks the loop to get there:
    while another thread holds the lock it pauses (:data:`INLINE_WAITS`, the loop serving others meanwhile)
    and tries again; if the lock stays taken, or another process holds SQLite's, it runs in the thread pool,
    where waiting stalls nobody. Nothing was written by then. On PostgreSQL it always runs in the thread pool."""
    if "request" not in inspect.signature(endpoint).parameters:
        raise TypeError(f"{endpoint.__qualname__} must take the request to be a write_handler")

    @functools.wraps(endpoint)
    async def handle(*args: P.args, **kwargs: P.kwargs) -> T:
        c = container(cast(Request, kwargs["request"]))
        if c.inline_handlers:
            for pause in INLINE_WAITS:
                if pause:
                    await asyncio.sleep(pause)
                try:
                    with c.uow.inline_writer():
                        return endpoint(*args, **kwargs)
                except WriterBusy:
                    continue  # nothing was written: try again, or run it where it may wait
        return await run_in_threadpool(endpoint, *args, **kwargs)

    return handle


def _too_large(limit: int) -> InvalidInput:
    return InvalidInput.of([FieldProblem("body", f"the body is larger than {limit:,} bytes")])


def _not_json(constant: str) -> Any:
    raise ValueError(f"{constant} is not a JSON value")


async def json_body(request: Request) -> Any:
    """The request's JSON body. Malformed or oversize bodies are refused naming ``body``; text holding NUL
    characters (which no record can store) is refused naming the top-level field it is in."""
    limit = container(request).settings.max_body_bytes
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise _too_large(limit)
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():  # stop reading as soon as the limit is passed
        size += len(chunk)
        if size > limit:
            raise _too_large(limit)
        chunks.append(chunk)
    raw = b"".join(chunks)
    request._body = raw  # as Request.body() would keep it, for anything that reads the body later
    if not raw.strip():
        return {}
    try:
        data = json.loads(raw, parse_constant=_not_json)
    except (UnicodeDecodeError, ValueError) as exc:  # JSONDecodeError is a ValueError
        raise InvalidInput.of([FieldProblem("body", f"the body is not valid JSON ({exc})")]) from None
    except RecursionError:
        raise InvalidInput.of([FieldProblem("body", "the body is nested too deeply")]) from None
    bad = nul_fields(data)
    if bad:
        raise InvalidInput.of([FieldProblem(name, "must not contain NUL (\\u0000) characters") for name in bad])
    return data


def nul_fields(data: Any) -> list[str]:
    """The top-level keys of ``data`` whose key or value holds a NUL character anywhere (``body`` when
    ``data`` is not an object). Iterative, so any nesting depth is safe."""
    items = data.items() if isinstance(data, dict) else [("body", data)]
    bad = []
    for name, value in items:
        stack = [name, value]
        while stack:
            item = stack.pop()
            if isinstance(item, str):
                if NUL in item:
                    bad.append(name.replace(NUL, "\\u0000"))
                    break
            elif isinstance(item, dict):
                stack.extend(item.keys())
                stack.extend(item.values())
            elif isinstance(item, list):
                stack.extend(item)
    return bad


def nul_params(request: Request) -> list[FieldProblem]:
    """Path and query parameters holding a NUL character (no identifier or filter can contain one)."""
    names = [k for k, v in request.path_params.items() if isinstance(v, str) and NUL in v]
    names += [k for k, v in request.query_params.multi_items() if NUL in v or NUL in k]
    return [FieldProblem(n.replace(NUL, "\\u0000"), "must not contain NUL (\\u0000) characters")
            for n in dict.fromkeys(names)]
