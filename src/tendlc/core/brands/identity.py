"""Identity-check policy: how a new or changed brand's identity is scored.

The real registry checks the brand against tax and company records. tendlc simulates it: after a
configurable delay the brand is VERIFIED, unless a failure rule matches, in which case it stays
UNVERIFIED with feedback a person can act on. Sole proprietors are SELF_DECLARED until their mobile phone
is verified by SMS OTP (``otp_service``), VERIFIED after, for as long as that mobile phone stays theirs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from tendlc.core.brands.model import Brand, FeedbackItem
from tendlc.core.catalog.brands import FEEDBACK_CATEGORIES

ALL_ZEROS = re.compile(r"^[0\-]+$")


@dataclass(frozen=True)
class IdentityPolicy:
    """``delay_seconds``: time from submission to the verdict (0 in tests).
    ``fail_eins``: EINs that never verify (besides all zeros), for sandbox scenarios."""

    delay_seconds: float = 0.0
    fail_eins: frozenset[str] = field(default_factory=frozenset)


@dataclass(frozen=True)
class IdentityVerdict:
    status: str
    feedback: list[FeedbackItem]


def _feedback(category: str) -> FeedbackItem:
    display_name, description, fields = FEEDBACK_CATEGORIES[category]
    return FeedbackItem(id=category, display_name=display_name, description=description, fields=list(fields))


def score_identity(brand: Brand, policy: IdentityPolicy) -> IdentityVerdict:
    """The verdict for a brand's identity under ``policy``."""
    if brand.is_sole_proprietor:
        return IdentityVerdict("VERIFIED" if brand.mobile_phone_verified_date is not None else "SELF_DECLARED", [])
    feedback = []
    ein = brand.ein or ""
    if ALL_ZEROS.match(ein) or ein.replace("-", "") in {e.replace("-", "") for e in policy.fail_eins}:
        feedback.append(_feedback("TAX_ID"))
    if brand.entity_type == "GOVERNMENT" and brand.country != "US":
        feedback.append(_feedback("GOVERNMENT_ENTITY"))
    if feedback:
        return IdentityVerdict("UNVERIFIED", feedback)
    # An active STANDARD/ENHANCED external vet (core/brands/vetting.py) makes a verified brand VETTED_VERIFIED.
    return IdentityVerdict("VETTED_VERIFIED" if brand.evp_vetting_score is not None else "VERIFIED", [])
