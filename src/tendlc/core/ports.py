"""The ports the core needs from storage. ``db/`` implements them with SQLAlchemy.

A use case receives a :class:`UnitOfWork`; the caller (a door) opens it and it commits the
change, its history rows and its outbox events together when the block ends without error.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from tendlc.core.accounts.model import Account, ApiKey
from tendlc.core.accounts.ports import ProjectRepository
from tendlc.core.brands.model import Brand
from tendlc.core.brands.otp_ports import OtpRepository
from tendlc.core.brands.vetting_ports import VettingRepository
from tendlc.core.campaigns.model import Campaign
from tendlc.core.carriers.ports import ReviewRepository
from tendlc.core.events import Event
from tendlc.core.model import Page, PageRequest
from tendlc.core.numbers.assignment_ports import AssignmentRepository
from tendlc.core.numbers.ports import NumberRepository
from tendlc.core.readiness.ports import ReadinessRepository
from tendlc.core.registrations.ports import RegistrationRepository
from tendlc.core.sandbox.ports import SandboxRepository
from tendlc.core.sharing.ports import SharingRepository


class AccountRepository(Protocol):
    def get(self, cnp_id: str) -> Account | None: ...
    def add(self, account: Account) -> None: ...
    def save(self, account: Account) -> None:
        """Store a changed account (its settings; the id and kind never change)."""
        ...
    def all(self) -> list[Account]: ...
    def add_key(self, key: ApiKey) -> None: ...
    def get_key(self, key_id: str) -> ApiKey | None: ...
    def save_key(self, key: ApiKey) -> None: ...
    def list_keys(self, cnp_id: str) -> list[ApiKey]: ...


@dataclass(frozen=True)
class BrandFilter:
    reference_id: str | None = None
    display_name: str | None = None  # partial, case-insensitive
    entity_type: str | None = None
    identity_status: str | None = None
    status: str = "ACTIVE"
    state: str | None = None
    country: str | None = None
    ein: str | None = None
    universal_ein: str | None = None
    tags: tuple[str, ...] = ()
    mock: bool | None = None
    reseller_id: str | None = None
    authentication_plus_compliant: bool | None = None


class BrandRepository(Protocol):
    def get(self, brand_id: str) -> Brand | None: ...
    def add(self, brand: Brand) -> None: ...
    def save(self, brand: Brand) -> Brand:
        """Store a changed brand whose ``version`` is the one read; return it with the next version.

        Raises ConcurrentUpdate when somebody else saved it first.
        """
        ...
    def reference_id_owner(self, csp_id: str, reference_id: str) -> str | None: ...
    def search(self, csp_id: str, where: BrandFilter, page: PageRequest) -> Page[Brand]: ...
    def due_for_identity_check(self, now: datetime, limit: int) -> list[Brand]: ...
    def mock_due_for_removal(self, created_before: datetime, limit: int) -> list[Brand]:
        """ACTIVE mock brands created at or before ``created_before``, oldest first (claimed against
        concurrent schedulers where the database can)."""
        ...


@dataclass(frozen=True)
class CampaignFilter:
    reference_id: str | None = None
    brand_id: str | None = None
    status: str | None = None
    usecase: str | None = None
    vertical: str | None = None
    reseller_id: str | None = None
    auto_renewal: bool | None = None
    upstream_cnp_id: str | None = None
    tags: tuple[str, ...] = ()
    mock: bool | None = False


class CampaignRepository(Protocol):
    def get(self, campaign_id: str) -> Campaign | None: ...
    def add(self, campaign: Campaign) -> None: ...
    def save(self, campaign: Campaign) -> Campaign: ...
    def reference_id_owner(self, csp_id: str, reference_id: str) -> str | None: ...
    def search(self, csp_id: str, where: CampaignFilter, page: PageRequest) -> Page[Campaign]: ...
    def count_for_brand(self, brand_id: str, *, active_only: bool) -> int: ...
    def due_for_billing(self, now: datetime, limit: int) -> list[Campaign]:
        """Campaigns whose renewal or expiry is due by ``now``, first due first (claimed against concurrent
        schedulers where the database can)."""
        ...


class UnitOfWork(Protocol):
    @property
    def accounts(self) -> AccountRepository: ...
    @property
    def brands(self) -> BrandRepository: ...
    @property
    def campaigns(self) -> CampaignRepository: ...
    @property
    def sharing(self) -> SharingRepository: ...
    @property
    def vettings(self) -> VettingRepository: ...
    @property
    def projects(self) -> ProjectRepository: ...
    @property
    def numbers(self) -> NumberRepository: ...
    @property
    def assignments(self) -> AssignmentRepository: ...
    @property
    def sandbox(self) -> SandboxRepository: ...
    @property
    def reviews(self) -> ReviewRepository: ...
    @property
    def registrations(self) -> RegistrationRepository: ...
    @property
    def readiness(self) -> ReadinessRepository: ...
    @property
    def otp_requests(self) -> OtpRepository: ...

    def emit(self, event: Event) -> None:
        """Put an event in the outbox; it is published only if the unit of work commits."""
        ...

    def record_history(
        self, entity_type: str, entity_id: str, version: int, action: str, actor: str, at: datetime,
        snapshot: dict[str, Any],
    ) -> None:
        """Append an audit row for a change, in the same transaction."""
        ...
