"""Identifier formats: S/B/C + 6 upper alphanumerics, R000000, DCA codes of 2–7 upper alphanumerics."""

from __future__ import annotations

import re

import pytest

from tendlc.core.ids import BRAND_ID, CAMPAIGN_ID, CSP_ID, DCA_CODE, NO_RESELLER, RESELLER_ID, RandomIds, is_dca_code

DRAWS = 2000
FORMATS = [("S", CSP_ID), ("B", BRAND_ID), ("C", CAMPAIGN_ID), ("R", RESELLER_ID)]


@pytest.mark.parametrize(("prefix", "pattern"), FORMATS)
def test_generated_ids_always_match_their_format(prefix: str, pattern: re.Pattern[str]) -> None:
    ids = RandomIds()
    drawn = [ids.tcr_id(prefix) for _ in range(DRAWS)]
    assert all(pattern.match(i) for i in drawn), [i for i in drawn if not pattern.match(i)][:5]
    assert all(len(i) == 7 and i[0] == prefix for i in drawn)


@pytest.mark.parametrize(("prefix", "pattern"), FORMATS[:3])
def test_generated_ids_use_the_whole_alphabet_and_rarely_repeat(prefix: str, pattern: re.Pattern[str]) -> None:
    ids = RandomIds()
    drawn = [ids.tcr_id(prefix) for _ in range(DRAWS)]
    assert len(set(drawn)) >= DRAWS - 1  # 36**6 ≈ 2.2e9 values; a repeat in 2,000 draws is ~1e-3 likely
    used = set("".join(i[1:] for i in drawn))
    assert used == set("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")


@pytest.mark.parametrize("value", ["S7K2QZP", "S000000", "SZZZZZZ"])
def test_csp_ids_in_the_format_match(value: str) -> None:
    assert CSP_ID.match(value)


@pytest.mark.parametrize(("pattern", "value"), [
    (CSP_ID, "S7K2QZ"), (CSP_ID, "S7K2QZPX"), (CSP_ID, "s7k2qzp"), (CSP_ID, "B7K2QZP"), (CSP_ID, "S7K2-ZP"),
    (BRAND_ID, "B1A2B3"), (BRAND_ID, "B1A2B3C4"), (BRAND_ID, "C1A2B3C"), (BRAND_ID, "b1a2b3c"),
    (CAMPAIGN_ID, "C9XYZ1"), (CAMPAIGN_ID, "C9XYZ12X"), (CAMPAIGN_ID, " C9XYZ12"), (CAMPAIGN_ID, "C9XYZ1é"),
    (RESELLER_ID, "R00000"), (RESELLER_ID, "R0000000"),
])
def test_ids_out_of_format_do_not_match(pattern: re.Pattern[str], value: str) -> None:
    assert not pattern.fullmatch(value)


def test_no_reseller_is_itself_a_reseller_id() -> None:
    assert NO_RESELLER == "R000000"
    assert RESELLER_ID.match(NO_RESELLER)


@pytest.mark.parametrize("code", ["AB", "DCA123", "ABCDEFG", "1234567", "A1", "BANDWTH"])
def test_dca_codes_of_2_to_7_upper_alphanumerics_are_codes(code: str) -> None:
    assert is_dca_code(code) and DCA_CODE.match(code)


@pytest.mark.parametrize("code", ["", "A", "ABCDEFGH", "dca123", "Dca123", "DCA-12", "DCA 12", "DCA_12", "DCÅ12"])
def test_other_strings_are_not_dca_codes(code: str) -> None:
    assert not is_dca_code(code)


def test_ulids_and_tokens_are_distinct_and_url_safe() -> None:
    ids = RandomIds()
    ulids = [ids.ulid() for _ in range(200)]
    assert len(set(ulids)) == 200 and all(re.fullmatch(r"[0-9A-HJKMNP-TV-Z]{26}", u) for u in ulids)
    tokens = [ids.token(32) for _ in range(200)]
    assert len(set(tokens)) == 200 and all(re.fullmatch(r"[A-Za-z0-9_-]{43}", t) for t in tokens)
