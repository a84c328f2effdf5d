"""Registry-wide enumerations: statuses, categories, carriers, vetting (``reference/tcr-api.md``)."""

from __future__ import annotations

CAMPAIGN_STATUSES: tuple[str, ...] = ("ACTIVE", "EXPIRED")
OPERATION_STATUSES: tuple[str, ...] = ("REGISTERED", "REVIEW", "REJECTED", "SUSPENDED")
SHARING_STATUSES: tuple[str, ...] = ("PENDING", "ACCEPTED", "DECLINED")
NUDGE_INTENTS: tuple[str, ...] = ("APPEAL_REJECTION", "REVIEW")
REJECTION_CATEGORIES: tuple[str, ...] = (
    "BRAND_INCONSISTENCIES", "CALL_TO_ACTION", "CAMPAIGN_DESCRIPTION_OR_ATTRIBUTES", "DISALLOWED_CONTENT",
    "MANDATORY_MESSAGE_TERMINOLOGY", "PRIVACY_POLICY", "SAMPLE_MESSAGE", "TERMS_AND_CONDITIONS", "OTHER",
)
SUSPENSION_CATEGORIES: tuple[str, ...] = (
    "AFFILIATE_MARKETING", "CAMPAIGN_TO_TRAFFIC_MISMATCH", "CONTROLLED_SUBSTANCE", "EXCESSIVE_COMPLAINTS",
    "FRAUDULENT_MESSAGES", "ILLEGAL_SWEEPSTAKES", "ILLICIT_CONTENT", "LACK_OF_AGE_GATE",
    "PHISHING_MESSAGES", "PROMOTIONAL_GAMBLING", "SPAM", "OTHER",
)
VETTING_STATUSES: tuple[str, ...] = ("PENDING", "UNSCORE", "ACTIVE", "FAILED", "EXPIRED")
# id -> (displayName, description, validityMonths)
VETTING_CLASSES: dict[str, tuple[str, str, int]] = {
    "STANDARD": ("Standard", "Standard external vetting of a brand.", 12),
    "ENHANCED": ("Enhanced", "Enhanced vetting with a manual review of the brand.", 12),
    "POLITICAL": ("Political", "Required for federal level political campaign.", 1200),
    "AUTHPLUS": ("Authentication+", "Brand authentication with business contact 2FA.", 12),
    "RCS": ("RCS", "Vetting for RCS business messaging.", 12),
}


# networkId -> (displayName, osrBitmaskIndex). Confirmed ids; room for more.
MNOS: dict[int, tuple[str, int]] = {
    10017: ("AT&T", 1),
    10035: ("T-Mobile", 2),
    10037: ("US Cellular", 3),
    10038: ("Verizon Wireless", 4),
}
