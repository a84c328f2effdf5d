"""Carrier terms: selection by vetting-score band and use case at each band edge, fees per use case, and
the table's editions taking over on their effective dates."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest

from tendlc.core.brands.model import Brand
from tendlc.core.carriers.qualify import (
    Standing,
    edition_on,
    mno_metadata,
    registration_terms,
    terms_for,
    usecase_metadata,
)
from tendlc.core.carriers.terms import (
    ATT,
    EDITIONS,
    TMOBILE,
    US_CELLULAR,
    VERIZON,
    Fee,
    TermsEdition,
    UsecaseTerms,
)
from tendlc.core.catalog.usecases import USECASES
from tendlc.core.errors import CampaignRejected

TODAY = date(2026, 1, 1)
CURRENT = edition_on(TODAY)


def att(score: int | None, usecase: str = "MIXED", **standing: bool) -> dict[str, object]:
    return mno_metadata(CURRENT, Standing(score=score, **standing), usecase)[str(ATT)]


def tmo(score: int | None, usecase: str = "MIXED", **standing: bool) -> dict[str, object]:
    return mno_metadata(CURRENT, Standing(score=score, **standing), usecase)[str(TMOBILE)]


def brand(**changes: object) -> Brand:
    fields: dict[str, object] = {"brand_id": "B1AAAAA", "csp_id": "S1AAAAA", "create_date": datetime(2025, 1, 1,
                                 tzinfo=UTC), "identity_status": "VERIFIED", "entity_type": "PRIVATE_PROFIT"}
    fields.update(changes)
    return Brand(**fields)


# --- AT&T ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("score", "mixed", "dedicated", "tpm", "mms"), [
    (None, "F", "E", 240, 150), (0, "F", "E", 240, 150), (1, "F", "E", 240, 150), (49, "F", "E", 240, 150),
    (50, "D", "C", 2400, 1200), (74, "D", "C", 2400, 1200),
    (75, "B", "A", 4500, 2400), (100, "B", "A", 4500, 2400),
])
def test_att_class_by_score_band_and_usecase_type(score: int | None, mixed: str, dedicated: str, tpm: int,
                                                   mms: int) -> None:
    for usecase, expected in (("MIXED", mixed), ("MARKETING", mixed), ("2FA", dedicated),
                              ("ACCOUNT_NOTIFICATION", dedicated)):
        meta = att(score, usecase)
        assert (meta["msgClass"], meta["tpm"], meta["mmsTpm"], meta["tpmScope"]) == (expected, tpm, mms,
                                                                                       "CAMPAIGN"), usecase


@pytest.mark.parametrize(("usecase", "klass", "tpm", "mms", "scope"), [
    ("LOW_VOLUME", "T", 75, 50, "CAMPAIGN"), ("SOLE_PROPRIETOR", "W", 15, 50, "CAMPAIGN"),
    ("POLITICAL", "K", 4500, 2400, "CAMPAIGN"), ("CHARITY", "P", 2400, 1200, "CAMPAIGN"),
    ("SOCIAL", "S", 9000, 2400, "CAMPAIGN"), ("EMERGENCY", "X", 4500, 2400, "CAMPAIGN"),
    ("PROXY", "G", 60, 50, "PHONE_NUMBER"), ("AGENTS_FRANCHISES", "N", 60, 50, "PHONE_NUMBER"),
])
def test_att_special_classes_do_not_move_with_the_score(usecase: str, klass: str, tpm: int, mms: int,
                                                        scope: str) -> None:
    for score in (None, 10, 60, 90):
        meta = att(score, usecase, russell3000=score == 90)
        assert (meta["msgClass"], meta["tpm"], meta["mmsTpm"], meta["tpmScope"]) == (klass, tpm, mms, scope)


def test_att_russell3000_and_government_brands_get_the_top_class_unvetted() -> None:
    assert att(None, "MIXED", russell3000=True)["msgClass"] == "B"
    assert att(None, "2FA", government=True)["msgClass"] == "A"


def test_att_requires_subscriber_flags_and_two_samples_for_mixed() -> None:
    meta = att(None, "MIXED")
    assert meta["minMsgSamples"] == 2
    assert meta["reqSubscriberOptin"] and meta["reqSubscriberOptout"] and meta["reqSubscriberHelp"]
    assert att(None, "2FA")["minMsgSamples"] == 1


# --- T-Mobile --------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("score", "tier", "cap"), [
    (None, "LOW", 2000), (0, "LOW", 2000), (24, "LOW", 2000), (25, "LOWER_MID", 10000), (49, "LOWER_MID", 10000),
    (50, "UPPER_MID", 40000), (74, "UPPER_MID", 40000), (75, "TOP", 200000), (100, "TOP", 200000),
])
def test_tmobile_tier_by_score_band(score: int | None, tier: str, cap: int) -> None:
    for usecase in ("MIXED", "2FA", "CUSTOMER_CARE"):
        meta = tmo(score, usecase)
        assert (meta["brandTier"], meta["brandDailyCap"]) == (tier, cap)
        assert "msgClass" not in meta


def test_tmobile_russell3000_is_uncapped_without_a_cap_key() -> None:
    meta = tmo(None, "MIXED", russell3000=True)
    assert meta["brandTier"] == "UNCAPPED" and "brandDailyCap" not in meta
    assert tmo(30, "2FA", russell3000=True)["brandTier"] == "UNCAPPED"


@pytest.mark.parametrize(("usecase", "cap"), [("SOLE_PROPRIETOR", 1000), ("LOW_VOLUME", 2000)])
def test_tmobile_fixed_caps_whatever_the_score(usecase: str, cap: int) -> None:
    for score, big in ((None, False), (80, False), (None, True)):
        meta = tmo(score, usecase, russell3000=big)
        assert (meta["brandTier"], meta["brandDailyCap"]) == ("LOW", cap)


# --- every MNO, support, review, vetting ------------------------------------------------------------------

def test_every_mno_answers_with_tcr_keys() -> None:
    per_mno = mno_metadata(CURRENT, Standing(), "MIXED")
    assert set(per_mno) == {str(ATT), str(TMOBILE), str(US_CELLULAR), str(VERIZON)}
    common = {"mno", "mnoSupport", "mnoReview", "qualify", "minMsgSamples", "reqSubscriberOptin",
              "reqSubscriberOptout", "reqSubscriberHelp", "noEmbeddedLink", "noEmbeddedPhone"}
    for meta in per_mno.values():
        assert common <= set(meta)
    assert per_mno[str(VERIZON)] == {"mno": "Verizon Wireless", "mnoSupport": True, "mnoReview": False,
                                     "qualify": True, "minMsgSamples": 1, "reqSubscriberOptin": False,
                                     "reqSubscriberOptout": False, "reqSubscriberHelp": False,
                                     "noEmbeddedLink": False, "noEmbeddedPhone": False}
    assert set(mno_metadata(CURRENT, Standing(), "MIXED", [TMOBILE])) == {str(TMOBILE)}


def test_special_usecases_need_review_and_some_need_vetting() -> None:
    assert tmo(None, "PROXY")["mnoReview"] is True and tmo(None, "MIXED")["mnoReview"] is False
    for usecase in ("SOCIAL", "POLITICAL"):
        assert all(not m["qualify"] for m in mno_metadata(CURRENT, Standing(), usecase).values())
        assert all(m["qualify"] for m in mno_metadata(CURRENT, Standing(score=10), usecase).values())


def test_an_unverified_brand_qualifies_nowhere() -> None:
    assert all(not m["qualify"] for m in mno_metadata(CURRENT, Standing(verified=False), "2FA").values())


def test_standing_of_a_brand() -> None:
    assert Standing.of(brand(evp_vetting_score=62)) == Standing(score=62)
    assert Standing.of(brand(optional_attributes={"russell3000": True})).russell3000
    assert Standing.of(brand(entity_type="GOVERNMENT")).government
    assert not Standing.of(brand(entity_type="GOVERNMENT", identity_status="UNVERIFIED")).government


# --- fees ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("usecase", "monthly"), [
    ("MIXED", 10.0), ("2FA", 10.0), ("MARKETING", 10.0), ("POLITICAL", 10.0), ("LOW_VOLUME", 1.5),
    ("SOLE_PROPRIETOR", 2.0), ("CHARITY", 3.0), ("EMERGENCY", 5.0), ("AGENTS_FRANCHISES", 30.0), ("TRIAL", 0.0),
])
def test_fees_per_usecase(usecase: str, monthly: float) -> None:
    found = usecase_metadata(CURRENT, Standing(), usecase)
    assert (found["monthlyFee"], found["quarterlyFee"], found["annualFee"]) == (
        monthly, round(monthly * 3, 2), round(monthly * 12, 2))
    assert found["minSubUsecases"] == USECASES[usecase].min_sub_usecases
    assert found["maxSubUsecases"] == USECASES[usecase].max_sub_usecases


def test_setup_fee_of_tmobile_dropped_on_2022_10_24() -> None:
    assert edition_on(date(2022, 10, 23)).fees.for_usecase("MIXED") == Fee(10.0, setup=50.0)
    assert edition_on(date(2022, 10, 24)).fees.for_usecase("MIXED") == Fee(10.0)


def test_packaged_editions_are_dated_and_sourced() -> None:
    days = [e.effective for e in EDITIONS]
    assert days == sorted(days) and len(set(days)) == len(days)
    for edition in EDITIONS:
        assert edition.fees.source and all(m.source for m in edition.mnos)
    assert edition_on(date(2025, 10, 31)).fees.for_usecase("LOW_VOLUME").monthly == 2.0
    assert edition_on(date(2025, 11, 1)).fees.for_usecase("LOW_VOLUME").monthly == 1.5
    with pytest.raises(LookupError):
        edition_on(date(2020, 1, 1))


# --- editions --------------------------------------------------------------------------------------------

def two_editions() -> tuple[TermsEdition, TermsEdition]:
    first = CURRENT
    at_t = first.mno(ATT)
    assert at_t is not None
    stricter = replace(at_t, base=UsecaseTerms(min_samples=3), usecases={})
    second = replace(first, version="2030.01", effective=date(2030, 1, 1),
                     mnos=tuple(stricter if m.network_id == ATT else m for m in first.mnos),
                     fees=replace(first.fees, default=Fee(12.0)))
    return first, second


def test_a_later_edition_takes_over_on_its_effective_date() -> None:
    table = two_editions()
    b = brand()
    before = terms_for(b, "2FA", date(2029, 12, 31), editions=table)
    after = terms_for(b, "2FA", date(2030, 1, 1), editions=table)
    assert before["monthlyFee"] == 10.0 and after["monthlyFee"] == 12.0
    assert before["mnoMetadata"][str(ATT)]["minMsgSamples"] == 1
    assert after["mnoMetadata"][str(ATT)]["minMsgSamples"] == 3
    assert edition_on(date(2030, 6, 1), table[::-1]).version == "2030.01"  # order of the table does not matter


def test_registration_refuses_a_campaign_qualifying_on_no_carrier() -> None:
    b = brand()
    terms = registration_terms(b, "MIXED", None, 2, TODAY)
    assert terms.monthly_fee == 10.0 and terms.upfront_months == 3 and len(terms.mno_metadata) == 4
    assert set(registration_terms(b, "MIXED", [ATT], 2, TODAY).mno_metadata) == {str(ATT)}
    with pytest.raises(CampaignRejected, match="AT&T needs at least 2 sample"):
        registration_terms(b, "MIXED", [ATT], 1, TODAY)
    with pytest.raises(CampaignRejected, match="does not qualify"):
        registration_terms(b, "SOCIAL", None, 3, TODAY)
    first, second = two_editions()
    registration_terms(b, "2FA", [ATT], 2, date(2029, 12, 31), editions=(first, second))
    with pytest.raises(CampaignRejected):
        registration_terms(b, "2FA", [ATT], 2, date(2030, 1, 1), editions=(first, second))
