"""Canonical events. Names are TCR's event types; dialects render them in their own words.

An event is written to the outbox in the same transaction as the change that caused it. Its
``recipients`` are the accounts entitled to see it (the owner, and later every downstream party).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any


class EventType(StrEnum):
    BRAND_ADD = "BRAND_ADD"
    BRAND_UPDATE = "BRAND_UPDATE"
    BRAND_DELETE = "BRAND_DELETE"
    BRAND_IDENTITY_STATUS_UPDATE = "BRAND_IDENTITY_STATUS_UPDATE"
    CAMPAIGN_ADD = "CAMPAIGN_ADD"
    CAMPAIGN_UPDATE = "CAMPAIGN_UPDATE"
    CAMPAIGN_EXPIRED = "CAMPAIGN_EXPIRED"


EVENT_CATEGORY: dict[EventType, str] = {
    EventType.BRAND_ADD: "BRAND",
    EventType.BRAND_UPDATE: "BRAND",
    EventType.BRAND_DELETE: "BRAND",
    EventType.BRAND_IDENTITY_STATUS_UPDATE: "BRAND",
    EventType.CAMPAIGN_ADD: "CAMPAIGN",
    EventType.CAMPAIGN_UPDATE: "CAMPAIGN",
    EventType.CAMPAIGN_EXPIRED: "CAMPAIGN",
}


@dataclass(frozen=True)
class Event:
    """Something that happened, for the accounts in ``recipients``.

    ``payload`` holds TCR's flat webhook keys (``cspId``, ``brandId``, ``campaignId``,
    ``description``, ``mock``, …) without ``eventType``, which is ``type``.
    """

    type: EventType
    recipients: tuple[str, ...]
    occurred_at: datetime
    payload: dict[str, Any] = field(default_factory=dict)

    @property
    def category(self) -> str:
        return EVENT_CATEGORY[self.type]
