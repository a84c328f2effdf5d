"""Campaigns."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Text, bindparam, delete, func, insert, select, type_coerce

from tendlc.core.campaigns.billing import next_due
from tendlc.core.campaigns.model import Campaign
from tendlc.core.compliance.fingerprint import campaign_fingerprints
from tendlc.core.model import Page, PageRequest
from tendlc.core.ports import CampaignFilter
from tendlc.db import campaign_counts as counts
from tendlc.db.convert import naive_utc, reference_key
from tendlc.db.documents import DocumentRepository
from tendlc.db.prepared import Prepared
from tendlc.db.tables import campaigns, tags
from tendlc.db.tables_compliance import campaign_texts

_STORED_GROUP = Prepared(select(campaigns.c.csp_id, *(campaigns.c[n] for n in counts.GROUP_COLUMNS))
                         .where(campaigns.c.campaign_id == bindparam("ident")))
_STORED_TAGS = Prepared(select(tags.c.name).where(tags.c.record_type == "CAMPAIGN",
                                                  tags.c.record_id == bindparam("ident")))
_INSERT_TEXT = Prepared(insert(campaign_texts).values(
    {c: bindparam(c) for c in ("campaign_id", "kind", "fingerprint")}))
_REFERENCE_OWNER = Prepared(select(campaigns.c.campaign_id).where(
    campaigns.c.csp_id == bindparam("csp_id"), campaigns.c.reference_key == bindparam("reference_key")))


def tag_key(names: Sequence[str]) -> str:
    """A campaign's tags in one column: "|a|b|" (lower case, sorted, each once), "" without tags."""
    unique = sorted({n.lower() for n in names})
    return f"|{'|'.join(unique)}|" if unique else ""


def _like_escaped(text: str) -> str:
    return text.replace("/", "//").replace("%", "/%").replace("_", "/_")


@dataclass(frozen=True)
class _Search:
    page: Prepared
    count: Prepared


def _search_statements(columns: tuple[str, ...], tag_count: int) -> _Search:
    """The statements of every search that filters on ``columns`` and ``tag_count`` tags: a page's keys are
    found newest first from the listing index alone, then only their documents are read (an OFFSET over
    the documents would read every skipped one)."""
    c = campaigns.c
    matching = select(c.campaign_id).where(c.csp_id == bindparam("csp_id"))
    for column in columns:
        matching = matching.where(c[column] == bindparam(f"f_{column}"))
    for n in range(tag_count):  # tested on the index entry (tag_key), not by looking up the tags table
        matching = matching.where(c.tag_key.like(bindparam(f"tag_{n}"), escape="/"))
    order = (c.create_date.desc(), c.campaign_id.desc())
    keys = matching.order_by(*order).limit(bindparam("limit")).offset(bindparam("offset")).correlate(None)
    return _Search(page=Prepared(select(type_coerce(c.doc, Text)).where(c.campaign_id.in_(keys)).order_by(*order)),
                   count=Prepared(select(func.count()).select_from(matching.subquery())))


_SEARCHES: dict[tuple[tuple[str, ...], int], _Search] = {}  # one per set of filtered columns and number of tags


