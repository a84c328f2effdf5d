"""Query parameters shared by the TCR list routes: paging bounds and enumerated filters."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query

from tendlc.core.errors import FieldProblem, InvalidInput

INT32_MAX = 2**31 - 1

# TCR declares page and recordsPerPage as int32; larger numbers are refused naming the parameter (the
# core checks the lower bounds and the per-list maximum).
PageNumber = Annotated[int, Query(le=INT32_MAX)]
RecordsPerPage = Annotated[int, Query(le=INT32_MAX)]


def check_enum_filters(**filters: tuple[str | None, tuple[str, ...]]) -> None:
    """Refuse (501, naming each) filters whose value is not one of the spec's enumerated values."""
    problems = [FieldProblem(name, f"{value!r} is not one of {', '.join(allowed)}")
                for name, (value, allowed) in filters.items() if value is not None and value not in allowed]
    if problems:
        raise InvalidInput.of(problems)
