"""Registry-wide lookups of the compliance lint (``core.compliance.ports.RegistryLookups``) on the
brands, campaigns and accounts tables. They answer counts and yes/no only, never ids.

Descriptions and samples live in the campaign documents: they are compared with ``lower(trim(…))`` on
the JSON value, which reads every campaign (no index on it yet; a normalised-hash column would make it
an index lookup and catch whitespace variants too).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, String, and_, func, or_, select

from tendlc.core.compliance.ports import BrandKey
from tendlc.core.compliance.text import core_name
from tendlc.db.tables import accounts, brands, campaigns

_SAMPLE_KEYS = ("sample1", "sample2", "sample3", "sample4", "sample5")


def _digits(ein: str | None) -> str:
    return re.sub(r"\D", "", ein or "")


def _ein_forms(ein: str) -> list[str]:
    """The spellings an EIN may be stored in: digits only, and NN-NNNNNNN."""
    digits = _digits(ein)
    forms = {ein.strip(), digits}
    if len(digits) == 9:
        forms.add(f"{digits[:2]}-{digits[2:]}")
    return sorted(f for f in forms if f)


def _folded(column: Any) -> Any:
    return func.lower(func.trim(column))


class SqlComplianceLookups:
    def __init__(self, conn: Connection) -> None:
        self._conn = conn

    def _unrelated(self, other_than: BrandKey) -> Any:
        """Campaigns not of the linted brand nor of a brand with its EIN."""
        conditions = []
        if other_than.brand_id:
            conditions.append(campaigns.c.brand_id != other_than.brand_id)
        if _digits(other_than.ein):
            conditions.append(or_(brands.c.ein.is_(None), brands.c.ein.not_in(_ein_forms(other_than.ein or ""))))
        return and_(True, *conditions)

    def _doc_text(self, key: str) -> Any:
        return campaigns.c.doc[key].as_string()

    def brands_with_description(self, description: str, other_than: BrandKey) -> int:
        query = (select(func.count(func.distinct(campaigns.c.brand_id)))
                 .select_from(campaigns.join(brands, brands.c.brand_id == campaigns.c.brand_id))
                 .where(_folded(self._doc_text("description")) == description.strip().lower(),
                        self._unrelated(other_than)))
        return int(self._conn.execute(query).scalar_one())

    def brands_with_samples(self, samples: Sequence[str], other_than: BrandKey) -> int:
        wanted = {s.strip().lower() for s in samples if s.strip()}
        if not wanted:
            return 0
        need = min(2, len(wanted))
        texts = [_folded(self._doc_text(k)).cast(String) for k in _SAMPLE_KEYS]
        query = (select(campaigns.c.brand_id, *texts)
                 .select_from(campaigns.join(brands, brands.c.brand_id == campaigns.c.brand_id))
                 .where(or_(*(t.in_(sorted(wanted)) for t in texts)), self._unrelated(other_than)))
        hits = {row[0] for row in self._conn.execute(query) if len(wanted & {t for t in row[1:] if t}) >= need}
        return len(hits)

    def brands_with_ein(self, ein: str, other_than: BrandKey) -> int:
        query = select(func.count()).select_from(brands).where(brands.c.ein.in_(_ein_forms(ein)))
        if other_than.brand_id:
            query = query.where(brands.c.brand_id != other_than.brand_id)
        return int(self._conn.execute(query).scalar_one())

    def platform_named(self, names: Sequence[str]) -> bool:
        wanted = {core_name(n) for n in names} - {""}
        return any(core_name(name) in wanted for (name,) in self._conn.execute(select(accounts.c.name)))


