"""What the registry-wide checks need from storage (``db/compliance_lookups.py`` implements it).

Answers are counts and yes/no, never record ids: a caller learns that a description is reused by an
unrelated brand, not whose brand it is (``reference/compliance-rules.md`` §0 item 4, §1.I XF-02, BR-04).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class BrandKey:
    """The brand being linted, as far as it is known. Campaigns of this brand, and of brands with the
    same EIN (the same business), are related and never count as reuse."""

    brand_id: str | None = None
    ein: str | None = None


class RegistryLookups(Protocol):
    def brands_with_description(self, description: str, other_than: BrandKey) -> int:
        """How many unrelated brands have a campaign with this description (case and surrounding
        whitespace ignored)."""
        ...

    def brands_with_samples(self, samples: Sequence[str], other_than: BrandKey) -> int:
        """How many unrelated brands have a campaign sharing at least two of these samples (all of them
        when fewer than two are given)."""
        ...

    def brands_with_ein(self, ein: str, other_than: BrandKey) -> int:
        """How many other brands are registered with this EIN (digits compared)."""
        ...

    def platform_named(self, names: Sequence[str]) -> bool:
        """Whether a messaging platform (an account of this registry) goes by one of these names
        (compared as ``text.core_name`` does)."""
        ...
