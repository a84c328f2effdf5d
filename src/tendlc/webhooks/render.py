"""The body of a webhook, rendered once per endpoint dialect. Pure.

TCR: the flat payload with ``eventType`` (``reference/tcr-api.md`` §5.2), in RFC 8785 canonical form.
Telnyx: the bare ``campaignStatusUpdate`` object (``webhooks/telnyx_body.py``).
Native: a Standard Webhooks envelope ``{"type", "timestamp", "data"}`` whose ``data`` is the same flat
payload without ``eventType``.
Reference ids (``brandReferenceId``, ``campaignReferenceId``) are the creator's own: other recipients
(the upstream parties of a shared campaign) never see them.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from tendlc.core.model import iso_millis
from tendlc.core.webhooks.model import Dialect
from tendlc.webhooks.signing import canonical_json
from tendlc.webhooks.telnyx_body import campaign_status_update

CREATOR_ONLY_KEYS = ("brandReferenceId", "campaignReferenceId")


def visible_payload(payload: dict[str, Any], recipient: str) -> dict[str, Any]:
    """The payload as ``recipient`` may see it."""
    if payload.get("cspId") in (None, recipient):
        return payload
    return {k: v for k, v in payload.items() if k not in CREATOR_ONLY_KEYS}


def tcr_body(payload: dict[str, Any], event_type: str) -> bytes:
    return canonical_json({**payload, "eventType": event_type})


def native_body(payload: dict[str, Any], event_type: str, occurred_at: datetime) -> bytes:
    data = {k: v for k, v in payload.items() if k != "eventType"}
    return canonical_json({"type": event_type, "timestamp": iso_millis(occurred_at), "data": data})


def render(dialect: Dialect, payload: dict[str, Any], event_type: str, occurred_at: datetime,
           recipient: str) -> bytes:
    seen = visible_payload(payload, recipient)
    if dialect is Dialect.TCR:
        return tcr_body(seen, event_type)
    if dialect is Dialect.TELNYX:
        return campaign_status_update(seen, event_type, occurred_at)
    return native_body(seen, event_type, occurred_at)


def native_message_id(event_id: str) -> str:
    """The Standard Webhooks ``webhook-id``: the same for every attempt of one event."""
    return f"msg_{event_id}"
