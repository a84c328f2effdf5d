"""What a subscriber can choose from: TCR's event categories, each event type's description, and the
mock payload sent by ``…/eventType/{eventType}/mock`` (``reference/tcr-api.md`` §2.7, §5)."""

from __future__ import annotations

from typing import Any

from tendlc.core.events import EVENT_CATEGORY, EventType

SUBSCRIBABLE_CATEGORIES: tuple[str, ...] = ("VETTING", "INCIDENCE", "CSP", "BRAND", "CAMPAIGN")
"""The categories a subscription may name, in the order TCR lists them."""

UNSUBSCRIBE_CATEGORIES: tuple[str, ...] = (
    "API_ACCOUNT", "BRAND", "CSP", "CAMPAIGN", "INCIDENCE", "DCA", "CONNECTION", "TRAFFIC", "ROUTING",
    "VETTING", "RESELLER", "ISSUE", "SUSPENSION_RULE", "VENDOR", "OTHER",
)
"""The categories TCR's unsubscribe path accepts (a superset; unknown ones simply have nothing to remove)."""

EVENT_DESCRIPTIONS: dict[EventType, str] = {
    EventType.BRAND_ADD: "Brand added",
    EventType.BRAND_UPDATE: "Brand updated",
    EventType.BRAND_DELETE: "Brand deleted",
    EventType.BRAND_REVET: "Brand revetted",
    EventType.BRAND_IDENTITY_STATUS_UPDATE: "Brand identity status scored or changed",
    EventType.BRAND_IDENTITY_VET_UPDATE: "Brand identity vetting updated",
    EventType.BRAND_APPEAL_COMPLETE: "Brand appeal completed",
    EventType.BRAND_MOCK_OTP: "Mock OTP for a sole proprietor brand",
    EventType.BRAND_OTP_VERIFIED: "Sole proprietor brand OTP verified",
    EventType.CAMPAIGN_ADD: "Campaign provisioned in the registry",
    EventType.CAMPAIGN_UPDATE: "Campaign updated",
    EventType.CAMPAIGN_BILLED: "Campaign billed",
    EventType.CAMPAIGN_EXPIRED: "Campaign deactivated or expired",
    EventType.CAMPAIGN_RESUBMISSION: "Campaign resubmitted",
    EventType.CAMPAIGN_NUDGE: "Nudge a party in the connectivity chain",
    EventType.CAMPAIGN_SHARE_ADD: "Campaign shared: a CNP was nominated",
    EventType.CAMPAIGN_SHARE_ACCEPT: "Campaign sharing accepted by the CNP",
    EventType.CAMPAIGN_SHARE_DELETE: "Campaign sharing declined by the CNP",
    EventType.CAMPAIGN_DCA_COMPLETE: "Campaign DCAs have been fully elected",
    EventType.CAMPAIGN_DCA_UPDATE: "Campaign DCA election updated",
    EventType.MNO_CAMPAIGN_OPERATION_REVIEW: "MNO review of the campaign pending",
    EventType.MNO_CAMPAIGN_OPERATION_APPROVED: "MNO approved the campaign",
    EventType.MNO_CAMPAIGN_OPERATION_REJECTED: "MNO rejected the campaign",
    EventType.MNO_CAMPAIGN_OPERATION_SUSPENDED: "MNO suspended the campaign",
    EventType.MNO_CAMPAIGN_OPERATION_UNSUSPENDED: "MNO unsuspended the campaign",
    EventType.CSP_ACTIVE: "CSP account activated",
    EventType.CSP_APPROVE: "CSP account approved",
    EventType.CSP_SUSPEND: "CSP account suspended",
    EventType.EVP_REPORT_IMPORT: "External vetting report imported",
    EventType.EVP_REPORT_SCORE: "External vetting report scored",
    EventType.EVP_REPORT_UNSCORE: "External vetting report could not be scored",
    EventType.EVP_REPORT_FAIL: "External vetting failed",
    EventType.EVP_REPORT_UPDATE: "External vetting report updated",
    EventType.EVP_REPORT_EXPIRE: "External vetting report expired",
    EventType.MNO_COMPLAINT: "Complaint from an MNO",
}

MOCK_BRAND_ID = "BMOCK01"
MOCK_CAMPAIGN_ID = "CMOCK01"


def describe(event_type: EventType) -> str:
    return EVENT_DESCRIPTIONS.get(event_type, event_type.value.replace("_", " ").capitalize())


def mock_payload(event_type: EventType, cnp_id: str, cnp_name: str) -> dict[str, Any]:
    """A plausible TCR payload for ``event_type`` marked ``mock``: the ids are obviously fake."""
    category = EVENT_CATEGORY[event_type]
    payload: dict[str, Any] = {"eventType": event_type.value, "cspId": cnp_id, "cspName": cnp_name,
                               "description": f"Mock {event_type.value} event", "mock": True}
    if category in ("BRAND", "CAMPAIGN", "VETTING", "INCIDENCE"):
        payload.update(brandId=MOCK_BRAND_ID, brandName="Mock Brand")
    if category in ("CAMPAIGN", "INCIDENCE"):
        payload["campaignId"] = MOCK_CAMPAIGN_ID
    if event_type.value.startswith("MNO_"):
        payload.update(mnoId=10017, mnoName="AT&T")
    if event_type is EventType.CAMPAIGN_NUDGE:
        payload["nudgeIntent"] = "REVIEW"
    if event_type is EventType.BRAND_IDENTITY_STATUS_UPDATE:
        payload["brandIdentityStatus"] = "VERIFIED"
    if event_type is EventType.BRAND_MOCK_OTP:
        payload["otpPin"] = "123456"
    if category == "VETTING":
        payload.update(evpId="AEGIS", evpName="Aegis Mobile", vettingId="MOCKVET1")
    return payload
