"""Native webhook API under ``/api/v1/webhooks``: endpoints (Standard Webhooks), the delivery log,
redelivery. Every caller sees only its own endpoints and deliveries."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.responses import JSONResponse

from tendlc.api.auth import basic_actor
from tendlc.api.deps import container, json_body, read_handler
from tendlc.api.native_errors import NativeRoute
from tendlc.core.actor import Actor
from tendlc.core.model import iso_millis
from tendlc.core.webhooks import service
from tendlc.core.webhooks.model import Attempt, Delivery, Endpoint
from tendlc.webhooks.addresses import private_allowed, url_check

router = APIRouter(prefix="/api/v1/webhooks", route_class=NativeRoute, tags=["native webhooks"])


def _when(at: Any) -> str | None:
    return iso_millis(at) if at is not None else None


def endpoint_json(e: Endpoint) -> dict[str, Any]:
    return {"id": e.id, "url": e.url, "eventTypes": list(e.event_types) if e.event_types is not None else None,
            "createdAt": _when(e.created_at), "updatedAt": _when(e.updated_at)}


def attempt_json(a: Attempt) -> dict[str, Any]:
    return {"number": a.number, "at": _when(a.at), "url": a.url, "statusCode": a.status_code, "error": a.error,
            "durationMs": a.duration_ms, "response": a.response}


def delivery_json(d: Delivery) -> dict[str, Any]:
    return {
        "id": d.id, "endpointId": d.endpoint_id, "dialect": d.dialect.value, "url": d.url, "eventId": d.event_id,
        "eventType": d.event_type, "campaignId": d.campaign_id, "brandId": d.brand_id, "status": d.status.value,
        "attemptCount": d.attempt_count, "nextAttemptAt": _when(d.next_attempt_at) if not d.in_flight else None,
        "inFlight": d.in_flight, "createdAt": _when(d.created_at), "lastAttemptAt": _when(d.last_attempt_at),
        "finishedAt": _when(d.finished_at), "lastStatusCode": d.last_status_code, "lastError": d.last_error,
        "attempts": [attempt_json(a) for a in d.attempts],
    }


@router.post("/endpoints", status_code=201)
def create_endpoint(request: Request, body: Any = Depends(json_body), actor: Actor = Depends(basic_actor)
                    ) -> dict[str, Any]:
    """Add an endpoint: ``{"url", "eventTypes"?: [...]}`` (no ``eventTypes``: every event). The answer holds
    the ``whsec_…`` signing secret, shown this once."""
    c = container(request)
    with c.uow(write=True) as uow:
        endpoint, secret = service.create_endpoint(uow, c.ids, c.clock, actor, body,
                                                   check_url=url_check(private_allowed(c.settings)))
    return {**endpoint_json(endpoint), "secret": secret}


@router.get("/endpoints")
@read_handler
def list_endpoints(request: Request, actor: Actor = Depends(basic_actor)) -> dict[str, Any]:
    with container(request).uow() as uow:
        found = service.endpoints(uow, actor)
    return {"endpoints": [endpoint_json(e) for e in found]}


@router.get("/endpoints/{endpointId}")
@read_handler
def get_endpoint(endpointId: str, request: Request, actor: Actor = Depends(basic_actor)) -> dict[str, Any]:
    with container(request).uow() as uow:
        return endpoint_json(service.get_endpoint(uow, actor, endpointId))


@router.delete("/endpoints/{endpointId}", status_code=204)
def delete_endpoint(endpointId: str, request: Request, actor: Actor = Depends(basic_actor)) -> Response:
    c = container(request)
    with c.uow(write=True) as uow:
        service.delete_endpoint(uow, c.clock, actor, endpointId)
    return Response(status_code=204)


@router.post("/endpoints/{endpointId}/rotate-secret")
def rotate_secret(endpointId: str, request: Request, actor: Actor = Depends(basic_actor)) -> dict[str, Any]:
    """A new signing secret, shown this once. For 24 hours deliveries are signed with the old one too."""
    c = container(request)
    with c.uow(write=True) as uow:
        endpoint, secret = service.rotate_secret(uow, c.ids, c.clock, actor, endpointId)
    return {**endpoint_json(endpoint), "secret": secret}


@router.get("/deliveries")
@read_handler
def list_deliveries(
    request: Request,
    actor: Actor = Depends(basic_actor),
    status: str | None = None,
    eventType: str | None = None,
    campaignId: str | None = None,
    endpointId: str | None = None,
    page: int = Query(1),
    recordsPerPage: int = Query(20),
) -> dict[str, Any]:
    """The caller's deliveries, newest first, each with its attempts."""
    where = service.delivery_filter(status, eventType, campaignId, endpointId)
    with container(request).uow() as uow:
        found = service.deliveries(uow, actor, where, page, recordsPerPage)
    return {"page": page, "recordsPerPage": recordsPerPage, "totalRecords": found.total,
            "deliveries": [delivery_json(d) for d in found.items]}


@router.get("/deliveries/{deliveryId}")
@read_handler
def get_delivery(deliveryId: str, request: Request, actor: Actor = Depends(basic_actor)) -> dict[str, Any]:
    with container(request).uow() as uow:
        return delivery_json(service.get_delivery(uow, actor, deliveryId))


@router.post("/deliveries/{deliveryId}/redeliver", status_code=202)
def redeliver(deliveryId: str, request: Request, actor: Actor = Depends(basic_actor)) -> JSONResponse:
    """Send the delivery again now (whatever its status), with a fresh retry budget."""
    c = container(request)
    with c.uow(write=True) as uow:
        delivery = service.redeliver(uow, c.clock, actor, deliveryId)
    return JSONResponse(delivery_json(delivery), status_code=202)
