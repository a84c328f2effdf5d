"""Campaign field rules (``reference/tcr-api.md`` §3.1): every limit at its bounds, use case and sub use
case counts, conditional messages, keyword lists, carriers, terms, and wrong JSON types.

Each test validates a request body the way ``POST /campaignBuilder`` does (parse, then the rules) and
looks at what a caller would read: which field is named and what the message says."""

from __future__ import annotations

from typing import Any

import pytest

from tendlc.core.campaigns.model import CampaignRequest
from tendlc.core.campaigns.rules import check_campaign
from tendlc.core.catalog.brands import VERTICALS
from tendlc.core.catalog.registry import MNOS
from tendlc.core.catalog.usecases import SUB_USECASES, USECASES
from tendlc.core.errors import InvalidInput
from tendlc.core.model import check_tags, merge_problems, parse_input, parse_partial
from tests.factories import campaign_body

BRAND = "B1A2B3C"


def problems(body: Any) -> dict[str, str]:
    """Field → message, as ``POST /campaignBuilder`` would report them."""
    request, bad = parse_partial(CampaignRequest, body)
    return {p.field: p.message for p in merge_problems(bad, check_campaign(request), check_tags(request.tag))}


def body(**changes: Any) -> dict[str, Any]:
    return campaign_body(BRAND, **changes)


