"""Statements compiled once per dialect and run straight on the driver connection.

For the few queries every request makes (a document by id, a reference id lookup), SQLAlchemy's
per-execution work (building the statement, its cache key, the execution context, result processing)
costs an order of magnitude more than SQLite spends answering them. A :class:`Prepared` statement is
compiled by SQLAlchemy for the connection's dialect (so the SQL is the same the ORM-less Core would send,
placeholders included) and executed on the DBAPI connection, inside the unit of work's transaction.

Parameters go through the columns' conversions (as with SQLAlchemy), but rows come back as the driver gives
them, with no type processing: a JSON column is text on SQLite and a dict on PostgreSQL, a datetime is text
on SQLite.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from sqlalchemy import Connection
from sqlalchemy.engine.interfaces import Dialect
from sqlalchemy.exc import DBAPIError
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
            # The columns' own conversions (a datetime to SQLite's text, a dict to JSON…), as SQLAlchemy does.
            convert = {name: process for name, bind in compiled.binds.items()
                       if (process := bind.type.dialect_impl(dialect).bind_processor(dialect)) is not None}
            to_args: _Args
            if compiled.positional:
                slots = tuple((n, convert.get(n)) for n in compiled.positiontup or ())

                def to_args(params: Mapping[str, Any]) -> Any:
                    values = []
                    for n, process in slots:
                        value = params[n] if n in params else fixed[n]
                        values.append(value if process is None else process(value))
                    return tuple(values)
            else:

                def to_args(params: Mapping[str, Any]) -> Any:
                    values = {**fixed, **params}
                    for n, process in convert.items():
                        if n in values:
                            values[n] = process(values[n])
                    return values
            found = self._compiled[dialect.name] = (compiled.string, to_args)
        return found

    def rows(self, conn: Connection, **params: Any) -> list[Any]:
        """Every row, as the driver returns them."""
        return self._run(conn, params, lambda cursor: list(cursor.fetchall()))  # type: ignore[no-any-return]

    def execute(self, conn: Connection, **params: Any) -> int:
        """Run a statement that returns no rows; the number of rows it changed."""
        return self._run(conn, params, lambda cursor: int(cursor.rowcount))  # type: ignore[no-any-return]

    def execute_many(self, conn: Connection, rows: Sequence[Mapping[str, Any]]) -> None:
        """Run a statement that returns no rows once for each of ``rows`` (the driver's ``executemany``)."""
        dialect = conn.dialect
        sql, to_args = self.sql(dialect)
        args = [to_args(row) for row in rows]
        cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
        try:
            cursor.executemany(sql, args)
        except dialect.loaded_dbapi.Error as error:
            raise DBAPIError.instance(sql, args, error, dialect.loaded_dbapi.Error, dialect=dialect) from error
        finally:
            cursor.close()

    def _run(self, conn: Connection, params: Mapping[str, Any], result: Callable[[Any], Any]) -> Any:
        dialect = conn.dialect
        sql, to_args = self.sql(dialect)
        args = to_args(params)
        cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
        try:
            cursor.execute(sql, args)
            return result(cursor)
        except dialect.loaded_dbapi.Error as error:
            # The same exceptions as through SQLAlchemy (IntegrityError…), which the unit of work handles.
            raise DBAPIError.instance(sql, args, error, dialect.loaded_dbapi.Error, dialect=dialect) from error
        finally:
            cursor.close()

    def scalar(self, conn: Connection, **params: Any) -> Any:
        """The first column of the first row, or None when there is no row."""
        rows = self.rows(conn, **params)
        return rows[0][0] if rows else None
