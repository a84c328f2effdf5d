"""What the compliance lint reads and what it answers.

The inputs are lenient on purpose: a lint reports what is wrong instead of refusing it, so every text
field takes any string (no length limits) and unknown keys are ignored. Sinch's spellings of a few fields
(``useCase``, ``optInMessage``, ``stopMessage``, ``subscriberOptIn`` …) are accepted next to TCR's.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from pydantic import AliasChoices, ConfigDict, Field

from tendlc.core.model import CoreModel


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


class LenientInput(CoreModel):
    model_config = ConfigDict(populate_by_name=True, extra="ignore", str_strip_whitespace=False)


def _alias(*names: str) -> Any:
    return Field(default=None, validation_alias=AliasChoices(*names))


class CampaignInput(LenientInput):
    """A campaign as submitted (TCR ``CampaignRequest`` names; Sinch names accepted too)."""

    brand_id: str | None = None
    usecase: str | None = _alias("usecase", "useCase")
    sub_usecases: list[str] | None = _alias("sub_usecases", "subUsecases", "subUseCases")
    description: str | None = None
    message_flow: str | None = None
    sample1: str | None = None
    sample2: str | None = None
    sample3: str | None = None
    sample4: str | None = None
    sample5: str | None = None
    optin_message: str | None = _alias("optin_message", "optinMessage", "optInMessage")
    optout_message: str | None = _alias("optout_message", "optoutMessage", "optOutMessage", "stopMessage")
    help_message: str | None = None
    optin_keywords: str | None = None
    optout_keywords: str | None = None
    help_keywords: str | None = None
    privacy_policy_link: str | None = None
    terms_and_conditions_link: str | None = None
    embedded_link_sample: str | None = None
    embedded_link: bool | None = None
    embedded_phone: bool | None = None
    number_pool: bool | None = None
    age_gated: bool | None = None
    direct_lending: bool | None = None
    affiliate_marketing: bool | None = None
    subscriber_optin: bool | None = _alias("subscriber_optin", "subscriberOptin", "subscriberOptIn")
    subscriber_optout: bool | None = _alias("subscriber_optout", "subscriberOptout", "subscriberOptOut")
    subscriber_help: bool | None = None
    mno_ids: list[int] | None = None


class BrandInput(LenientInput):
    """The brand the campaign is for (TCR ``BrandRequest`` names); only what the rules read."""

    brand_id: str | None = None
    entity_type: str | None = None
    display_name: str | None = None
    company_name: str | None = None
    first_name: str | None = None
    last_name: str | None = None
    ein: str | None = None
    email: str | None = None
    website: str | None = None
    street: str | None = None


class Finding(CoreModel):
    """One problem: a stable ``code``, how bad it is, the fields (wire names) it concerns, what is wrong
    and how to fix it, the TCR rejection category a reviewer would file it under, and the codes providers
    use for the same reason (``twilio:30893``, ``dca2:601``, ``microsoft:…``, ``sinch:…``)."""

    code: str
    severity: Severity
    fields: list[str]
    message: str
    fix: str
    rejection_category: str
    provider_codes: list[str] = []
    reference: str = ""  # the rule's id in reference/compliance-rules.md, e.g. SMP-01


class Report(CoreModel):
    """The result of one lint. ``ok``: no errors (warnings do not block)."""

    ruleset_version: str
    profile: str
    ok: bool
    errors: int
    warnings: int
    findings: list[Finding]
    skipped: list[str] = []  # rule codes not run, because the brand or the registry was not available
    registry_checked: bool = False
