"""The canonical stages of a campaign on its way to sending, and what readiness answers.

Every dialect maps :class:`Stage` to its own words (RumbleUp ``status``, Telnyx ``campaignStatus``, Sinch
``status``); a dialect test enumerates the stages so none is forgotten.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Stage(StrEnum):
    """Where a campaign stands, in the order a campaign goes through them (``step``). Stages that block
    (DECLINED, REJECTED, SUSPENDED, EXPIRED) sit where they can happen: a declined share comes before DCA
    review, a carrier rejection after it. Only ACTIVE can send."""

    NOT_SHARED = "NOT_SHARED"  # registered, shared with nobody yet
    PROVIDER_REVIEW = "PROVIDER_REVIEW"  # waiting for the customer's provider to accept it
    SHARE_PENDING = "SHARE_PENDING"  # waiting for an upstream CNP to accept it and share it further up
    SHARE_DECLINED = "SHARE_DECLINED"  # the provider or an upstream declined it (with an explanation)
    DCA_REVIEW = "DCA_REVIEW"  # shared with a DCA, which has not accepted it yet
    CARRIER_REVIEW = "CARRIER_REVIEW"  # the DCA accepted it; carriers (MNOs) are reviewing it
    CARRIER_REJECTED = "CARRIER_REJECTED"  # a carrier rejected it (or the DCA accepted it for no carrier)
    SUSPENDED = "SUSPENDED"  # a carrier suspended it
    NUMBERS_PENDING = "NUMBERS_PENDING"  # every carrier registered it; no number is assigned yet
    ACTIVE = "ACTIVE"  # ready: numbers are ASSIGNED to it
    EXPIRED = "EXPIRED"  # the registry expired it; it can never send again

    @property
    def step(self) -> int:
        """The stage's place in :data:`STAGES` (0 = NOT_SHARED)."""
        return STAGES.index(self)

    @property
    def ok(self) -> bool:
        return self is Stage.ACTIVE


STAGES: tuple[Stage, ...] = tuple(Stage)


class Acceptance(StrEnum):
    """Where the customer's provider stands with a campaign (a sharing link's words)."""

    PENDING = "PENDING"
    ACCEPTED = "ACCEPTED"
    DECLINED = "DECLINED"


@dataclass(frozen=True)
class ProviderAcceptance:
    """For a customer's view: whether its provider (``provider_id``) accepted the campaign. A campaign the
    provider registered itself is ACCEPTED; one a customer's CSP shared with it follows that link; a
    provider that reviews before registering (Sinch-style) gives its review's outcome."""

    provider_id: str
    status: Acceptance
    explanation: str | None = None


@dataclass(frozen=True)
class NumberTally:
    """What readiness needs of a campaign's numbers: how many are ASSIGNED, being assigned and failed, and,
    when the caller asked for them (``listed``), the ASSIGNED ones in number order. A campaign may hold
    100,000 numbers: a status word needs only the counts."""

    assigned: int = 0
    pending: int = 0
    failed: int = 0
    provisioned: tuple[str, ...] = ()
    listed: bool = True


@dataclass(frozen=True)
class Readiness:
    """What readiness answers for one campaign. ``provisioned`` are the E.164 numbers ASSIGNED to it (in
    number order; empty when they were only counted: ``numbers_assigned`` is how many there are);
    ``carriers`` the status of each MNO the DCA accepted it for (``"PENDING"`` while no review is open yet)."""

    campaign_id: str
    stage: Stage
    reason: str | None
    provisioned: tuple[str, ...] = ()
    numbers_pending: int = 0
    numbers_failed: int = 0
    carriers: tuple[tuple[int, str], ...] = ()
    numbers_assigned: int = 0

    @property
    def ok(self) -> bool:
        return self.stage.ok
