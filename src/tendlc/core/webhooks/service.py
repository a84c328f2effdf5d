"""Webhook use cases: TCR subscriptions, native endpoints, the delivery log and redelivery.

Secrets are kept on the endpoint only: the TCR signing secret is the API secret of the key that
subscribed (TCR clients verify with the secret they already hold); a native endpoint's ``whsec_``
secret is returned once, when it is made or rotated, and never listed.
"""

from __future__ import annotations

import base64
from dataclasses import replace
from datetime import timedelta
from typing import Any
from urllib.parse import urlsplit

from tendlc.core.actor import Actor
from tendlc.core.clock import Clock
from tendlc.core.errors import FieldProblem, InvalidInput, NotFound, OperationDeclined
from tendlc.core.events import EVENT_CATEGORY, EventType
from tendlc.core.ids import IdGenerator
from tendlc.core.model import Page
from tendlc.core.paging import check_page
from tendlc.core.webhooks.catalog import SUBSCRIBABLE_CATEGORIES, UNSUBSCRIBE_CATEGORIES
from tendlc.core.webhooks.model import Delivery, DeliveryFilter, DeliveryStatus, Dialect, Endpoint
from tendlc.core.webhooks.ports import UrlCheck, WebhooksUnitOfWork

TCR_URL_MAX = 255
NATIVE_URL_MAX = 1000
MAX_NATIVE_ENDPOINTS = 20
DELIVERIES_MAX_PER_PAGE = 100
ROTATION_GRACE = timedelta(hours=24)


def url_problems(field: str, url: Any, max_length: int, check_url: UrlCheck) -> list[FieldProblem]:
    """An endpoint URL must be an absolute http(s) URL of at most ``max_length`` characters whose
    address the server may call (``check_url``)."""
    if not isinstance(url, str) or not url.strip():
        return [FieldProblem(field, "is required")]
    if len(url) > max_length:
        return [FieldProblem(field, f"must be at most {max_length} characters")]
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises on a malformed port
    except ValueError:
        return [FieldProblem(field, "is not a valid URL")]
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return [FieldProblem(field, "must be an absolute http:// or https:// URL")]
    refused = check_url(url)
    return [FieldProblem(field, refused)] if refused else []


def _category(value: Any, allowed: tuple[str, ...], field: str = "eventCategory") -> str:
    if not isinstance(value, str) or value.upper() not in allowed:
        raise InvalidInput.of([FieldProblem(field, f"must be one of {', '.join(allowed)}")])
    return value.upper()


# --- TCR subscriptions ------------------------------------------------------------------------------


def subscribe(uow: WebhooksUnitOfWork, ids: IdGenerator, clock: Clock, actor: Actor, body: Any, *,
              secret: str, key_id: str, check_url: UrlCheck) -> Endpoint:
    """``PUT /webhook/subscription``: one endpoint per category; subscribing again replaces the URL and
    the signing secret (the caller's)."""
    if not isinstance(body, dict):
        raise InvalidInput.of([FieldProblem("body", "the request body must be a JSON object")])
    problems = url_problems("webhookEndpoint", body.get("webhookEndpoint"), TCR_URL_MAX, check_url)
    try:
        category = _category(body.get("eventCategory"), SUBSCRIBABLE_CATEGORIES)
    except InvalidInput as exc:
        problems = exc.problems + problems
    if problems:
        raise InvalidInput.of(problems)
    now = clock.now()
    url = body["webhookEndpoint"].strip()
    found = uow.webhooks.tcr_subscription(actor.cnp_id, category)
    if found is None:
        endpoint = Endpoint(id=ids.ulid(), cnp_id=actor.cnp_id, dialect=Dialect.TCR, url=url, secret=secret,
                            created_at=now, updated_at=now, category=category, key_id=key_id)
        uow.webhooks.add_endpoint(endpoint)
        return endpoint
    endpoint = replace(found, url=url, secret=secret, key_id=key_id, updated_at=now, removed_at=None)
    uow.webhooks.save_endpoint(endpoint)
    return endpoint


def subscriptions(uow: WebhooksUnitOfWork, actor: Actor) -> list[Endpoint]:
    return uow.webhooks.endpoints(actor.cnp_id, Dialect.TCR)


def unsubscribe(uow: WebhooksUnitOfWork, clock: Clock, actor: Actor, category: str) -> None:
    """Remove the subscription to ``category`` (nothing to remove is not an error)."""
    name = _category(category, UNSUBSCRIBE_CATEGORIES)
    found = uow.webhooks.tcr_subscription(actor.cnp_id, name)
    if found is not None and found.removed_at is None:
        uow.webhooks.save_endpoint(replace(found, removed_at=clock.now(), updated_at=clock.now()))


def mock_target(uow: WebhooksUnitOfWork, actor: Actor, event_type: str) -> tuple[EventType, Endpoint]:
    """The subscription a mock ``event_type`` goes to."""
    try:
        kind = EventType(event_type)
    except ValueError:
        raise InvalidInput.of([FieldProblem("eventType", "is not a known event type; see /webhook/eventType")]
                              ) from None
    found = uow.webhooks.tcr_subscription(actor.cnp_id, EVENT_CATEGORY[kind])
    if found is None or found.removed_at is not None:
        raise NotFound(f"no webhook subscription for event category {EVENT_CATEGORY[kind]}", ["eventType"])
    return kind, found


# --- native endpoints --------------------------------------------------------------------------------


def new_native_secret(ids: IdGenerator) -> str:
    """A Standard Webhooks secret: ``whsec_`` + base64 of 32 random bytes."""
    raw = base64.urlsafe_b64decode(ids.token(32) + "==")
    return "whsec_" + base64.b64encode(raw).decode()


