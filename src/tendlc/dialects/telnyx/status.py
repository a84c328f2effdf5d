"""Telnyx's ``campaignStatus`` word for a campaign, derived from what the registry knows.

``readiness_campaign_status`` is a pure stand-in for the canonical readiness function (``core/readiness``,
not written yet): once it exists, this module maps its result instead; callers do not change. The
inputs are the campaign's registry status, its live sharing chain and its MNO review statuses:

=================================================  ==================
registry status EXPIRED                            TCR_EXPIRED
an MNO review SUSPENDED                            TCR_SUSPENDED
an MNO review REJECTED                             MNO_REJECTED
MNO reviews open (any REVIEW)                      MNO_PENDING
every MNO review REGISTERED                        MNO_ACCEPTED
no MNO review yet, top link DECLINED               TELNYX_FAILED
no MNO review yet, top link ACCEPTED               TELNYX_ACCEPTED
no MNO review yet, top link PENDING, or no chain   TCR_ACCEPTED
=================================================  ==================

``MNO_PROVISIONED`` (numbers provisioned) needs the numbers side and is left to readiness; the other
Telnyx words (TCR_PENDING, TCR_FAILED, MNO_PROVISIONING_FAILED) describe states tendlc does not have:
registration in tendlc is synchronous and either succeeds or is refused.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from tendlc.core.sharing.model import SharingLink, SharingStatus

TELNYX_CAMPAIGN_STATUSES: tuple[str, ...] = (
    "TCR_PENDING", "TCR_SUSPENDED", "TCR_EXPIRED", "TCR_ACCEPTED", "TCR_FAILED", "TELNYX_ACCEPTED",
    "TELNYX_FAILED", "MNO_PENDING", "MNO_ACCEPTED", "MNO_REJECTED", "MNO_PROVISIONED", "MNO_PROVISIONING_FAILED",
)


def readiness_campaign_status(registry_status: str, links: Sequence[SharingLink], mno_statuses: Iterable[str]) -> str:
    """The Telnyx ``campaignStatus`` (see the module's table)."""
    if registry_status == "EXPIRED":
        return "TCR_EXPIRED"
    reviews = list(mno_statuses)
    if "SUSPENDED" in reviews:
        return "TCR_SUSPENDED"
    if "REJECTED" in reviews:
        return "MNO_REJECTED"
    if reviews:
        return "MNO_ACCEPTED" if all(s == "REGISTERED" for s in reviews) else "MNO_PENDING"
    top = links[-1] if links else None
    if top is not None and top.sharing_status is SharingStatus.DECLINED:
        return "TELNYX_FAILED"
    if top is not None and top.sharing_status is SharingStatus.ACCEPTED:
        return "TELNYX_ACCEPTED"
    return "TCR_ACCEPTED"
