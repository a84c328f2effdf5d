"""Composition root: builds the engine, unit-of-work factory, clock, ids and policies from settings."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field

import httpx
from sqlalchemy import Engine

from tendlc.config import Settings
from tendlc.core.brands.identity import IdentityPolicy
from tendlc.core.brands.vetting import VettingPolicy
from tendlc.core.clock import Clock, ShiftedClock, SystemClock
from tendlc.core.ids import IdGenerator, RandomIds
from tendlc.db.engine import build_engine
from tendlc.db.migrate import upgrade
from tendlc.db.sandbox_repo import clock_offset_loader, stored_signing_seed
from tendlc.db.uow import UnitOfWorkFactory
from tendlc.webhooks.sending import HttpxPoster, Poster, StdlibPoster


@dataclass
class Container:
    """Everything a door needs, built once per process."""

    settings: Settings
    engine: Engine
    uow: UnitOfWorkFactory
    clock: Clock
    ids: IdGenerator
    identity_policy: IdentityPolicy = field(default_factory=IdentityPolicy)
    vetting_policy: VettingPolicy = field(default_factory=VettingPolicy)
    # Webhooks are POSTed with pooled http.client connections, or through this httpx.Client when given
    # (tests inject httpx.MockTransport this way).
    http_client_factory: Callable[[], httpx.Client] | None = None
    # Base64 Ed25519 seed signing Telnyx-dialect webhooks (empty: one key made for this process).
    telnyx_signing_seed: str = ""
    _poster: Poster | None = field(default=None, init=False, repr=False)
    _poster_lock: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False)

    def webhook_poster(self) -> Poster:
        """The process's webhook poster (made on first use, shared by threads, closed by dispose)."""
        with self._poster_lock:
            if self._poster is None:
                factory = self.http_client_factory
                self._poster = HttpxPoster(factory()) if factory is not None else StdlibPoster()
            return self._poster

    @property
    def inline_handlers(self) -> bool:
        """Whether read handlers and short write handlers run their units of work on the event loop (SQLite:
        see ``tendlc.api.deps.read_handler`` and ``write_handler``); otherwise they run in the thread pool."""
        return self.engine.dialect.name == "sqlite"

    def dispose(self) -> None:
        with self._poster_lock:
            if self._poster is not None:
                self._poster.close()
                self._poster = None
        self.engine.dispose()


def build(settings: Settings, *, clock: Clock | None = None, ids: IdGenerator | None = None,
          migrate: bool = True, http_client_factory: Callable[[], httpx.Client] | None = None) -> Container:
    """Wire the service together; with ``migrate`` the schema is brought up to date first. In sandbox mode
    the clock is ``clock`` (or wall time) moved by the sandbox's stored offset."""
    engine = build_engine(settings.database_url)
    if migrate:
        upgrade(engine)
    if settings.sandbox:
        clock = ShiftedClock(clock_offset_loader(engine), base=clock)
    # The Telnyx-dialect signing seed: configured, or made once and kept in the database for every process.
    signing_seed = settings.telnyx_webhook_signing_key or stored_signing_seed(engine) or ""
    id_source = ids or RandomIds()
    fail_eins = frozenset(e.strip() for e in settings.identity_fail_eins.split(",") if e.strip())
    return Container(
        settings=settings,
        engine=engine,
        uow=UnitOfWorkFactory(engine, id_source.ulid),
        clock=clock or SystemClock(),
        ids=id_source,
        identity_policy=IdentityPolicy(settings.identity_check_delay_seconds, fail_eins),
        vetting_policy=VettingPolicy(settings.vetting_delay_seconds),
        http_client_factory=http_client_factory,
        telnyx_signing_seed=signing_seed,
    )
