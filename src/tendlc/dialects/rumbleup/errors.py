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
from tendlc.core.actor import Actor
from tendlc.core.errors import DomainError

HTTP_STATUS: dict[str, int] = {
    "INVALID_INPUT": 400,
    "NOT_FOUND": 404,
    "DUPLICATE": 409,
    "CAMPAIGN_EXPIRED": 409,
    "BRAND_PENDING_SCORING": 409,
    "CAMPAIGN_REJECTED": 422,
    "IDENTITY_FIELDS_LOCKED": 409,
    "BRAND_HAS_ACTIVE_CAMPAIGNS": 409,
    "RELATIONSHIP_CHANGE_TOO_SOON": 409,
    "OPERATION_DECLINED": 403,
    "CONCURRENT_UPDATE": 409,
    "MOCK_NOT_ALLOWED": 409,
    "SHARING_DECLINED": 409,
    "SHARING_LOOP": 409,
    "NOT_THE_UPSTREAM": 403,
    "SHARING_ALREADY_DECIDED": 409,
    "NOT_MIGRATION_OWNER": 403,
    "VETTING_NOT_ALLOWED": 409,
    "VETTING_DUPLICATE": 409,
    "VETTING_RECORD_NOT_FOUND": 404,
    "VETTING_EXPIRED": 422,
    "VETTING_INCOMPATIBLE": 422,
    "VETTING_BLOCKED_BY_CAMPAIGNS": 409,
    "VETTING_LINKED_ELSEWHERE": 409,
    "SANDBOX_DISABLED": 403,
}


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
