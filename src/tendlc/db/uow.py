"""The unit of work: one transaction that commits a change, its history rows and its outbox events
together, or nothing at all."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import datetime
from types import TracebackType
from typing import Any

from sqlalchemy import Connection, Engine, bindparam, insert
from sqlalchemy.exc import IntegrityError, OperationalError

from tendlc.core.errors import ConcurrentUpdate
from tendlc.core.events import Event
from tendlc.db.accounts_repo import SqlAccounts
from tendlc.db.assignments_repo import SqlAssignments  # also registers the number assignment tables
from tendlc.db.brands_repo import SqlBrands
from tendlc.db.campaigns_repo import SqlCampaigns
from tendlc.db.convert import naive_utc
from tendlc.db.engine import is_sqlite
from tendlc.db.numbers_repo import SqlNumbers  # also registers the project and number tables in metadata
from tendlc.db.otp_repo import SqlOtpRequests  # also registers the OTP requests table in metadata
from tendlc.db.prepared import Prepared
from tendlc.db.projects_repo import SqlProjects
from tendlc.db.readiness_repo import SqlReadiness  # also registers the traffic table in metadata
from tendlc.db.registrations_repo import SqlRegistrations  # also registers the registrations table in metadata
from tendlc.db.reviews_repo import SqlReviews  # also registers the reviews table in metadata
from tendlc.db.sandbox_repo import SqlSandbox  # also registers the sandbox tables in metadata
from tendlc.db.sharing_repo import SqlSharing
from tendlc.db.tables import event_recipients, history, outbox
from tendlc.db.vettings_repo import SqlVettings  # also registers the vettings table in metadata
from tendlc.db.webhooks_repo import SqlWebhooks  # also registers the webhook tables in metadata


class WriterBusy(Exception):
    """An inline writer (:meth:`UnitOfWorkFactory.inline_writer`) found the database's writer taken: run the
    handler where it may wait (the thread pool) instead."""


@dataclass
class _Inline:
    """The inline writer of the current request: it holds the process's writer lock; its first write
    transaction must not wait for SQLite's lock either (another process may hold it)."""

    began: bool = False


_inline: ContextVar[_Inline | None] = ContextVar("tendlc_inline_writer", default=None)


