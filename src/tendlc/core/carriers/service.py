"""Qualification use cases: qualify a brand (``/campaignBuilder/brand/…``), read a campaign's carrier
terms (``/campaign/{id}/mnoMetadata``) and resubmit it to carriers (``/campaign/{id}/resubmit``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tendlc.core.actor import Actor
from tendlc.core.brands.model import Brand
from tendlc.core.campaigns import service as campaigns
from tendlc.core.campaigns.lifecycle import CampaignAction, next_status
from tendlc.core.carriers import reviews
from tendlc.core.carriers.qualify import Standing, edition_on, mno_metadata, usecase_metadata
from tendlc.core.catalog.usecases import USECASES
from tendlc.core.clock import Clock
from tendlc.core.errors import BrandPendingScoring, FieldProblem, InvalidInput, NotFound
from tendlc.core.events import Event, EventType
from tendlc.core.ports import UnitOfWork


def _brand(uow: UnitOfWork, actor: Actor, brand_id: str) -> Brand:
    brand = uow.brands.get(brand_id)
    if brand is None or brand.csp_id != actor.cnp_id or brand.status != "ACTIVE":
        raise NotFound(f"brand {brand_id} not found", ["brandId"])
    if brand.identity_pending:
        raise BrandPendingScoring(
            f"brand {brand_id} identity is still being verified; retry once BRAND_IDENTITY_STATUS_UPDATE arrives",
            ["brandId"])
    return brand


def qualify(uow: UnitOfWork, clock: Clock, actor: Actor, brand_id: str, usecase: str) -> dict[str, Any]:
    """``UsecaseMetadata`` of one of the caller's brands for one use case, on today's terms."""
    brand = _brand(uow, actor, brand_id)
    if usecase not in USECASES:
        raise InvalidInput.of([FieldProblem("usecase", f"unknown use case {usecase!r}; see /v2/enum/usecase")])
    return usecase_metadata(edition_on(clock.now().date()), Standing.of(brand), usecase)


def qualify_all(uow: UnitOfWork, clock: Clock, actor: Actor, brand_id: str) -> list[dict[str, Any]]:
    """``UsecaseMetadata`` of every use case the brand may register (SOLE_PROPRIETOR for sole-proprietor
    brands only, and only it)."""
    brand = _brand(uow, actor, brand_id)
    edition, standing = edition_on(clock.now().date()), Standing.of(brand)
    return [usecase_metadata(edition, standing, u) for u in USECASES
            if (u == "SOLE_PROPRIETOR") == brand.is_sole_proprietor]


def campaign_mno_metadata(uow: UnitOfWork, actor: Actor, campaign_id: str) -> dict[str, dict[str, Any]]:
    return campaigns.get(uow, actor, campaign_id).mno_metadata


@dataclass(frozen=True)
class Resubmission:
    campaign_id: str
    mno_metadata: dict[str, dict[str, Any]]


def _mno_ids(body: Any) -> list[int]:
    ids = body.get("mnoIds") if isinstance(body, dict) else None
    if not isinstance(ids, list) or not ids or not all(isinstance(i, int) and not isinstance(i, bool) for i in ids):
        raise InvalidInput.of([FieldProblem("mnoIds", "one or more MNO network ids are required")])
    return sorted(set(ids))


def resubmit(uow: UnitOfWork, clock: Clock, actor: Actor, campaign_id: str, body: Any) -> Resubmission:
    """``PUT /campaign/{id}/resubmit``: re-evaluate the carrier terms for the MNOs of ``mnoIds`` on today's
    table and the brand's present standing (they can rise or fall); emits CAMPAIGN_RESUBMISSION."""
    campaign = campaigns.get(uow, actor, campaign_id)
    next_status(campaign.status, CampaignAction.UPDATE, campaign_id)
    wanted = _mno_ids(body)
    now = clock.now()
    edition = edition_on(now.date())
    unknown = [m for m in wanted if edition.mno(m) is None]
    if unknown:
        raise InvalidInput.of([FieldProblem("mnoIds", f"unknown MNO network id(s) {unknown}; see /v2/enum/mno")])
    brand = uow.brands.get(campaign.brand_id)
    if brand is None:
        raise NotFound(f"brand {campaign.brand_id} not found", ["brandId"])
    fresh = mno_metadata(edition, Standing.of(brand), campaign.usecase, wanted)
    saved = uow.campaigns.save(campaign.model_copy(update={"mno_metadata": {**campaign.mno_metadata, **fresh}}))
    uow.record_history("campaign", saved.campaign_id, saved.version, "resubmit", actor.label, now,
                       saved.model_dump(mode="json"))
    names = ", ".join(str(m["mno"]) for m in fresh.values())
    uow.emit(Event(EventType.CAMPAIGN_RESUBMISSION, (saved.csp_id,), now, {
        "cspId": saved.csp_id, "brandId": saved.brand_id, "brandName": brand.display_name,
        "campaignId": saved.campaign_id, "campaignReferenceId": saved.reference_id,
        "description": f"Campaign {saved.campaign_id} is resubmitted to {names}", "mock": saved.mock,
    }))
    reviews.resubmitted(uow, now, saved, wanted, actor)
    return Resubmission(saved.campaign_id, fresh)
