"""Composition root: builds the engine, unit-of-work factory, clock, ids and policies from settings."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import Engine

from tendlc.config import Settings
from tendlc.core.brands.identity import IdentityPolicy
from tendlc.core.clock import Clock, SystemClock
from tendlc.core.ids import IdGenerator, RandomIds
from tendlc.db.engine import build_engine
from tendlc.db.migrate import upgrade
from tendlc.db.uow import UnitOfWorkFactory


@dataclass
class Container:
    """Everything a door needs, built once per process."""

    settings: Settings
    engine: Engine
    uow: UnitOfWorkFactory
    clock: Clock
    ids: IdGenerator
    identity_policy: IdentityPolicy = field(default_factory=IdentityPolicy)

    def dispose(self) -> None:
        self.engine.dispose()


def build(settings: Settings, *, clock: Clock | None = None, ids: IdGenerator | None = None,
          migrate: bool = True) -> Container:
    """Wire the service together; with ``migrate`` the schema is brought up to date first."""
    engine = build_engine(settings.database_url)
    if migrate:
        upgrade(engine)
    id_source = ids or RandomIds()
    fail_eins = frozenset(e.strip() for e in settings.identity_fail_eins.split(",") if e.strip())
    return Container(
        settings=settings,
        engine=engine,
        uow=UnitOfWorkFactory(engine, id_source.ulid),
        clock=clock or SystemClock(),
        ids=id_source,
        identity_policy=IdentityPolicy(settings.identity_check_delay_seconds, fail_eins),
    )
