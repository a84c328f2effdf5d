"""The Alembic migrations produce exactly the schema the table definitions describe, on SQLite and on
PostgreSQL (the suite's database; set TENDLC_TEST_DATABASE_URL for PostgreSQL)."""

from __future__ import annotations

import importlib
import pkgutil

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, MetaData, inspect

import tendlc.db
from tendlc.db.engine import build_engine
from tendlc.db.migrate import alembic_config, upgrade
from tendlc.db.tables import metadata


def all_tables() -> MetaData:
    """The shared metadata with every table module of ``tendlc.db`` imported (some register their tables
    on it when imported)."""
    for module in pkgutil.iter_modules(tendlc.db.__path__):
        if module.name != "migrations":
            importlib.import_module(f"tendlc.db.{module.name}")
    return metadata


def differences(engine: Engine) -> list[object]:
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True, "compare_server_default": True})
        return list(compare_metadata(context, all_tables()))


def test_migrations_match_the_tables_on_the_suites_database(migrated_engine):
    assert differences(migrated_engine) == []
    tables = set(inspect(migrated_engine).get_table_names())
    assert tables == set(all_tables().tables) | {"alembic_version"}


def test_migrations_match_the_tables_on_a_fresh_sqlite_file(tmp_path):
    engine = build_engine(f"sqlite:///{tmp_path / 'fresh.db'}")
    try:
        upgrade(engine)
        assert differences(engine) == []
        upgrade(engine)  # a second upgrade is a no-op
        assert differences(engine) == []
        heads = set(ScriptDirectory.from_config(alembic_config(engine)).get_heads())
        with engine.connect() as conn:
            assert set(MigrationContext.configure(conn).get_current_heads()) == heads
        with engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    finally:
        engine.dispose()
