"""Sharing links and CNP migrations (implements ``core.sharing.ports.SharingRepository``)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, Table, and_, exists, func, insert, select, true, update

from tendlc.core.campaigns.model import Campaign
from tendlc.core.errors import ConcurrentUpdate
from tendlc.core.model import Page, PageRequest
from tendlc.core.sharing.model import CnpMigration, SharingLink
from tendlc.core.sharing.ports import SharedFilter, SharedRecord, SharedRole
from tendlc.db.convert import naive_utc
from tendlc.db.tables import campaigns
from tendlc.db.tables_sharing import cnp_migrations, sharing_links


def _link_columns(link: SharingLink) -> dict[str, Any]:
    return {
        "campaign_id": link.campaign_id, "cnp_migration": link.cnp_migration, "hop": link.hop,
        "is_current": link.current, "downstream_cnp_id": link.downstream_cnp_id,
        "upstream_cnp_id": link.upstream_cnp_id, "sharing_status": link.sharing_status.value,
        "shared_date": naive_utc(link.shared_date), "status_date": naive_utc(link.status_date),
        "version": link.version, "doc": link.model_dump(mode="json"),
    }


def _migration_columns(m: CnpMigration) -> dict[str, Any]:
    return {
        "campaign_id": m.campaign_id, "status": m.status.value, "create_date": naive_utc(m.create_date),
        "expiration_date": naive_utc(m.expiration_date), "version": m.version, "doc": m.model_dump(mode="json"),
    }


class SqlSharing:
    def __init__(self, conn: Connection) -> None:
        self._conn = conn

    def chain_links(self, campaign_id: str, cnp_migration: bool) -> list[SharingLink]:
        c = sharing_links.c
        rows = self._conn.execute(
            select(c.doc).where(c.campaign_id == campaign_id, c.cnp_migration == cnp_migration,
                                c.is_current == true()).order_by(c.hop))
        return [SharingLink.model_validate(doc) for (doc,) in rows]

    def add_link(self, link: SharingLink) -> None:
        self._conn.execute(insert(sharing_links).values(link_id=link.link_id, **_link_columns(link)))

    def save_link(self, link: SharingLink) -> SharingLink:
        saved = link.model_copy(update={"version": link.version + 1})
        self._save(sharing_links, sharing_links.c.link_id, link.link_id, link.version, _link_columns(saved))
        return saved

    def _save(self, table: Table, key: Any, ident: str, expected: int, values: dict[str, Any]) -> None:
        result = self._conn.execute(update(table).where(key == ident, table.c.version == expected).values(**values))
        if result.rowcount != 1:
            raise ConcurrentUpdate(f"{ident} was changed by another request; read it again and retry", [])

    def last_decline(self, campaign_id: str, cnp_migration: bool, downstream_cnp_id: str,
                     upstream_cnp_id: str) -> SharingLink | None:
        c = sharing_links.c
        doc = self._conn.execute(
            select(c.doc).where(c.campaign_id == campaign_id, c.cnp_migration == cnp_migration,
                                c.downstream_cnp_id == downstream_cnp_id, c.upstream_cnp_id == upstream_cnp_id,
                                c.sharing_status == "DECLINED")
            .order_by(c.status_date.desc(), c.link_id.desc()).limit(1)).scalar()
        return SharingLink.model_validate(doc) if doc is not None else None

    def search(self, cnp_id: str, role: SharedRole, where: SharedFilter, page: PageRequest,
               now: datetime) -> Page[SharedRecord]:
        link, camp = sharing_links.c, campaigns.c
        mine, other = ((link.upstream_cnp_id, link.downstream_cnp_id) if role is SharedRole.WITH_ME
                       else (link.downstream_cnp_id, link.upstream_cnp_id))
        q = (select(link.link_id).select_from(sharing_links.join(campaigns, camp.campaign_id == link.campaign_id))
             .where(mine == cnp_id, link.is_current == true(), link.cnp_migration == where.cnp_migration))
        if where.cnp_migration:
            m = cnp_migrations.c
            q = q.where(exists().where(and_(m.campaign_id == link.campaign_id, m.status == "ACTIVE",
                                            m.expiration_date > naive_utc(now))))
        if where.counterpart:
            q = q.where(other == where.counterpart)
        if where.brand_id:
            q = q.where(camp.brand_id == where.brand_id)
        if where.status:
            q = q.where(camp.status == where.status)
        if where.sharing_statuses:
            q = q.where(link.sharing_status.in_(where.sharing_statuses))
        if where.start_date:
            q = q.where(link.shared_date >= _day_start(where.start_date))
        if where.end_date:
            q = q.where(link.shared_date < _day_start(where.end_date) + timedelta(days=1))
        total = self._conn.execute(select(func.count()).select_from(q.subquery())).scalar_one()
        rows = self._conn.execute(
            q.with_only_columns(link.doc, camp.doc).order_by(link.shared_date.desc(), link.campaign_id)
            .limit(page.per_page).offset(page.offset))
        return Page(total=total, items=[SharedRecord(SharingLink.model_validate(ld), Campaign.model_validate(cd))
                                        for ld, cd in rows])

    def migration(self, campaign_id: str) -> CnpMigration | None:
        m = cnp_migrations.c
        doc = self._conn.execute(select(m.doc).where(m.campaign_id == campaign_id)
                                 .order_by(m.create_date.desc(), m.migration_id.desc()).limit(1)).scalar()
        return CnpMigration.model_validate(doc) if doc is not None else None

    def add_migration(self, migration: CnpMigration) -> None:
        self._conn.execute(insert(cnp_migrations).values(migration_id=migration.migration_id,
                                                         **_migration_columns(migration)))

    def save_migration(self, migration: CnpMigration) -> CnpMigration:
        saved = migration.model_copy(update={"version": migration.version + 1})
        self._save(cnp_migrations, cnp_migrations.c.migration_id, migration.migration_id, migration.version,
                   _migration_columns(saved))
        return saved


def _day_start(day: date) -> datetime:
    return datetime(day.year, day.month, day.day)
