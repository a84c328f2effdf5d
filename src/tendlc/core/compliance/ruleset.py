"""The rule set: every rule with its stable code, default severity, rejection category and provider codes.

A rule is a small function of a :class:`~tendlc.core.compliance.context.Context` that yields
:class:`Hit` s; :func:`rule` registers it. Codes never change once published; a change of what the rules
find bumps ``RULESET_VERSION`` (reports carry it, so a stored report says which rules produced it).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from tendlc.core.catalog.registry import REJECTION_CATEGORIES
from tendlc.core.compliance.model import Severity

if TYPE_CHECKING:
    from tendlc.core.compliance.context import Context

RULESET_VERSION = "2026.11.2"

BRAND_INCONSISTENCIES = "BRAND_INCONSISTENCIES"
CALL_TO_ACTION = "CALL_TO_ACTION"
DESCRIPTION_OR_ATTRIBUTES = "CAMPAIGN_DESCRIPTION_OR_ATTRIBUTES"
DISALLOWED_CONTENT = "DISALLOWED_CONTENT"
TERMINOLOGY = "MANDATORY_MESSAGE_TERMINOLOGY"
PRIVACY_POLICY = "PRIVACY_POLICY"
SAMPLE_MESSAGE = "SAMPLE_MESSAGE"
TERMS = "TERMS_AND_CONDITIONS"
OTHER = "OTHER"


@dataclass(frozen=True)
class Hit:
    """What a rule found: the fields (wire names), what is wrong, and a fix when it differs from the rule's."""

    fields: tuple[str, ...]
    message: str
    fix: str | None = None


Check = Callable[["Context"], Iterable[Hit]]


@dataclass(frozen=True)
class Rule:
    code: str
    reference: str  # id in reference/compliance-rules.md
    severity: Severity
    category: str  # TCR rejectionCategory
    fix: str
    providers: tuple[str, ...]
    needs_brand: bool
    needs_registry: bool
    check: Check


RULES: dict[str, Rule] = {}


def rule(code: str, reference: str, severity: Severity, category: str, fix: str, *providers: str,
         needs_brand: bool = False, needs_registry: bool = False) -> Callable[[Check], Check]:
    """Register the decorated function as the rule ``code``."""
    if category not in REJECTION_CATEGORIES:
        raise ValueError(f"{category} is not a TCR rejection category")

    def register(check: Check) -> Check:
        if code in RULES:
            raise ValueError(f"rule {code} is registered twice")
        RULES[code] = Rule(code, reference, severity, category, fix, providers, needs_brand, needs_registry, check)
        return check

    return register
