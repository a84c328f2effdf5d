"""What provider registrations need from storage (``db/registrations_repo.py`` implements it)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from tendlc.core.registrations.model import Registration, RegistrationStatus


@dataclass(frozen=True)
class RegistrationFilter:
    project_id: str | None = None  # None: every project of the account
    stored_statuses: tuple[RegistrationStatus, ...] = ()  # on the stored status; empty: any
    usecase: str | None = None
    brand_id: str | None = None
    mock: bool | None = None


class RegistrationRepository(Protocol):
    def get(self, registration_id: str) -> Registration | None: ...
    def add(self, registration: Registration) -> None: ...

    def save(self, registration: Registration) -> Registration:
        """Store a changed registration whose ``version`` is the one read; return it with the next version.
        Raises ConcurrentUpdate when somebody else saved it first."""
        ...

    def by_campaign(self, cnp_id: str, campaign_id: str) -> Registration | None:
        """The account's registration that registered ``campaign_id``."""
        ...

    def search(self, cnp_id: str, where: RegistrationFilter) -> list[Registration]:
        """The account's registrations matching ``where``, oldest first (a project's list is short enough to
        derive each one's status before paging)."""
        ...

    def waiting(self, status: RegistrationStatus, limit: int) -> list[Registration]:
        """Registrations of every account in ``status``, oldest first (for the review worker)."""
        ...
