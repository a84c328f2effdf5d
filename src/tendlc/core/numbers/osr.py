"""What nnSR (netnumber's Services Registry, where numbers are provisioned against campaigns) shows of a
campaign: ``GET /v2/campaign/{id}/osr/phones`` and ``…/osr/attributes`` read these.

A campaign is published to nnSR once a DCA accepted it; its ``status`` attribute is a bitmask with one bit
per MNO (bit ``osrBitmaskIndex - 1``) set while that MNO has the campaign REGISTERED, so a suspension clears
the bit but keeps the numbers (they are held). Deactivation removes the campaign (no attributes) and ends
every number's provisioning (``current`` false).
"""

from __future__ import annotations

from typing import Any

from tendlc.core.actor import Actor
from tendlc.core.campaigns import service as campaigns
from tendlc.core.carriers.review import OperationStatus
from tendlc.core.catalog.registry import MNOS
from tendlc.core.model import Page, check_page
from tendlc.core.numbers.assignment_ports import OsrPhone
from tendlc.core.ports import UnitOfWork
from tendlc.core.sharing.chains import live_chain

OSR_MAX_PER_PAGE = 500
AT_T = 10017


def osr_phones(uow: UnitOfWork, actor: Actor, campaign_id: str, current: bool | None, page: int,
               per_page: int) -> Page[OsrPhone]:
    """The numbers provisioned to the caller's campaign (``current``: now, or earlier; None: both)."""
    campaigns.get(uow, actor, campaign_id)
    return uow.assignments.osr_phones(campaign_id, current, check_page(page, per_page, OSR_MAX_PER_PAGE))


def osr_attributes(uow: UnitOfWork, actor: Actor, campaign_id: str) -> dict[str, Any]:
    """``{"brand_id", "msg_class", "status"}`` while the campaign is published; ``{}`` before a DCA accepts it
    and after it ends."""
    campaign = campaigns.get(uow, actor, campaign_id)
    top = live_chain(uow, campaign).top
    if not campaign.active or top is None or not top.upstream_is_dca or top.sharing_status.value != "ACCEPTED":
        return {}
    bits = 0
    for review in uow.reviews.for_campaign(campaign_id):
        if review.status is OperationStatus.REGISTERED and review.mno_id in MNOS:
            bits |= 1 << (MNOS[review.mno_id][1] - 1)
    attributes: dict[str, Any] = {"brand_id": campaign.brand_id, "status": str(bits)}
    msg_class = campaign.mno_metadata.get(str(AT_T), {}).get("msgClass")
    if msg_class:
        attributes["msg_class"] = msg_class
    return attributes
