"""Registry-wide lookups of the compliance lint (``core.compliance.ports.RegistryLookups``) on the
brands, campaigns and accounts tables. They answer counts and yes/no only, never ids.

Descriptions and samples are compared by fingerprint (``core/compliance/fingerprint.py``: letter case and
whitespace do not count), looked up in the indexed ``campaign_texts`` table: the cost depends on how many
campaigns share the text, not on how many are stored.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, and_, func, or_, select

from tendlc.core.compliance.fingerprint import DESCRIPTION, SAMPLE, fingerprint
from tendlc.core.compliance.ports import BrandKey
from tendlc.core.compliance.text import core_name
from tendlc.db.tables import accounts, brands, campaigns
from tendlc.db.tables_compliance import campaign_texts

X = campaign_texts.c


def _digits(ein: str | None) -> str:
    return re.sub(r"\D", "", ein or "")


def _ein_forms(ein: str) -> list[str]:
    """The spellings an EIN may be stored in: digits only, and NN-NNNNNNN."""
    digits = _digits(ein)
    forms = {ein.strip(), digits}
    if len(digits) == 9:
        forms.add(f"{digits[:2]}-{digits[2:]}")
    return sorted(f for f in forms if f)


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

    def _sharing(self, kind: str, fingerprints: Sequence[str], other_than: BrandKey) -> Any:
        """(campaign, brand) of the unrelated campaigns holding one of ``fingerprints`` of ``kind``."""
        return (select(X.campaign_id, campaigns.c.brand_id, X.fingerprint)
                .select_from(campaign_texts.join(campaigns, campaigns.c.campaign_id == X.campaign_id)
                             .join(brands, brands.c.brand_id == campaigns.c.brand_id))
                .where(X.kind == kind, X.fingerprint.in_(sorted(fingerprints)), self._unrelated(other_than)))

    def brands_with_description(self, description: str, other_than: BrandKey) -> int:
        wanted = fingerprint(description)
        if wanted is None:
            return 0
        shared = self._sharing(DESCRIPTION, [wanted], other_than).subquery()
        return int(self._conn.execute(select(func.count(func.distinct(shared.c.brand_id)))).scalar_one())

    def brands_with_samples(self, samples: Sequence[str], other_than: BrandKey) -> int:
        wanted = {f for f in map(fingerprint, samples) if f is not None}
        if not wanted:
            return 0
        need = min(2, len(wanted))
        held: dict[str, tuple[str, set[str]]] = {}
        for campaign_id, brand_id, found in self._conn.execute(self._sharing(SAMPLE, sorted(wanted), other_than)):
            held.setdefault(campaign_id, (brand_id, set()))[1].add(found)
        return len({brand_id for brand_id, found in held.values() if len(found) >= need})

    def brands_with_ein(self, ein: str, other_than: BrandKey) -> int:
        query = select(func.count()).select_from(brands).where(brands.c.ein.in_(_ein_forms(ein)))
        if other_than.brand_id:
            query = query.where(brands.c.brand_id != other_than.brand_id)
        return int(self._conn.execute(query).scalar_one())

    def platform_named(self, names: Sequence[str]) -> bool:
        wanted = {core_name(n) for n in names} - {""}
        return any(core_name(name) in wanted for (name,) in self._conn.execute(select(accounts.c.name)))


