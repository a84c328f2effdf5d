"""Transition tables of a sharing link (PENDING → ACCEPTED | DECLINED) and of a CNP migration."""

from __future__ import annotations

from enum import StrEnum

from tendlc.core.errors import OperationDeclined, SharingAlreadyDecided
from tendlc.core.model import iso_millis
from tendlc.core.sharing.model import MigrationStatus, SharingLink, SharingStatus


class SharingAction(StrEnum):
    FORWARD = "forward"  # a CSP-type upstream shares the campaign further up: it accepted it
    ACCEPT = "accept"  # a DCA accepts: the chain is complete
    DECLINE = "decline"


TRANSITIONS: dict[tuple[SharingStatus, SharingAction], SharingStatus] = {
    (SharingStatus.PENDING, SharingAction.FORWARD): SharingStatus.ACCEPTED,
    (SharingStatus.PENDING, SharingAction.ACCEPT): SharingStatus.ACCEPTED,
    (SharingStatus.PENDING, SharingAction.DECLINE): SharingStatus.DECLINED,
}


def next_status(link: SharingLink, action: SharingAction) -> SharingStatus:
    """The link's status after ``action``; a link that was already decided cannot be decided again."""
    try:
        return TRANSITIONS[(link.sharing_status, action)]
    except KeyError:
        raise SharingAlreadyDecided(
            f"the sharing request from {link.downstream_cnp_id} for campaign {link.campaign_id} was already "
            f"{link.sharing_status.value.lower()} on {iso_millis(link.status_date)}; a decision is final"
            + (" (the downstream may share the campaign again)" if link.sharing_status is SharingStatus.DECLINED
               else ""),
            ["campaignId"]) from None


class MigrationAction(StrEnum):
    COMPLETE = "complete"  # the DCA of the provisional chain accepted
    CANCEL = "cancel"  # the initiator gave up
    EXPIRE = "expire"  # nobody accepted in time


MIGRATION_TRANSITIONS: dict[tuple[MigrationStatus, MigrationAction], MigrationStatus] = {
    (MigrationStatus.ACTIVE, MigrationAction.COMPLETE): MigrationStatus.COMPLETED,
    (MigrationStatus.ACTIVE, MigrationAction.CANCEL): MigrationStatus.CANCELLED,
    (MigrationStatus.ACTIVE, MigrationAction.EXPIRE): MigrationStatus.CANCELLED,
}


def next_migration_status(current: MigrationStatus, action: MigrationAction, campaign_id: str) -> MigrationStatus:
    try:
        return MIGRATION_TRANSITIONS[(current, action)]
    except KeyError:
        raise OperationDeclined(
            f"the CNP migration of campaign {campaign_id} is {current.value}; nothing is in progress",
            ["campaignId"]) from None
