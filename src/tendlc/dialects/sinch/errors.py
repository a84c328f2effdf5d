"""Sinch's Google-style error envelope ``{"error": {code, message, status, details}}`` and the HTTP status
and canonical status of each core error code."""

from __future__ import annotations

import logging
from collections.abc import Callable, Coroutine, Sequence
from typing import Any

from fastapi import Request, Response, params
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.routing import APIRoute

from tendlc.api.auth import RateLimited, Unauthenticated
from tendlc.api.guards import first_dependency
from tendlc.core.errors import DomainError, InvalidInput

BAD = (400, "INVALID_ARGUMENT")
PRECONDITION = (400, "FAILED_PRECONDITION")
SINCH_ERRORS: dict[str, tuple[int, str]] = {
    "INVALID_INPUT": BAD,
    "NOT_FOUND": (404, "NOT_FOUND"),
    "DUPLICATE": (409, "ALREADY_EXISTS"),
    "CAMPAIGN_REJECTED": PRECONDITION,
    "MAX_CAMPAIGNS_EXCEEDED": PRECONDITION,
    "CAMPAIGN_EXPIRED": PRECONDITION,
    "BRAND_PENDING_SCORING": PRECONDITION,
    "RELATIONSHIP_CHANGE_TOO_SOON": PRECONDITION,
    "IDENTITY_FIELDS_LOCKED": PRECONDITION,
    "BRAND_HAS_ACTIVE_CAMPAIGNS": PRECONDITION,
    "OPERATION_DECLINED": PRECONDITION,
    "CONCURRENT_UPDATE": (409, "ABORTED"),
    "MOCK_NOT_ALLOWED": PRECONDITION,
    "SHARING_DECLINED": PRECONDITION,
    "SHARING_LOOP": PRECONDITION,
    "NOT_THE_UPSTREAM": (403, "PERMISSION_DENIED"),
    "SHARING_ALREADY_DECIDED": PRECONDITION,
    "NOT_MIGRATION_OWNER": (403, "PERMISSION_DENIED"),
    "VETTING_NOT_ALLOWED": PRECONDITION,
    "VETTING_DUPLICATE": (409, "ALREADY_EXISTS"),
    "VETTING_RECORD_NOT_FOUND": (404, "NOT_FOUND"),
    "VETTING_EXPIRED": PRECONDITION,
    "VETTING_INCOMPATIBLE": PRECONDITION,
    "VETTING_BLOCKED_BY_CAMPAIGNS": PRECONDITION,
    "VETTING_LINKED_ELSEWHERE": (409, "ALREADY_EXISTS"),
    "SANDBOX_DISABLED": (403, "PERMISSION_DENIED"),
    "OTP_NOT_ALLOWED": PRECONDITION,
    "OTP_INVALID": PRECONDITION,
    "OTP_RATE_LIMITED": (429, "RESOURCE_EXHAUSTED"),
    "UNSUPPORTED_PHONE": BAD,
}
INTERNAL = (500, "INTERNAL")
log = logging.getLogger("tendlc.sinch")
BAD_REQUEST_TYPE = "type.googleapis.com/google.rpc.BadRequest"
BODY_FIELDS = frozenset({"brandId", "useCase", "campaignName", "description", "sample1", "sample2", "sample3",
                         "sample4", "subUseCases", "messageFlow", "stopMessage", "optInMessage", "helpMessage"})


def envelope(status: int, canonical: str, message: str, violations: list[tuple[str, str]] | None = None,
             headers: dict[str, str] | None = None) -> JSONResponse:
    details: list[dict[str, Any]] = []
    if violations:
        details.append({"@type": BAD_REQUEST_TYPE,
                        "fieldViolations": [{"field": f, "description": d} for f, d in violations]})
    return JSONResponse({"error": {"code": status, "message": message, "status": canonical, "details": details}},
                        status_code=status, headers=headers)


def domain_error_response(exc: DomainError) -> JSONResponse:
    status, canonical = SINCH_ERRORS.get(exc.code, INTERNAL)
    if exc.code == "NOT_FOUND" and set(exc.fields) & BODY_FIELDS:  # a brand named in the body: a bad argument
        status, canonical = BAD
    if isinstance(exc, InvalidInput) and exc.problems:
        return envelope(status, canonical, exc.message, [(p.field, p.message) for p in exc.problems])
    return envelope(status, canonical, exc.message, [(f, exc.message) for f in exc.fields] if status == 400 else None)


def validation_response(exc: RequestValidationError) -> JSONResponse:
    violations = [(str(e["loc"][-1]) if e.get("loc") else "request", str(e["msg"])) for e in exc.errors()]
    return envelope(400, "INVALID_ARGUMENT", "; ".join(f"{f}: {m}" for f, m in violations), violations)


class SinchRoute(APIRoute):
    """Authenticates the caller before anything else (``tendlc.api.guards``) and renders every failure of a
    Sinch route in Sinch's envelope."""

    def __init__(self, path: str, endpoint: Callable[..., Any], *,
                 dependencies: Sequence[params.Depends] | None = None, **kwargs: Any) -> None:
        super().__init__(path, endpoint, dependencies=[first_dependency(endpoint), *(dependencies or [])], **kwargs)

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def handle(request: Request) -> Response:
            try:
                return await handler(request)
            except DomainError as exc:
                return domain_error_response(exc)
            except RequestValidationError as exc:
                return validation_response(exc)
            except Unauthenticated:
                return envelope(401, "UNAUTHENTICATED", "invalid or missing credentials (HTTP Basic key:secret)",
                                headers={"WWW-Authenticate": 'Basic realm="tendlc"'})
            except RateLimited as exc:
                return envelope(429, "RESOURCE_EXHAUSTED", str(exc), headers={"Retry-After": str(exc.retry_after)})
            except Exception:  # the seed's 500: "INTERNAL: Internal server error. Typically, a server bug."
                log.exception("sinch route failed")
                return envelope(500, "INTERNAL", "Internal server error")

        return handle
