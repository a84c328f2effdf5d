"""Webhook endpoints and deliveries.

One table of endpoints holds both kinds: a TCR subscription (``dialect`` ``tcr``: one per event
category per account, signed with the API secret of the key that subscribed) and a native endpoint
(``dialect`` ``native``: any number, optional event-type filter, Standard Webhooks ``whsec_`` secret).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

TELNYX_SCOPE = "tx:"


class Dialect(StrEnum):
    TCR = "tcr"
    NATIVE = "native"
    TELNYX = "telnyx"  # campaignStatusUpdate to a webhookURL given on a brand/campaign; category "tx:<id>"


class DeliveryStatus(StrEnum):
    PENDING = "pending"  # waiting for its (next) attempt, or being sent
    SUCCEEDED = "succeeded"  # the endpoint answered 2xx/3xx
    FAILED = "failed"  # every retry used, or the endpoint address is refused
    CANCELLED = "cancelled"  # the endpoint was removed before the event could be delivered


@dataclass(frozen=True)
class Endpoint:
    id: str
    cnp_id: str
    dialect: Dialect
    url: str
    secret: str = field(repr=False)
    created_at: datetime
    updated_at: datetime
    category: str | None = None  # TCR subscriptions
    event_types: tuple[str, ...] | None = None  # native endpoints; None means every event
    key_id: str | None = None  # TCR: the key whose secret signs
    previous_secret: str | None = field(default=None, repr=False)  # native: still signed with until …
    previous_secret_until: datetime | None = None
    removed_at: datetime | None = None

    def wants(self, event_type: str, category: str, payload: Mapping[str, Any] | None = None) -> bool:
        """Whether an event of this type (about the records of ``payload``) is for this endpoint."""
        if self.removed_at is not None:
            return False
        if self.dialect is Dialect.TCR:
            return self.category == category
        if self.dialect is Dialect.TELNYX:  # only events about the brand or campaign it was given on
            subject = (self.category or "").removeprefix(TELNYX_SCOPE)
            about = (payload or {}).get("campaignId" if subject.startswith("C") else "brandId")
            return about == subject and (self.event_types is None or event_type in self.event_types)
        return self.event_types is None or event_type in self.event_types

    def signing_secrets(self, now: datetime) -> list[str]:
        """The secrets a delivery is signed with now (during a rotation, the old one too)."""
        if self.previous_secret and self.previous_secret_until and now < self.previous_secret_until:
            return [self.secret, self.previous_secret]
        return [self.secret]


@dataclass(frozen=True)
class Attempt:
    number: int
    at: datetime
    url: str
    duration_ms: int
    status_code: int | None = None
    error: str | None = None
    response: str = ""


@dataclass(frozen=True)
class Delivery:
    id: str
    cnp_id: str
    endpoint_id: str
    dialect: Dialect
    url: str
    event_id: str
    event_type: str
    status: DeliveryStatus
    created_at: datetime
    attempt_count: int = 0
    campaign_id: str | None = None
    brand_id: str | None = None
    next_attempt_at: datetime | None = None
    last_attempt_at: datetime | None = None
    finished_at: datetime | None = None
    last_status_code: int | None = None
    last_error: str | None = None
    in_flight: bool = False  # claimed by a sender right now
    attempts: tuple[Attempt, ...] = ()


@dataclass(frozen=True)
class DeliveryFilter:
    status: DeliveryStatus | None = None
    event_type: str | None = None
    campaign_id: str | None = None
    endpoint_id: str | None = None
