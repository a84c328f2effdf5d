"""Alembic environment: runs on the connection given by tendlc.db.migrate (or on the URL)."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from tendlc.db.engine import build_engine
from tendlc.db.tables import metadata

config = context.config


def _run(connection: Connection) -> None:
    context.configure(connection=connection, target_metadata=metadata, render_as_batch=True,
                      compare_type=True)
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    _run(connection)
else:
    engine = build_engine(config.get_main_option("sqlalchemy.url") or "sqlite:///tendlc.db")
    with engine.connect() as conn:
        _run(conn)
