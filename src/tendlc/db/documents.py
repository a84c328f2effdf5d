"""Shared storage of aggregates kept as a JSON document plus projection columns and a version."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from typing import Any, ClassVar, Generic, TypeVar

from pydantic import BaseModel
from sqlalchemy import (
    Column,
    Connection,
    Insert,
    Select,
    Table,
    Text,
    bindparam,
    delete,
    func,
    insert,
    select,
    type_coerce,
    update,
)

from tendlc.core.errors import ConcurrentUpdate
from tendlc.core.model import Page, PageRequest
from tendlc.db.prepared import Prepared
from tendlc.db.tables import tags

M = TypeVar("M", bound=BaseModel)


class DocumentRepository(ABC, Generic[M]):
    """get/add/save of one aggregate type. Subclasses say which model, key and projections."""

    table: Table
    model: type[M]
    record_type: str
    # Built once per subclass (see __init_subclass__): the statements every request runs.
    _get_doc: ClassVar[Prepared]
    _insert: ClassVar[Insert]
    _writes: ClassVar[dict[tuple[str, tuple[str, ...]], Prepared]]

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "table" in cls.__dict__:
            key = cls.table.c[cls.table.primary_key.columns.keys()[0]]
            cls._get_doc = Prepared(select(cls.table.c.doc).where(key == bindparam("ident")))
            cls._insert = insert(cls.table)
            cls._writes = {}

    def __init__(self, conn: Connection) -> None:
        self._conn = conn

    def load(self, doc: Any) -> M:
        """The model from a stored document: JSON text (SQLite) is parsed by the model itself."""
        if isinstance(doc, str | bytes):
            return self.model.model_validate_json(doc)
        return self.model.model_validate(doc)

    @property
    def key(self) -> Column[Any]:
        return self.table.c[self.table.primary_key.columns.keys()[0]]

    @abstractmethod
    def projection(self, item: M) -> dict[str, Any]:
        """The columns that lists filter and sort on, computed from the document."""

    def _id(self, item: M) -> str:
        return str(getattr(item, self.key.name))

    def get(self, ident: str) -> M | None:
        doc = self._get_doc.scalar(self._conn, ident=ident)
        return self.load(doc) if doc is not None else None

    def add(self, item: M) -> None:
        row = self._row(item)
        self._prepared_write("insert", tuple(row)).execute(self._conn, **row)
        self._set_tags(item, insert_only=True)

    def add_many(self, items: Sequence[M]) -> None:
        """Store several new items with one statement per table (imports, seeding)."""
        if not items:
            return
        self._conn.execute(self._insert, [self._row(item) for item in items])
        tag_rows = [{"record_type": self.record_type, "record_id": self._id(item), "name": name}
                    for item in items for name in getattr(item, "tag", None) or []]
        if tag_rows:
            self._conn.execute(insert(tags), tag_rows)

    def _row(self, item: M) -> dict[str, Any]:
        return {self.key.name: self._id(item), **self.projection(item), "version": item.version,  # type: ignore[attr-defined]
                "doc": item.model_dump(mode="json")}

    def save(self, item: M) -> M:
        expected = item.version  # type: ignore[attr-defined]
        saved = item.model_copy(update={"version": expected + 1})
        row = {**self.projection(saved), "version": expected + 1, "doc": saved.model_dump(mode="json")}
        changed = self._prepared_write("update", tuple(row)).execute(
            self._conn, **row, ident_=self._id(item), expected_version_=expected)
        if changed != 1:
            raise ConcurrentUpdate(f"{self._id(item)} was changed by another request; read it again and retry",
                                   [self.key.name])
        self._set_tags(saved, insert_only=False)
        return saved

    def _prepared_write(self, kind: str, columns: tuple[str, ...]) -> Prepared:
        """The INSERT, or the UPDATE guarded by the version read, of these columns (made once)."""
        found = self._writes.get((kind, columns))
        if found is None:
            values: dict[str, Any] = {c: bindparam(c) for c in columns}
            if kind == "insert":
                statement: Any = insert(self.table).values(values)
            else:
                statement = update(self.table).values(values).where(
                    self.key == bindparam("ident_"), self.table.c.version == bindparam("expected_version_"))
            found = self._writes.setdefault((kind, columns), Prepared(statement))
        return found

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
        # EXISTS, tested row by row as a search walks its index, rather than IN, which first lists every
        # record with the tag.
        for name in names:
            query = query.where(select(tags.c.record_id).where(
                tags.c.record_type == self.record_type, tags.c.record_id == self.key,
                tags.c.name == name.lower()).exists())
        return query

    def page(self, query: Select[Any], order: Sequence[Any], request: PageRequest,
             total: int | None = None) -> Page[M]:
        """Count the matches (unless ``total`` is known) and fetch one page of documents in ``order``.

        The page's keys are found first, from the index alone; only their documents are then read (an
        OFFSET over the documents themselves would read every skipped one)."""
        if total is None:
            total = self._conn.execute(select(func.count()).select_from(query.subquery())).scalar_one()
        keys = query.with_only_columns(self.key).order_by(*order).limit(request.per_page).offset(request.offset)
        rows = self._conn.execute(
            select(type_coerce(self.table.c.doc, Text)).where(self.key.in_(keys)).order_by(*order))
        return Page(total=total, items=[self.load(doc) for (doc,) in rows])
