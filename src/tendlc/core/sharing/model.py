"""Sharing links, the chain they form, and CNP migrations.

One link per hop: hop 1 goes from the campaign's CSP to its first upstream, hop k+1 from the
upstream of hop k to the next. A chain is the ordered list of a campaign's current links; the
live chain has ``cnp_migration`` false, a CNP migration builds a provisional one beside it.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from tendlc.core.campaigns.model import Campaign, MutableCampaignFields
from tendlc.core.model import CoreModel


class SharingStatus(StrEnum):
    PENDING = "PENDING"
    ACCEPTED = "ACCEPTED"
    DECLINED = "DECLINED"


class PartyKind(StrEnum):
    """What a party of a chain is: the campaign's CSP, a CSP-type upstream (CNP), or a DCA."""

    CSP = "CSP"
    CNP = "CNP"
    DCA = "DCA"


class SharingLink(CoreModel):
    """One hop of a chain (TCR ``CampaignSharingStatus`` plus what the registry needs to remember)."""

    link_id: str
    campaign_id: str
    cnp_migration: bool = False
    hop: int
    downstream_cnp_id: str
    upstream_cnp_id: str
    upstream_is_dca: bool
    sharing_status: SharingStatus
    explanation: str | None = None
    rejection_categories: list[str] = []
    shared_date: datetime
    status_date: datetime
    current: bool = True
    # What the campaign looked like when the upstream declined: sharing again to the same upstream
    # needs a change since then (TCR 522).
    declined_fingerprint: str | None = None
    declined_at_campaign_version: int | None = None
    excluded_mno_ids: list[int] = []
    version: int = 1


class MigrationStatus(StrEnum):
    ACTIVE = "ACTIVE"
    COMPLETED = "COMPLETED"
    CANCELLED = "CANCELLED"


class CnpMigration(CoreModel):
    """A campaign's move to a new connectivity chain (TCR ``CnpMigration``)."""

    migration_id: str
    campaign_id: str
    initiator_cnp_id: str
    upstream_cnp_id: str
    status: MigrationStatus = MigrationStatus.ACTIVE
    cancellation_reason: str | None = None
    create_date: datetime
    expiration_date: datetime
    end_date: datetime | None = None
    version: int = 1

    def effective(self, now: datetime) -> CnpMigration:
        """The migration as of ``now``: an ACTIVE one past its expiration date is CANCELLED."""
        if self.status is MigrationStatus.ACTIVE and now >= self.expiration_date:
            return self.model_copy(update={
                "status": MigrationStatus.CANCELLED, "end_date": self.expiration_date,
                "cancellation_reason": "Expired: the new connectivity chain was not accepted by a DCA before "
                                       + self.expiration_date.strftime("%Y-%m-%dT%H:%M:%SZ")})
        return self

    @property
    def open(self) -> bool:
        return self.status is MigrationStatus.ACTIVE


@dataclass(frozen=True)
class Chain:
    """A campaign's current links in hop order, with the owner at the bottom.

    Positions: 0 is the owner, k is the upstream of hop k."""

    campaign_id: str
    owner: str
    cnp_migration: bool
    links: tuple[SharingLink, ...]

    @property
    def parties(self) -> list[str]:
        return [self.owner, *(link.upstream_cnp_id for link in self.links)]

    @property
    def top(self) -> SharingLink | None:
        return self.links[-1] if self.links else None

    @property
    def first(self) -> SharingLink | None:
        return self.links[0] if self.links else None

    @property
    def complete(self) -> bool:
        """The chain ends with a DCA that accepted."""
        top = self.top
        return top is not None and top.upstream_is_dca and top.sharing_status is SharingStatus.ACCEPTED

    def position(self, cnp_id: str) -> int | None:
        parties = self.parties
        return parties.index(cnp_id) if cnp_id in parties else None

    def incoming(self, cnp_id: str) -> SharingLink | None:
        """The link shared with ``cnp_id`` (its ``sharedWithMe``)."""
        return next((link for link in self.links if link.upstream_cnp_id == cnp_id), None)

    def outgoing(self, cnp_id: str) -> SharingLink | None:
        """The link ``cnp_id`` shared upward (its ``sharedByMe``)."""
        return next((link for link in self.links if link.downstream_cnp_id == cnp_id), None)

    def below(self, cnp_id: str) -> list[str]:
        """The parties downstream of ``cnp_id`` (the owner first)."""
        position = self.position(cnp_id)
        return self.parties[:position] if position is not None else []

    def kind_at(self, position: int) -> PartyKind:
        if position == 0:
            return PartyKind.CSP
        return PartyKind.DCA if self.links[position - 1].upstream_is_dca else PartyKind.CNP

    def is_dca(self, cnp_id: str) -> bool:
        position = self.position(cnp_id)
        return position is not None and self.kind_at(position) is PartyKind.DCA

    def has_dca(self) -> bool:
        return any(link.upstream_is_dca for link in self.links)


def chain_problems(chain: Chain) -> list[str]:
    """Every broken invariant of a chain (empty when it is well formed):
    hops are numbered 1..n and connected from the owner up; no account appears twice; only the top
    hop may be PENDING or DECLINED; a DCA can only be the top upstream."""
    problems = []
    previous = chain.owner
    for number, link in enumerate(chain.links, start=1):
        if link.hop != number:
            problems.append(f"hop {number} is numbered {link.hop}")
        if link.downstream_cnp_id != previous:
            problems.append(f"hop {number} starts at {link.downstream_cnp_id}, not at {previous}")
        if link.cnp_migration != chain.cnp_migration or not link.current:
            problems.append(f"hop {number} does not belong to this chain")
        top = number == len(chain.links)
        if not top and link.sharing_status is not SharingStatus.ACCEPTED:
            problems.append(f"hop {number} is {link.sharing_status} below the top of the chain")
        if not top and link.upstream_is_dca:
            problems.append(f"the DCA {link.upstream_cnp_id} at hop {number} shared the campaign further")
        previous = link.upstream_cnp_id
    parties = chain.parties
    if len(set(parties)) != len(parties):
        problems.append(f"an account appears twice in the chain {parties}")
    return problems


CONTENT_FIELDS: frozenset[str] = frozenset(MutableCampaignFields.model_fields) - {"auto_renewal"}


def content_fingerprint(campaign: Campaign) -> str:
    """A digest of what a reviewer sees in a campaign (its changeable content, not billing or
    sharing bookkeeping): two campaigns with the same content have the same fingerprint."""
    content = campaign.model_dump(mode="json", include=set(CONTENT_FIELDS))
    return hashlib.sha256(json.dumps(content, sort_keys=True).encode()).hexdigest()
