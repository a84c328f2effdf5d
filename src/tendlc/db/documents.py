"""Shared storage of aggregates kept as a JSON document plus projection columns and a version."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from typing import Any, Generic, TypeVar

from pydantic import BaseModel
from sqlalchemy import Column, Connection, Select, Table, delete, func, insert, select, update

from tendlc.core.errors import ConcurrentUpdate
from tendlc.core.model import Page, PageRequest
from tendlc.db.tables import tags

M = TypeVar("M", bound=BaseModel)


class DocumentRepository(ABC, Generic[M]):
    """get/add/save of one aggregate type. Subclasses say which model, key and projections."""

    table: Table
    model: type[M]
    record_type: str

    def __init__(self, conn: Connection) -> None:
        self._conn = conn

    @property
    def key(self) -> Column[Any]:
        return self.table.c[self.table.primary_key.columns.keys()[0]]

    @abstractmethod
    def projection(self, item: M) -> dict[str, Any]:
        """The columns that lists filter and sort on, computed from the document."""

    def _id(self, item: M) -> str:
        return str(getattr(item, self.key.name))

    def get(self, ident: str) -> M | None:
        doc = self._conn.execute(select(self.table.c.doc).where(self.key == ident)).scalar()
        return self.model.model_validate(doc) if doc is not None else None

    def add(self, item: M) -> None:
        self._conn.execute(insert(self.table).values(
            **{self.key.name: self._id(item)}, **self.projection(item), version=item.version,  # type: ignore[attr-defined]
            doc=item.model_dump(mode="json")))
        self._set_tags(item, insert_only=True)

    def save(self, item: M) -> M:
        expected = item.version  # type: ignore[attr-defined]
        saved = item.model_copy(update={"version": expected + 1})
        result = self._conn.execute(
            update(self.table)
            .where(self.key == self._id(item), self.table.c.version == expected)
            .values(**self.projection(saved), version=expected + 1, doc=saved.model_dump(mode="json"))
        )
        if result.rowcount != 1:
            raise ConcurrentUpdate(f"{self._id(item)} was changed by another request; read it again and retry",
                                   [self.key.name])
        self._set_tags(saved, insert_only=False)
        return saved

    def _set_tags(self, item: M, *, insert_only: bool) -> None:
        names: Sequence[str] = getattr(item, "tag", None) or []
        ident = self._id(item)
        if not insert_only:
            self._conn.execute(delete(tags).where(tags.c.record_type == self.record_type,
                                                  tags.c.record_id == ident))
        if names:
            self._conn.execute(insert(tags), [
                {"record_type": self.record_type, "record_id": ident, "name": n} for n in names])

    def with_tags(self, query: Select[Any], names: Sequence[str]) -> Select[Any]:
        for name in names:
            query = query.where(self.key.in_(
                select(tags.c.record_id).where(tags.c.record_type == self.record_type,
                                               tags.c.name == name.lower())))
        return query

    def page(self, query: Select[Any], order: Sequence[Any], request: PageRequest) -> Page[M]:
        """Count the matches and fetch one page of documents, newest first."""
        total = self._conn.execute(select(func.count()).select_from(query.subquery())).scalar_one()
        rows = self._conn.execute(
            query.with_only_columns(self.table.c.doc).order_by(*order).limit(request.per_page)
            .offset(request.offset))
        return Page(total=total, items=[self.model.model_validate(doc) for (doc,) in rows])
