"""Fixtures of the portal's browser tests: a live server (uvicorn in a thread on a free port, sandbox mode,
workers running, on the suite's test database) and Debian's Chromium for pytest-playwright."""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn

from tendlc.api.app import create_app
from tendlc.bootstrap import Container

CHROMIUM = os.environ.get("TENDLC_CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def chromium_missing() -> str | None:
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        return f"no Chromium at {CHROMIUM}: install Debian's (`apt-get install chromium`, as .ci/run does)"
    try:
        import playwright  # noqa: F401
    except ImportError:
        return "pytest-playwright is not installed (pip install -e '.[test]')"
    return None


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    # Every browser test goes through here before pytest-playwright launches anything: skip, saying why.
    reason = chromium_missing()
    if reason:
        pytest.skip(reason)
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": ["--no-sandbox"]}


@pytest.fixture
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class LiveServer:
    def __init__(self, app: Any) -> None:
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning", lifespan="on")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, name="portal-live-server", daemon=True)

    def __enter__(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + 60
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the live server did not start")
            time.sleep(0.02)
        return self

    def __exit__(self, *_: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=30)


@pytest.fixture
def live_server(sandbox_container: Container) -> Iterator[LiveServer]:
    """The whole application (sandbox on, workers on) served on 127.0.0.1."""
    reason = chromium_missing()
    if reason:
        pytest.skip(reason)
    with LiveServer(create_app(sandbox_container, run_workers=True)) as server:
        yield server
