"""Identifier formats and generation.

TCR ids are a one-letter prefix and six upper-case alphanumerics (``S7K2QZP``, ``B1A2B3C``,
``C9XYZ12``). ``R000000`` means "no reseller". DCA codes are given, 2–7 upper alphanumerics.
"""

from __future__ import annotations

import re
import secrets
import string
from typing import Protocol

from ulid import ULID

NO_RESELLER = "R000000"
_ALPHABET = string.ascii_uppercase + string.digits

CSP_ID = re.compile(r"^S[A-Z0-9]{6}\Z")
BRAND_ID = re.compile(r"^B[A-Z0-9]{6}\Z")
CAMPAIGN_ID = re.compile(r"^C[A-Z0-9]{6}\Z")
RESELLER_ID = re.compile(r"^R[A-Z0-9]{6}\Z")
DCA_CODE = re.compile(r"^[A-Z0-9]{2,7}\Z")


class IdGenerator(Protocol):
    def tcr_id(self, prefix: str) -> str:
        """A new ``prefix`` + 6 upper alphanumerics id."""
        ...

    def ulid(self) -> str:
        """A new ULID string (sortable by creation time)."""
        ...

    def token(self, nbytes: int) -> str:
        """A new random URL-safe secret of ``nbytes`` of entropy."""
        ...


class RandomIds:
    """Ids from the operating system's secure random source."""

    def tcr_id(self, prefix: str) -> str:
        return prefix + "".join(secrets.choice(_ALPHABET) for _ in range(6))

    def ulid(self) -> str:
        return str(ULID())

    def token(self, nbytes: int) -> str:
        return secrets.token_urlsafe(nbytes)


def is_dca_code(value: str) -> bool:
    return bool(DCA_CODE.match(value))
