"""Where other parts of the registry plug into the chain."""

from __future__ import annotations

from datetime import datetime

from tendlc.core.campaigns.model import Campaign
from tendlc.core.ports import UnitOfWork
from tendlc.core.sharing.model import Chain


def on_dca_accepted(uow: UnitOfWork, at: datetime, campaign: Campaign, chain: Chain) -> None:
    """Called in the unit of work of every DCA acceptance, once the chain is complete (live, after a
    migration completes too). ``chain.top.excluded_mno_ids`` are the MNOs the DCA left out.

    Carrier review starts here: each MNO the DCA covers opens a review (REVIEW), unless it already has one
    (a CNP migration does not make carriers review the campaign again)."""
    from tendlc.core.carriers.reviews import open_reviews  # carriers builds on sharing: import when used

    open_reviews(uow, at, campaign, chain)
