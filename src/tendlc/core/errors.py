"""Domain errors.

Every error carries a stable ``code`` (a string that never changes once published), a human
message and the wire-neutral names of the fields it concerns. Doors map codes to their own
status codes and envelopes; the core knows nothing of HTTP.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class FieldProblem:
    """One bad input field: its name as the caller spelled it, and what is wrong."""

    field: str
    message: str


@dataclass
class DomainError(Exception):
    """Base of every error the core raises on purpose."""

    message: str
    fields: list[str] = field(default_factory=list)
    code: str = "DOMAIN_ERROR"

    def __str__(self) -> str:
        return self.message


@dataclass
class InvalidInput(DomainError):
    """The request is malformed or breaks a field rule. ``problems`` names each bad field."""

    problems: list[FieldProblem] = field(default_factory=list)
    code: str = "INVALID_INPUT"

    @classmethod
    def of(cls, problems: list[FieldProblem]) -> InvalidInput:
        message = "; ".join(f"{p.field}: {p.message}" for p in problems)
        names = list(dict.fromkeys(p.field for p in problems))
        return cls(message=message, fields=names, problems=problems)


@dataclass
class NotFound(DomainError):
    """The record does not exist, or the caller may not see it (never tell which)."""

    code: str = "NOT_FOUND"


@dataclass
class Duplicate(DomainError):
    """A value that must be unique is already used (e.g. a referenceId)."""

    code: str = "DUPLICATE"


@dataclass
class CampaignExpired(DomainError):
    """The campaign is EXPIRED (deactivated); it can no longer be changed or shared."""

    code: str = "CAMPAIGN_EXPIRED"


@dataclass
class BrandPendingScoring(DomainError):
    """The brand's identity is still being scored; retry once it is."""

    code: str = "BRAND_PENDING_SCORING"


@dataclass
class CampaignRejected(DomainError):
    """The campaign request was refused (brand not verified, not qualified on any carrier, …)."""

    code: str = "CAMPAIGN_REJECTED"


@dataclass
class MaxCampaignsExceeded(DomainError):
    """The brand already has as many campaigns as it may (a sole proprietor: one that is not EXPIRED)."""

    code: str = "MAX_CAMPAIGNS_EXCEEDED"


@dataclass
class IdentityFieldsLocked(DomainError):
    """Brand identity fields cannot change while the brand has campaigns or vets."""

    code: str = "IDENTITY_FIELDS_LOCKED"


@dataclass
class BrandHasActiveCampaigns(DomainError):
    """A brand with active campaigns cannot be deleted."""

    code: str = "BRAND_HAS_ACTIVE_CAMPAIGNS"


@dataclass
class RelationshipChangeTooSoon(DomainError):
    """brandRelationship may change at most once every three months."""

    code: str = "RELATIONSHIP_CHANGE_TOO_SOON"


@dataclass
class OperationDeclined(DomainError):
    """The operation is not allowed in the record's present state."""

    code: str = "OPERATION_DECLINED"


@dataclass
class ConcurrentUpdate(DomainError):
    """Somebody else changed the record first; read it again and retry."""

    code: str = "CONCURRENT_UPDATE"


@dataclass
class MockNotAllowed(DomainError):
    """The operation is not available for a mock brand or campaign (e.g. sharing)."""

    code: str = "MOCK_NOT_ALLOWED"


@dataclass
class SharingDeclined(DomainError):
    """The upstream declined this campaign and it has not changed since; change it before sharing again."""

    code: str = "SHARING_DECLINED"


@dataclass
class SharingLoop(DomainError):
    """The account is already in the campaign's connectivity chain (the owner included)."""

    code: str = "SHARING_LOOP"


@dataclass
class NotTheUpstream(DomainError):
    """Only the upstream of a sharing link may accept, forward or decline it."""

    code: str = "NOT_THE_UPSTREAM"


@dataclass
class SharingAlreadyDecided(DomainError):
    """The sharing request was already accepted or declined; a decision is final."""

    code: str = "SHARING_ALREADY_DECIDED"


