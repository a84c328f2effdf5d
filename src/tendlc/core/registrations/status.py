"""The status of a registration as its customer reads it. Stored statuses stand; once SUBMITTED, the rest
is derived from the registry on read (simpler than following events, and always right):

=====================================================  ==========
the campaign is EXPIRED in the registry                EXPIRED
a carrier rejected it, or the DCA declined the share    REJECTED
every carrier registered it, and a number is assigned   ACTIVE
every carrier registered it                             APPROVED
otherwise (the DCA or the carriers are deciding)        SUBMITTED
=====================================================  ==========
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from tendlc.core.campaigns.model import Campaign
from tendlc.core.registrations.model import Registration, RegistrationStatus
from tendlc.core.sharing.model import SharingLink, SharingStatus


@dataclass(frozen=True)
class Progress:
    """What the registry knows of a submitted registration's campaign."""

    campaign: Campaign | None = None
    links: Sequence[SharingLink] = ()
    mno_statuses: dict[str, str] | None = None  # {mnoId: REVIEW | REGISTERED | REJECTED | SUSPENDED}
    mno_reasons: dict[str, str] | None = None  # {mnoId: why it was rejected}
    numbers_assigned: int = 0


def derived_status(registration: Registration, progress: Progress) -> RegistrationStatus:
    if registration.status is not RegistrationStatus.SUBMITTED or progress.campaign is None:
        return registration.status
    if not progress.campaign.active:
        return RegistrationStatus.EXPIRED
    statuses: Iterable[str] = (progress.mno_statuses or {}).values()
    statuses = list(statuses)
    top = progress.links[-1] if progress.links else None
    if "REJECTED" in statuses or (top is not None and top.sharing_status is SharingStatus.DECLINED):
        return RegistrationStatus.REJECTED
    if statuses and all(s == "REGISTERED" for s in statuses):
        return RegistrationStatus.ACTIVE if progress.numbers_assigned else RegistrationStatus.APPROVED
    return RegistrationStatus.SUBMITTED
