"""What the vetting use cases need from storage (``db/vettings_repo.py`` implements it)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from tendlc.core.brands.vetting import ExternalVetting


@dataclass(frozen=True)
class VettingFilter:
    """Filters of ``GET /brand/{brandId}/externalVetting``; empty ``statuses`` means every status."""

    statuses: tuple[str, ...] = ()
    evp_id: str | None = None
    vetting_class: str | None = None


class VettingRepository(Protocol):
    def for_brand(self, brand_id: str, where: VettingFilter) -> list[ExternalVetting]:
        """The brand's vets matching ``where``, oldest first."""
        ...

    def by_vetting_id(self, evp_id: str, vetting_id: str) -> ExternalVetting | None:
        """The vet of any brand that a provider's ``vettingId`` names."""
        ...

    def add(self, vet: ExternalVetting) -> None: ...

    def save(self, vet: ExternalVetting) -> ExternalVetting:
        """Store a changed vet whose ``version`` is the one read; return it with the next version.
        Raises ConcurrentUpdate when somebody else saved it first."""
        ...

    def due(self, now: datetime, limit: int) -> list[ExternalVetting]:
        """Vets the worker must look at by ``now`` (orders to complete, active vets to expire), oldest first."""
        ...

    def count_open_or_active(self, brand_id: str) -> int:
        """How many vets of the brand are PENDING, UNSCORE or ACTIVE."""
        ...

    def brand_changed_since_identity_check(self, brand_id: str) -> bool:
        """Whether the brand was created or updated after its identity was last checked (its history says)."""
        ...
