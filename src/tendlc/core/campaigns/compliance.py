"""Reading a campaign's compliance report: the one kept from its submission, with the registry-wide checks
run now. The campaign's CSP and every party of its live chain may read it (a partner reviewing a share sees
what tendlc found)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from tendlc.core.actor import Actor
from tendlc.core.compliance.ports import RegistryLookups
from tendlc.core.compliance.stored import submission_report, with_registry_checks
from tendlc.core.errors import NotFound
from tendlc.core.model import iso_millis
from tendlc.core.ports import UnitOfWork
from tendlc.core.sharing.chains import live_chain


def report(uow: UnitOfWork, actor: Actor, campaign_id: str, registry: RegistryLookups | None,
           now: datetime) -> dict[str, Any]:
    """The report of the campaign as submitted; when it has changed since, its content linted again now, with the
    submission's report under ``submission``. ``registry``: run the registry-wide checks too."""
    campaign = uow.campaigns.get(campaign_id) if "\x00" not in campaign_id else None
    if campaign is None or (campaign.csp_id != actor.cnp_id
                            and live_chain(uow, campaign).position(actor.cnp_id) is None):
        raise NotFound(f"campaign {campaign_id} not found", ["campaignId"])
    brand = uow.brands.get(campaign.brand_id)
    submitted = campaign.compliance
    current = submitted
    if current is None or campaign.version != 1:  # changed since it was submitted (or older than the lint)
        profile = submitted.get("profile", "tcr") if submitted else "tcr"
        current = {**submission_report(campaign, brand, profile, now), "checkedAt": iso_millis(now)}
    body = with_registry_checks(current, campaign, brand, registry) if registry is not None else current
    extra = {"submission": submitted} if submitted is not None and current is not submitted else {}
    return {"campaignId": campaign.campaign_id, **body, **extra}
