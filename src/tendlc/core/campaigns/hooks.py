"""Where other parts of the registry plug into a campaign's end of life."""

from __future__ import annotations

from datetime import datetime

from tendlc.core.campaigns.model import Campaign
from tendlc.core.ports import UnitOfWork


def on_campaign_expired(uow: UnitOfWork, at: datetime, campaign: Campaign) -> None:
    """Called in the unit of work that makes ``campaign`` EXPIRED at ``at``: at the end of a term without
    auto-renewal, when its mock brand is removed, and on deactivation (``DELETE /campaign/{id}``).

    This is where the campaign's numbers are released: the numbers layer (``core/numbers``) will unassign
    every number assigned to the campaign (and cancel its pending assignments), recording the change and its
    events in this same unit of work. Until that layer is wired in, nothing is released here."""
    return None
