"""A database from before a migration: accounts and brands written straight into the tables of ``0001``, for
tests of what a later migration makes of the rows already stored."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import insert

from tendlc.db.tables import accounts, brands

OLD_BRANDS = (("BAAAAAA", "SAAAAAA"), ("BBBBBBB", "SBBBBBB"))  # (brand, its CSP)


def add_accounts_and_brands(conn: Any, at: datetime) -> None:
    """Two CSPs, SAAAAAA and SBBBBBB, with one verified brand each (BAAAAAA, BBBBBBB)."""
    conn.execute(insert(accounts), [{"cnp_id": s, "kind": "CSP", "name": s, "created_at": at, "doc": {}}
                                    for _, s in OLD_BRANDS])
    conn.execute(insert(brands), [
        {"brand_id": b, "csp_id": s, "status": "ACTIVE", "identity_status": "VERIFIED", "display_name_lower": b,
         "mock": False, "create_date": at, "version": 1, "doc": {}}
        for b, s in OLD_BRANDS])
