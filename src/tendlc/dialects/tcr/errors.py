"""TCR's error envelope: HTTP 400 with a JSON array of ``{code, description, fields}``."""

from __future__ import annotations

from collections.abc import Callable, Coroutine, Sequence
from typing import Any

from fastapi import Request, Response, params
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.routing import APIRoute

from tendlc.api.auth import RateLimited, Unauthenticated
from tendlc.api.guards import first_dependency
from tendlc.core.errors import DomainError, InvalidInput

# core error code -> TCR error code
TCR_CODES: dict[str, int] = {
    "INVALID_INPUT": 501,
    "NOT_FOUND": 502,
    "DUPLICATE": 503,
    "CAMPAIGN_REJECTED": 509,
    "MAX_CAMPAIGNS_EXCEEDED": 511,
    "CAMPAIGN_EXPIRED": 518,
    "BRAND_PENDING_SCORING": 527,
    "RELATIONSHIP_CHANGE_TOO_SOON": 528,
    "IDENTITY_FIELDS_LOCKED": 537,
    "BRAND_HAS_ACTIVE_CAMPAIGNS": 542,
    "CONCURRENT_UPDATE": 591,
    "OPERATION_DECLINED": 592,
    "MOCK_NOT_ALLOWED": 536,
    "SANDBOX_DISABLED": 592,
    "SHARING_DECLINED": 522,
    "SHARING_LOOP": 523,
    "NOT_THE_UPSTREAM": 205,
    "SHARING_ALREADY_DECIDED": 592,
    "NOT_MIGRATION_OWNER": 500,
    "VETTING_NOT_ALLOWED": 525,
    "VETTING_DUPLICATE": 549,
    "VETTING_RECORD_NOT_FOUND": 520,
    "VETTING_EXPIRED": 508,
    "VETTING_INCOMPATIBLE": 541,
    "VETTING_BLOCKED_BY_CAMPAIGNS": 540,
    "VETTING_LINKED_ELSEWHERE": 543,
    "OTP_NOT_ALLOWED": 506,
    "UNSUPPORTED_PHONE": 551,
    "OTP_INVALID": 552,
    "OTP_RATE_LIMITED": 557,
}

TCR_DESCRIPTIONS: dict[int, str] = {
    202: "User not authenticated",
    205: "Unauthorized operation",
    501: "Invalid input parameter",
    502: "Record not found",
    503: "Duplicate record",
    509: "Campaign request rejected",
    511: "Maximum number of campaigns exceeded",
    518: "Campaign is expired",
    527: "Brand is pending identity scoring",
    528: "Brand relationship update too frequent",
    537: "Brand identity fields are locked",
    542: "Cannot delete a brand with active campaigns",
    590: "Internal system error",
    591: "Temporary system error, retry in 30 seconds",
    592: "Operation declined",
    500: "Requester is not the CNP migration owner",
    522: "Campaign sharing request declined by upstream CNP",
    523: "Loop detected in the campaign connectivity chain",
    536: "Operation not supported for a mock brand or campaign",
    508: "Vetting report has expired",
    520: "Vetting report record cannot be found",
    525: "Vetting or revet not allowed for this brand",
    540: "Vetting report cannot be imported for a brand with active campaigns",
    541: "Vetting report incompatible with brand",
    543: "Vetting report is already associated with another brand",
    549: "Duplicate vet request within the restricted period",
    506: "Invalid status: OTP is not allowed for a VERIFIED brand",
    551: "Unsupported number: only US or Canadian mobile numbers receive an OTP",
    552: "Unrecognized or expired OTP PIN",
    557: "Rate limit for OTP attempts exceeded",
}


def error_response(code: int, description: str, fields: list[str], status: int = 400) -> JSONResponse:
    return JSONResponse([{"code": code, "description": description, "fields": fields}], status_code=status)


def domain_error_response(exc: DomainError) -> JSONResponse:
    code = TCR_CODES.get(exc.code, 590)
    if isinstance(exc, InvalidInput) and exc.problems:
        body = [{"code": code, "description": f"{TCR_DESCRIPTIONS[code]}: {p.field} {p.message}",
                 "fields": [p.field]} for p in exc.problems]
        return JSONResponse(body, status_code=400)
    return error_response(code, f"{TCR_DESCRIPTIONS.get(code, 'Error')}: {exc.message}", exc.fields)


def _validation_response(exc: RequestValidationError) -> JSONResponse:
    body = []
    for err in exc.errors():
        name = str(err["loc"][-1]) if err.get("loc") else "request"
        body.append({"code": 501, "description": f"Invalid input parameter: {name} {err['msg']}", "fields": [name]})
    return JSONResponse(body, status_code=400)


class TcrRoute(APIRoute):
    """Authenticates the caller first on every ``/v2`` route (``tendlc.api.guards``) and renders every
    failure in TCR's envelope."""

    def __init__(self, path: str, endpoint: Callable[..., Any], *,
                 dependencies: Sequence[params.Depends] | None = None, **kwargs: Any) -> None:
        first = first_dependency(endpoint, account_only=True)
        super().__init__(path, endpoint, dependencies=[first, *(dependencies or [])], **kwargs)

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def handle(request: Request) -> Response:
            try:
                return await handler(request)
            except DomainError as exc:
                return domain_error_response(exc)
            except RequestValidationError as exc:
                return _validation_response(exc)
            except Unauthenticated:
                return JSONResponse([{"code": 202, "description": TCR_DESCRIPTIONS[202], "fields": []}],
                                    status_code=401, headers={"WWW-Authenticate": 'Basic realm="tendlc"'})
            except RateLimited as exc:
                return JSONResponse([{"code": 429, "description": str(exc), "fields": []}], status_code=429,
                                    headers={"Retry-After": str(exc.retry_after)})

        return handle
