"""Telnyx's ``campaignStatus`` word for a campaign: the canonical readiness stage (``core/readiness``) in
Telnyx's words. Pure; the route helper (``common.campaign_status``) loads the facts and calls
``readiness_for`` as the caller sees the campaign.

===================  =================================================================================
readiness stage      campaignStatus
===================  =================================================================================
EXPIRED              TCR_EXPIRED
NOT_SHARED           TCR_ACCEPTED (registered at TCR, nobody asked to carry it yet)
PROVIDER_REVIEW      TCR_ACCEPTED (the caller, as the provider, has not accepted it yet)
SHARE_PENDING        TCR_ACCEPTED (a CNP has it but no DCA does yet)
DCA_REVIEW           TCR_ACCEPTED (waiting for the DCA)
SHARE_DECLINED       TELNYX_FAILED
CARRIER_REVIEW       TELNYX_ACCEPTED while no carrier review is open yet, then MNO_PENDING
CARRIER_REJECTED     MNO_REJECTED (also: the DCA accepted it for no carrier)
SUSPENDED            TCR_SUSPENDED
NUMBERS_PENDING      MNO_ACCEPTED, or MNO_PROVISIONING_FAILED when number assignments failed and none is
                     still pending
ACTIVE               MNO_PROVISIONED (every elected carrier registered it and numbers are ASSIGNED)
===================  =================================================================================

TCR_PENDING and TCR_FAILED describe states tendlc does not have: registration is synchronous and either
succeeds or is refused.
"""

from __future__ import annotations

from tendlc.core.readiness.derive import NOT_OPENED
from tendlc.core.readiness.model import Readiness, Stage

TELNYX_CAMPAIGN_STATUSES: tuple[str, ...] = (
    "TCR_PENDING", "TCR_SUSPENDED", "TCR_EXPIRED", "TCR_ACCEPTED", "TCR_FAILED", "TELNYX_ACCEPTED",
    "TELNYX_FAILED", "MNO_PENDING", "MNO_ACCEPTED", "MNO_REJECTED", "MNO_PROVISIONED", "MNO_PROVISIONING_FAILED",
)

STAGE_WORDS: dict[Stage, str] = {
    Stage.NOT_SHARED: "TCR_ACCEPTED",
    Stage.PROVIDER_REVIEW: "TCR_ACCEPTED",
    Stage.SHARE_PENDING: "TCR_ACCEPTED",
    Stage.DCA_REVIEW: "TCR_ACCEPTED",
    Stage.SHARE_DECLINED: "TELNYX_FAILED",
    Stage.CARRIER_REVIEW: "MNO_PENDING",
    Stage.CARRIER_REJECTED: "MNO_REJECTED",
    Stage.SUSPENDED: "TCR_SUSPENDED",
    Stage.NUMBERS_PENDING: "MNO_ACCEPTED",
    Stage.ACTIVE: "MNO_PROVISIONED",
    Stage.EXPIRED: "TCR_EXPIRED",
}
"""Each stage's word before the refinements of :func:`readiness_campaign_status`."""


def readiness_campaign_status(r: Readiness) -> str:
    """The Telnyx ``campaignStatus`` of a readiness answer (see the module's table)."""
    if r.stage is Stage.CARRIER_REVIEW and all(status == NOT_OPENED for _, status in r.carriers):
        return "TELNYX_ACCEPTED"
    if r.stage is Stage.NUMBERS_PENDING and r.numbers_failed and not r.numbers_pending:
        return "MNO_PROVISIONING_FAILED"
    return STAGE_WORDS[r.stage]
