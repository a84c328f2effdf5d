"""Review policies: how simulated carriers review campaigns and simulated DCAs decide shares.

- ``auto``: decide after ``delaySeconds`` with ``outcome`` (approve / accept by default);
- ``manual``: wait for an operator (sandbox API, CLI or portal) — or, for shares, the DCA itself;
- ``rules``: after the delay, reject (decline) with a reason a person can act on when the campaign breaks
  the carrier's terms, approve (accept) otherwise.

Policies are kept as one document (a sandbox setting). The most specific entry wins: DCA and MNO, then
DCA only, then MNO only, then the catch-all, then the server's configured default (MNO review) or
``manual`` (shares: real DCAs decide through the API unless told otherwise).
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from pydantic import ConfigDict, Field, ValidationError, model_validator

from tendlc.core.catalog.registry import MNOS, REJECTION_CATEGORIES
from tendlc.core.errors import FieldProblem, InvalidInput
from tendlc.core.model import CoreModel

POLICIES_SETTING = "review_policies"


class Mode(StrEnum):
    AUTO = "auto"
    MANUAL = "manual"
    RULES = "rules"


class Outcome(StrEnum):
    APPROVE = "approve"
    REJECT = "reject"


class Policy(CoreModel):
    """One entry. ``dca_id``/``mno_id`` None match any. ``outcome`` and ``reason`` are for ``auto``."""

    model_config = ConfigDict(extra="forbid")

    dca_id: str | None = Field(default=None, max_length=7)
    mno_id: int | None = None
    mode: Mode = Mode.AUTO
    delay_seconds: float = Field(default=0, ge=0, le=366 * 86_400)
    outcome: Outcome = Outcome.APPROVE
    reason: str | None = Field(default=None, max_length=1024)
    rejection_categories: list[str] = []

    @model_validator(mode="after")
    def _consistent(self) -> Policy:
        if self.mno_id is not None and self.mno_id not in MNOS:
            raise ValueError(f"unknown MNO network id {self.mno_id}; see /v2/enum/mno")
        unknown = [c for c in self.rejection_categories if c not in REJECTION_CATEGORIES]
        if unknown:
            raise ValueError(f"unknown rejection categories {unknown}; see /v2/enum/rejectionCategory")
        return self

    def specificity(self) -> int:
        return (2 if self.dca_id is not None else 0) + (1 if self.mno_id is not None else 0)


class Policies(CoreModel):
    """``{"mnoReview": [Policy…], "share": [Policy…]}`` (share entries ignore ``mnoId``)."""

    model_config = ConfigDict(extra="forbid")

    mno_review: list[Policy] = []
    share: list[Policy] = []

    def for_review(self, dca_id: str, mno_id: int, default: Policy) -> Policy:
        return _pick([p for p in self.mno_review if p.dca_id in (None, dca_id) and p.mno_id in (None, mno_id)],
                     default)

    def for_share(self, dca_id: str) -> Policy:
        return _pick([p for p in self.share if p.dca_id in (None, dca_id)], Policy(mode=Mode.MANUAL))

    def share_dcas(self) -> tuple[set[str], bool]:
        """DCAs with an automatic share policy, and whether a catch-all one exists."""
        auto = [p for p in self.share if p.mode is not Mode.MANUAL]
        return {p.dca_id for p in auto if p.dca_id is not None}, any(p.dca_id is None for p in auto)


def _pick(candidates: list[Policy], default: Policy) -> Policy:
    return max(candidates, key=Policy.specificity) if candidates else default


def parse_policies(body: Any) -> Policies:
    """Validate a policies document; every problem is reported with its path (``mnoReview[0].mode``)."""
    if not isinstance(body, dict):
        raise InvalidInput.of([FieldProblem("body", "must be an object {\"mnoReview\": [...], \"share\": [...]}")])
    try:
        return Policies.model_validate(body)
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            loc = err["loc"]
            path = "".join(f"[{p}]" if isinstance(p, int) else (f".{p}" if i else str(p)) for i, p in enumerate(loc))
            problems.append(FieldProblem(path or "body", str(err["msg"]).removeprefix("Value error, ")))
        raise InvalidInput.of(problems) from None


def load_policies(stored: Any) -> Policies:
    """The stored document (a previous version that no longer validates counts as none)."""
    if not isinstance(stored, dict):
        return Policies()
    try:
        return Policies.model_validate(stored)
    except ValidationError:
        return Policies()
