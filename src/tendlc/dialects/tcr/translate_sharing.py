"""Sharing links, partner campaigns and CNP migrations → TCR wire documents (pure)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from pydantic.alias_generators import to_camel

from tendlc.core.accounts.model import Account
from tendlc.core.model import iso_millis
from tendlc.core.sharing.model import CnpMigration, SharingLink
from tendlc.core.sharing.ports import SharedRecord
from tendlc.core.sharing.views import PartnerView, reduced_campaign
from tendlc.dialects.tcr import translate


def sharing_status(link: SharingLink) -> dict[str, Any]:
    """``CampaignSharingStatus`` in the order of TCR's example; ``rejectionCategory`` only when the
    upstream gave categories with its decline."""
    body: dict[str, Any] = {
        "downstreamCnpId": link.downstream_cnp_id,
        "upstreamCnpId": link.upstream_cnp_id,
        "sharingStatus": link.sharing_status.value,
    }
    if link.rejection_categories:
        body["rejectionCategory"] = list(link.rejection_categories)
    body.update({
        "explanation": link.explanation,
        "sharedDate": iso_millis(link.shared_date),
        "statusDate": iso_millis(link.status_date),
        "cnpMigration": link.cnp_migration,
    })
    return body


def sharing_chain(shared_with_me: SharingLink | None, shared_by_me: SharingLink | None) -> dict[str, Any]:
    """``CampaignSharingChain``: each side present only when there is such a link."""
    body: dict[str, Any] = {}
    if shared_with_me is not None:
        body["sharedWithMe"] = sharing_status(shared_with_me)
    if shared_by_me is not None:
        body["sharedByMe"] = sharing_status(shared_by_me)
    return body


def _wire(value: Any) -> Any:
    if isinstance(value, datetime):
        return iso_millis(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def _camel(fields: dict[str, Any]) -> dict[str, Any]:
    return {to_camel(name): _wire(value) for name, value in fields.items()}


def shared_campaign(record: SharedRecord) -> dict[str, Any]:
    """A record of the partner lists: TCR ``SharedCampaign`` (the reduced view, nulls kept as in TCR)."""
    return _camel(reduced_campaign(record.campaign))


def partner_campaign(view: PartnerView) -> dict[str, Any]:
    """``SharedCampaign_CSP`` for a CSP-type upstream (with the trimmed brand); for a DCA the whole
    campaign, its carriers and tags, the whole brand and the whole connectivity chain."""
    if not view.full:
        body = _camel(view.fields)
        if view.brand_fields is not None:
            body["brand"] = _camel(view.brand_fields)
        return body
    body = translate.campaign(view.campaign)
    body["mnoIds"] = list(view.campaign.mno_ids)
    body["tag"] = list(view.campaign.tag)
    if view.brand is not None:
        body["brand"] = translate.brand(view.brand)
    body["connectivityChain"] = [sharing_status(link) for link in view.chain.links]
    return body


def migration(m: CnpMigration) -> dict[str, Any]:
    """``CnpMigration``."""
    body: dict[str, Any] = {"campaignId": m.campaign_id, "status": m.status.value}
    if m.cancellation_reason is not None:
        body["cancellationReason"] = m.cancellation_reason
    body["expirationDate"] = iso_millis(m.expiration_date)
    body["createDate"] = iso_millis(m.create_date)
    return body


def migration_settings(account: Account) -> dict[str, bool]:
    """``CnpMigrationSettings``."""
    return {"migrationSupported": account.cnp_migration_supported,
            "migrationAutoComplete": account.cnp_migration_auto_complete}