def _event_types(value: Any) -> tuple[str, ...] | None:
    if value is None:
        return None
    known = {t.value for t in EventType}
    if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
        raise InvalidInput.of([FieldProblem("eventTypes", "must be a non-empty list of event types, or absent "
                                            "for every event")])
    unknown = [v for v in value if v not in known]
    if unknown:
        raise InvalidInput.of([FieldProblem("eventTypes", f"unknown event type {unknown[0]!r}")])
    return tuple(dict.fromkeys(value))


def create_endpoint(uow: WebhooksUnitOfWork, ids: IdGenerator, clock: Clock, actor: Actor, body: Any, *,
                    check_url: UrlCheck) -> tuple[Endpoint, str]:
    """A new native endpoint and its secret (shown this once)."""
    if not isinstance(body, dict):
        raise InvalidInput.of([FieldProblem("body", "the request body must be a JSON object")])
    problems = url_problems("url", body.get("url"), NATIVE_URL_MAX, check_url)
    try:
        event_types = _event_types(body.get("eventTypes"))
    except InvalidInput as exc:
        problems += exc.problems
    if problems:
        raise InvalidInput.of(problems)
    if len(uow.webhooks.endpoints(actor.cnp_id, Dialect.NATIVE)) >= MAX_NATIVE_ENDPOINTS:
        raise OperationDeclined(f"an account may have at most {MAX_NATIVE_ENDPOINTS} webhook endpoints", ["url"])
    now = clock.now()
    secret = new_native_secret(ids)
    endpoint = Endpoint(id=f"we_{ids.ulid()}", cnp_id=actor.cnp_id, dialect=Dialect.NATIVE,
                        url=body["url"].strip(), secret=secret, created_at=now, updated_at=now,
                        event_types=event_types)
    uow.webhooks.add_endpoint(endpoint)
    return endpoint, secret


def endpoints(uow: WebhooksUnitOfWork, actor: Actor) -> list[Endpoint]:
    return uow.webhooks.endpoints(actor.cnp_id, Dialect.NATIVE)


def get_endpoint(uow: WebhooksUnitOfWork, actor: Actor, endpoint_id: str) -> Endpoint:
    found = uow.webhooks.endpoint(endpoint_id)
    if found is None or found.cnp_id != actor.cnp_id or found.dialect is not Dialect.NATIVE:
        raise NotFound(f"webhook endpoint {endpoint_id} not found", ["endpointId"])
    return found


def delete_endpoint(uow: WebhooksUnitOfWork, clock: Clock, actor: Actor, endpoint_id: str) -> None:
    """Remove an endpoint; its pending deliveries are cancelled when their turn comes."""
    found = get_endpoint(uow, actor, endpoint_id)
    uow.webhooks.save_endpoint(replace(found, removed_at=clock.now(), updated_at=clock.now()))


def rotate_secret(uow: WebhooksUnitOfWork, ids: IdGenerator, clock: Clock, actor: Actor,
                  endpoint_id: str) -> tuple[Endpoint, str]:
    """A new secret (shown once). For 24 hours deliveries carry a signature with the old one too."""
    found = get_endpoint(uow, actor, endpoint_id)
    now = clock.now()
    secret = new_native_secret(ids)
    endpoint = replace(found, secret=secret, previous_secret=found.secret,
                       previous_secret_until=now + ROTATION_GRACE, updated_at=now)
    uow.webhooks.save_endpoint(endpoint)
    return endpoint, secret


# --- deliveries -------------------------------------------------------------------------------------


def delivery_filter(status: str | None, event_type: str | None, campaign_id: str | None,
                    endpoint_id: str | None) -> DeliveryFilter:
    problems = []
    parsed_status = None
    if status is not None:
        try:
            parsed_status = DeliveryStatus(status.lower())
        except ValueError:
            problems.append(FieldProblem("status", "must be one of " + ", ".join(s.value for s in DeliveryStatus)))
    if event_type is not None and event_type not in {t.value for t in EventType}:
        problems.append(FieldProblem("eventType", "is not a known event type"))
    if problems:
        raise InvalidInput.of(problems)
    return DeliveryFilter(status=parsed_status, event_type=event_type, campaign_id=campaign_id,
                          endpoint_id=endpoint_id)


def deliveries(uow: WebhooksUnitOfWork, actor: Actor, where: DeliveryFilter, page: int,
               per_page: int) -> Page[Delivery]:
    """The caller's own deliveries (to any of its endpoints), newest first."""
    request = check_page(page, per_page, DELIVERIES_MAX_PER_PAGE)
    return uow.webhooks.deliveries(actor.cnp_id, where, request)


def get_delivery(uow: WebhooksUnitOfWork, actor: Actor, delivery_id: str) -> Delivery:
    found = uow.webhooks.delivery(delivery_id)
    if found is None or found.cnp_id != actor.cnp_id:
        raise NotFound(f"webhook delivery {delivery_id} not found", ["deliveryId"])
    return found


def redeliver(uow: WebhooksUnitOfWork, clock: Clock, actor: Actor, delivery_id: str) -> Delivery:
    """Send a delivery again now, whatever its status, with a fresh retry budget."""
    found = get_delivery(uow, actor, delivery_id)
    if found.in_flight:
        raise OperationDeclined("the delivery is being sent right now; retry in a moment", ["deliveryId"])
    endpoint = uow.webhooks.endpoint(found.endpoint_id)
    if endpoint is None:
        raise OperationDeclined("the delivery's endpoint was removed", ["deliveryId"])
    uow.webhooks.redeliver(delivery_id, clock.now())
    return get_delivery(uow, actor, delivery_id)
