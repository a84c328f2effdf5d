"""The portal's server-side sessions: one row per signed-in browser, found by the SHA-256 of the session
id its cookie holds (the id itself is never stored). Used inside a unit of work (``uow.conn``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Column, Connection, DateTime, Index, String, Table, delete, insert, select

from tendlc.db.convert import aware, naive_utc
from tendlc.db.tables import metadata

portal_sessions = Table(
    "portal_sessions", metadata,
    Column("id_hash", String(64), primary_key=True),
    Column("kind", String(10), nullable=False),  # "account" | "operator"
    Column("key_id", String(64), nullable=False),
    Column("cnp_id", String(16), nullable=True),
    Column("csrf_token", String(64), nullable=False),
    Column("created_at", DateTime, nullable=False),
    Column("expires_at", DateTime, nullable=False),
    Index("ix_portal_sessions_expires_at", "expires_at"),
)


@dataclass(frozen=True)
class SessionRow:
    id_hash: str
    kind: str
    key_id: str
    cnp_id: str | None
    csrf_token: str
    created_at: datetime
    expires_at: datetime


class SqlPortalSessions:
    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def add(self, row: SessionRow) -> None:
        self.conn.execute(insert(portal_sessions).values(
            id_hash=row.id_hash, kind=row.kind, key_id=row.key_id, cnp_id=row.cnp_id, csrf_token=row.csrf_token,
            created_at=naive_utc(row.created_at), expires_at=naive_utc(row.expires_at)))

    def get(self, id_hash: str) -> SessionRow | None:
        query = select(portal_sessions).where(portal_sessions.c.id_hash == id_hash)
        found = self.conn.execute(query).mappings().first()
        if found is None:
            return None
        return SessionRow(found["id_hash"], found["kind"], found["key_id"], found["cnp_id"], found["csrf_token"],
                          aware(found["created_at"]) or found["created_at"], aware(found["expires_at"]) or
                          found["expires_at"])

    def remove(self, id_hash: str) -> None:
        self.conn.execute(delete(portal_sessions).where(portal_sessions.c.id_hash == id_hash))

    def remove_expired(self, now: datetime) -> None:
        self.conn.execute(delete(portal_sessions).where(portal_sessions.c.expires_at <= naive_utc(now)))
