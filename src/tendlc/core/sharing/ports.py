"""What the sharing use cases need from storage (``db/sharing_repo.py`` implements it)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Protocol

from tendlc.core.campaigns.model import Campaign
from tendlc.core.model import Page, PageRequest
from tendlc.core.sharing.model import CnpMigration, SharingLink


class SharedRole(StrEnum):
    """Which side of a link the caller is on: ``sharedWithMe`` (upstream) or ``sharedByMe`` (downstream)."""

    WITH_ME = "sharedWithMe"
    BY_ME = "sharedByMe"


@dataclass(frozen=True)
class SharedFilter:
    """Filters of ``/partnerCampaign/sharedWithMe|sharedByMe``. ``counterpart`` is the other end of the
    link (``downstreamCnpId`` or ``upstreamCnpId``); the dates bound the link's sharedDate, inclusive."""

    counterpart: str | None = None
    brand_id: str | None = None
    status: str | None = None
    sharing_statuses: tuple[str, ...] = ()
    start_date: date | None = None
    end_date: date | None = None
    cnp_migration: bool = False


@dataclass(frozen=True)
class SharedRecord:
    link: SharingLink
    campaign: Campaign


class SharingRepository(Protocol):
    def chain_links(self, campaign_id: str, cnp_migration: bool) -> list[SharingLink]:
        """The campaign's current links of one chain, hop 1 first."""
        ...

    def add_link(self, link: SharingLink) -> None: ...

    def save_link(self, link: SharingLink) -> SharingLink:
        """Store a changed link whose ``version`` is the one read; return it with the next version.
        Raises ConcurrentUpdate when somebody else saved it first."""
        ...

    def last_decline(self, campaign_id: str, cnp_migration: bool, downstream_cnp_id: str,
                     upstream_cnp_id: str) -> SharingLink | None:
        """The most recent link between the two accounts that the upstream declined (current or not)."""
        ...

    def search(self, cnp_id: str, role: SharedRole, where: SharedFilter, page: PageRequest,
               now: datetime) -> Page[SharedRecord]:
        """Current links on the caller's side ``role``, newest share first. Provisional links count only
        while their migration is open at ``now``."""
        ...

    def migration(self, campaign_id: str) -> CnpMigration | None:
        """The campaign's most recent CNP migration."""
        ...

    def add_migration(self, migration: CnpMigration) -> None: ...

    def save_migration(self, migration: CnpMigration) -> CnpMigration: ...
