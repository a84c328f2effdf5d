"""Shared CLI plumbing: settings with the global ``--database`` override, output helpers."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import typer
from rich.console import Console

from tendlc.bootstrap import Container, build
from tendlc.config import Settings
from tendlc.core.errors import DomainError

console = Console()
err_console = Console(stderr=True)

_overrides: dict[str, Any] = {}


def set_database(url: str | None) -> None:
    if url:
        _overrides["database_url"] = url


def settings(**extra: Any) -> Settings:
    return Settings(**{**_overrides, **extra})


@contextmanager
def container(**extra: Any) -> Iterator[Container]:
    """A migrated container for one command; domain errors become a message and exit code 1."""
    c = build(settings(**extra))
    try:
        yield c
    except DomainError as exc:
        err_console.print(f"[red]error[/red] ({exc.code}): {exc.message}")
        raise typer.Exit(1) from None
    finally:
        c.dispose()


def emit_json(data: Any) -> None:
    typer.echo(json.dumps(data, indent=2, default=str))
