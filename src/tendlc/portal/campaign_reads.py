"""What the campaign pages read: the compliance report with the registry-wide checks, the live check of a
form being typed, the carrier terms, the event timeline, the numbers and readiness. Reads only."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tendlc.bootstrap import Container
from tendlc.core.actor import Actor
from tendlc.core.campaigns.model import Campaign
from tendlc.core.carriers import service as carriers
from tendlc.core.compliance import BrandInput, CampaignInput, check
from tendlc.core.compliance.stored import brand_input, with_registry_checks
from tendlc.core.errors import DomainError
from tendlc.core.numbers import service as numbers
from tendlc.core.numbers.model import PhoneNumber
from tendlc.core.ports import UnitOfWork
from tendlc.core.readiness import service as ready
from tendlc.core.readiness.model import Readiness, Stage
from tendlc.core.sharing.chains import live_chain
from tendlc.db.compliance_lookups import SqlComplianceLookups
from tendlc.db.events_repo import events_for

COMPLIANCE_PROFILE = "tcr"
TIMELINE_SCAN = 20  # pages of 500 events read at most when building a campaign's timeline


def campaign_report(uow: UnitOfWork, campaign: Campaign) -> dict[str, Any] | None:
    """The report kept with the campaign, plus the registry-wide checks run now."""
    if campaign.compliance is None:
        return None
    brand = uow.brands.get(campaign.brand_id)
    return with_registry_checks(campaign.compliance, campaign, brand, SqlComplianceLookups(uow.conn))  # type: ignore[attr-defined]


def live_report(uow: UnitOfWork, actor: Actor, body: dict[str, Any]) -> dict[str, Any]:
    """The lint of a campaign being typed (the caller's own brand when it names one)."""
    campaign = CampaignInput.model_validate(body)
    brand: BrandInput | None = None
    if campaign.brand_id:
        own = uow.brands.get(campaign.brand_id)
        if own is not None and own.csp_id == actor.cnp_id:
            brand = brand_input(own)
    report = check(campaign, brand, COMPLIANCE_PROFILE, SqlComplianceLookups(uow.conn))  # type: ignore[attr-defined]
    return report.model_dump(mode="json", by_alias=True)


def live_terms(uow: UnitOfWork, c: Container, actor: Actor, brand_id: str, usecase: str) -> dict[str, Any] | None:
    """The carrier terms of the brand for the use case (fees, AT&T class and TPM, T-Mobile tier and cap)."""
    if not brand_id or not usecase:
        return None
    try:
        return carriers.qualify(uow, c.clock, actor, brand_id, usecase)
    except DomainError:
        return None


def timeline(uow: UnitOfWork, cnp_id: str, campaign_id: str, limit: int = 100) -> list[dict[str, Any]]:
    """The caller's events about one campaign, newest first."""
    found: list[dict[str, Any]] = []
    after = 0
    for _ in range(TIMELINE_SCAN):
        rows = events_for(uow.conn, cnp_id, after, 500)  # type: ignore[attr-defined]
        found += [r for r in rows if isinstance(r["payload"], dict) and r["payload"].get("campaignId") == campaign_id]
        if len(rows) < 500:
            break
        after = rows[-1]["seq"]
    return list(reversed(found))[:limit]


def campaign_numbers(uow: UnitOfWork, actor: Actor, campaign_id: str) -> list[PhoneNumber]:
    where = numbers.number_filter(uow, actor, None, None, campaign_id, None)
    return numbers.list_numbers(uow, actor, where, 1, 100).items


STAGE_WORDS = {
    Stage.NOT_SHARED: ("not_shared", "Not shared yet"), Stage.PROVIDER_REVIEW: ("pending", "Provider review"),
    Stage.SHARE_PENDING: ("pending", "Waiting for a partner"), Stage.SHARE_DECLINED: ("declined", "Declined"),
    Stage.DCA_REVIEW: ("pending", "DCA review"), Stage.CARRIER_REVIEW: ("review", "Carrier review"),
    Stage.CARRIER_REJECTED: ("rejected", "Rejected by a carrier"), Stage.SUSPENDED: ("suspended", "Suspended"),
    Stage.NUMBERS_PENDING: ("pending", "Numbers pending"), Stage.ACTIVE: ("ready", "Ready to send"),
    Stage.EXPIRED: ("expired", "Deactivated"),
}


@dataclass(frozen=True)
class ReadinessView:
    """The core's readiness of a campaign, with a badge class and a label (presentation only)."""

    readiness: Readiness
    key: str
    text: str

    @property
    def ok(self) -> bool:
        return self.readiness.ok


def _shown(r: Readiness) -> ReadinessView:
    key, text = STAGE_WORDS.get(r.stage, ("pending", r.stage.value))
    return ReadinessView(r, key, text)


def campaign_readiness(uow: UnitOfWork, actor: Actor, campaign_id: str) -> ReadinessView:
    """Readiness of one campaign as the API answers it (canonical stage, ok, reason, provisioned numbers)."""
    return _shown(ready.campaign_readiness(uow, actor, campaign_id))


def readiness_of(uow: UnitOfWork, actor: Actor, campaigns: list[Campaign]) -> dict[str, ReadinessView]:
    """Readiness of a page of the caller's campaigns (their numbers read in one query)."""
    facts = ready.facts_of(uow, [(c, live_chain(uow, c)) for c in campaigns])
    return {f.campaign.campaign_id: _shown(ready.readiness_for(f, actor.cnp_id)) for f in facts}
