"""Telnyx's error envelope ``{"errors": [{code, title, detail, source}]}`` and the HTTP status of each core
error. Every 4xx carries ``x-should-retry: false`` so the SDK does not re-send a refused request (its
default retries cover 409)."""

from __future__ import annotations

from collections.abc import Callable, Coroutine, Sequence
from typing import Any

from fastapi import Depends, Request, Response, params
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.routing import APIRoute

from tendlc.api.auth import RateLimited, Unauthenticated, bearer_actor
from tendlc.api.guards import refuse_nul_params, refuse_project_key
from tendlc.core.actor import Actor
from tendlc.core.errors import DomainError, InvalidInput

# core error code -> (HTTP status, Telnyx error code, title). Codes are tendlc's own ("10DLC-" + the
# number TCR uses for the same refusal), stable like the core codes.
TELNYX_ERRORS: dict[str, tuple[int, str, str]] = {
    "INVALID_INPUT": (400, "10015", "Invalid parameter"),
    "NOT_FOUND": (404, "10005", "Resource not found"),
    "DUPLICATE": (409, "10DLC-503", "Duplicate record"),
    "CAMPAIGN_REJECTED": (400, "10DLC-509", "Campaign request rejected"),
    "MAX_CAMPAIGNS_EXCEEDED": (400, "10DLC-511", "Maximum number of campaigns exceeded"),
    "CAMPAIGN_EXPIRED": (400, "10DLC-518", "Campaign is expired"),
    "BRAND_PENDING_SCORING": (400, "10DLC-527", "Brand is pending identity scoring"),
    "RELATIONSHIP_CHANGE_TOO_SOON": (400, "10DLC-528", "Brand relationship update too frequent"),
    "IDENTITY_FIELDS_LOCKED": (400, "10DLC-537", "Brand identity fields are locked"),
    "BRAND_HAS_ACTIVE_CAMPAIGNS": (400, "10DLC-542", "Brand has active campaigns"),
    "CONCURRENT_UPDATE": (409, "10DLC-591", "Concurrent update, retry"),
    "OPERATION_DECLINED": (400, "10DLC-592", "Operation declined"),
    "MOCK_NOT_ALLOWED": (400, "10DLC-536", "Not supported for a mock brand or campaign"),
    "SANDBOX_DISABLED": (403, "10DLC-592", "Sandbox disabled"),
    "SHARING_DECLINED": (400, "10DLC-522", "Campaign sharing declined by the upstream"),
    "SHARING_LOOP": (400, "10DLC-523", "Loop in the connectivity chain"),
    "NOT_THE_UPSTREAM": (403, "10DLC-205", "Unauthorized operation"),
    "SHARING_ALREADY_DECIDED": (400, "10DLC-592", "Sharing already decided"),
    "NOT_MIGRATION_OWNER": (403, "10DLC-500", "Not the CNP migration owner"),
    "VETTING_NOT_ALLOWED": (400, "10DLC-525", "Vetting not allowed for this brand"),
    "VETTING_DUPLICATE": (409, "10DLC-549", "Duplicate vetting request"),
    "VETTING_RECORD_NOT_FOUND": (404, "10DLC-520", "Vetting record not found"),
    "VETTING_EXPIRED": (400, "10DLC-508", "Vetting report expired"),
    "VETTING_INCOMPATIBLE": (400, "10DLC-541", "Vetting report incompatible with brand"),
    "VETTING_BLOCKED_BY_CAMPAIGNS": (400, "10DLC-540", "Brand has active campaigns"),
    "VETTING_LINKED_ELSEWHERE": (409, "10DLC-543", "Vetting report linked to another brand"),
    "OTP_NOT_ALLOWED": (400, "10DLC-506", "OTP not allowed for a verified brand"),
    "UNSUPPORTED_PHONE": (400, "10DLC-551", "Unsupported mobile phone number"),
    "OTP_INVALID": (400, "10DLC-552", "Invalid or expired OTP"),
    # 400, not 429: a retry within seconds cannot succeed, and the SDK would re-send a 429 on its own
    "OTP_RATE_LIMITED": (400, "10DLC-557", "OTP rate limit exceeded"),
}
UNKNOWN = (500, "10007", "Unexpected error")
NO_RETRY = {"x-should-retry": "false"}


def error(code: str, title: str, detail: str, pointer: str | None = None,
          parameter: str | None = None) -> dict[str, Any]:
    item: dict[str, Any] = {"code": code, "title": title, "detail": detail}
    source = {k: v for k, v in (("pointer", pointer), ("parameter", parameter)) if v is not None}
    if source:
        item["source"] = source
    return item


def envelope(status: int, errors: list[dict[str, Any]], headers: dict[str, str] | None = None) -> JSONResponse:
    extra = {**NO_RETRY, **(headers or {})} if status < 500 and status != 429 else headers
    return JSONResponse({"errors": errors}, status_code=status, headers=extra)


def domain_error_response(exc: DomainError) -> JSONResponse:
    status, code, title = TELNYX_ERRORS.get(exc.code, UNKNOWN)
    if isinstance(exc, InvalidInput) and exc.problems:
        return envelope(status, [error(code, title, f"{p.field}: {p.message}", pointer=f"/{p.field}")
                                 for p in exc.problems])
    field = exc.fields[0] if exc.fields else None
    return envelope(status, [error(code, title, exc.message, pointer=f"/{field}" if field else None)])


def validation_response(exc: RequestValidationError) -> JSONResponse:
    items = []
    for err in exc.errors():
        name = str(err["loc"][-1]) if err.get("loc") else "request"
        items.append(error("10015", "Invalid parameter", f"{name}: {err['msg']}", parameter=name))
    return envelope(400, items)


async def caller_first(request: Request, actor: Actor = Depends(bearer_actor)) -> None:
    """Authenticate (Bearer) and rate-limit before anything else (an account's key, never a customer
    project's); then refuse parameters holding NUL."""
    refuse_project_key(actor, "the Telnyx API")
    refuse_nul_params(request)


class TelnyxRoute(APIRoute):
    """Authenticates every ``/v2/10dlc`` route first and renders every failure in Telnyx's envelope."""

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
                return domain_error_response(exc)
            except RequestValidationError as exc:
                return validation_response(exc)
            except Unauthenticated:
                return envelope(401, [error("10009", "Authentication failed",
                                            "send Authorization: Bearer <keyId>:<secret>")],
                                {"WWW-Authenticate": 'Bearer realm="tendlc"'})
            except RateLimited as exc:
                return envelope(429, [error("10011", "Too many requests", str(exc))],
                                {"Retry-After": str(exc.retry_after)})

        return handle
