"""Field rules of a brand, per entity type (``reference/tcr-api.md`` §3.3)."""

from __future__ import annotations

import re

from tendlc.core.brands.model import BrandFields
from tendlc.core.catalog.brands import (
    ALT_BUSINESS_ID_TYPES,
    BRAND_RELATIONSHIPS,
    ENTITY_TYPES,
    STOCK_EXCHANGES,
    VERTICALS,
)
from tendlc.core.catalog.geography import countries, us_states
from tendlc.core.errors import FieldProblem
from tendlc.core.model import merge_problems, wire_name

E164 = re.compile(r"^\+[1-9][0-9]{6,14}$")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
US_EIN = re.compile(r"^[0-9]{2}-?[0-9]{7}$")
WEBSITE = re.compile(r"^(https?://)?[A-Za-z0-9.-]+\.[A-Za-z]{2,}(:[0-9]+)?(/\S*)?$")

ALWAYS_REQUIRED = ("entity_type", "display_name", "phone", "email", "street", "city", "state", "postal_code",
                   "country", "brand_relationship")
# The spec requires brandRelationship of every brand, sole proprietors included (its Brand schema does).
NOT_SOLE_PROPRIETOR_REQUIRED = ("company_name", "ein", "vertical")
SOLE_PROPRIETOR_REQUIRED = ("first_name", "last_name", "mobile_phone", "reference_id")
PUBLIC_PROFIT_REQUIRED = ("stock_symbol", "stock_exchange", "website", "business_contact_email")


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def check_brand(b: BrandFields) -> list[FieldProblem]:
    """Every rule a brand must pass, each problem naming its field (wire name)."""
    problems: list[FieldProblem] = []

    def need(*names: str, why: str) -> None:
        for name in names:
            if _blank(getattr(b, name)):
                problems.append(FieldProblem(wire_name(name), f"is required {why}".strip()))

    need(*ALWAYS_REQUIRED, why="")
    entity = b.entity_type
    if entity is not None and entity not in ENTITY_TYPES:
        problems.append(FieldProblem("entityType", f"must be one of {', '.join(ENTITY_TYPES)}"))
    if entity == "SOLE_PROPRIETOR":
        need(*SOLE_PROPRIETOR_REQUIRED, why="for a SOLE_PROPRIETOR brand")
    elif entity is not None:
        need(*NOT_SOLE_PROPRIETOR_REQUIRED, why=f"for a {entity} brand")
    if entity == "PUBLIC_PROFIT":
        need(*PUBLIC_PROFIT_REQUIRED, why="for a PUBLIC_PROFIT brand")
        if b.stock_exchange == "NONE":
            problems.append(FieldProblem("stockExchange", "a PUBLIC_PROFIT brand must name its exchange"))
    if entity == "GOVERNMENT" and b.country not in (None, "US"):
        problems.append(FieldProblem("entityType", "GOVERNMENT brands must be in the US (country US)"))

    _check_enum(problems, "brandRelationship", b.brand_relationship, BRAND_RELATIONSHIPS)
    _check_enum(problems, "vertical", b.vertical, tuple(VERTICALS))
    _check_enum(problems, "stockExchange", b.stock_exchange, STOCK_EXCHANGES)
    _check_enum(problems, "altBusinessIdType", b.alt_business_id_type, ALT_BUSINESS_ID_TYPES)
    _check_place(problems, b)
    for name in ("phone", "mobile_phone"):
        value = getattr(b, name)
        if not _blank(value) and not E164.fullmatch(value):
            problems.append(FieldProblem(wire_name(name), "must be an E.164 number such as +12025550123"))
    for name in ("email", "business_contact_email"):
        value = getattr(b, name)
        if not _blank(value) and not EMAIL.fullmatch(value):
            problems.append(FieldProblem(wire_name(name), "must be an email address such as ops@example.com"))
    if not _blank(b.website) and not WEBSITE.fullmatch(b.website or ""):
        problems.append(FieldProblem("website", "must be a web address such as https://www.example.com"))
    issuing = b.ein_issuing_country or b.country
    if not _blank(b.ein) and issuing == "US" and not US_EIN.fullmatch(b.ein or ""):
        problems.append(FieldProblem("ein", "a US EIN has 9 digits, e.g. 12-3456789"))
    return merge_problems(problems)


def _check_enum(problems: list[FieldProblem], name: str, value: str | None, allowed: tuple[str, ...]) -> None:
    if not _blank(value) and value not in allowed:
        shown = ", ".join(allowed[:8]) + (", …" if len(allowed) > 8 else "")
        problems.append(FieldProblem(name, f"{value!r} is not one of {shown} (see /v2/enum)"))


def _check_place(problems: list[FieldProblem], b: BrandFields) -> None:
    if not _blank(b.country) and b.country not in countries():
        problems.append(FieldProblem("country", "must be an ISO 3166 two-letter country code such as US"))
    if not _blank(b.ein_issuing_country) and b.ein_issuing_country not in countries():
        problems.append(FieldProblem("einIssuingCountry", "must be an ISO 3166 two-letter country code"))
    if b.country == "US" and not _blank(b.state) and b.state not in us_states():
        problems.append(FieldProblem("state", "must be a two-letter US state code such as CA"))

