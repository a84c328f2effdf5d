"""Paging limits of the registry's lists (``reference/tcr-api.md`` §7.2)."""

from __future__ import annotations

from tendlc.core.model import PageRequest, check_page

TCR_LEGACY_MAX = 500
TCR_SEARCH_MAX = 50
TCR_SEARCH_REACHABLE = 10_000

__all__ = ["TCR_LEGACY_MAX", "TCR_SEARCH_MAX", "TCR_SEARCH_REACHABLE", "PageRequest", "check_page"]
