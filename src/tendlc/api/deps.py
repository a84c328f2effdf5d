"""Request-scoped helpers shared by every door: the container, JSON bodies, rate limits."""

from __future__ import annotations

import json
from typing import Any

from fastapi import Request

from tendlc.bootstrap import Container
from tendlc.core.errors import FieldProblem, InvalidInput


def container(request: Request) -> Container:
    return request.app.state.container  # type: ignore[no-any-return]


async def json_body(request: Request) -> Any:
    """The request's JSON body. Malformed or oversize bodies are refused naming ``body``."""
    limit = container(request).settings.max_body_bytes
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise InvalidInput.of([FieldProblem("body", f"the body is larger than {limit:,} bytes")])
    raw = await request.body()
    if len(raw) > limit:
        raise InvalidInput.of([FieldProblem("body", f"the body is larger than {limit:,} bytes")])
    if not raw.strip():
        return {}
    try:
        return json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InvalidInput.of([FieldProblem("body", f"the body is not valid JSON ({exc})")]) from None
