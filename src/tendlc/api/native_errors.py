"""The native API's error envelope: ``{"error": {"code", "message", "fields"}}`` with HTTP statuses."""

from __future__ import annotations

from collections.abc import Callable, Coroutine, Sequence
from typing import Any

from fastapi import Request, Response, params
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.routing import APIRoute

from tendlc.api.auth import RateLimited, Unauthenticated
from tendlc.api.guards import first_dependency
from tendlc.core.errors import DomainError

HTTP_STATUS: dict[str, int] = {
    "INVALID_INPUT": 422,
    "NOT_FOUND": 404,
    "DUPLICATE": 409,
    "CAMPAIGN_REJECTED": 422,
    "MAX_CAMPAIGNS_EXCEEDED": 409,
    "CAMPAIGN_EXPIRED": 409,
    "BRAND_PENDING_SCORING": 409,
    "RELATIONSHIP_CHANGE_TOO_SOON": 409,
    "IDENTITY_FIELDS_LOCKED": 409,
    "BRAND_HAS_ACTIVE_CAMPAIGNS": 409,
    "CONCURRENT_UPDATE": 409,
    "OPERATION_DECLINED": 403,
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
    "OTP_NOT_ALLOWED": 409,
    "OTP_INVALID": 422,
    "OTP_RATE_LIMITED": 429,
    "UNSUPPORTED_PHONE": 422,
}


def _error(status: int, code: str, message: str, fields: list[str], headers: dict[str, str] | None = None
           ) -> JSONResponse:
    return JSONResponse({"error": {"code": code, "message": message, "fields": fields}}, status_code=status,
                        headers=headers)


class NativeRoute(APIRoute):
    """A route of the native API: an authenticated route authenticates its caller before anything else
    (``tendlc.api.guards``), and failures are rendered in the native envelope."""

    def __init__(self, path: str, endpoint: Callable[..., Any], *,
                 dependencies: Sequence[params.Depends] | None = None, **kwargs: Any) -> None:
        super().__init__(path, endpoint, dependencies=[first_dependency(endpoint), *(dependencies or [])], **kwargs)

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def handle(request: Request) -> Response:
            try:
                return await handler(request)
            except DomainError as exc:
                return _error(HTTP_STATUS.get(exc.code, 400), exc.code, exc.message, exc.fields)
            except RequestValidationError as exc:
                fields = [str(e["loc"][-1]) for e in exc.errors() if e.get("loc")]
                return _error(422, "INVALID_INPUT", "; ".join(f"{f}: {e['msg']}" for f, e in
                                                              zip(fields, exc.errors(), strict=False)), fields)
            except Unauthenticated:
                return _error(401, "UNAUTHENTICATED", "invalid or missing credentials", [],
                              {"WWW-Authenticate": 'Basic realm="tendlc"'})
            except RateLimited as exc:
                return _error(429, "RATE_LIMITED", str(exc), [], {"Retry-After": str(exc.retry_after)})

        return handle
