"""Campaign use cases and sub use cases.

Sources: TCR CSP API 7.8.0 ``/enum/usecase`` examples and CNP mirrors of it (see
``reference/tcr-api.md`` §3.1). Min/max sub use case counts: MIXED 2–5, LOW_VOLUME 1–5,
SOLE_PROPRIETOR 1–5, CARRIER_EXEMPT 1–5, PROXY/SOCIAL/CHARITY/POLITICAL 0–5, all others 0–0.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Usecase:
    name: str
    display_name: str
    classification: str  # STANDARD | SPECIAL
    description: str
    min_sub_usecases: int = 0
    max_sub_usecases: int = 0
    valid_sub_usecase: bool = False


_S, _P = "STANDARD", "SPECIAL"

USECASES: dict[str, Usecase] = {
    u.name: u
    for u in (
        Usecase("2FA", "2FA", _S, "Two-Factor authentication, one-time use password, password reset", 0, 0, True),
        Usecase(
            "ACCOUNT_NOTIFICATION", "Account Notification", _S,
            "All reminders, alerts, and notifications. (Examples include: flight delayed, hotel booked, "
            "appointment reminders.)", 0, 0, True,
        ),
        Usecase("CUSTOMER_CARE", "Customer Care", _S,
                "All customer care messaging, including account management and support.", 0, 0, True),
        Usecase("DELIVERY_NOTIFICATION", "Delivery Notification", _S,
                "Information about the status of the delivery of a product or service.", 0, 0, True),
        Usecase("FRAUD_ALERT", "Fraud Alert Messaging", _S,
                "Messaging about potential fraudulent activity on a user's account.", 0, 0, True),
        Usecase("HIGHER_EDUCATION", "Higher Education", _S,
                "Messaging created on behalf of colleges, universities and other post-secondary "
                "institutions.", 0, 0, True),
        Usecase("LOW_VOLUME", "Low Volume Mixed", _S,
                "Low throughput, any combination of use cases. Examples include: test, demo accounts.", 1, 5),
        Usecase("MARKETING", "Marketing", _S, "Any communication with marketing and/or promotional content.",
                0, 0, True),
        Usecase("MIXED", "Mixed", _S,
                "Mixed messaging reserved for specific consumer service industry.", 2, 5),
        Usecase("POLLING_VOTING", "Polling and voting", _S,
                "Requesting surveys, polling and voting (not political).", 0, 0, True),
        Usecase("PUBLIC_SERVICE_ANNOUNCEMENT", "Public Service Announcement", _S,
                "An informational message that is meant to raise the audience awareness about an "
                "important issue.", 0, 0, True),
        Usecase("SECURITY_ALERT", "Security Alert", _S,
                "A notification that the security of a system, either software or hardware, has been "
                "compromised in some way and there is an action you need to take.", 0, 0, True),
        Usecase("AGENTS_FRANCHISES", "Agents and Franchises", _P,
                "Brands that have multiple agents, franchises or offices in the same brand vertical."),
        Usecase("CARRIER_EXEMPT", "Carrier Exemptions", _P, "Exemption by carrier.", 1, 5),
        Usecase("CHARITY", "Charity", _P,
                "Includes: 5013C Charity. Does not include: religious organizations.", 0, 5),
        Usecase("EMERGENCY", "Emergency", _P,
                "Notification services designed to support public safety / health during natural "
                "disasters, armed conflicts, pandemics, and other national or regional emergencies."),
        Usecase("K12_EDUCATION", "K-12 Education", _P,
                "Campaigns created for messaging platforms that support schools from grades K-12 and "
                "distance learning centers."),
        Usecase("M2M", "Machine to Machine", _P,
                "Machine-to-machine communication between two devices, with no human interaction."),
        Usecase("POLITICAL", "Political", _P, "Part of organized effort to influence decision making.", 0, 5),
        Usecase("PROXY", "Proxy", _P, "Peer-to-peer app-based group messaging with proxy/pooled numbers.", 0, 5),
        Usecase("SOCIAL", "Social", _P,
                "Communication within or between closed communities (e.g. influencers, alerts).", 0, 5),
        Usecase("SWEEPSTAKE", "Sweepstake", _P, "All sweepstakes messaging."),
        Usecase("UCAAS_HIGH", "UCaaS High Volume", _P,
                "UCaaS companies provide cloud-delivered communication services for businesses; high "
                "volume."),
        Usecase("UCAAS_LOW", "UCaaS Low Volume", _P,
                "UCaaS companies provide cloud-delivered communication services for businesses; low "
                "volume."),
        Usecase("SOLE_PROPRIETOR", "Sole Proprietor", _P,
                "Limited to US or Canadian individuals or small businesses without a tax id.", 1, 5),
        Usecase("TRIAL", "Platform Free Trial", _P, "Platform free trial offers."),
    )
}

SUB_USECASES: tuple[str, ...] = tuple(u.name for u in USECASES.values() if u.valid_sub_usecase)