@dataclass
class NotMigrationOwner(DomainError):
    """Only the account that started a CNP migration may cancel it."""

    code: str = "NOT_MIGRATION_OWNER"


@dataclass
class SandboxDisabled(DomainError):
    """A sandbox control was used on a server that does not run in sandbox mode."""

    code: str = "SANDBOX_DISABLED"


@dataclass
class VettingNotAllowed(DomainError):
    """The brand cannot be vetted or re-vetted now (a sole proprietor; a revet with nothing changed)."""

    code: str = "VETTING_NOT_ALLOWED"


@dataclass
class VettingDuplicate(DomainError):
    """A vet of the same provider and class is open, or completed less than 30 days ago."""

    code: str = "VETTING_DUPLICATE"


@dataclass
class VettingRecordNotFound(DomainError):
    """The vetting provider has no report with that vettingId (and token)."""

    code: str = "VETTING_RECORD_NOT_FOUND"


@dataclass
class VettingExpired(DomainError):
    """The vetting report to import has expired."""

    code: str = "VETTING_EXPIRED"


@dataclass
class VettingIncompatible(DomainError):
    """The vetting report cannot belong to this brand (its entity type or country does not fit the provider)."""

    code: str = "VETTING_INCOMPATIBLE"


@dataclass
class VettingBlockedByCampaigns(DomainError):
    """A Campaign Verify report cannot be imported for a brand with active campaigns."""

    code: str = "VETTING_BLOCKED_BY_CAMPAIGNS"


@dataclass
class VettingLinkedElsewhere(DomainError):
    """The vetting report is already linked to another brand."""

    code: str = "VETTING_LINKED_ELSEWHERE"


@dataclass
class OtpNotAllowed(DomainError):
    """SMS OTP is not available for the brand in its present state (its identity is already VERIFIED)."""

    code: str = "OTP_NOT_ALLOWED"


@dataclass
class OtpInvalid(DomainError):
    """The OTP PIN is wrong or expired, or no usable OTP request is open; trigger a new one."""

    code: str = "OTP_INVALID"


@dataclass
class OtpRateLimited(DomainError):
    """Too many OTP requests for the brand; wait before triggering another."""

    code: str = "OTP_RATE_LIMITED"


@dataclass
class UnsupportedPhone(DomainError):
    """The phone number cannot receive the message (SMS OTP goes to US or Canadian mobile numbers only)."""

    code: str = "UNSUPPORTED_PHONE"


ALL_ERROR_CODES: tuple[str, ...] = (
    "INVALID_INPUT",
    "NOT_FOUND",
    "DUPLICATE",
    "CAMPAIGN_EXPIRED",
    "BRAND_PENDING_SCORING",
    "CAMPAIGN_REJECTED",
    "MAX_CAMPAIGNS_EXCEEDED",
    "IDENTITY_FIELDS_LOCKED",
    "BRAND_HAS_ACTIVE_CAMPAIGNS",
    "RELATIONSHIP_CHANGE_TOO_SOON",
    "OPERATION_DECLINED",
    "CONCURRENT_UPDATE",
    "MOCK_NOT_ALLOWED",
    "SHARING_DECLINED",
    "SHARING_LOOP",
    "NOT_THE_UPSTREAM",
    "SHARING_ALREADY_DECIDED",
    "NOT_MIGRATION_OWNER",
    "VETTING_NOT_ALLOWED",
    "VETTING_DUPLICATE",
    "VETTING_RECORD_NOT_FOUND",
    "VETTING_EXPIRED",
    "VETTING_INCOMPATIBLE",
    "VETTING_BLOCKED_BY_CAMPAIGNS",
    "VETTING_LINKED_ELSEWHERE",
    "SANDBOX_DISABLED",
    "OTP_NOT_ALLOWED",
    "OTP_INVALID",
    "OTP_RATE_LIMITED",
    "UNSUPPORTED_PHONE",
)
"""Every code the core can raise; each dialect must map all of them (a test checks)."""
