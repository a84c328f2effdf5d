"""What the Telnyx routes share: paging parameters, the campaign status word, the webhook URL check."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Query

from tendlc.bootstrap import Container
from tendlc.core.campaigns.model import Campaign
from tendlc.core.carriers.reviews import status_map
from tendlc.core.readiness.service import facts_of, readiness_for
from tendlc.core.sharing.chains import live_chain
from tendlc.core.webhooks.ports import UrlCheck
from tendlc.dialects.telnyx.status import readiness_campaign_status
from tendlc.webhooks.addresses import private_allowed, url_check

INT32_MAX = 2**31 - 1
Page = Annotated[int, Query(le=INT32_MAX)]
PerPage = Annotated[int, Query(le=INT32_MAX)]


def campaign_status(uow: Any, campaign: Campaign, viewer: str) -> tuple[str, dict[str, str]]:
    """(Telnyx ``campaignStatus``, ``{mnoId: MNO review status}``) of a campaign the caller (``viewer``, an
    account id) may read: its readiness as the viewer sees it, in Telnyx's words."""
    facts = facts_of(uow, [(campaign, live_chain(uow, campaign))], listing=0)[0]  # counts are enough
    word = readiness_campaign_status(readiness_for(facts, viewer))
    return word, status_map(facts.reviews)


def brand_name(uow: Any, brand_id: str) -> str | None:
    brand = uow.brands.get(brand_id)
    return brand.display_name if brand is not None else None


def webhook_url_check(c: Container) -> UrlCheck:
    return url_check(private_allowed(c.settings))
