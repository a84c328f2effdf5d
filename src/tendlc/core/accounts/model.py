"""Account and API key entities."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from tendlc.core.model import CoreModel


class AccountKind(StrEnum):
    CSP = "CSP"
    DCA = "DCA"


class Account(CoreModel):
    """A tenant of the registry: a CSP (``S`` + 6) or a DCA (a given code of 2–7 characters)."""

    cnp_id: str
    kind: AccountKind
    name: str
    created_at: datetime
    sole_proprietor_enabled: bool = True
    cnp_migration_supported: bool = False
    cnp_migration_auto_complete: bool = False
    # As a provider of customer projects (core/registrations): how it reviews their registrations ("auto" |
    # "manual") and the compliance profile it reviews them under; approved ones go to ``upstream_dca_id``.
    provider_review: str = "auto"
    provider_profile: str = "tcr"
    upstream_dca_id: str | None = None  # Telnyx acceptSharing by a CSP-type account forwards here


class ApiKey(CoreModel):
    """An API key: a public key id and the SHA-256 of its secret (the secret itself is never kept)."""

    key_id: str
    cnp_id: str
    secret_hash: str
    label: str = ""
    created_at: datetime
    revoked_at: datetime | None = None
    project_id: str | None = None  # a project key: authenticates as the account, scoped to this project

    @property
    def active(self) -> bool:
        return self.revoked_at is None
