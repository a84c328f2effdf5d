"""CNP migration: move a live, DCA-accepted campaign to a new connectivity chain without interrupting it.

The initiator shares the campaign with a new upstream in a provisional chain (links with
``cnp_migration`` true) that grows and is decided like the live one. When a DCA accepts it, it
replaces the live chain; until then the live chain keeps working. A migration that no DCA accepts
within ``MIGRATION_DAYS`` is cancelled as expired.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from tendlc.core.accounts.model import Account
from tendlc.core.actor import Actor
from tendlc.core.campaigns.model import Campaign
from tendlc.core.clock import Clock
from tendlc.core.errors import (
    CampaignExpired,
    FieldProblem,
    InvalidInput,
    NotFound,
    NotMigrationOwner,
    OperationDeclined,
)
from tendlc.core.events import EventType
from tendlc.core.ids import IdGenerator
from tendlc.core.model import InputModel, iso_millis, parse_input
from tendlc.core.ports import UnitOfWork
from tendlc.core.sharing import hops
from tendlc.core.sharing.chains import live_chain, load_campaign, not_found
from tendlc.core.sharing.lifecycle import MigrationAction, next_migration_status
from tendlc.core.sharing.model import Chain, CnpMigration, MigrationStatus, SharingStatus
from tendlc.core.sharing.notify import notify

MIGRATION_DAYS = 30
MAX_EXPLANATION = 2048


def _record(uow: UnitOfWork, m: CnpMigration, action: str, actor: Actor, at: datetime) -> None:
    uow.record_history("cnp_migration", m.migration_id, m.version, action, actor.label, at, m.model_dump(mode="json"))


def _provisional(uow: UnitOfWork, campaign: Campaign) -> Chain:
    links = tuple(uow.sharing.chain_links(campaign.campaign_id, True))
    return Chain(campaign.campaign_id, campaign.csp_id, True, links)


def _close(uow: UnitOfWork, actor: Actor, at: datetime, campaign: Campaign, migration: CnpMigration,
           action: MigrationAction, reason: str) -> CnpMigration:
    """End an open migration: its provisional links leave, and so does the migration."""
    for link in _provisional(uow, campaign).links:
        hops.retire(uow, link, actor, at, f"CNP migration {action.value}")
    status = next_migration_status(migration.status, action, campaign.campaign_id)
    closed = uow.sharing.save_migration(migration.model_copy(update={
        "status": status, "end_date": at, "cancellation_reason": reason}))
    _record(uow, closed, action.value, actor, at)
    return closed


def start(uow: UnitOfWork, ids: IdGenerator, clock: Clock, actor: Actor, campaign_id: str,
          upstream_cnp_id: str) -> CnpMigration:
    """``POST /campaign/{campaignId}/migrateCnp/{upstreamCnpId}``: open a migration to a new upstream.
    The campaign must be active, DCA-accepted and not already migrating, and the caller must support
    migrations (592 otherwise). While a migration is open and its first hop was declined, the same
    call shares the provisional chain's first hop again."""
    now = clock.now()
    campaign = load_campaign(uow, campaign_id)
    if campaign.csp_id != actor.cnp_id:
        raise not_found(campaign_id)
    if not campaign.active:
        raise CampaignExpired(f"campaign {campaign_id} is expired", ["campaignId"])
    account = uow.accounts.get(actor.cnp_id)
    if account is None or not account.cnp_migration_supported:
        raise OperationDeclined("CNP migration is not enabled for your account; turn it on with PUT "
                                "/v2/settings/cnpMigration {\"migrationSupported\": true}", ["campaignId"])
    if not live_chain(uow, campaign).complete:
        raise OperationDeclined(f"campaign {campaign_id} has not been accepted by a DCA; only a DCA-accepted "
                                "campaign can migrate to a new connectivity partner", ["campaignId"])
    latest = uow.sharing.migration(campaign_id)
    provisional = _provisional(uow, campaign)
    if latest is not None and latest.open:
        effective = latest.effective(now)
        first = provisional.first
        if effective.open and first is not None and first.sharing_status is SharingStatus.DECLINED:
            plan = hops.plan_share(uow, campaign, provisional, actor.cnp_id, upstream_cnp_id)
            _, chain, campaign = hops.apply_share(uow, ids, now, actor, campaign, provisional, plan)
            hops.auto_complete(uow, ids, now, campaign, chain)
            return effective
        if effective.open:
            raise OperationDeclined(f"a CNP migration of campaign {campaign_id} is already in progress (until "
                                    f"{iso_millis(effective.expiration_date)})", ["campaignId"])
        assert effective.cancellation_reason is not None
        _close(uow, actor, now, campaign, latest, MigrationAction.EXPIRE, effective.cancellation_reason)
        provisional = _provisional(uow, campaign)
    plan = hops.plan_share(uow, campaign, provisional, actor.cnp_id, upstream_cnp_id)
    migration = CnpMigration(migration_id=ids.ulid(), campaign_id=campaign_id, initiator_cnp_id=actor.cnp_id,
                             upstream_cnp_id=upstream_cnp_id, create_date=now,
                             expiration_date=now + timedelta(days=MIGRATION_DAYS))
    uow.sharing.add_migration(migration)
    _record(uow, migration, "start", actor, now)
    _, chain, campaign = hops.apply_share(uow, ids, now, actor, campaign, provisional, plan)
    hops.auto_complete(uow, ids, now, campaign, chain)
    return uow.sharing.migration(campaign_id) or migration


