"""Where other parts of the registry plug into a campaign's end of life."""

from __future__ import annotations

from datetime import datetime

from tendlc.core.campaigns.model import Campaign
from tendlc.core.ports import UnitOfWork


def on_campaign_expired(uow: UnitOfWork, at: datetime, campaign: Campaign) -> None:
    """Called in the unit of work that makes ``campaign`` EXPIRED at ``at``: at the end of a term without
    auto-renewal, when its mock brand is removed, and on deactivation (``DELETE /campaign/{id}``).

    This is where the campaign's numbers are released: every number of the campaign is unassigned (out of
    nnSR), and what its open assignment tasks still waited for fails with the reason, in this same unit of
    work (``core/numbers/provisioning.release_campaign``)."""
    from tendlc.core.numbers.provisioning import release_campaign  # numbers build on campaigns: import when used

    release_campaign(uow, at, campaign)
