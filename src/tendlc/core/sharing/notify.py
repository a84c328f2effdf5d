"""Who may know whom in a chain, and the events that tell the parties about a change.

A party knows the identities of its neighbours (the accounts it shares with and that share with
it); a DCA in the chain knows every identity. Everyone else is named by position, "hop 2 (CNP)".
Events follow the same rule: an event about a hop carries the hop's identities only for the
recipients who know both of them, and names the hop by position for the others.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any

from tendlc.core.campaigns.model import Campaign
from tendlc.core.events import Event, EventType
from tendlc.core.ports import UnitOfWork
from tendlc.core.sharing.model import Chain, SharingLink


def masked_label(chain: Chain, position: int) -> str:
    """How a party unknown to the viewer is named: its place in the chain."""
    if position == 0:
        return "originating CSP"
    return f"hop {position} ({chain.kind_at(position).value})"


def visible_positions(chain: Chain, viewer: str) -> set[int]:
    """The positions whose identity ``viewer`` may see: its own and its neighbours', or all for a DCA."""
    position = chain.position(viewer)
    if position is None:
        return set()
    if chain.is_dca(viewer):
        return set(range(len(chain.parties)))
    return {p for p in (position - 1, position, position + 1) if 0 <= p < len(chain.parties)}


def notify(uow: UnitOfWork, kind: EventType, campaign: Campaign, chain: Chain, link: SharingLink,
           audience: Iterable[str], at: datetime, describe: Callable[[str], str],
           extra: dict[str, Any] | None = None) -> None:
    """Emit ``kind`` about ``link`` to ``audience`` (in that order, each once). ``describe`` gets the
    name of the hop's upstream as the recipient may know it."""
    recipients = list(dict.fromkeys(audience))
    if not recipients:
        return
    upstream_position = link.hop
    insiders = [r for r in recipients if {upstream_position - 1, upstream_position} <= visible_positions(chain, r)]
    others = [r for r in recipients if r not in insiders]
    base: dict[str, Any] = {
        "campaignId": campaign.campaign_id,
        "brandId": campaign.brand_id,
        "cnpMigration": link.cnp_migration,
        "hop": link.hop,
        "sharingStatus": link.sharing_status.value,
        **(extra or {}),
    }
    if insiders:
        payload = {**base, "downstreamCnpId": link.downstream_cnp_id, "upstreamCnpId": link.upstream_cnp_id,
                   "description": describe(link.upstream_cnp_id), "mock": campaign.mock}
        uow.emit(Event(kind, tuple(insiders), at, payload))
    if others:
        payload = {**base, "description": describe(masked_label(chain, upstream_position)), "mock": campaign.mock}
        uow.emit(Event(kind, tuple(others), at, payload))
