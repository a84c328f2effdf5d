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
    """TCR's webhook event types (``reference/tcr-api.md`` §5.1)."""

    BRAND_ADD = "BRAND_ADD"
    BRAND_UPDATE = "BRAND_UPDATE"
    BRAND_DELETE = "BRAND_DELETE"
    BRAND_REVET = "BRAND_REVET"
    BRAND_IDENTITY_STATUS_UPDATE = "BRAND_IDENTITY_STATUS_UPDATE"
    BRAND_IDENTITY_VET_UPDATE = "BRAND_IDENTITY_VET_UPDATE"
    BRAND_APPEAL_COMPLETE = "BRAND_APPEAL_COMPLETE"
    BRAND_MOCK_OTP = "BRAND_MOCK_OTP"
    BRAND_OTP_VERIFIED = "BRAND_OTP_VERIFIED"
    CAMPAIGN_ADD = "CAMPAIGN_ADD"
    CAMPAIGN_UPDATE = "CAMPAIGN_UPDATE"
    CAMPAIGN_BILLED = "CAMPAIGN_BILLED"
    CAMPAIGN_EXPIRED = "CAMPAIGN_EXPIRED"
    CAMPAIGN_RESUBMISSION = "CAMPAIGN_RESUBMISSION"
    CAMPAIGN_NUDGE = "CAMPAIGN_NUDGE"
    CAMPAIGN_SHARE_ADD = "CAMPAIGN_SHARE_ADD"
    CAMPAIGN_SHARE_ACCEPT = "CAMPAIGN_SHARE_ACCEPT"
    CAMPAIGN_SHARE_DELETE = "CAMPAIGN_SHARE_DELETE"
    CAMPAIGN_DCA_COMPLETE = "CAMPAIGN_DCA_COMPLETE"
    CAMPAIGN_DCA_UPDATE = "CAMPAIGN_DCA_UPDATE"
    MNO_CAMPAIGN_OPERATION_REVIEW = "MNO_CAMPAIGN_OPERATION_REVIEW"
    MNO_CAMPAIGN_OPERATION_APPROVED = "MNO_CAMPAIGN_OPERATION_APPROVED"
    MNO_CAMPAIGN_OPERATION_REJECTED = "MNO_CAMPAIGN_OPERATION_REJECTED"
    MNO_CAMPAIGN_OPERATION_SUSPENDED = "MNO_CAMPAIGN_OPERATION_SUSPENDED"
    MNO_CAMPAIGN_OPERATION_UNSUSPENDED = "MNO_CAMPAIGN_OPERATION_UNSUSPENDED"
    CSP_ACTIVE = "CSP_ACTIVE"
    CSP_APPROVE = "CSP_APPROVE"
    CSP_SUSPEND = "CSP_SUSPEND"
    EVP_REPORT_IMPORT = "EVP_REPORT_IMPORT"
    EVP_REPORT_SCORE = "EVP_REPORT_SCORE"
    EVP_REPORT_UNSCORE = "EVP_REPORT_UNSCORE"
    EVP_REPORT_FAIL = "EVP_REPORT_FAIL"
    EVP_REPORT_UPDATE = "EVP_REPORT_UPDATE"
    EVP_REPORT_EXPIRE = "EVP_REPORT_EXPIRE"
    MNO_COMPLAINT = "MNO_COMPLAINT"
    # tendlc's own: a provider's review of its customers' campaign registrations (core/registrations).
    CAMPAIGN_REGISTRATION_SUBMITTED = "CAMPAIGN_REGISTRATION_SUBMITTED"
    CAMPAIGN_REGISTRATION_APPROVED = "CAMPAIGN_REGISTRATION_APPROVED"
    CAMPAIGN_REGISTRATION_REJECTED = "CAMPAIGN_REGISTRATION_REJECTED"
    CAMPAIGN_REGISTRATION_UPDATE = "CAMPAIGN_REGISTRATION_UPDATE"


EVENT_CATEGORIES: tuple[str, ...] = ("BRAND", "CAMPAIGN", "CSP", "VETTING", "INCIDENCE")


def _category(event_type: EventType) -> str:
    name = event_type.value
    if name.startswith("BRAND_"):
        return "BRAND"
    if name.startswith(("CAMPAIGN_", "MNO_CAMPAIGN_")):
        return "CAMPAIGN"
    if name.startswith("CSP_"):
        return "CSP"
    if name.startswith("EVP_"):
        return "VETTING"
    return "INCIDENCE"


EVENT_CATEGORY: dict[EventType, str] = {t: _category(t) for t in EventType}


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
