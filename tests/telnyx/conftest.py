"""Fixtures of the Telnyx tests: a CSP account and the official SDK's client acting for it, in-process."""

from __future__ import annotations

from typing import Any

import pytest

from tests.telnyx.support import sdk_client


@pytest.fixture
def csp(make_party: Any) -> Any:
    return make_party("csp", "Acme Messaging")


@pytest.fixture
def client(app: Any, csp: Any) -> Any:
    return sdk_client(app, csp)
