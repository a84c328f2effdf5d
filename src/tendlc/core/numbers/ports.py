"""What the number use cases need from storage (``db/numbers_repo.py`` implements it)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from tendlc.core.model import Page, PageRequest
from tendlc.core.numbers.model import MessagingProfile, NumberFilter, PhoneNumber


class NumberRepository(Protocol):
    def get(self, e164: str) -> PhoneNumber | None: ...

    def get_many(self, e164s: Sequence[str]) -> dict[str, PhoneNumber]:
        """The numbers among ``e164s`` that somebody holds, by number."""
        ...

    def add_many(self, numbers: Sequence[PhoneNumber]) -> None: ...

    def save(self, number: PhoneNumber) -> PhoneNumber:
        """Store a changed number whose ``version`` is the one read; return it with the next version."""
        ...

    def delete(self, number: PhoneNumber) -> None:
        """Remove a number whose ``version`` is the one read (ConcurrentUpdate otherwise)."""
        ...

    def search(self, cnp_id: str, where: NumberFilter, page: PageRequest) -> Page[PhoneNumber]:
        """The account's numbers matching ``where``, in number order."""
        ...

    def held_with_prefix(self, prefix: str) -> set[str]:
        """Every held number starting with ``prefix`` (e.g. ``+1212``), whoever holds it."""
        ...

    def project_holdings(self, cnp_id: str, project_id: str) -> tuple[int, int]:
        """How many numbers and messaging profiles the project holds."""
        ...

    def count_in_profile(self, profile_id: str) -> int: ...

    def get_profile(self, profile_id: str) -> MessagingProfile | None: ...
    def add_profile(self, profile: MessagingProfile) -> None: ...
    def save_profile(self, profile: MessagingProfile) -> MessagingProfile: ...
    def delete_profile(self, profile: MessagingProfile) -> None: ...

    def search_profiles(self, cnp_id: str, project_id: str | None, page: PageRequest) -> Page[MessagingProfile]:
        """The account's profiles (of one project when ``project_id`` is given), oldest first."""
        ...
