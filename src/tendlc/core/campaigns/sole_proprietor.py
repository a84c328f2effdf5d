"""A sole proprietor's one campaign (TCR 511, ``reference/tcr-api.md`` §3.3: "exactly one campaign").

A SOLE_PROPRIETOR brand may have at most one campaign that is not EXPIRED. Registering another one, through
any door (every door registers through ``campaigns.service.register``), is refused with
:class:`~tendlc.core.errors.MaxCampaignsExceeded` until the first one is deactivated or has expired.

Two registrations racing for the same brand must not both pass. The check reads the brand's campaigns, and
then :func:`claim_campaign_slot` saves the brand unchanged, which bumps its ``version`` (the optimistic
concurrency guard every aggregate has) in the same transaction as the new campaign:

- SQLite: writing units of work run one at a time (``BEGIN IMMEDIATE``), so the second one reads the first
  one's campaign and is refused with 511.
- PostgreSQL (READ COMMITTED): if the second transaction read the brand before the first committed, its
  ``UPDATE … WHERE version = <read>`` waits for the first one's row lock and then matches no row, so it fails
  with ConcurrentUpdate and rolls back (retrying it gives the 511). If it read the brand after the first
  committed, it also sees the first one's campaign (committed together with the version bump) and gets 511.

The bump writes no history row: the brand's document does not change, only its concurrency token.
"""

from __future__ import annotations

from datetime import datetime

from tendlc.core.accounts.project_service import project_of_campaign
from tendlc.core.actor import Actor
from tendlc.core.brands.model import Brand
from tendlc.core.campaigns import billing
from tendlc.core.campaigns.model import Campaign
from tendlc.core.errors import MaxCampaignsExceeded
from tendlc.core.model import PageRequest
from tendlc.core.ports import CampaignFilter, UnitOfWork

MAX_SOLE_PROPRIETOR_CAMPAIGNS = 1
_LOOK_AT = 10  # ACTIVE campaigns read: normally at most one (more only from data stored before this rule)


def _live_campaigns(uow: UnitOfWork, brand: Brand, now: datetime) -> list[Campaign]:
    """The brand's campaigns that are ACTIVE at ``now``: a term already over is applied first (like any request
    that touches a campaign), so a campaign that lapsed before the scheduler ran no longer counts."""
    where = CampaignFilter(brand_id=brand.brand_id, status="ACTIVE", mock=None)  # mock campaigns count too
    stored = uow.campaigns.search(brand.csp_id, where, PageRequest(1, _LOOK_AT)).items
    return [c for c in (billing.catch_up(uow, c, now) for c in stored) if c.active]


def _may_see(uow: UnitOfWork, actor: Actor, campaign: Campaign) -> bool:
    """Whether the refusal may name the campaign: it is the caller's CSP's, but a project key sees only the
    campaigns of its own project."""
    if campaign.csp_id != actor.cnp_id:
        return False
    return actor.project_id is None or project_of_campaign(uow, actor.cnp_id, campaign.campaign_id) == actor.project_id


def claim_campaign_slot(uow: UnitOfWork, actor: Actor, brand: Brand, now: datetime) -> Brand:
    """For a sole-proprietor brand: refuse (511) when it already has a campaign that is not EXPIRED, else claim
    its one slot by bumping the brand's version (see the module's docstring). Other brands are returned as they
    are. Returns the brand as stored."""
    if not brand.is_sole_proprietor:
        return brand
    live = _live_campaigns(uow, brand, now)
    if len(live) >= MAX_SOLE_PROPRIETOR_CAMPAIGNS:
        visible = next((c for c in live if _may_see(uow, actor, c)), None)
        which = f"campaign {visible.campaign_id} is ACTIVE" if visible is not None else "it already has one"
        done = (f"deactivate {visible.campaign_id} first" if visible is not None
                else "the brand's existing campaign must be deactivated first")
        raise MaxCampaignsExceeded(
            f"sole proprietor brand {brand.brand_id} may have only {MAX_SOLE_PROPRIETOR_CAMPAIGNS} campaign that is "
            f"not EXPIRED and {which}; {done}", ["brandId"])
    return uow.brands.save(brand)
