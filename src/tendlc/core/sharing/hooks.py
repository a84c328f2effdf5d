"""Where other parts of the registry plug into the chain."""

from __future__ import annotations

from datetime import datetime

from tendlc.core.campaigns.model import Campaign
from tendlc.core.ports import UnitOfWork
from tendlc.core.sharing.model import Chain


def on_dca_accepted(uow: UnitOfWork, at: datetime, campaign: Campaign, chain: Chain) -> None:
    """Called in the unit of work of every DCA acceptance, once the chain is complete (live, after a
    migration completes too). ``chain.top.excluded_mno_ids`` are the MNOs the DCA left out.

    This is where MNO review starts: the carrier layer (per-MNO operation status, REVIEW →
    REGISTERED | REJECTED) will open a review for each of ``campaign.mno_ids`` not excluded. Until
    that layer exists nothing is reviewed and no MNO status is invented here."""
    return None
