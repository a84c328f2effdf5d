"""Statements compiled once per dialect and run straight on the driver connection.

For the few queries every request makes (a document by id, a reference id lookup), SQLAlchemy's
per-execution work (building the statement, its cache key, the execution context, result processing)
costs an order of magnitude more than SQLite spends answering them. A :class:`Prepared` statement is
compiled by SQLAlchemy for the connection's dialect (so the SQL is the same the ORM-less Core would send,
placeholders included) and executed on the DBAPI connection, inside the unit of work's transaction.

Parameters must be plain values the drivers take as they are (str, int, float, bool, None), and rows come
back as the driver gives them: no type processing (a JSON column is text on SQLite, a dict on PostgreSQL).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from sqlalchemy import Connection
from sqlalchemy.engine.interfaces import Dialect
from sqlalchemy.sql import ClauseElement
from sqlalchemy.sql.compiler import SQLCompiler

_Args = Callable[[Mapping[str, Any]], Any]


class Prepared:
    def __init__(self, statement: ClauseElement) -> None:
        self.statement = statement
        self._compiled: dict[str, tuple[str, _Args]] = {}

    def sql(self, dialect: Dialect) -> tuple[str, _Args]:
        """The SQL text for ``dialect`` and how to turn named parameters into the driver's arguments."""
        found = self._compiled.get(dialect.name)
        if found is None:
            compiled = self.statement.compile(dialect=dialect)
            assert isinstance(compiled, SQLCompiler)
            fixed = {k: v for k, v in compiled.params.items() if v is not None}  # literals in the statement
            to_args: _Args
            if compiled.positional:
                names = tuple(compiled.positiontup or ())

                def to_args(params: Mapping[str, Any]) -> Any:
                    return tuple(params[n] if n in params else fixed[n] for n in names)
            else:

                def to_args(params: Mapping[str, Any]) -> Any:
                    return {**fixed, **params}
            found = self._compiled[dialect.name] = (compiled.string, to_args)
        return found

    def rows(self, conn: Connection, **params: Any) -> list[Any]:
        """Every row, as the driver returns them."""
        sql, to_args = self.sql(conn.dialect)
        cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
        try:
            cursor.execute(sql, to_args(params))
            return list(cursor.fetchall())
        finally:
            cursor.close()

    def execute(self, conn: Connection, **params: Any) -> int:
        """Run a statement that returns no rows; the number of rows it changed."""
        sql, to_args = self.sql(conn.dialect)
        cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
        try:
            cursor.execute(sql, to_args(params))
            return int(cursor.rowcount)
        finally:
            cursor.close()

    def scalar(self, conn: Connection, **params: Any) -> Any:
        """The first column of the first row, or None when there is no row."""
        rows = self.rows(conn, **params)
        return rows[0][0] if rows else None
