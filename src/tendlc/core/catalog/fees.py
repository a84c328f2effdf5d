"""Registry fees per use case, in US dollars.

Source: CNP pass-through price lists (``reference/tcr-api.md`` §6.3): most use cases $10/month,
LOW_VOLUME $2/month, CHARITY $5/month; the first three months are billed up front.
The carrier layer replaces this with a dated terms table.
"""

from __future__ import annotations

DEFAULT_MONTHLY_FEE = 10.0
MONTHLY_FEE: dict[str, float] = {"LOW_VOLUME": 2.0, "CHARITY": 5.0, "SOLE_PROPRIETOR": 2.0}
UPFRONT_MONTHS = 3


def monthly_fee(usecase: str) -> float:
    return MONTHLY_FEE.get(usecase, DEFAULT_MONTHLY_FEE)