def get(uow: UnitOfWork, clock: Clock, actor: Actor, campaign_id: str) -> CnpMigration:
    """``GET /campaign/{campaignId}/migrateCnp``: the most recent migration, as of now (an expired one
    reads CANCELLED with its reason). The campaign's CSP and the parties of its chains may ask."""
    campaign = load_campaign(uow, campaign_id)
    parties = set(live_chain(uow, campaign).parties) | set(_provisional(uow, campaign).parties)
    if actor.cnp_id not in parties:
        raise not_found(campaign_id)
    migration = uow.sharing.migration(campaign_id)
    if migration is None:
        raise NotFound(f"campaign {campaign_id} has no CNP migration", ["campaignId"])
    return migration.effective(clock.now())


def cancel(uow: UnitOfWork, clock: Clock, actor: Actor, campaign_id: str, explanation: str | None) -> CnpMigration:
    """``DELETE /campaign/{campaignId}/migrateCnp``: only the initiator may cancel; the provisional
    chain goes away and its parties are told; the live chain is untouched."""
    text = (explanation or "").strip()
    if len(text) > MAX_EXPLANATION:
        raise InvalidInput.of([FieldProblem("explanation", f"must be at most {MAX_EXPLANATION} characters")])
    now = clock.now()
    migration = get(uow, clock, actor, campaign_id)
    if migration.initiator_cnp_id != actor.cnp_id:
        raise NotMigrationOwner(f"only {migration.initiator_cnp_id}, who started the CNP migration of campaign "
                                f"{campaign_id}, may cancel it", ["campaignId"])
    if not migration.open:
        raise OperationDeclined(f"the CNP migration of campaign {campaign_id} is {migration.status.value}; nothing "
                                "is in progress", ["campaignId"])
    campaign = load_campaign(uow, campaign_id)
    provisional = _provisional(uow, campaign)
    reason = text or "Cancelled by the initiator"
    closed = _close(uow, actor, now, campaign, migration, MigrationAction.CANCEL, reason)
    for link in provisional.links:
        notify(uow, EventType.CAMPAIGN_SHARE_DELETE, campaign, provisional, link, [link.upstream_cnp_id], now,
               lambda who: f"The CNP migration of campaign {campaign_id} was cancelled and it is no longer shared "
                           f"with {who} for it: {reason}", {"sharingStatus": None})
    return closed


class MigrationSettings(InputModel):
    migration_supported: bool | None = None
    migration_auto_complete: bool | None = None


def settings(uow: UnitOfWork, actor: Actor) -> Account:
    account = uow.accounts.get(actor.cnp_id)
    if account is None:
        raise NotFound(f"account {actor.cnp_id} not found", ["cnpId"])
    return account


def update_settings(uow: UnitOfWork, clock: Clock, actor: Actor, body: Any) -> Account:
    """``PUT /settings/cnpMigration``: turn migration support and auto-completion on or off."""
    request = parse_input(MigrationSettings, body)
    account = settings(uow, actor)
    changes = {}
    if request.migration_supported is not None:
        changes["cnp_migration_supported"] = request.migration_supported
    if request.migration_auto_complete is not None:
        changes["cnp_migration_auto_complete"] = request.migration_auto_complete
    updated = account.model_copy(update=changes)
    uow.accounts.save(updated)
    uow.record_history("account", account.cnp_id, 0, "cnp migration settings", actor.label, clock.now(),
                       updated.model_dump(mode="json"))
    return updated


__all__ = ["MIGRATION_DAYS", "MigrationStatus", "cancel", "get", "settings", "start", "update_settings"]
