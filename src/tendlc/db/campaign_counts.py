"""How many campaigns a search matches, without counting them one by one.

Counting 100,000 index entries costs SQLite tens of milliseconds, on every search. So for each CSP the
table ``campaign_counts`` keeps how many of its campaigns fall in each *group*: each combination of the
values that searches filter on (``GROUP_COLUMNS``), once over all campaigns (tag ``""``) and once more per
tag. :class:`~tendlc.db.campaigns_repo.SqlCampaigns` changes it in the same transaction as the campaign,
so counts are exact; answering one is a sum over the CSP's matching groups, which grow with the number of
distinct combinations in use, not with the number of campaigns. The searches groups cannot answer (by
referenceId, or by more than one tag) count the campaigns themselves.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, bindparam, func, select
from sqlalchemy.dialects import postgresql, sqlite

from tendlc.db.prepared import Prepared
from tendlc.db.tables_counts import campaign_counts

GROUP_COLUMNS = ("mock", "status", "usecase", "vertical", "brand_id", "reseller_id", "auto_renewal",
                 "upstream_cnp_id")
_BOOLEAN = frozenset({"mock", "auto_renewal"})
EVERY = ""  # the tag of the rows that count every campaign

Group = tuple[Any, ...]


def group_of(values: Mapping[str, Any]) -> Group:
    """The group of a campaign from its projection columns (booleans as booleans, whatever the driver)."""
    return tuple(bool(values[c]) if c in _BOOLEAN else values[c] for c in GROUP_COLUMNS)


def group_key(group: Group) -> str:
    return json.dumps(group, separators=(",", ":"))


@dataclass(frozen=True)
class Membership:
    """Where one campaign is counted: its group, over all campaigns and under each of its tags."""

    csp_id: str
    group: Group
    tags: tuple[str, ...]

    def rows(self) -> list[tuple[str, str, Group]]:
        return [(self.csp_id, tag, self.group) for tag in (EVERY, *self.tags)]


def _upsert(dialect_name: str) -> Prepared:
    make = postgresql.insert if dialect_name == "postgresql" else sqlite.insert
    columns = ("csp_id", "tag", "group_key", *GROUP_COLUMNS, "n")
    stmt = make(campaign_counts).values({c: bindparam(c) for c in columns})
    return Prepared(stmt.on_conflict_do_update(index_elements=["csp_id", "tag", "group_key"],
                                               set_={"n": campaign_counts.c.n + stmt.excluded.n}))


_UPSERTS = {name: _upsert(name) for name in ("sqlite", "postgresql")}


def move(conn: Connection, before: Membership | None, after: Membership | None) -> None:
    """Count a campaign that moved from ``before`` to ``after`` (None: it did not exist / no longer does)."""
    _apply(conn, [(before, -1), (after, 1)])


def add(conn: Connection, memberships: Iterable[Membership]) -> None:
    """Count new campaigns (one upsert per group, however many campaigns)."""
    _apply(conn, [(m, 1) for m in memberships])


def _apply(conn: Connection, changes: Iterable[tuple[Membership | None, int]]) -> None:
    deltas: dict[tuple[str, str, str], tuple[Group, int]] = {}
    for membership, sign in changes:
        for csp_id, tag, group in membership.rows() if membership is not None else []:
            key = (csp_id, tag, group_key(group))
            deltas[key] = (group, deltas.get(key, (group, 0))[1] + sign)
    upsert = _UPSERTS[conn.dialect.name]
    for (csp_id, tag, gkey), (group, delta) in sorted(deltas.items()):  # one order: no deadlocks on PostgreSQL
        if delta:
            upsert.execute(conn, csp_id=csp_id, tag=tag, group_key=gkey, n=delta,
                           **dict(zip(GROUP_COLUMNS, group, strict=True)))


def total(conn: Connection, csp_id: str, filters: Mapping[str, Any], tags: Sequence[str]) -> int | None:
    """How many of ``csp_id``'s campaigns have these column values and this tag, or None when the groups
    cannot say (a filter that is not a group column, or more than one tag)."""
    if len(tags) > 1 or any(column not in GROUP_COLUMNS for column in filters):
        return None
    shape = tuple(sorted(filters))
    statement = _TOTALS.get(shape) or _TOTALS.setdefault(shape, _total_statement(shape))
    found = statement.scalar(conn, csp_id=csp_id, tag=tags[0].lower() if tags else EVERY,
                             **{f"f_{column}": value for column, value in filters.items()})
    return int(found or 0)


def _total_statement(columns: tuple[str, ...]) -> Prepared:
    c = campaign_counts.c
    query = select(func.sum(c.n)).where(c.csp_id == bindparam("csp_id"), c.tag == bindparam("tag"))
    for column in columns:
        query = query.where(c[column] == bindparam(f"f_{column}"))
    return Prepared(query)


_TOTALS: dict[tuple[str, ...], Prepared] = {}  # one statement per set of filtered columns
