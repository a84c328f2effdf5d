"""Brand field rules (``reference/tcr-api.md`` §3.3): every length limit, required fields per entity type,
enumerations, phone numbers, emails, EINs, countries, states and tags.

Each test validates a request body the way ``POST /brand/nonBlocking`` does (parse, then the rules) and
looks at what a caller would read: which field is named and what the message says."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tendlc.core.brands.model import BrandRequest
from tendlc.core.brands.rules import check_brand
from tendlc.core.catalog.brands import (
    ALT_BUSINESS_ID_TYPES,
    BRAND_RELATIONSHIPS,
    ENTITY_TYPES,
    STOCK_EXCHANGES,
    VERTICALS,
)
from tendlc.core.model import check_tags, merge_problems, parse_partial
from tests.factories import brand_body, sole_proprietor_body


def problems(body: Any) -> dict[str, str]:
    """Field → message, as ``POST /brand/nonBlocking`` would report them."""
    request, bad = parse_partial(BrandRequest, body)
    return {p.field: p.message for p in merge_problems(bad, check_brand(request), check_tags(request.tag))}


def _body(defaults: dict[str, Any], changes: dict[str, Any]) -> dict[str, Any]:
    """``brand_body`` with ``defaults`` then ``changes`` applied (``...`` removes a field)."""
    return brand_body(**{**defaults, **changes})


def public_body(**changes: Any) -> dict[str, Any]:
    return _body({"entityType": "PUBLIC_PROFIT", "stockSymbol": "ACME", "stockExchange": "NASDAQ",
                  "businessContactEmail": "ceo@acmedental.example"}, changes)


def non_profit_body(**changes: Any) -> dict[str, Any]:
    return _body({"entityType": "NON_PROFIT", "companyName": "Acme Dental Foundation", "vertical": "NGO"}, changes)


def government_body(**changes: Any) -> dict[str, Any]:
    return _body({"entityType": "GOVERNMENT", "companyName": "City of Springfield", "vertical": "GOVERNMENT"},
                 changes)


def sole_body(**changes: Any) -> dict[str, Any]:
    merged = {**sole_proprietor_body(), **changes}
    return {k: v for k, v in merged.items() if v is not ...}


BODIES: dict[str, Callable[..., dict[str, Any]]] = {
    "PRIVATE_PROFIT": brand_body,
    "PUBLIC_PROFIT": public_body,
    "NON_PROFIT": non_profit_body,
    "GOVERNMENT": government_body,
    "SOLE_PROPRIETOR": sole_body,
}


def test_every_entity_type_has_a_valid_body_here() -> None:
    assert set(BODIES) == set(ENTITY_TYPES)


@pytest.mark.parametrize("entity", ENTITY_TYPES)
def test_a_complete_brand_of_each_entity_type_is_valid(entity: str) -> None:
    assert problems(BODIES[entity]()) == {}


# ---- length limits --------------------------------------------------------------------------------------

def chars(n: int) -> str:
    return ("Acme Dental " * (n // 12 + 1))[:n].replace(" ", "x") if n else ""


def email(n: int) -> str:
    domain = "@acmedental.example"
    return "o" * (n - len(domain)) + domain


def website(n: int) -> str:
    prefix = "https://acmedental.example/"
    return prefix + "p" * (n - len(prefix))


def digits(n: int) -> str:
    return "1" * n


# (field, max, value maker, body maker, whether a value of exactly max characters can pass every rule)
LIMITS: list[tuple[str, int, Callable[[int], str], Callable[..., dict[str, Any]], bool]] = [
    ("entityType", 20, chars, brand_body, False),
    ("firstName", 100, chars, sole_body, True),
    ("lastName", 100, chars, sole_body, True),
    ("displayName", 255, chars, brand_body, True),
    ("companyName", 255, chars, brand_body, True),
    ("ein", 21, digits, lambda **kw: brand_body(einIssuingCountry="CA", **kw), True),
    ("einIssuingCountry", 2, lambda n: "US" if n == 2 else "USA"[:n], brand_body, True),
    ("phone", 20, digits, brand_body, False),
    ("street", 255, chars, brand_body, True),
    ("city", 100, chars, brand_body, True),
    ("state", 20, chars, lambda **kw: brand_body(country="GB", **kw), True),
    ("postalCode", 10, digits, brand_body, True),
    ("country", 2, lambda n: "US" if n == 2 else "USA"[:n], brand_body, True),
    ("email", 100, email, brand_body, True),
    ("stockSymbol", 10, chars, public_body, True),
    ("stockExchange", 20, chars, public_body, False),
    ("ipAddress", 50, chars, brand_body, True),
    ("website", 255, website, brand_body, True),
    ("brandRelationship", 20, chars, brand_body, False),
    ("vertical", 50, chars, brand_body, False),
    ("altBusinessId", 50, chars, brand_body, True),
    ("altBusinessIdType", 20, chars, brand_body, False),
    ("referenceId", 50, chars, brand_body, True),
    ("mobilePhone", 20, digits, sole_body, False),
    ("businessContactEmail", 255, email, public_body, True),
]


def test_every_field_of_the_model_has_its_limit_checked_here() -> None:
    from tendlc.core.brands.model import BrandFields
    from tendlc.core.model import wire_name

    assert {wire_name(n) for n in BrandFields.model_fields} == {f for f, *_ in LIMITS}


@pytest.mark.parametrize(("field", "high", "make", "make_body", "passes"), LIMITS)
def test_field_at_its_maximum_length_is_not_refused_for_its_length(
    field: str, high: int, make: Callable[[int], str], make_body: Callable[..., dict[str, Any]], passes: bool
) -> None:
    value = make(high)
    assert len(value) == high
    found = problems(make_body(**{field: value}))
    if passes:
        assert found == {}
    else:  # an enumeration or a phone number cannot be that long, but the complaint is not the length
        assert set(found) == {field}
        assert "at most" not in found[field]


@pytest.mark.parametrize(("field", "high", "make", "make_body", "passes"), LIMITS)
def test_field_one_past_its_maximum_length_is_refused(
    field: str, high: int, make: Callable[[int], str], make_body: Callable[..., dict[str, Any]], passes: bool
) -> None:
    value = make(high + 1) if field not in ("country", "einIssuingCountry") else "USA"
    assert len(value) == high + 1
    found = problems(make_body(**{field: value}))
    assert found.get(field) == f"must be at most {high} characters"


@pytest.mark.parametrize(("value", "ok"), [("A", True), ("", False), ("   ", False)])
def test_display_name_needs_at_least_one_character(value: str, ok: bool) -> None:
    found = problems(brand_body(displayName=value))
    if ok:
        assert found == {}
    else:
        assert set(found) == {"displayName"}


def test_display_name_of_zero_characters_says_so() -> None:
    assert problems(brand_body(displayName="")) == {"displayName": "must be at least 1 character"}


# ---- required fields per entity type --------------------------------------------------------------------

ALWAYS = ["entityType", "displayName", "phone", "email", "street", "city", "state", "postalCode", "country",
          "brandRelationship"]
NOT_SOLE = ["companyName", "ein", "vertical"]
SOLE = ["firstName", "lastName", "mobilePhone", "referenceId"]
PUBLIC = ["stockSymbol", "stockExchange", "website", "businessContactEmail"]


def _required_cases() -> list[Any]:
    cases = []
    for entity in ENTITY_TYPES:
        needed = ALWAYS + (SOLE if entity == "SOLE_PROPRIETOR" else NOT_SOLE)
        needed += PUBLIC if entity == "PUBLIC_PROFIT" else []
        cases += [pytest.param(entity, f, id=f"{entity}-{f}") for f in needed]
    return cases


@pytest.mark.parametrize(("entity", "field"), _required_cases())
@pytest.mark.parametrize("absent", ["missing", "null", "blank"])
def test_required_field_is_named_when_absent(entity: str, field: str, absent: str) -> None:
    value = {"missing": ..., "null": None, "blank": "  "}[absent]
    found = problems(BODIES[entity](**{field: value}))
    assert field in found
    assert found[field].startswith("is required")
    if field not in ALWAYS:
        assert entity in found[field]


def _optional_cases() -> list[Any]:
    everything = ALWAYS + NOT_SOLE + SOLE + PUBLIC
    cases = []
    for entity in ENTITY_TYPES:
        needed = set(ALWAYS) | set(SOLE if entity == "SOLE_PROPRIETOR" else NOT_SOLE)
        needed |= set(PUBLIC) if entity == "PUBLIC_PROFIT" else set()
        cases += [pytest.param(entity, f, id=f"{entity}-{f}") for f in everything if f not in needed]
    return cases


@pytest.mark.parametrize(("entity", "field"), _optional_cases())
def test_field_not_required_for_the_entity_type_may_be_left_out(entity: str, field: str) -> None:
    assert problems(BODIES[entity](**{field: ...})) == {}


def test_public_profit_must_name_a_real_exchange() -> None:
    found = problems(public_body(stockExchange="NONE"))
    assert set(found) == {"stockExchange"}
    assert "PUBLIC_PROFIT" in found["stockExchange"]


def test_government_brand_must_be_in_the_us() -> None:
    found = problems(government_body(country="CA", state="ON"))
    assert set(found) == {"entityType"}
    assert "US" in found["entityType"]


def test_other_entity_types_may_be_outside_the_us() -> None:
    assert problems(brand_body(country="CA", state="ON", ein="123456789RC0001")) == {}


# ---- enumerations ---------------------------------------------------------------------------------------

ENUMS: list[tuple[str, tuple[str, ...], Callable[..., dict[str, Any]]]] = [
    ("entityType", ENTITY_TYPES, brand_body),
    ("brandRelationship", BRAND_RELATIONSHIPS, brand_body),
    ("vertical", tuple(VERTICALS), brand_body),
    ("stockExchange", STOCK_EXCHANGES, brand_body),
    ("altBusinessIdType", ALT_BUSINESS_ID_TYPES, brand_body),
]


@pytest.mark.parametrize(("field", "value", "make_body"),
                         [pytest.param(f, v, b, id=f"{f}-{v}") for f, values, b in ENUMS[1:] for v in values])
def test_every_enumerated_value_is_accepted(field: str, value: str, make_body: Callable[..., dict[str, Any]]) -> None:
    assert problems(make_body(**{field: value})) == {}


@pytest.mark.parametrize(("field", "values", "make_body"), ENUMS)
@pytest.mark.parametrize("how", ["unknown", "lower-case"])
def test_a_value_outside_the_enumeration_is_refused(
    field: str, values: tuple[str, ...], make_body: Callable[..., dict[str, Any]], how: str
) -> None:
    value = "BOGUS" if how == "unknown" else values[1].lower()
    found = problems(make_body(**{field: value}))
    assert field in found
    assert "must be one of" in found[field] or "is not one of" in found[field]


def test_an_unknown_enumeration_value_is_quoted_and_points_at_the_enum() -> None:
    found = problems(brand_body(vertical="SPACE_TRAVEL"))
    assert set(found) == {"vertical"}
    assert "'SPACE_TRAVEL'" in found["vertical"] and "/v2/enum" in found["vertical"]


def test_an_unknown_entity_type_lists_the_allowed_ones() -> None:
    found = problems(brand_body(entityType="LLC"))
    assert all(e in found["entityType"] for e in ENTITY_TYPES)


# ---- formats --------------------------------------------------------------------------------------------

GOOD_PHONES = ["+12025550142", "+442071838750", "+8613800138000", "+1234567", "+123456789012345"]
BAD_PHONES = ["12025550142", "+1 202 555 0142", "+1-202-555-0142", "+(202)5550142", "+02025550142", "+123456",
              "+1234567890123456", "tel:+12025550142", "+1202555014x"]


@pytest.mark.parametrize("field", ["phone", "mobilePhone"])
@pytest.mark.parametrize("value", GOOD_PHONES)
def test_e164_numbers_are_accepted(field: str, value: str) -> None:
    assert problems(sole_body(**{field: value})) == {}


@pytest.mark.parametrize("field", ["phone", "mobilePhone"])
@pytest.mark.parametrize("value", BAD_PHONES)
def test_numbers_not_in_e164_are_refused(field: str, value: str) -> None:
    found = problems(sole_body(**{field: value}))
    assert set(found) == {field}
    assert "E.164" in found[field]


@pytest.mark.parametrize("field", ["email", "businessContactEmail"])
@pytest.mark.parametrize("value", ["ops@acme.example", "first.last+sms@mail.acme.co.uk"])
def test_email_addresses_are_accepted(field: str, value: str) -> None:
    assert problems(public_body(**{field: value})) == {}


@pytest.mark.parametrize("field", ["email", "businessContactEmail"])
@pytest.mark.parametrize("value", ["ops", "ops@", "@acme.example", "ops@acme", "ops @acme.example",
                                   "ops@acme .example", "ops@@acme.example"])
def test_malformed_email_addresses_are_refused(field: str, value: str) -> None:
    found = problems(public_body(**{field: value}))
    assert set(found) == {field}
    assert "email address" in found[field]


@pytest.mark.parametrize("ein", ["12-3456789", "123456789", "00-0000000"])
def test_us_ein_of_nine_digits_is_accepted(ein: str) -> None:
    assert problems(brand_body(ein=ein)) == {}


@pytest.mark.parametrize("ein", ["12345678", "1234567890", "12-345678", "123-456789", "123-45-6789", "AB-CDEFGHI",
                                 "12 3456789", "12-3456789 "])
def test_us_ein_that_is_not_nine_digits_is_refused(ein: str) -> None:
    found = problems(brand_body(ein=ein))
    assert set(found) == {"ein"}
    assert "9 digits" in found["ein"]


def test_the_ein_issuing_country_decides_whether_the_us_format_applies() -> None:
    assert problems(brand_body(ein="123456789RC0001", einIssuingCountry="CA")) == {}
    found = problems(brand_body(country="CA", state="ON", ein="123456789RC0001", einIssuingCountry="US"))
    assert set(found) == {"ein"}


@pytest.mark.parametrize("country", ["US", "CA", "GB", "DE", "PR"])
def test_iso_country_codes_are_accepted(country: str) -> None:
    state = "IL" if country == "US" else "Region"
    assert problems(brand_body(country=country, state=state, ein="123456789")) == {}


@pytest.mark.parametrize("field", ["country", "einIssuingCountry"])
@pytest.mark.parametrize("value", ["XX", "us", "UK", "U1"])
def test_codes_that_are_not_iso_countries_are_refused(field: str, value: str) -> None:
    found = problems(brand_body(**{field: value}))
    assert field in found
    assert "ISO 3166" in found[field]


@pytest.mark.parametrize("state", ["IL", "CA", "NY", "DC", "PR", "WY"])
def test_us_state_codes_are_accepted(state: str) -> None:
    assert problems(brand_body(state=state)) == {}


@pytest.mark.parametrize("state", ["ZZ", "il", "Illinois", "ILL", "ON"])
def test_a_us_brand_needs_a_two_letter_state_code(state: str) -> None:
    found = problems(brand_body(state=state))
    assert set(found) == {"state"}
    assert "two-letter US state code" in found["state"]


def test_state_is_free_text_outside_the_us() -> None:
    assert problems(brand_body(country="GB", state="Greater London")) == {}


@pytest.mark.parametrize("value", ["https://www.acme.example", "acme.example", "http://acme.example:8080/a?b=c"])
def test_websites_are_accepted(value: str) -> None:
    assert problems(brand_body(website=value)) == {}


@pytest.mark.parametrize("value", ["acme", "https://", "ftp://acme.example", "https://acme .example"])
def test_things_that_are_not_websites_are_refused(value: str) -> None:
    found = problems(brand_body(website=value))
    assert set(found) == {"website"}
    assert "web address" in found["website"]


# ---- tags -----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("tags", [["vip"], [f"t{i}" for i in range(10)], ["a"], ["x" * 50], ["Spring-2026"],
                                  ["north_east"], []])
def test_tags_within_the_limits_are_accepted(tags: list[str]) -> None:
    assert problems(brand_body(tag=tags)) == {}


@pytest.mark.parametrize(("tags", "says"), [
    ([f"t{i}" for i in range(11)], "at most 10"),
    ([""], "1-50"),
    (["x" * 51], "1-50"),
    (["two words"], "two words"),
    (["vip!"], "vip!"),
    (["a.b"], "a.b"),
    (["a/b"], "a/b"),
])
def test_tags_outside_the_limits_are_refused(tags: list[str], says: str) -> None:
    found = problems(brand_body(tag=tags))
    assert set(found) == {"tag"}
    assert says in found["tag"]


# ---- wrong JSON types -----------------------------------------------------------------------------------

@pytest.mark.parametrize("field", ["displayName", "companyName", "ein", "phone", "email", "postalCode", "country",
                                   "entityType", "vertical"])
@pytest.mark.parametrize("value", [123456789, True, ["x"], {"v": 1}])
def test_a_non_string_where_a_string_is_expected_is_named(field: str, value: Any) -> None:
    found = problems(brand_body(**{field: value}))
    assert found.get(field) == "must be a string"


@pytest.mark.parametrize("value", ["true", 1, "false"])
def test_a_non_boolean_mock_flag_is_named(value: Any) -> None:
    assert problems(brand_body(mock=value)) == {"mock": "must be true or false"}


def test_a_scalar_where_the_tag_list_is_expected_is_named() -> None:
    assert problems(brand_body(tag="vip")) == {"tag": "must be a list"}


def test_all_problems_come_back_together() -> None:
    found = problems(brand_body(phone="2025550142", email="nope", state="ZZ", ein=..., postalCode=62701))
    assert set(found) == {"phone", "email", "state", "ein", "postalCode"}


# ---- a trailing line break is not part of a valid value -------------------------------------------------

@pytest.mark.parametrize(("field", "value", "make_body"), [
    ("phone", "+12025550142\n", brand_body),
    ("mobilePhone", "+12025550199\n", sole_body),
    ("email", "ops@acmedental.example\n", brand_body),
    ("businessContactEmail", "ceo@acmedental.example\n", public_body),
    ("ein", "12-3456789\n", brand_body),
    ("website", "https://acmedental.example\n", brand_body),
])
def test_a_value_with_a_trailing_line_break_is_refused(
    field: str, value: str, make_body: Callable[..., dict[str, Any]]
) -> None:
    found = problems(make_body(**{field: value}))
    assert set(found) == {field}


def test_a_tag_with_a_trailing_line_break_is_refused() -> None:
    assert set(problems(brand_body(tag=["vip\n"]))) == {"tag"}