class SqlCampaigns(DocumentRepository[Campaign]):
    table = campaigns
    model = Campaign
    record_type = "CAMPAIGN"

    def projection(self, c: Campaign) -> dict[str, Any]:
        return {
            "csp_id": c.csp_id, "brand_id": c.brand_id, "status": c.status, "usecase": c.usecase,
            "vertical": c.vertical, "reseller_id": c.reseller_id, "auto_renewal": c.auto_renewal,
            "mock": c.mock, "upstream_cnp_id": c.upstream_cnp_id, "reference_key": reference_key(c.reference_id),
            "create_date": naive_utc(c.create_date), "tag_key": tag_key(c.tag),
            "next_due_at": naive_utc(next_due(c)),
        }

    def reference_id_owner(self, csp_id: str, reference_id: str) -> str | None:
        owner = _REFERENCE_OWNER.scalar(self._conn, csp_id=csp_id, reference_key=reference_key(reference_id))
        return str(owner) if owner is not None else None

    def search(self, csp_id: str, where: CampaignFilter, page: PageRequest) -> Page[Campaign]:
        exact = {"brand_id": where.brand_id, "status": where.status, "usecase": where.usecase,
                 "vertical": where.vertical, "reseller_id": where.reseller_id, "auto_renewal": where.auto_renewal,
                 "upstream_cnp_id": where.upstream_cnp_id, "mock": where.mock,
                 "reference_key": reference_key(where.reference_id)}
        filters = {column: value for column, value in exact.items() if value is not None}
        shape = (tuple(sorted(filters)), len(where.tags))
        statements = _SEARCHES.get(shape) or _SEARCHES.setdefault(shape, _search_statements(*shape))
        params = {"csp_id": csp_id, **{f"f_{column}": value for column, value in filters.items()},
                  **{f"tag_{n}": f"%|{_like_escaped(name.lower())}|%" for n, name in enumerate(where.tags)}}
        total = counts.total(self._conn, csp_id, filters, where.tags)
        if total is None:
            total = int(statements.count.scalar(self._conn, **params))
        rows = statements.page.rows(self._conn, **params, limit=page.per_page, offset=page.offset)
        return Page(total=total, items=[self.load(doc) for (doc,) in rows])

    def add(self, campaign: Campaign) -> None:
        super().add(campaign)
        counts.move(self._conn, None, self._membership(campaign))
        self._add_texts([campaign])

    def add_many(self, items: Sequence[Campaign]) -> None:
        super().add_many(items)
        counts.add(self._conn, [self._membership(c) for c in items])
        self._add_texts(items)

    def save(self, campaign: Campaign) -> Campaign:
        before = self._stored_membership(campaign.campaign_id)
        saved = super().save(campaign)
        counts.move(self._conn, before, self._membership(saved))
        self._conn.execute(delete(campaign_texts).where(campaign_texts.c.campaign_id == campaign.campaign_id))
        self._add_texts([saved])
        return saved

    def _add_texts(self, items: Sequence[Campaign]) -> None:
        """The fingerprints of the campaigns' description and samples (the lint's reuse checks look them up)."""
        rows = [{"campaign_id": c.campaign_id, "kind": kind, "fingerprint": fingerprint}
                for c in items for kind, fingerprint in sorted(campaign_fingerprints(c))]
        if rows:
            _INSERT_TEXT.execute_many(self._conn, rows)

    def _membership(self, c: Campaign) -> counts.Membership:
        return counts.Membership(c.csp_id, counts.group_of(self.projection(c)), tuple(sorted(set(c.tag))))

    def _stored_membership(self, campaign_id: str) -> counts.Membership | None:
        rows = _STORED_GROUP.rows(self._conn, ident=campaign_id)
        if not rows:
            return None
        csp_id, *values = rows[0]
        tags = sorted({name for (name,) in _STORED_TAGS.rows(self._conn, ident=campaign_id)})
        return counts.Membership(csp_id, counts.group_of(dict(zip(counts.GROUP_COLUMNS, values, strict=True))),
                                 tuple(tags))

    def count_for_brand(self, brand_id: str, *, active_only: bool) -> int:
        q = select(func.count()).select_from(campaigns).where(campaigns.c.brand_id == brand_id)
        if active_only:
            q = q.where(campaigns.c.status == "ACTIVE")
        return int(self._conn.execute(q).scalar_one())

    def due_for_billing(self, now: datetime, limit: int) -> list[Campaign]:
        """Walks ix_campaigns_next_due; on PostgreSQL the rows are locked (SKIP LOCKED) until the end of the
        transaction, so concurrent schedulers take different campaigns."""
        c = campaigns.c
        rows = self._conn.execute(
            select(c.doc).where(c.next_due_at <= naive_utc(now)).order_by(c.next_due_at, c.campaign_id)
            .limit(limit).with_for_update(skip_locked=True))
        return [self.load(doc) for (doc,) in rows]
