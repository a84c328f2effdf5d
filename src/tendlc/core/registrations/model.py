"""A provider registration: one submission of a project, its review rounds and what became of it."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from tendlc.core.model import CoreModel


class RegistrationStatus(StrEnum):
    """DESIGN.md "Provider registrations". APPROVED, ACTIVE and REJECTED are never stored: once SUBMITTED,
    they are read from the campaign's chain, carrier reviews and numbers (``status.py``)."""

    PROVIDER_REVIEW = "PROVIDER_REVIEW"
    PROVIDER_APPROVED = "PROVIDER_APPROVED"
    PROVIDER_REJECTED = "PROVIDER_REJECTED"
    SUBMITTED = "SUBMITTED"
    APPROVED = "APPROVED"
    ACTIVE = "ACTIVE"
    REJECTED = "REJECTED"
    EXPIRED = "EXPIRED"
    SUBMISSION_FAILED = "SUBMISSION_FAILED"


class LastAction(StrEnum):
    CREATE_IN_PROGRESS = "CREATE_IN_PROGRESS"
    CREATE_SUCCESSFUL = "CREATE_SUCCESSFUL"
    CREATE_FAILED = "CREATE_FAILED"
    DELETE_IN_PROGRESS = "DELETE_IN_PROGRESS"
    DELETE_SUCCESSFUL = "DELETE_SUCCESSFUL"
    DELETE_FAILED = "DELETE_FAILED"
    RESUBMIT_IN_PROGRESS = "RESUBMIT_IN_PROGRESS"
    RESUBMIT_SUCCESSFUL = "RESUBMIT_SUCCESSFUL"
    RESUBMIT_FAILED = "RESUBMIT_FAILED"


class ReviewPolicy(StrEnum):
    AUTO = "auto"  # approve when the report under the provider's profile has no errors, else reject with them
    MANUAL = "manual"  # a reviewer decides (native API, CLI) with a reason


class Decision(StrEnum):
    APPROVED = "APPROVED"
    REJECTED = "REJECTED"


class Problem(CoreModel):
    """One item of the feedback: a compliance finding, a reviewer's reason, a registry or carrier refusal."""

    code: str
    description: str
    fields: list[str] = []
    source: str = ""  # "compliance" | "reviewer" | "registry" | "dca" | "carrier"


class ReviewRound(CoreModel):
    """One submission of the campaign to the provider's review, and its decision (None while open)."""

    submitted_at: datetime
    request: dict[str, Any]  # the campaign as submitted in this round (core names)
    compliance: dict[str, Any]  # the report under the provider's profile
    decision: Decision | None = None
    reason: str | None = None
    decided_by: str | None = None
    decided_at: datetime | None = None
    problems: list[Problem] = []


class Registration(CoreModel):
    registration_id: str  # ULID
    cnp_id: str  # the provider account
    project_id: str
    name: str  # campaignName: the provider's label, not part of the registry record
    brand_id: str
    usecase: str
    request: dict[str, Any]  # the campaign to register (core names of CampaignRequest), latest round
    status: RegistrationStatus = RegistrationStatus.PROVIDER_REVIEW
    last_action_status: LastAction | None = None
    campaign_id: str | None = None  # the registry (TCR) campaign id once submitted
    mock: bool = False
    rounds: list[ReviewRound] = []
    internal_errors: list[Problem] = []  # why the submission failed (registry refusals, configuration)
    supersedes: str | None = None  # the rejected registration this one corrects
    superseded_by: str | None = None
    created_by: str
    modified_by: str
    created_at: datetime
    updated_at: datetime
    version: int = 1

    @property
    def current(self) -> ReviewRound | None:
        return self.rounds[-1] if self.rounds else None
