"""RumbleUp's error answers: an HTTP status and ``{"status": "error", "code", "message", "fields"}``.

Every core error code has a status here (a test checks it against ``ALL_ERROR_CODES``).
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine, Sequence
from typing import Any

from fastapi import Depends, Request, Response, params
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.routing import APIRoute

from tendlc.api.auth import RateLimited, Unauthenticated, cid_actor
from tendlc.api.guards import refuse_nul_params
from tendlc.api.native_errors import HTTP_STATUS as NATIVE_HTTP_STATUS
from tendlc.core.actor import Actor
from tendlc.core.errors import DomainError

# The native API's statuses, but for bad input: RumbleUp answers 400 where the native API says 422.
HTTP_STATUS: dict[str, int] = {**NATIVE_HTTP_STATUS, "INVALID_INPUT": 400}


def error(status: int, code: str, message: str, fields: list[str], headers: dict[str, str] | None = None
          ) -> JSONResponse:
    return JSONResponse({"status": "error", "code": code, "message": message, "fields": fields},
                        status_code=status, headers=headers)


async def caller_first(request: Request, _: Actor = Depends(cid_actor)) -> None:
    """Authenticate (``cid:apikey``) and rate-limit before anything else, then refuse NUL in parameters."""
    refuse_nul_params(request)


class RumbleUpRoute(APIRoute):
    def __init__(self, path: str, endpoint: Callable[..., Any], *,
                 dependencies: Sequence[params.Depends] | None = None, **kwargs: Any) -> None:
        super().__init__(path, endpoint, dependencies=[params.Depends(caller_first), *(dependencies or [])],
                         **kwargs)

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def handle(request: Request) -> Response:
            try:
                return await handler(request)
            except DomainError as exc:
                return error(HTTP_STATUS.get(exc.code, 400), exc.code, exc.message, exc.fields)
            except RequestValidationError as exc:
                fields = [str(e["loc"][-1]) for e in exc.errors() if e.get("loc")]
                return error(400, "INVALID_INPUT", "invalid parameters: " + ", ".join(fields), fields)
            except Unauthenticated:
                return error(401, "UNAUTHENTICATED", "invalid or missing credentials (HTTP Basic cid:apikey)", [],
                             {"WWW-Authenticate": 'Basic realm="tendlc"'})
            except RateLimited as exc:
                return error(429, "RATE_LIMITED", str(exc), [], {"Retry-After": str(exc.retry_after)})

        return handle
