"""Field rules of a campaign (``reference/tcr-api.md`` §3.1): use case and sub use case counts,
required samples, conditional messages, keyword lists, carriers, reseller."""

from __future__ import annotations

import re

from tendlc.core.campaigns.model import SAMPLE_FIELDS, CampaignRequest
from tendlc.core.catalog.brands import VERTICALS
from tendlc.core.catalog.registry import MNOS
from tendlc.core.catalog.usecases import SUB_USECASES, USECASES
from tendlc.core.errors import FieldProblem
from tendlc.core.ids import NO_RESELLER, RESELLER_ID
from tendlc.core.model import wire_name

KEYWORD = re.compile(r"^[A-Za-z0-9]+$")

# flag -> the message it requires
CONDITIONAL_MESSAGES: tuple[tuple[str, str, str], ...] = (
    ("subscriber_help", "help_message", "helpMessage"),
    ("subscriber_optin", "optin_message", "optinMessage"),
    ("subscriber_optout", "optout_message", "optoutMessage"),
)
# flag -> the keyword list it requires (subscribers must have a word to send)
CONDITIONAL_KEYWORDS: tuple[tuple[str, str, str], ...] = (
    ("subscriber_help", "help_keywords", "helpKeywords"),
    ("subscriber_optout", "optout_keywords", "optoutKeywords"),
)


def _blank(value: object) -> bool:
    """No value, or only white space: a text that says nothing."""
    return value is None or (isinstance(value, str) and not value.strip())


def check_campaign(c: CampaignRequest) -> list[FieldProblem]:
    """Every rule a campaign must pass, each problem naming its field (wire name)."""
    problems: list[FieldProblem] = []
    for name, wire in (("brand_id", "brandId"), ("usecase", "usecase"), ("description", "description"),
                       ("message_flow", "messageFlow")):
        if _blank(getattr(c, name)):
            problems.append(FieldProblem(wire, "is required"))
    problems += _check_usecase(c)
    if all(_blank(getattr(c, s)) for s in SAMPLE_FIELDS):
        problems.append(FieldProblem("sample1", "at least one sample message is required"))
    for flag, message, wire in CONDITIONAL_MESSAGES:
        if getattr(c, flag) and _blank(getattr(c, message)):
            problems.append(FieldProblem(wire, f"is required when {flag.replace('_o', 'O').replace('_h', 'H')} "
                                               "is true"))
    for flag, keywords, wire in CONDITIONAL_KEYWORDS:
        if getattr(c, flag) and getattr(c, keywords) is not None and _blank(getattr(c, keywords)):
            problems.append(FieldProblem(wire, f"needs at least one keyword when {wire_name(flag)} is true"))
    problems += check_keywords(c)
    if c.reseller_id is not None and c.reseller_id != NO_RESELLER and not RESELLER_ID.fullmatch(c.reseller_id):
        problems.append(FieldProblem("resellerId", "must be R000000 (no reseller) or a reseller id R + 6"))
    if c.mno_ids:
        unknown = [m for m in c.mno_ids if m not in MNOS]
        if unknown:
            problems.append(FieldProblem("mnoIds", f"unknown MNO network id(s) {unknown}; see /v2/enum/mno"))
    if c.terms_and_conditions is False:
        problems.append(FieldProblem("termsAndConditions", "the registry's terms and conditions must be accepted"))
    if c.vertical is not None and c.vertical not in VERTICALS:
        problems.append(FieldProblem("vertical", f"{c.vertical!r} is not a vertical; see /v2/enum/vertical"))
    return problems


def _check_usecase(c: CampaignRequest) -> list[FieldProblem]:
    if c.usecase is None:
        return []
    usecase = USECASES.get(c.usecase)
    if usecase is None:
        return [FieldProblem("usecase", f"{c.usecase!r} is not a use case; see /v2/enum/usecase")]
    subs = c.sub_usecases or []
    problems = []
    bad = [s for s in subs if s not in SUB_USECASES]
    if bad:
        problems.append(FieldProblem("subUsecases", f"{bad[0]!r} is not a valid sub use case"))
    elif len(set(subs)) != len(subs):
        problems.append(FieldProblem("subUsecases", "each sub use case may appear once"))
    elif not usecase.min_sub_usecases <= len(subs) <= usecase.max_sub_usecases:
        problems.append(
            FieldProblem(
                "subUsecases",
                f"{usecase.name} takes {usecase.min_sub_usecases}-{usecase.max_sub_usecases} sub use cases, "
                f"got {len(subs)}",
            )
        )
    return problems


def check_keywords(c: CampaignRequest) -> list[FieldProblem]:
    """Keyword lists are comma-separated words with no spaces."""
    problems = []
    for name, wire in (("optin_keywords", "optinKeywords"), ("optout_keywords", "optoutKeywords"),
                       ("help_keywords", "helpKeywords")):
        value = getattr(c, name)
        if not value:
            continue
        words = value.split(",")
        if not all(KEYWORD.fullmatch(w) for w in words):
            problems.append(FieldProblem(wire, "must be comma-separated keywords of letters and digits, no spaces"))
    return problems
