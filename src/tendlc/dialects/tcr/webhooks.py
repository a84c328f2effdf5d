"""``/v2/webhook/…``: TCR webhook subscriptions, the event catalogue, and mock events.

The signing secret of a subscription is the API secret of the key that made it: the server sees it in
that request's Basic credentials and keeps it on the subscription only.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request, Response

from tendlc.api.auth import basic_actor, basic_credentials
from tendlc.api.deps import container, json_body, read_handler
from tendlc.core.actor import Actor
from tendlc.core.errors import FieldProblem, InvalidInput
from tendlc.core.events import EVENT_CATEGORY, EventType
from tendlc.core.webhooks import service
from tendlc.core.webhooks.catalog import SUBSCRIBABLE_CATEGORIES, describe, mock_payload
from tendlc.core.webhooks.model import Endpoint
from tendlc.dialects.tcr.errors import TcrRoute
from tendlc.webhooks.addresses import address_problem, private_allowed, url_check
from tendlc.webhooks.render import tcr_body
from tendlc.webhooks.signing import tcr_headers

router = APIRouter(prefix="/v2", route_class=TcrRoute, tags=["TCR webhooks"])


def _subscription(e: Endpoint) -> dict[str, Any]:
    return {"eventCategory": e.category, "webhookEndpoint": e.url}


@router.get("/webhook/eventCategory")
def event_categories(_: Actor = Depends(basic_actor)) -> list[str]:
    return list(SUBSCRIBABLE_CATEGORIES)


@router.get("/webhook/eventType")
def event_types(_: Actor = Depends(basic_actor)) -> list[dict[str, str]]:
    return [{"eventType": t.value, "description": describe(t), "eventCategory": EVENT_CATEGORY[t]}
            for t in EventType]


@router.get("/webhook/subscription")
@read_handler
def list_subscriptions(request: Request, actor: Actor = Depends(basic_actor)) -> list[dict[str, Any]]:
    with container(request).uow() as uow:
        return [_subscription(e) for e in service.subscriptions(uow, actor)]


@router.put("/webhook/subscription")
def subscribe(request: Request, body: Any = Depends(json_body), actor: Actor = Depends(basic_actor)
              ) -> dict[str, Any]:
    c = container(request)
    key_id, secret = basic_credentials(request)
    with c.uow(write=True) as uow:
        endpoint = service.subscribe(uow, c.ids, c.clock, actor, body, secret=secret, key_id=key_id,
                                     check_url=url_check(private_allowed(c.settings)))
    return _subscription(endpoint)


@router.delete("/webhook/subscription/{eventCategory}", status_code=204)
def unsubscribe(eventCategory: str, request: Request, actor: Actor = Depends(basic_actor)) -> Response:
    c = container(request)
    with c.uow(write=True) as uow:
        service.unsubscribe(uow, c.clock, actor, eventCategory)
    return Response(status_code=204)


@router.get("/webhook/subscription/eventType/{eventType}/mock")
def send_mock(eventType: str, request: Request, actor: Actor = Depends(basic_actor)) -> dict[str, Any]:
    """Send a mock ``eventType`` event to the subscribed endpoint now and say what it answered. The mock is
    not queued or retried; a network failure is reported as ``status`` 0 with the error as ``response``."""
    c = container(request)
    with c.uow() as uow:
        kind, endpoint = service.mock_target(uow, actor, eventType)
    refused = address_problem(endpoint.url, allow_private=private_allowed(c.settings))
    if refused:
        raise InvalidInput.of([FieldProblem("webhookEndpoint", refused)])
    payload = mock_payload(kind, actor.cnp_id, actor.name)
    body = tcr_body(payload, kind.value)
    sent = c.webhook_poster()(endpoint.url, body, tcr_headers(endpoint.secret, endpoint.url, body),
                              c.settings.webhook_timeout_seconds)
    return {"endpoint": endpoint.url, "status": sent.status_code or 0, "request": body.decode(),
            "response": sent.response if sent.error is None else sent.error}
