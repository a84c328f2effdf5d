"""What the Telnyx routes share: paging parameters, the campaign status word, the webhook URL check."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Query

from tendlc.bootstrap import Container
from tendlc.core.campaigns.model import Campaign
from tendlc.core.carriers.reviews import status_map
from tendlc.core.webhooks.ports import UrlCheck
from tendlc.dialects.telnyx.status import readiness_campaign_status
from tendlc.webhooks.addresses import private_allowed, url_check

INT32_MAX = 2**31 - 1
Page = Annotated[int, Query(le=INT32_MAX)]
PerPage = Annotated[int, Query(le=INT32_MAX)]


def campaign_status(uow: Any, campaign: Campaign) -> tuple[str, dict[str, str]]:
    """(Telnyx ``campaignStatus``, ``{mnoId: MNO review status}``) of a campaign the caller may read."""
    links = uow.sharing.chain_links(campaign.campaign_id, False)
    reviews = status_map(uow.reviews.for_campaign(campaign.campaign_id))
    return readiness_campaign_status(campaign.status, links, reviews.values()), reviews


def brand_name(uow: Any, brand_id: str) -> str | None:
    brand = uow.brands.get(brand_id)
    return brand.display_name if brand is not None else None


def webhook_url_check(c: Container) -> UrlCheck:
    return url_check(private_allowed(c.settings))
