"""Accounts and API keys."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Connection, insert, select, update

from tendlc.core.accounts.model import Account, ApiKey
from tendlc.db.convert import aware, naive_utc
from tendlc.db.tables import accounts, api_keys


class SqlAccounts:
    def __init__(self, conn: Connection, on_change: Callable[[], None] | None = None) -> None:
        self._conn = conn
        self._on_change = on_change  # told when an account or a key changes (credential caches forget them)

    def get(self, cnp_id: str) -> Account | None:
        doc = self._conn.execute(select(accounts.c.doc).where(accounts.c.cnp_id == cnp_id)).scalar()
        return Account.model_validate(doc) if doc is not None else None

    def add(self, account: Account) -> None:
        self._conn.execute(insert(accounts).values(
            cnp_id=account.cnp_id, kind=account.kind.value, name=account.name,
            created_at=naive_utc(account.created_at), doc=account.model_dump(mode="json"),
        ))

    def save(self, account: Account) -> None:
        self._conn.execute(update(accounts).where(accounts.c.cnp_id == account.cnp_id).values(
            name=account.name, doc=account.model_dump(mode="json")))
        self._changed()

    def all(self) -> list[Account]:
        rows = self._conn.execute(select(accounts.c.doc).order_by(accounts.c.created_at, accounts.c.cnp_id))
        return [Account.model_validate(doc) for (doc,) in rows]

    def add_key(self, key: ApiKey) -> None:
        self._conn.execute(insert(api_keys).values(
            key_id=key.key_id, cnp_id=key.cnp_id, secret_hash=key.secret_hash, label=key.label,
            created_at=naive_utc(key.created_at), revoked_at=naive_utc(key.revoked_at), project_id=key.project_id,
        ))

    def get_key(self, key_id: str) -> ApiKey | None:
        row = self._conn.execute(select(api_keys).where(api_keys.c.key_id == key_id)).mappings().first()
        return _key(row) if row else None

    def save_key(self, key: ApiKey) -> None:
        self._conn.execute(update(api_keys).where(api_keys.c.key_id == key.key_id).values(
            label=key.label, revoked_at=naive_utc(key.revoked_at)))
        self._changed()

    def _changed(self) -> None:
        if self._on_change is not None:
            self._on_change()

    def list_keys(self, cnp_id: str) -> list[ApiKey]:
        rows = self._conn.execute(
            select(api_keys).where(api_keys.c.cnp_id == cnp_id).order_by(api_keys.c.created_at)).mappings()
        return [_key(r) for r in rows]


def _key(row: object) -> ApiKey:
    data = dict(row)  # type: ignore[call-overload]
    data["created_at"] = aware(data["created_at"])
    data["revoked_at"] = aware(data["revoked_at"])
    return ApiKey.model_validate(data)
