"""``webhookURL`` / ``webhookFailoverURL`` given on a brand, a campaign or a partner campaign: one Telnyx-dialect
webhook endpoint per (account, record), category ``tx:<id>``. Setting an empty URL removes it. The failover
URL is accepted and echoed but not used (deliveries retry the primary URL instead)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from tendlc.core.actor import Actor
from tendlc.core.clock import Clock
from tendlc.core.errors import InvalidInput
from tendlc.core.ids import IdGenerator
from tendlc.core.webhooks.model import TELNYX_SCOPE, Dialect, Endpoint
from tendlc.core.webhooks.ports import UrlCheck, WebhooksUnitOfWork
from tendlc.core.webhooks.service import url_problems
from tendlc.webhooks.telnyx_body import event_types_for

KEYS = {"webhookURL": 1000, "webhookFailoverURL": 255}


def check(body: Any, check_url: UrlCheck) -> None:
    """Refuse a bad webhookURL / webhookFailoverURL before anything is stored."""
    if not isinstance(body, dict):
        return
    problems = [p for key, most in KEYS.items() if body.get(key)
                for p in url_problems(key, body[key], most, check_url)]
    if problems:
        raise InvalidInput.of(problems)


def save(uow: WebhooksUnitOfWork, ids: IdGenerator, clock: Clock, actor: Actor, subject_id: str, body: Any) -> None:
    """Store the URLs ``body`` names (already checked); keys absent from ``body`` change nothing."""
    if not isinstance(body, dict) or not any(key in body for key in KEYS):
        return
    category = TELNYX_SCOPE + subject_id
    found = uow.webhooks.endpoint_by_category(actor.cnp_id, Dialect.TELNYX, category)
    now = clock.now()
    url = (body.get("webhookURL") if "webhookURL" in body else found.url if found and not found.removed_at else "")
    failover = body.get("webhookFailoverURL") if "webhookFailoverURL" in body else (found.secret if found else "")
    if not url:
        if found is not None and found.removed_at is None:
            uow.webhooks.save_endpoint(replace(found, removed_at=now, updated_at=now))
        return
    if found is None:
        uow.webhooks.add_endpoint(Endpoint(id=ids.ulid(), cnp_id=actor.cnp_id, dialect=Dialect.TELNYX, url=url,
                                           secret=failover or "", created_at=now, updated_at=now, category=category,
                                           event_types=event_types_for(subject_id)))
        return
    uow.webhooks.save_endpoint(replace(found, url=url, secret=failover or "", updated_at=now, removed_at=None,
                                       event_types=event_types_for(subject_id)))


def urls(uow: WebhooksUnitOfWork, cnp_id: str, subject_id: str) -> dict[str, str]:
    """``{webhookURL, webhookFailoverURL}`` as set on the record by ``cnp_id`` (empty when none)."""
    found = uow.webhooks.endpoint_by_category(cnp_id, Dialect.TELNYX, TELNYX_SCOPE + subject_id)
    if found is None or found.removed_at is not None:
        return {}
    out = {"webhookURL": found.url}
    if found.secret:
        out["webhookFailoverURL"] = found.secret
    return out