class SqlUnitOfWork:
    """Use as ``with factory(write=True) as uow: ...``: commits when the block ends normally, rolls
    back when it raises. Nothing else commits."""

    def __init__(self, engine: Engine, *, write: bool, new_id: Callable[[], str],
                 write_lock: threading.Lock | None, on_commit: Callable[[], None] | None,
                 on_accounts_changed: Callable[[], None] | None = None) -> None:
        self._engine = engine
        self._write = write
        self._new_id = new_id
        inline = _inline.get() if write else None
        # An inline writer already holds the lock: its transactions neither take nor release it.
        self._lock = write_lock if write and inline is None else None
        # Its first write transaction must not wait for another process's lock (the event loop would stall):
        # SQLITE_BUSY then means "run the handler in the thread pool". Nothing was written yet, so that is safe.
        self._nowait = inline is not None and not inline.began
        if inline is not None:
            inline.began = True
        self._on_commit = on_commit
        self._emitted = False
        self._on_accounts_changed = on_accounts_changed
        self._accounts_changed = False
        self.conn: Connection

    def __enter__(self) -> SqlUnitOfWork:
        if self._lock is not None:
            self._lock.acquire()
        try:
            self.conn = self._engine.connect()
            if self._write:
                self.conn.execution_options(tendlc_write=True, tendlc_nowait=self._nowait)
            try:
                self.conn.begin()
            except (OperationalError, self._engine.dialect.loaded_dbapi.OperationalError) as error:
                self.conn.close()
                if self._nowait:
                    raise WriterBusy() from error
                raise
        except BaseException:
            if self._lock is not None:
                self._lock.release()
            raise
        self.accounts = SqlAccounts(self.conn, self._account_changed)
        self.brands = SqlBrands(self.conn)
        self.campaigns = SqlCampaigns(self.conn)
        self.webhooks = SqlWebhooks(self.conn)
        self.sharing = SqlSharing(self.conn)
        self.projects = SqlProjects(self.conn, self._account_changed)
        self.numbers = SqlNumbers(self.conn)
        self.assignments = SqlAssignments(self.conn)
        self.vettings = SqlVettings(self.conn)
        self.reviews = SqlReviews(self.conn)
        self.readiness = SqlReadiness(self.conn)
        self.sandbox = SqlSandbox(self.conn, self._account_changed)
        self.registrations = SqlRegistrations(self.conn)
        self.otp_requests = SqlOtpRequests(self.conn)
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        try:
            if exc_type is None:
                try:
                    self.conn.commit()
                except IntegrityError as error:
                    raise ConcurrentUpdate("the change conflicts with another one; retry", []) from error
            else:
                self.conn.rollback()
                if isinstance(exc, IntegrityError):
                    # A uniqueness race lost to a concurrent request: retrying gives the precise answer.
                    raise ConcurrentUpdate("the change conflicts with another one; retry", []) from exc
        finally:
            self.conn.close()
            if self._lock is not None:
                self._lock.release()
        if exc_type is None and self._emitted and self._on_commit is not None:
            self._on_commit()
        if exc_type is None and self._accounts_changed and self._on_accounts_changed is not None:
            self._on_accounts_changed()

    def _account_changed(self) -> None:
        self._accounts_changed = True

    # Statements compiled once and run on the driver (see db/prepared.py): every change writes these.
    _insert_outbox = insert(outbox)
    _outbox_returning = Prepared(insert(outbox).values({c: bindparam(c) for c in (
        "event_id", "event_type", "category", "occurred_at", "payload")}).returning(outbox.c.seq))
    _insert_recipient = Prepared(insert(event_recipients).values(cnp_id=bindparam("cnp_id"), seq=bindparam("seq")))
    _insert_history = Prepared(insert(history).values({c: bindparam(c) for c in (
        "entity_type", "entity_id", "version", "action", "actor", "at", "snapshot")}))

    def emit(self, event: Event) -> None:
        row = {"event_id": self._new_id(), "event_type": event.type.value, "category": event.category,
               "occurred_at": naive_utc(event.occurred_at), "payload": {"eventType": event.type.value, **event.payload}}
        if self.conn.dialect.insert_returning:
            seq = self._outbox_returning.scalar(self.conn, **row)
        else:  # SQLite before 3.35
            seq = self.conn.execute(self._insert_outbox, row).inserted_primary_key[0]  # type: ignore[index]
        for recipient in event.recipients:
            self._insert_recipient.execute(self.conn, cnp_id=recipient, seq=seq)
        self._emitted = True

    def record_history(self, entity_type: str, entity_id: str, version: int, action: str, actor: str,
                       at: datetime, snapshot: dict[str, Any]) -> None:
        self._insert_history.execute(self.conn, entity_type=entity_type, entity_id=entity_id, version=version,
                                     action=action, actor=actor, at=naive_utc(at), snapshot=snapshot)


class UnitOfWorkFactory:
    """Makes units of work on one engine. On SQLite, writers in this process take turns (one writer at
    a time is all SQLite allows; queueing here is cheaper than SQLite's busy-wait)."""

    def __init__(self, engine: Engine, new_id: Callable[[], str]) -> None:
        self.engine = engine
        self._new_id = new_id
        self._lock = threading.Lock() if is_sqlite(engine) else None
        self._listeners: list[Callable[[], None]] = []
        self._account_listeners: list[Callable[[], None]] = []

    def __call__(self, *, write: bool = False) -> SqlUnitOfWork:
        return SqlUnitOfWork(self.engine, write=write, new_id=self._new_id, write_lock=self._lock,
                             on_commit=self._notify, on_accounts_changed=self._notify_accounts)

    @contextmanager
    def inline_writer(self) -> Iterator[None]:
        """Take the process's writer lock for the current request without waiting (``WriterBusy`` when
        another thread holds it), for a handler that runs on the event loop (``api.deps.write_handler``).
        Its units of work then write under that lock, and its first one does not wait for SQLite's lock
        either (``WriterBusy`` again: nothing was written yet). SQLite only."""
        if self._lock is None or not self._lock.acquire(blocking=False):
            raise WriterBusy()
        token = _inline.set(_Inline())
        try:
            yield
        finally:
            _inline.reset(token)
            self._lock.release()

    def on_accounts_changed(self, listener: Callable[[], None]) -> None:
        """Call ``listener`` after any commit that changed an account or an API key (e.g. a revocation), so
        that credential caches in this process forget what they hold."""
        self._account_listeners.append(listener)

    def _notify_accounts(self) -> None:
        for listener in self._account_listeners:
            listener()

    def on_events_committed(self, listener: Callable[[], None]) -> None:
        """Call ``listener`` after any commit that wrote events (wakes the workers)."""
        self._listeners.append(listener)

    def _notify(self) -> None:
        for listener in self._listeners:
            listener()
