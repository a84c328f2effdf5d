"""What every route checks before anything else: who is calling (authentication and rate limit come before
the body or the parameters are looked at, so a stranger learns nothing but 401), and that no path or query
parameter holds a NUL character (no identifier or filter can contain one, and PostgreSQL refuses them).

Route classes put :func:`first_dependency` in front of their routes' own dependencies. A route's own
``Depends(basic_actor)`` then reuses the result: FastAPI runs a dependency once per request.
"""

from __future__ import annotations

import inspect
import typing
from collections.abc import Callable
from typing import Any

from fastapi import Depends, Request, params

from tendlc.api.auth import basic_actor
from tendlc.api.deps import nul_params
from tendlc.core.actor import Actor
from tendlc.core.errors import InvalidInput, OperationDeclined


def refuse_nul_params(request: Request) -> None:
    problems = nul_params(request)
    if problems:
        raise InvalidInput.of(problems)


async def caller_first(request: Request, _: Actor = Depends(basic_actor)) -> None:
    """Authenticate (and rate-limit) the caller, then refuse parameters holding NUL."""
    refuse_nul_params(request)


def refuse_project_key(actor: Actor, door: str) -> None:
    """Doors that act for a whole account (TCR's and Telnyx's APIs) do not take a customer project's key:
    through them it would reach the provider's other customers' records."""
    if actor.project_id is not None:
        raise OperationDeclined(
            f"a customer project's key does not work with {door}, which acts for the whole account; use the "
            "account's own key, or the customer doors (/api/tcr, /v1/projects/…, /api/v1)", ["authorization"])


async def account_caller_first(request: Request, actor: Actor = Depends(basic_actor)) -> None:
    """As :func:`caller_first`, for the TCR door: an account's key only, never a project's."""
    refuse_project_key(actor, "the TCR API")
    refuse_nul_params(request)


def uses_basic_auth(endpoint: Callable[..., Any]) -> bool:
    """Whether ``endpoint`` takes a ``Depends(basic_actor)`` parameter (plain or ``Annotated``)."""
    try:
        hints = typing.get_type_hints(endpoint, include_extras=True)
    except (NameError, TypeError):  # annotations that cannot be resolved here: look at defaults only
        hints = {}
    for name, parameter in inspect.signature(endpoint).parameters.items():
        marks = [parameter.default, *getattr(hints.get(name), "__metadata__", ())]
        if any(isinstance(m, params.Depends) and m.dependency is basic_actor for m in marks):
            return True
    return False


def first_dependency(endpoint: Callable[..., Any], *, always_authenticate: bool = False,
                     account_only: bool = False) -> params.Depends:
    """The dependency to run before the others of ``endpoint``'s route (``account_only``: refusing project
    keys)."""
    if account_only:
        return params.Depends(account_caller_first)
    if always_authenticate or uses_basic_auth(endpoint):
        return params.Depends(caller_first)
    return params.Depends(refuse_nul_params)
