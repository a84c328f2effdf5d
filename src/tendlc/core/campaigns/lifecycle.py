"""The registry status of a campaign: ACTIVE → EXPIRED, and nothing back."""

from __future__ import annotations

from enum import StrEnum

from tendlc.core.errors import CampaignExpired


class CampaignStatus(StrEnum):
    ACTIVE = "ACTIVE"
    EXPIRED = "EXPIRED"


class CampaignAction(StrEnum):
    UPDATE = "update"
    DEACTIVATE = "deactivate"
    EXPIRE = "expire"


TRANSITIONS: dict[tuple[CampaignStatus, CampaignAction], CampaignStatus] = {
    (CampaignStatus.ACTIVE, CampaignAction.UPDATE): CampaignStatus.ACTIVE,
    (CampaignStatus.ACTIVE, CampaignAction.DEACTIVATE): CampaignStatus.EXPIRED,
    (CampaignStatus.ACTIVE, CampaignAction.EXPIRE): CampaignStatus.EXPIRED,
}


def next_status(current: str, action: CampaignAction, campaign_id: str) -> CampaignStatus:
    """The status after ``action``, or CampaignExpired when an expired campaign is acted on."""
    try:
        return TRANSITIONS[(CampaignStatus(current), action)]
    except KeyError:
        raise CampaignExpired(f"campaign {campaign_id} is expired and cannot be changed", ["campaignId"]) from None
