"""Engine construction for SQLite (embedded default) and PostgreSQL."""

from __future__ import annotations

from typing import Any

import orjson
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url

BUSY_TIMEOUT_MS = 30_000  # how long a writer waits for another process's write lock
SQLITE_POOL_SIZE = 24
SQLITE_MAX_OVERFLOW = 24


def json_text(value: Any) -> str:
    """JSON columns' serializer: the same JSON as ``json.dumps`` (non-string keys as strings), compact,
    several times faster."""
    return orjson.dumps(value, option=orjson.OPT_NON_STR_KEYS).decode()


JSON_OPTIONS: dict[str, Any] = {"json_serializer": json_text, "json_deserializer": orjson.loads}


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"


def build_engine(url: str) -> Engine:
    """An engine for ``url``. SQLite runs in WAL mode with foreign keys on, and takes its write lock
    at BEGIN for writing units of work so that writers queue instead of failing mid-transaction."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        # As many pooled connections as request threads (anyio's default limit is 40), so that a busy
        # server reuses connections instead of opening (and configuring) new ones for every request.
        engine = create_engine(
            parsed, connect_args={"check_same_thread": False, "timeout": 30}, pool_size=SQLITE_POOL_SIZE,
            max_overflow=SQLITE_MAX_OVERFLOW, **JSON_OPTIONS,
        )
        _configure_sqlite(engine)
        return engine
    if parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    return create_engine(parsed, pool_size=10, max_overflow=20, pool_pre_ping=True, **JSON_OPTIONS)


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        # Let SQLAlchemy (not the sqlite3 module) decide when transactions begin.
        dbapi_conn.isolation_level = None
        cursor = dbapi_conn.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        options = conn.get_execution_options()
        driver = conn.connection.driver_connection
        # Straight on the driver: this runs for every unit of work, and needs no SQLAlchemy processing.
        if not options.get("tendlc_write", False):
            driver.execute("BEGIN")
        elif options.get("tendlc_nowait", False):  # an inline writer: SQLITE_BUSY at once rather than wait
            driver.execute("PRAGMA busy_timeout=0")
            try:
                driver.execute("BEGIN IMMEDIATE")
            finally:
                driver.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        else:
            driver.execute("BEGIN IMMEDIATE")
