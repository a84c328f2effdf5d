"""Shared building blocks of the core models: camelCase wire names, validation helpers, paging."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ConfigDict, ValidationError
from pydantic.alias_generators import to_camel

from tendlc.core.errors import FieldProblem, InvalidInput


class CoreModel(BaseModel):
    """Base of entities: Python names in code, TCR's camelCase names on the wire."""

    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True)


class InputModel(CoreModel):
    """Base of request bodies: strict types (no silent coercion), unknown keys ignored."""

    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True, strict=True, extra="ignore")


M = TypeVar("M", bound=BaseModel)
T = TypeVar("T")


def parse_input(model: type[M], data: Any) -> M:
    """Validate ``data`` into ``model`` or raise :class:`InvalidInput` naming every bad field."""
    parsed, problems = parse_partial(model, data)
    if problems:
        raise InvalidInput.of(problems)
    return parsed


def parse_partial(model: type[M], data: Any) -> tuple[M, list[FieldProblem]]:
    """Validate ``data`` into ``model``, dropping the fields that fail, and say what failed.

    Lets a use case run its own rules on the rest and report every problem in one answer."""
    if not isinstance(data, dict):
        raise InvalidInput.of([FieldProblem("body", "the request body must be a JSON object")])
    try:
        return model.model_validate(data), []
    except ValidationError as exc:
        problems = problems_from(exc)
    bad = {p.field for p in problems}
    rest = {k: v for k, v in data.items() if k not in bad}
    try:
        return model.model_validate(rest), problems
    except ValidationError:
        raise InvalidInput.of(problems) from None


def merge_problems(*groups: list[FieldProblem]) -> list[FieldProblem]:
    """All problems, the first one for each field."""
    seen: dict[str, FieldProblem] = {}
    for group in groups:
        for p in group:
            seen.setdefault(p.field, p)
    return list(seen.values())


def problems_from(exc: ValidationError) -> list[FieldProblem]:
    problems = []
    for err in exc.errors():
        loc = [str(part) for part in err["loc"] if not isinstance(part, int)]
        name = loc[0] if loc else "body"
        problems.append(FieldProblem(name, _humane(err)))
    return problems


def _humane(err: Any) -> str:
    kind = err["type"]
    ctx = err.get("ctx") or {}
    if kind == "string_too_short":
        least = ctx.get("min_length")
        return f"must be at least {least} character{'' if least == 1 else 's'}"
    if kind == "string_too_long":
        return f"must be at most {ctx.get('max_length')} characters"
    if kind == "missing":
        return "is required"
    if kind == "string_type":
        return "must be a string"
    if kind == "bool_type":
        return "must be true or false"
    if kind in ("int_type", "int_parsing"):
        return "must be an integer"
    if kind == "list_type":
        return "must be a list"
    return str(err["msg"])


def wire_name(name: str) -> str:
    """The camelCase wire name of a snake_case field name."""
    return to_camel(name)


TAG = re.compile(r"^[a-z0-9_-]{1,50}$")
MAX_TAGS = 10


def check_tags(tags: Sequence[str] | None, field: str = "tag") -> list[FieldProblem]:
    """TCR tags: at most 10, 1–50 characters, no spaces or punctuation (stored lower-case)."""
    if not tags:
        return []
    problems = []
    if len(tags) > MAX_TAGS:
        problems.append(FieldProblem(field, f"at most {MAX_TAGS} tags are allowed"))
    bad = [t for t in tags if not TAG.fullmatch(t.lower())]
    if bad:
        problems.append(FieldProblem(field, f"tags must be 1-50 letters, digits, '-' or '_': {bad[0]!r}"))
    return problems


def normalise_tags(tags: Sequence[str] | None) -> list[str]:
    return sorted({t.lower() for t in tags or []})


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of a filtered list: the items and how many records match in all."""

    total: int
    items: list[T]


@dataclass(frozen=True)
class PageRequest:
    page: int
    per_page: int

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page


def check_page(page: int, per_page: int, max_per_page: int, reachable: int | None = None) -> PageRequest:
    """Validate paging parameters, naming the bad one."""
    problems = []
    if page < 1:
        problems.append(FieldProblem("page", "must be 1 or more"))
    if not 1 <= per_page <= max_per_page:
        problems.append(FieldProblem("recordsPerPage", f"must be between 1 and {max_per_page}"))
    if not problems and reachable is not None and (page - 1) * per_page >= reachable:
        problems.append(
            FieldProblem("page", f"only the first {reachable:,} records can be paged through; narrow the filters")
        )
    if problems:
        raise InvalidInput.of(problems)
    return PageRequest(page, per_page)


def iso_millis(at: datetime) -> str:
    """TCR's date-time format: ISO-8601 UTC with milliseconds and ``Z``."""
    # isoformat is several times faster than strftime (every date of every document read goes through here)
    return at.replace(tzinfo=None).isoformat(timespec="milliseconds") + "Z"
