"""Countries and US states, from ISO 3166 (the ``pycountry`` package)."""

from __future__ import annotations

from functools import cache

import pycountry


@cache
def countries() -> dict[str, str]:
    """ISO 3166-1 alpha-2 code -> English name."""
    return {c.alpha_2: c.name for c in pycountry.countries}


@cache
def us_states() -> dict[str, str]:
    """Two-letter code -> name for the US states, DC and the territories."""
    return {
        s.code.split("-")[1]: s.name
        for s in pycountry.subdivisions.get(country_code="US") or []  # type: ignore[no-untyped-call]
    }
