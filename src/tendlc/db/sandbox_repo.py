"""Operator keys and sandbox settings."""

from __future__ import annotations

import base64
import secrets
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, Engine, insert, select, update
from sqlalchemy.exc import IntegrityError, OperationalError, ProgrammingError

from tendlc.core.sandbox.clock import CLOCK_OFFSET
from tendlc.core.sandbox.model import OperatorKey
from tendlc.db.convert import aware, naive_utc
from tendlc.db.tables import metadata
from tendlc.db.tables_sandbox import operator_keys, sandbox_settings

TELNYX_SIGNING_SEED = "telnyx_webhook_signing_seed"
SERVER_SETTINGS = (TELNYX_SIGNING_SEED,)  # kept by a sandbox reset: they belong to the server, not the data


def stored_signing_seed(engine: Engine) -> str | None:
    """The Telnyx-dialect webhook signing seed (base64) kept in the database, made on first use, so every
    process of a deployment (``serve``, ``tendlc worker``) signs with the key ``/api/v1/telnyx/publicKey``
    shows. None when the table does not exist yet (a database not migrated)."""
    query = select(sandbox_settings.c.value).where(sandbox_settings.c.name == TELNYX_SIGNING_SEED)
    try:
        with engine.begin() as conn:
            stored = conn.execute(query).scalar()
            if stored is None:
                seed = base64.b64encode(secrets.token_bytes(32)).decode()
                conn.execute(insert(sandbox_settings).values(name=TELNYX_SIGNING_SEED, value={"value": seed},
                                                             updated_at=naive_utc(datetime.now(UTC))))
                return seed
            return str(stored["value"])
    except IntegrityError:  # another process made it first: use theirs
        with engine.connect() as conn:
            stored = conn.execute(query).scalar()
        return str(stored["value"]) if stored is not None else None
    except (OperationalError, ProgrammingError):
        return None


class SqlSandbox:
    def __init__(self, conn: Connection, on_accounts_changed: Callable[[], None] | None = None) -> None:
        self._conn = conn
        self._on_accounts_changed = on_accounts_changed

    def wipe(self) -> int:
        """Delete every row of every table but the operator's keys and the server's own keys; returns the
        rows deleted."""
        deleted = 0
        for table in reversed(metadata.sorted_tables):
            if table is sandbox_settings:
                deleted += self._conn.execute(table.delete().where(
                    sandbox_settings.c.name.not_in(SERVER_SETTINGS))).rowcount or 0
            elif table is not operator_keys:
                deleted += self._conn.execute(table.delete()).rowcount or 0
        if self._on_accounts_changed is not None:
            self._on_accounts_changed()
        return deleted

    def add_operator_key(self, key: OperatorKey) -> None:
        self._conn.execute(insert(operator_keys).values(
            key_id=key.key_id, secret_hash=key.secret_hash, label=key.label,
            created_at=naive_utc(key.created_at), revoked_at=None))

    def get_operator_key(self, key_id: str) -> OperatorKey | None:
        row = self._conn.execute(select(operator_keys).where(operator_keys.c.key_id == key_id)).mappings().first()
        if row is None:
            return None
        return OperatorKey.model_validate({
            "key_id": row["key_id"], "secret_hash": row["secret_hash"], "label": row["label"],
            "created_at": aware(row["created_at"]), "revoked_at": aware(row["revoked_at"])})

    def get_setting(self, name: str) -> Any | None:
        stored = self._conn.execute(select(sandbox_settings.c.value).where(sandbox_settings.c.name == name)).scalar()
        return stored["value"] if stored is not None else None

    def put_setting(self, name: str, value: Any) -> None:
        # Wrapped in an object: SQLite gives a JSON column NUMERIC affinity, and would turn a bare number
        # into something the JSON decoder cannot read back.
        value = {"value": value}
        now = naive_utc(datetime.now(UTC))
        done = self._conn.execute(update(sandbox_settings).where(sandbox_settings.c.name == name)
                                  .values(value=value, updated_at=now))
        if not done.rowcount:
            self._conn.execute(insert(sandbox_settings).values(name=name, value=value, updated_at=now))


def clock_offset_loader(engine: Engine) -> Any:
    """A loader for :class:`~tendlc.core.clock.ShiftedClock`: the stored offset, read in its own short
    transaction (0 when never set)."""

    def load() -> timedelta:
        with engine.connect() as conn:
            stored = conn.execute(select(sandbox_settings.c.value)
                                  .where(sandbox_settings.c.name == CLOCK_OFFSET)).scalar()
        return timedelta(seconds=float(stored["value"])) if stored is not None else timedelta(0)

    return load
