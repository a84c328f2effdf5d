"""JSON answers encoded once, by orjson, and handed to FastAPI as a finished ``Response``.

A route that returns a dict has FastAPI validate it against the return annotation and serialize it, in a
second trip through the thread pool for ``def`` routes; for the hot routes that costs more than the work
itself. The bytes are the same JSON (compact, UTF-8).
"""

from __future__ import annotations

from typing import Any

import orjson
from fastapi import Response


def json_response(content: Any, status_code: int = 200) -> Response:
    return Response(orjson.dumps(content, option=orjson.OPT_NON_STR_KEYS), status_code=status_code,
                    media_type="application/json")
