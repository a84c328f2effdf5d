"""Registry events → Telnyx ``campaignStatusUpdate`` webhook bodies (pure).

The body is the bare object ``{brandId, campaignId, cspId, createDate, description, isTMobileRegistered,
status, type}`` (plus the creator's ``brandReferenceId`` / ``campaignReferenceId`` when it is the
recipient); events without a Telnyx word are not sent to Telnyx-dialect endpoints (their
``event_types`` hold only the events below).
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from tendlc.core.events import EventType
from tendlc.core.model import iso_millis

T_MOBILE = 10035

# event type -> (Telnyx ``type``, Telnyx ``status``)
CAMPAIGN_EVENTS: dict[str, tuple[str, str]] = {
    EventType.CAMPAIGN_ADD.value: ("REGISTRATION", "ACCEPTED"),
    EventType.CAMPAIGN_SHARE_ACCEPT.value: ("TELNYX_REVIEW", "ACCEPTED"),
    EventType.CAMPAIGN_SHARE_DELETE.value: ("TELNYX_REVIEW", "REJECTED"),
    EventType.MNO_CAMPAIGN_OPERATION_APPROVED.value: ("MNO_REVIEW", "ACCEPTED"),
    EventType.MNO_CAMPAIGN_OPERATION_REJECTED.value: ("MNO_REVIEW", "REJECTED"),
    EventType.MNO_CAMPAIGN_OPERATION_SUSPENDED.value: ("MNO_REVIEW", "DORMANT"),
    EventType.MNO_CAMPAIGN_OPERATION_UNSUSPENDED.value: ("MNO_REVIEW", "ACCEPTED"),
    EventType.CAMPAIGN_EXPIRED.value: ("TCR_EVENT", "DORMANT"),
}
BRAND_EVENTS: dict[str, tuple[str, str]] = {
    EventType.BRAND_IDENTITY_STATUS_UPDATE.value: ("VERIFIED", "success"),
}
VERIFIED_WORDS = ("VERIFIED", "VETTED_VERIFIED", "SELF_DECLARED")


def event_types_for(subject_id: str) -> tuple[str, ...]:
    """What a webhookURL given on a campaign (``C…``) or a brand (``B…``) receives."""
    return tuple(CAMPAIGN_EVENTS if subject_id.startswith("C") else BRAND_EVENTS)


def campaign_status_update(payload: dict[str, Any], event_type: str, occurred_at: datetime) -> bytes:
    kind, status = CAMPAIGN_EVENTS.get(event_type) or BRAND_EVENTS.get(event_type) or ("TCR_EVENT", "success")
    if event_type == EventType.BRAND_IDENTITY_STATUS_UPDATE.value:
        status = "success" if payload.get("brandIdentityStatus") in VERIFIED_WORDS else "failed"
    body: dict[str, Any] = {
        "brandId": payload.get("brandId"),
        "campaignId": payload.get("campaignId"),
        "cspId": payload.get("cspId"),
        "createDate": iso_millis(occurred_at),
        "description": payload.get("description"),
        "isTMobileRegistered": payload.get("mnoId") == T_MOBILE and status == "ACCEPTED" and kind == "MNO_REVIEW",
        "status": status,
        "type": kind,
        # tendlc's addition: the creator's own reference ids (only the creator's payload has them)
        "brandReferenceId": payload.get("brandReferenceId"),
        "campaignReferenceId": payload.get("campaignReferenceId"),
    }
    return json.dumps({k: v for k, v in body.items() if v is not None}, separators=(",", ":")).encode()
