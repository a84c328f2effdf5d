"""Readiness, the traffic gate and the customer view (implements ``core.readiness.ports.ReadinessRepository``)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Select, delete, false, func, select, true, union
from sqlalchemy.dialects import postgresql, sqlite

from tendlc.core.numbers.model import AssignmentStatus
from tendlc.core.readiness.model import NumberTally
from tendlc.core.readiness.ports import CustomerScope
from tendlc.db.convert import aware, naive_utc
from tendlc.db.tables import campaigns
from tendlc.db.tables_numbers import phone_numbers, project_campaigns, project_csp_ids
from tendlc.db.tables_sharing import sharing_links
from tendlc.db.tables_traffic import traffic_counters

T = traffic_counters.c
N = phone_numbers.c
ASSIGNED, PENDING, FAILED = (AssignmentStatus.ASSIGNED.value, AssignmentStatus.PENDING_ASSIGNMENT.value,
                             AssignmentStatus.FAILED_ASSIGNMENT.value)
CAMPAIGN_DAY = "campaign_day"
CHUNK = 500


class SqlReadiness:
    def __init__(self, conn: Connection) -> None:
        self._conn = conn

    def tallies_of(self, campaign_ids: Sequence[str], *, listing: int | None = None) -> dict[str, NumberTally]:
        # The assignment columns, not the documents' copies: bulk assignment changes only the columns.
        counts: dict[str, dict[str, int]] = {}
        assigned: dict[str, list[str]] = {}
        ids = list(dict.fromkeys(campaign_ids))
        for start in range(0, len(ids), CHUNK):
            chunk = ids[start:start + CHUNK]
            rows = self._conn.execute(select(N.campaign_id, N.assignment_status, func.count())
                                      .where(N.campaign_id.in_(chunk)).group_by(N.campaign_id, N.assignment_status))
            for campaign_id, status, n in rows:
                counts.setdefault(campaign_id, {})[status] = int(n)
            if listing is None:
                for campaign_id, e164 in self._conn.execute(
                        select(N.campaign_id, N.e164).where(N.campaign_id.in_(chunk), N.assignment_status == ASSIGNED)
                        .order_by(N.campaign_id, N.e164)):
                    assigned.setdefault(campaign_id, []).append(e164)
        if listing:  # the first few of each campaign: one small query per campaign
            for campaign_id in counts:
                assigned[campaign_id] = list(self._conn.execute(
                    select(N.e164).where(N.campaign_id == campaign_id, N.assignment_status == ASSIGNED)
                    .order_by(N.e164).limit(listing)).scalars())
        tallies = {}
        for campaign_id, by in counts.items():
            listed = tuple(assigned.get(campaign_id, ()))
            total = by.get(ASSIGNED, 0)
            tallies[campaign_id] = NumberTally(total, by.get(PENDING, 0), by.get(FAILED, 0), listed,
                                               len(listed) == total)
        return tallies

    # --- counters ---------------------------------------------------------------------------------------

    def usage(self, kind: str, subject: str, window_start: datetime) -> int:
        found = self._conn.execute(select(T.messages).where(
            T.kind == kind, T.subject == subject, T.window_start == naive_utc(window_start))).scalar()
        return int(found or 0)

    def add_usage(self, kind: str, subject: str, window_start: datetime, n: int, at: datetime,
                  limit: int | None) -> int | None:
        if limit is not None and n > limit:
            return None
        make = postgresql.insert if self._conn.dialect.name == "postgresql" else sqlite.insert
        stmt = make(traffic_counters).values(kind=kind, subject=subject, window_start=naive_utc(window_start),
                                             messages=n, last_at=naive_utc(at) if n > 0 else None)
        changes: dict[str, Any] = {"messages": T.messages + stmt.excluded.messages}
        if n > 0:
            changes["last_at"] = stmt.excluded.last_at
        # The row lock PostgreSQL takes for ON CONFLICT DO UPDATE (and SQLite's single writer) makes the
        # test and the increment one step: a concurrent caller sees the count this one left.
        upsert = stmt.on_conflict_do_update(
            index_elements=["kind", "subject", "window_start"], set_=changes,
            where=(T.messages + stmt.excluded.messages <= limit) if limit is not None else None,
        ).returning(T.messages)
        row = self._conn.execute(upsert).first()
        return int(row[0]) if row is not None else None

    def forget_before(self, kind: str, subject: str, before: datetime) -> None:
        self._conn.execute(delete(traffic_counters).where(
            T.kind == kind, T.subject == subject, T.window_start < naive_utc(before)))

    def sent_times(self, campaign_ids: Sequence[str]) -> dict[str, datetime]:
        if not campaign_ids:
            return {}
        rows = self._conn.execute(select(T.subject, func.max(T.last_at)).where(
            T.kind == CAMPAIGN_DAY, T.subject.in_(list(campaign_ids))).group_by(T.subject))
        return {subject: at for subject, last in rows if (at := aware(last)) is not None}

    def daily_counts(self, campaign_ids: Sequence[str], since: datetime) -> dict[str, list[int]]:
        if not campaign_ids:
            return {}
        rows = self._conn.execute(select(T.subject, T.messages).where(
            T.kind == CAMPAIGN_DAY, T.subject.in_(list(campaign_ids)), T.window_start >= naive_utc(since),
            T.messages > 0).order_by(T.subject, T.window_start))
        found: dict[str, list[int]] = {}
        for subject, messages in rows:
            found.setdefault(subject, []).append(int(messages))
        return found

    # --- customer scope ----------------------------------------------------------------------------------

    def _scope_ids(self, scope: CustomerScope) -> Any:
        link = sharing_links.c
        live = (link.is_current == true(), link.cnp_migration == false())
        if scope.project_id is None:
            owned = select(campaigns.c.campaign_id.label("campaign_id")).where(campaigns.c.csp_id == scope.cnp_id)
            shared = select(link.campaign_id).where(link.upstream_cnp_id == scope.cnp_id, *live)
        else:
            pc, assoc = project_campaigns.c, project_csp_ids.c
            owned = select(pc.campaign_id.label("campaign_id")).where(pc.cnp_id == scope.cnp_id,
                                                                      pc.project_id == scope.project_id)
            shared = select(link.campaign_id).join(
                project_csp_ids, (assoc.cnp_id == link.upstream_cnp_id) & (assoc.csp_id == link.downstream_cnp_id)
            ).where(assoc.cnp_id == scope.cnp_id, assoc.project_id == scope.project_id, *live)
        return union(owned, shared).subquery()

    def _in_scope(self, scope: CustomerScope, brand_ids: Sequence[str]) -> Select[Any]:
        ids = self._scope_ids(scope)
        query = select(campaigns.c.campaign_id, campaigns.c.brand_id).join(
            ids, ids.c.campaign_id == campaigns.c.campaign_id)
        if brand_ids:
            query = query.where(campaigns.c.brand_id.in_(list(brand_ids)))
        return query

    def scope_campaigns(self, scope: CustomerScope, campaign_ids: Sequence[str], brand_ids: Sequence[str],
                        after: str | None, limit: int) -> list[str]:
        query = self._in_scope(scope, brand_ids)
        if campaign_ids:
            query = query.where(campaigns.c.campaign_id.in_(list(campaign_ids)))
        if after is not None:
            query = query.where(campaigns.c.campaign_id > after)
        rows = self._conn.execute(query.order_by(campaigns.c.campaign_id).limit(limit))
        return [campaign_id for campaign_id, _ in rows]

    def scope_brands(self, scope: CustomerScope, brand_ids: Sequence[str], after: str | None,
                     limit: int) -> list[str]:
        found = self._in_scope(scope, brand_ids).subquery()
        query = select(found.c.brand_id).distinct()
        if after is not None:
            query = query.where(found.c.brand_id > after)
        rows = self._conn.execute(query.order_by(found.c.brand_id).limit(limit))
        return [brand_id for (brand_id,) in rows]
