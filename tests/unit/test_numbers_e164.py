"""Validation of numbers: E.164 form, NANP, checked with phonenumbers; every refusal quotes the input."""

from __future__ import annotations

import pytest

from tendlc.core.numbers.e164 import area_code_usable, nanp_e164
from tendlc.core.numbers.service import EXCHANGES, _candidates


@pytest.mark.parametrize("value", ["+12025550142", "+12125550100", "+14165550100", "+16045550100",
                                   "+18005551234", "+17875550100"])
def test_valid_nanp_numbers_are_accepted_as_they_are(value):
    assert nanp_e164(value, "phoneNumber") == (value, None)


@pytest.mark.parametrize("value", [
    "12025550142",          # no +
    "2025550142",           # national form
    "+1 202 555 0142",      # spaces
    "+1-202-555-0142",      # dashes
    "+1202555014",          # too short
    "+120255501420",        # too long
    "+442071838750",        # United Kingdom
    "+15555550100",         # no such area code
    "+11025550142",         # an area code cannot start with 1
    "+12021550142",         # an exchange cannot start with 1
    "+1２０２５５５０１４２",  # non-ASCII digits
    "",
    "+1202555014x",
])
def test_anything_else_is_refused_quoting_the_input(value):
    e164, problem = nanp_e164(value, "numbers[3]")
    assert e164 is None and problem is not None
    assert problem.field == "numbers[3]"
    assert repr(value) in problem.message


@pytest.mark.parametrize("value", [12025550142, None, ["+12025550142"], {"n": 1}])
def test_non_strings_are_refused(value):
    e164, problem = nanp_e164(value, "phoneNumber")
    assert e164 is None and problem is not None and problem.field == "phoneNumber"


def test_long_inputs_are_quoted_shortened():
    _, problem = nanp_e164("+1" + "9" * 500, "phoneNumber")
    assert problem is not None and len(problem.message) < 120


def test_area_codes():
    assert area_code_usable("212") and area_code_usable("416")
    assert not area_code_usable("999") and not area_code_usable("555")


def test_generated_candidates_start_with_the_fictional_range_and_skip_n11_exchanges():
    first = _candidates("212")
    head = [next(first) for _ in range(10101)]
    assert head[0] == "+12125550100" and head[99] == "+12125550199"
    assert head[100] == "+12122000000" and head[10099] == "+12122009999" and head[10100] == "+12122010000"
    assert 200 in EXCHANGES and 999 in EXCHANGES
    assert not {211, 311, 911, 555} & set(EXCHANGES) and len(EXCHANGES) == 800 - 8 - 1
