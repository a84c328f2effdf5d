"""Phone numbers and messaging profiles."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from tendlc.core.model import CoreModel


class AssignmentStatus(StrEnum):
    """A number's campaign assignment (Telnyx's words); ``assignment_status`` None means unassigned. The
    transitions are in ``core/numbers/assignment.py``."""

    PENDING_ASSIGNMENT = "PENDING_ASSIGNMENT"
    ASSIGNED = "ASSIGNED"
    FAILED_ASSIGNMENT = "FAILED_ASSIGNMENT"
    PENDING_UNASSIGNMENT = "PENDING_UNASSIGNMENT"
    FAILED_UNASSIGNMENT = "FAILED_UNASSIGNMENT"


UNASSIGNED = "UNASSIGNED"
"""The status filter value for numbers with no assignment."""


class PhoneNumber(CoreModel):
    """A NANP number in E.164 form held by one account (at most one in the whole registry), optionally for
    one of its projects and in one of its messaging profiles (of the same project)."""

    e164: str
    cnp_id: str
    project_id: str | None = None
    messaging_profile_id: str | None = None
    # Set by assignment (``core/numbers/assignment*.py``): the campaign the number sends for, where that
    # stands, why the last assignment or unassignment failed, and when the assignment last changed. Stored
    # in their own columns (bulk jobs change them without rewriting the document).
    campaign_id: str | None = None
    assignment_status: AssignmentStatus | None = None
    failure_reason: str | None = None
    assignment_changed_at: datetime | None = None
    created_at: datetime
    updated_at: datetime
    version: int = 1


class MessagingProfile(CoreModel):
    """A group of an account's numbers (Telnyx: numbers are assigned to a campaign by profile)."""

    profile_id: str
    cnp_id: str
    project_id: str | None = None
    name: str
    created_at: datetime
    updated_at: datetime
    version: int = 1


@dataclass(frozen=True)
class NumberFilter:
    project_id: str | None = None
    messaging_profile_id: str | None = None
    campaign_id: str | None = None
    status: str | None = None  # an AssignmentStatus value, or UNASSIGNED
    assigned: bool = False  # only numbers with a campaign (in any assignment status)
    brand_id: str | None = None  # only numbers on a campaign of this brand