def text(n: int, start: str = "Acme Dental: ") -> str:
    """A readable message of exactly ``n`` characters."""
    filler = start + "your appointment is confirmed, reply STOP to opt out. " * (n // 40 + 1)
    return filler[:n]


def link(n: int) -> str:
    """A URL of exactly ``n`` characters."""
    prefix = "https://acmedental.example/"
    return prefix + "p" * (n - len(prefix))


def keywords(n: int) -> str:
    """A comma-separated keyword list of exactly ``n`` characters."""
    words = ",".join(f"STOP{i}" for i in range(n))
    value = words[:n]
    return value if not value.endswith(",") else value[:-1] + "X"


def test_the_factory_body_is_valid() -> None:
    assert problems(body()) == {}


# ---- lengths at each bound ------------------------------------------------------------------------------

TEXT_BOUNDS = [
    ("description", 40, 4096),
    ("messageFlow", 40, 4096),
    *[(f"sample{i}", 20, 1024) for i in range(1, 6)],
    ("helpMessage", 20, 1024),
    ("optinMessage", 20, 1024),
    ("optoutMessage", 20, 1024),
]


@pytest.mark.parametrize(("field", "low", "high"), TEXT_BOUNDS)
@pytest.mark.parametrize("where", ["min", "max"])
def test_text_field_at_its_bounds_is_accepted(field: str, low: int, high: int, where: str) -> None:
    n = low if where == "min" else high
    assert problems(body(**{field: text(n)})) == {}


@pytest.mark.parametrize(("field", "low", "high"), TEXT_BOUNDS)
def test_text_field_one_short_of_its_minimum_is_refused(field: str, low: int, high: int) -> None:
    found = problems(body(**{field: text(low - 1)}))
    assert set(found) == {field}
    assert found[field] == f"must be at least {low} characters"


@pytest.mark.parametrize(("field", "low", "high"), TEXT_BOUNDS)
def test_text_field_one_past_its_maximum_is_refused(field: str, low: int, high: int) -> None:
    found = problems(body(**{field: text(high + 1)}))
    assert set(found) == {field}
    assert found[field] == f"must be at most {high} characters"


MAX_ONLY = [
    ("optinKeywords", 255, keywords),
    ("optoutKeywords", 255, keywords),
    ("helpKeywords", 255, keywords),
    ("privacyPolicyLink", 2048, link),
    ("termsAndConditionsLink", 2048, link),
    ("embeddedLinkSample", 255, link),
    ("referenceId", 50, lambda n: "r" * n),
]


@pytest.mark.parametrize(("field", "high", "make"), MAX_ONLY)
def test_bounded_field_at_its_maximum_is_accepted(field: str, high: int, make: Any) -> None:
    value = make(high)
    assert len(value) == high
    assert problems(body(**{field: value})) == {}


@pytest.mark.parametrize(("field", "high", "make"), MAX_ONLY)
def test_bounded_field_one_past_its_maximum_is_refused(field: str, high: int, make: Any) -> None:
    value = make(high + 1)
    assert len(value) == high + 1
    found = problems(body(**{field: value}))
    assert set(found) == {field}
    assert found[field] == f"must be at most {high} characters"


@pytest.mark.parametrize(("value", "says"), [("", "must be at least 1 character"), ("B", None), ("B1234567", None),
                                             ("B12345678", "must be at most 8 characters")])
def test_brand_id_is_1_to_8_characters(value: str, says: str | None) -> None:
    found = problems(body(brandId=value))
    assert found == ({} if says is None else {"brandId": says})


# ---- required fields ------------------------------------------------------------------------------------

@pytest.mark.parametrize("field", ["brandId", "usecase", "description", "messageFlow"])
def test_required_field_missing_is_named(field: str) -> None:
    found = problems(body(**{field: ...}))
    assert found == {field: "is required"}


def test_every_missing_required_field_is_reported_in_one_answer() -> None:
    found = problems({})
    assert {"brandId", "usecase", "description", "messageFlow", "sample1"} <= set(found)


def test_reseller_id_may_be_left_out() -> None:
    assert problems(body(resellerId=...)) == {}


@pytest.mark.parametrize(("value", "ok"), [("R000000", True), ("R1A2B3C", True), ("R12345", False),
                                            ("X000000", False), ("r000000", False)])
def test_reseller_id_is_r000000_or_r_plus_6(value: str, ok: bool) -> None:
    found = problems(body(resellerId=value))
    assert found == ({} if ok else {"resellerId": found.get("resellerId")})
    if not ok:
        assert "R000000" in found["resellerId"]


def test_reseller_id_longer_than_8_is_refused() -> None:
    found = problems(body(resellerId="R00000000"))
    assert found == {"resellerId": "must be at most 8 characters"}


# ---- use case and sub use cases -------------------------------------------------------------------------

def _subs(n: int) -> list[str]:
    return list(SUB_USECASES[:n])


def test_use_case_longer_than_50_characters_is_refused_for_its_length() -> None:
    found = problems(body(usecase="X" * 51))
    assert found == {"usecase": "must be at most 50 characters"}


@pytest.mark.parametrize("value", ["NOT_A_USECASE", "marketing", "X" * 50, "STARTER_PACK"])
def test_unknown_use_case_is_refused_and_points_at_the_enum(value: str) -> None:
    found = problems(body(usecase=value, subUsecases=[]))
    assert set(found) == {"usecase"}
    assert value in found["usecase"] and "/v2/enum/usecase" in found["usecase"]


def _count_cases() -> list[Any]:
    cases = []
    for name, u in USECASES.items():
        lo, hi = u.min_sub_usecases, u.max_sub_usecases
        counts = {lo: True, hi: True, hi + 1: False}
        if lo > 0:
            counts[lo - 1] = False
        for n, ok in sorted(counts.items()):
            cases.append(pytest.param(name, n, ok, id=f"{name}-{n}"))
    return cases


@pytest.mark.parametrize(("usecase", "count", "ok"), _count_cases())
def test_sub_use_case_count_per_use_case(usecase: str, count: int, ok: bool) -> None:
    found = problems(body(usecase=usecase, subUsecases=_subs(count)))
    if ok:
        assert found == {}
    else:
        u = USECASES[usecase]
        assert set(found) == {"subUsecases"}
        assert found["subUsecases"] == (
            f"{usecase} takes {u.min_sub_usecases}-{u.max_sub_usecases} sub use cases, got {count}")


@pytest.mark.parametrize("usecase", [n for n, u in USECASES.items() if u.min_sub_usecases == 0])
def test_sub_use_cases_may_be_left_out_when_none_are_needed(usecase: str) -> None:
    assert problems(body(usecase=usecase, subUsecases=...)) == {}


@pytest.mark.parametrize("usecase", [n for n, u in USECASES.items() if u.min_sub_usecases > 0])
def test_sub_use_cases_left_out_when_some_are_needed_is_refused(usecase: str) -> None:
    found = problems(body(usecase=usecase, subUsecases=...))
    assert set(found) == {"subUsecases"}
    assert "got 0" in found["subUsecases"]


def test_the_documented_counts_are_the_catalogue_counts() -> None:
    documented = {"MIXED": (2, 5), "LOW_VOLUME": (1, 5), "SOLE_PROPRIETOR": (1, 5), "CARRIER_EXEMPT": (1, 5),
                  "PROXY": (0, 5), "SOCIAL": (0, 5), "CHARITY": (0, 5), "POLITICAL": (0, 5)}
    for name, u in USECASES.items():
        assert (u.min_sub_usecases, u.max_sub_usecases) == documented.get(name, (0, 0)), name


@pytest.mark.parametrize("bad", ["LOW_VOLUME", "MIXED", "NOPE", "marketing", ""])
def test_a_value_that_is_not_a_sub_use_case_is_refused(bad: str) -> None:
    found = problems(body(usecase="MIXED", subUsecases=["MARKETING", bad]))
    assert set(found) == {"subUsecases"}
    assert repr(bad) in found["subUsecases"] and "not a valid sub use case" in found["subUsecases"]


@pytest.mark.parametrize("sub", SUB_USECASES)
def test_every_valid_sub_use_case_is_accepted(sub: str) -> None:
    assert problems(body(usecase="LOW_VOLUME", subUsecases=[sub])) == {}


def test_a_repeated_sub_use_case_is_refused() -> None:
    found = problems(body(usecase="MIXED", subUsecases=["MARKETING", "MARKETING"]))
    assert found == {"subUsecases": "each sub use case may appear once"}


# ---- samples and conditional messages -------------------------------------------------------------------

def test_at_least_one_sample_is_required() -> None:
    found = problems(body(sample1=..., sample2=...))
    assert set(found) == {"sample1"}
    assert "at least one sample" in found["sample1"]


@pytest.mark.parametrize("sample", ["sample2", "sample3", "sample4", "sample5"])
def test_any_one_sample_is_enough(sample: str) -> None:
    samples: dict[str, Any] = {"sample1": ..., "sample2": ..., sample: text(40)}
    assert problems(body(**samples)) == {}


CONDITIONAL = [("subscriberHelp", "helpMessage"), ("subscriberOptin", "optinMessage"),
               ("subscriberOptout", "optoutMessage")]


@pytest.mark.parametrize(("flag", "message"), CONDITIONAL)
def test_message_is_required_when_its_flag_is_true(flag: str, message: str) -> None:
    found = problems(body(**{flag: True, message: ...}))
    assert found == {message: f"is required when {flag} is true"}


@pytest.mark.parametrize(("flag", "message"), CONDITIONAL)
def test_message_may_be_left_out_when_its_flag_is_false(flag: str, message: str) -> None:
    assert problems(body(**{flag: False, message: ...})) == {}


@pytest.mark.parametrize(("flag", "message"), CONDITIONAL)
def test_message_may_be_left_out_when_its_flag_is_left_out(flag: str, message: str) -> None:
    assert problems(body(**{flag: ..., message: ...})) == {}


# ---- keyword lists --------------------------------------------------------------------------------------

KEYWORD_FIELDS = ["optinKeywords", "optoutKeywords", "helpKeywords"]


@pytest.mark.parametrize("field", KEYWORD_FIELDS)
@pytest.mark.parametrize("value", ["STOP", "STOP,QUIT,END", "stop,Cancel2"])
def test_comma_separated_keywords_are_accepted(field: str, value: str) -> None:
    assert problems(body(**{field: value})) == {}


@pytest.mark.parametrize(
    ("field", "flag"), [("optoutKeywords", "subscriberOptout"), ("helpKeywords", "subscriberHelp")]
)
def test_an_empty_keyword_list_is_refused_only_when_subscribers_need_it(field: str, flag: str) -> None:
    assert field in problems(body(**{field: ""}))
    assert "needs at least one keyword" in problems(body(**{field: ""}))[field]
    assert problems(body(**{field: "", flag: False})) == {}


def test_an_empty_optin_keyword_list_is_accepted() -> None:
    assert problems(body(optinKeywords="")) == {}


def test_an_empty_optin_message_means_none() -> None:
    assert problems(body(optinMessage="", subscriberOptin=False)) == {}
    assert "optinMessage" in problems(body(optinMessage="", subscriberOptin=True))


@pytest.mark.parametrize("field", KEYWORD_FIELDS)
@pytest.mark.parametrize("value", ["STOP, QUIT", "STOP QUIT", " STOP", "STOP,,QUIT", "STOP,", ",STOP",
                                   "STOP;QUIT", "STOP!"])
def test_keywords_with_spaces_or_punctuation_are_refused(field: str, value: str) -> None:
    found = problems(body(**{field: value}))
    assert set(found) == {field}
    assert "comma-separated" in found[field] and "no spaces" in found[field]


# ---- carriers, terms, vertical, tags --------------------------------------------------------------------

@pytest.mark.parametrize("mno_ids", [[10017], sorted(MNOS), [], [10038, 10017]])
def test_known_mno_ids_are_accepted(mno_ids: list[int]) -> None:
    assert problems(body(mnoIds=mno_ids)) == {}


@pytest.mark.parametrize("mno_ids", [[99999], [10017, 1], [0]])
def test_unknown_mno_id_is_refused_and_named(mno_ids: list[int]) -> None:
    found = problems(body(mnoIds=mno_ids))
    assert set(found) == {"mnoIds"}
    unknown = [m for m in mno_ids if m not in MNOS]
    assert str(unknown[0]) in found["mnoIds"] and "/v2/enum/mno" in found["mnoIds"]


@pytest.mark.parametrize("value", [True, ...])
def test_terms_and_conditions_accepted_or_left_out_is_fine(value: Any) -> None:
    assert problems(body(termsAndConditions=value)) == {}


def test_terms_and_conditions_must_be_accepted() -> None:
    found = problems(body(termsAndConditions=False))
    assert set(found) == {"termsAndConditions"}
    assert "must be accepted" in found["termsAndConditions"]


@pytest.mark.parametrize("vertical", sorted(VERTICALS))
def test_deprecated_vertical_accepts_every_vertical(vertical: str) -> None:
    assert problems(body(vertical=vertical)) == {}


def test_deprecated_vertical_must_still_be_a_vertical() -> None:
    found = problems(body(vertical="SPACE_TRAVEL"))
    assert set(found) == {"vertical"}
    assert "SPACE_TRAVEL" in found["vertical"]


@pytest.mark.parametrize("tags", [["vip"], ["VIP", "spring-2026", "north_east"], [f"t{i}" for i in range(10)],
                                  ["a"], ["x" * 50]])
def test_tags_within_the_limits_are_accepted(tags: list[str]) -> None:
    assert problems(body(tag=tags)) == {}


@pytest.mark.parametrize("tags", [[f"t{i}" for i in range(11)], [""], ["x" * 51], ["two words"], ["vip!"],
                                  ["a.b"], ["a,b"], ["caf\u00e9"]])
def test_tags_outside_the_limits_are_refused(tags: list[str]) -> None:
    found = problems(body(tag=tags))
    assert set(found) == {"tag"}


def test_too_many_tags_says_how_many_are_allowed() -> None:
    assert "at most 10" in problems(body(tag=[f"t{i}" for i in range(11)]))["tag"]


# ---- wrong JSON types -----------------------------------------------------------------------------------

BOOL_FIELDS = ["subscriberOptin", "subscriberOptout", "subscriberHelp", "embeddedLink", "embeddedPhone",
               "numberPool", "ageGated", "directLending", "termsAndConditions", "autoRenewal"]
STRING_FIELDS = ["brandId", "usecase", "description", "messageFlow", "resellerId", "sample1", "sample2",
                 "helpMessage", "optinMessage", "optoutMessage", "optinKeywords", "optoutKeywords",
                 "helpKeywords", "privacyPolicyLink", "termsAndConditionsLink", "embeddedLinkSample",
                 "referenceId", "vertical"]


@pytest.mark.parametrize("field", BOOL_FIELDS)
@pytest.mark.parametrize("value", ["true", 1, "yes"])
def test_a_non_boolean_where_a_boolean_is_expected_is_named(field: str, value: Any) -> None:
    found = problems(body(**{field: value}))
    assert found.get(field) == "must be true or false"


@pytest.mark.parametrize("field", STRING_FIELDS)
@pytest.mark.parametrize("value", [12345678901234567890, True, 1.5, ["text"]])
def test_a_non_string_where_a_string_is_expected_is_named(field: str, value: Any) -> None:
    found = problems(body(**{field: value}))
    assert found.get(field) == "must be a string"


@pytest.mark.parametrize("field", ["subUsecases", "mnoIds", "tag"])
def test_a_scalar_where_a_list_is_expected_is_named(field: str) -> None:
    found = problems(body(**{field: "MARKETING"}))
    assert found.get(field) == "must be a list"


def test_a_string_inside_mno_ids_is_named() -> None:
    assert problems(body(mnoIds=["10017"])) == {"mnoIds": "must be an integer"}


def test_a_number_inside_sub_use_cases_is_named() -> None:
    assert problems(body(subUsecases=["MARKETING", 7])) == {"subUsecases": "must be a string"}


def test_a_wrong_type_and_a_broken_rule_are_reported_together() -> None:
    found = problems(body(numberPool="true", sample1=text(19), sample2=...))
    assert found == {"numberPool": "must be true or false", "sample1": "must be at least 20 characters"}


@pytest.mark.parametrize("payload", [[], "campaign", 42, None])
def test_a_body_that_is_not_an_object_is_refused(payload: Any) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_input(CampaignRequest, payload)
    assert caught.value.fields == ["body"]
    assert "JSON object" in caught.value.message


def test_parse_input_names_every_bad_field() -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_input(CampaignRequest, body(description="too short", ageGated="no"))
    assert set(caught.value.fields) == {"description", "ageGated"}
    assert "description: must be at least 40 characters" in caught.value.message


@pytest.mark.parametrize(("field", "value"), [("optoutKeywords", "STOP\n"), ("helpKeywords", "HELP,INFO\n"),
                                              ("resellerId", "R1A2B3C\n"), ("tag", ["vip\n"])])
def test_a_value_with_a_trailing_line_break_is_refused(field: str, value: Any) -> None:
    assert set(problems(body(**{field: value}))) == {field}


# ---- blank text is no text ------------------------------------------------------------------------------

@pytest.mark.parametrize(("field", "n"), [("description", 40), ("messageFlow", 4096), ("brandId", 8),
                                          ("usecase", 12)])
def test_a_required_field_of_only_spaces_is_missing(field: str, n: int) -> None:
    found = problems(body(**{field: " " * n}))
    assert found == {field: "is required"}


def test_samples_of_only_spaces_do_not_count_as_a_sample() -> None:
    found = problems(body(sample1=" " * 20, sample2="\n" * 30))
    assert set(found) == {"sample1"}
    assert "at least one sample" in found["sample1"]


@pytest.mark.parametrize(("flag", "message"), CONDITIONAL)
def test_a_required_message_of_only_spaces_is_missing(flag: str, message: str) -> None:
    found = problems(body(**{flag: True, message: " " * 25}))
    assert found == {message: f"is required when {flag} is true"}
