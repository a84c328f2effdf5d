"""Readiness as a table: every stage from the inputs that lead to it, the order of the checks, and the
dialect maps (every stage has a RumbleUp word; every core error code a RumbleUp status)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tendlc.core.campaigns.model import Campaign
from tendlc.core.carriers.review import MnoReview, OperationStatus
from tendlc.core.errors import ALL_ERROR_CODES
from tendlc.core.numbers.model import AssignmentStatus, PhoneNumber
from tendlc.core.readiness.derive import readiness
from tendlc.core.readiness.model import STAGES, Acceptance, NumberTally, ProviderAcceptance, Stage
from tendlc.core.sharing.model import Chain, SharingLink, SharingStatus
from tendlc.dialects.rumbleup.errors import HTTP_STATUS
from tendlc.dialects.rumbleup.translate import STATUS_OF, STATUS_WORDS, rumbleup_time, volume_band

AT = datetime(2026, 1, 1, tzinfo=UTC)
ATT, TMO = 10017, 10035
CSP, CNP, DCA = "SOWNER1", "SCNP001", "DCAONE"


def campaign(status: str = "ACTIVE", mnos: tuple[int, ...] = (ATT, TMO)) -> Campaign:
    return Campaign(campaign_id="CABC123", csp_id=CSP, brand_id="BABC123", usecase="MIXED",
                    description="d" * 40, message_flow="f" * 40, create_date=AT, status=status, mno_ids=list(mnos))


def link(hop: int, down: str, up: str, status: SharingStatus, dca: bool, excluded: tuple[int, ...] = (),
         explanation: str | None = None) -> SharingLink:
    return SharingLink(link_id=f"L{hop}", campaign_id="CABC123", hop=hop, downstream_cnp_id=down,
                       upstream_cnp_id=up, upstream_is_dca=dca, sharing_status=status, shared_date=AT,
                       status_date=AT, explanation=explanation, excluded_mno_ids=list(excluded))


def chain(*links: SharingLink) -> Chain:
    return Chain("CABC123", CSP, False, tuple(links))


EMPTY = chain()
TO_CNP = link(1, CSP, CNP, SharingStatus.PENDING, False)
CNP_FORWARDED = link(1, CSP, CNP, SharingStatus.ACCEPTED, False)
COMPLETE = chain(CNP_FORWARDED, link(2, CNP, DCA, SharingStatus.ACCEPTED, True))


def review(mno: int, status: OperationStatus, reason: str | None = None) -> MnoReview:
    return MnoReview(campaign_id="CABC123", mno_id=mno, dca_id=DCA, status=status, opened_at=AT, status_date=AT,
                     reason=reason)


def number(e164: str, status: AssignmentStatus | None, campaign_id: str | None = "CABC123") -> PhoneNumber:
    return PhoneNumber(e164=e164, cnp_id=CSP, campaign_id=campaign_id, assignment_status=status, created_at=AT,
                       updated_at=AT)


REGISTERED = [review(ATT, OperationStatus.REGISTERED), review(TMO, OperationStatus.REGISTERED)]
ASSIGNED = [number("+12025550143", AssignmentStatus.ASSIGNED), number("+12025550142", AssignmentStatus.ASSIGNED)]

# (case, campaign, chain, reviews, numbers, provider) -> stage, words the reason must hold
TABLE = [
    ("expired", campaign("EXPIRED"), COMPLETE, REGISTERED, ASSIGNED, None, Stage.EXPIRED, "register a new"),
    ("shared with nobody", campaign(), EMPTY, [], [], None, Stage.NOT_SHARED, "share it with a CNP or a DCA"),
    ("provider has not accepted", campaign(), chain(TO_CNP), [], [], ProviderAcceptance(CNP, Acceptance.PENDING),
     Stage.PROVIDER_REVIEW, f"waiting for the provider {CNP}"),
    ("provider declined", campaign(), chain(link(1, CSP, CNP, SharingStatus.DECLINED, False, explanation="No opt-in")),
     [], [], ProviderAcceptance(CNP, Acceptance.DECLINED, "No opt-in"), Stage.SHARE_DECLINED, "No opt-in"),
    ("pending with a CNP", campaign(), chain(TO_CNP), [], [], None, Stage.SHARE_PENDING, f"waiting for {CNP}"),
    ("CNP accepted but shared no further", campaign(), chain(CNP_FORWARDED), [], [], None, Stage.SHARE_PENDING,
     "share it with a DCA"),
    ("declined upstream", campaign(), chain(link(1, CSP, CNP, SharingStatus.DECLINED, False, explanation="Vague")),
     [], [], None, Stage.SHARE_DECLINED, "Vague"),
    ("DCA reviewing", campaign(), chain(CNP_FORWARDED, link(2, CNP, DCA, SharingStatus.PENDING, True)), [], [], None,
     Stage.DCA_REVIEW, "waiting for the DCA"),
    ("carriers reviewing", campaign(), COMPLETE, [review(ATT, OperationStatus.REVIEW)], [], None,
     Stage.CARRIER_REVIEW, "AT&T, T-Mobile"),
    ("a review not open yet", campaign(), COMPLETE, [review(ATT, OperationStatus.REGISTERED)], [], None,
     Stage.CARRIER_REVIEW, "T-Mobile"),
    ("a carrier rejected", campaign(), COMPLETE,
     [review(ATT, OperationStatus.REJECTED, "Sample 2 is vague"), review(TMO, OperationStatus.REVIEW)], [], None,
     Stage.CARRIER_REJECTED, "AT&T rejected it: Sample 2 is vague"),
    ("accepted for no carrier", campaign(),
     chain(CNP_FORWARDED, link(2, CNP, DCA, SharingStatus.ACCEPTED, True, excluded=(ATT, TMO))), [], [], None,
     Stage.CARRIER_REJECTED, "for no carrier"),
    ("a carrier suspended", campaign(), COMPLETE,
     [review(ATT, OperationStatus.SUSPENDED, "Spam"), review(TMO, OperationStatus.REJECTED, "x")], ASSIGNED, None,
     Stage.SUSPENDED, "AT&T suspended it: Spam"),
    ("registered, no numbers", campaign(), COMPLETE, REGISTERED, [], None, Stage.NUMBERS_PENDING,
     "assign numbers"),
    ("numbers being assigned", campaign(), COMPLETE, REGISTERED,
     [number("+12025550142", AssignmentStatus.PENDING_ASSIGNMENT)], None, Stage.NUMBERS_PENDING, "being assigned"),
    ("assignment failed", campaign(), COMPLETE, REGISTERED,
     [number("+12025550142", AssignmentStatus.FAILED_ASSIGNMENT)], None, Stage.NUMBERS_PENDING, "failed"),
    ("numbers of another campaign", campaign(), COMPLETE, REGISTERED,
     [number("+12025550142", AssignmentStatus.ASSIGNED, "CZZZ999")], None, Stage.NUMBERS_PENDING, "assign"),
    ("ready", campaign(), COMPLETE, REGISTERED, ASSIGNED, ProviderAcceptance(CSP, Acceptance.ACCEPTED),
     Stage.ACTIVE, None),
]


@pytest.mark.parametrize(("case", "c", "ch", "reviews", "numbers", "provider", "stage", "words"), TABLE,
                         ids=[row[0] for row in TABLE])
def test_every_stage(case: str, c: Campaign, ch: Chain, reviews: list[MnoReview], numbers: list[PhoneNumber],
                     provider: ProviderAcceptance | None, stage: Stage, words: str | None) -> None:
    r = readiness(c, ch, reviews, numbers, provider)
    assert r.stage is stage
    assert r.ok is (stage is Stage.ACTIVE)
    if words is None:
        assert r.reason is None
    else:
        assert r.reason is not None and words in r.reason and "CABC123" in r.reason


def test_the_table_reaches_every_stage() -> None:
    assert {row[6] for row in TABLE} == set(Stage)


def test_stages_are_ordered_by_progress() -> None:
    assert STAGES[0] is Stage.NOT_SHARED and Stage.ACTIVE.step == len(STAGES) - 2
    assert Stage.SHARE_PENDING.step < Stage.DCA_REVIEW.step < Stage.CARRIER_REVIEW.step < Stage.NUMBERS_PENDING.step


def test_proxy_only_once_active_in_number_order() -> None:
    r = readiness(campaign(), COMPLETE, REGISTERED, ASSIGNED)
    assert r.provisioned == ("+12025550142", "+12025550143")
    assert r.carriers == ((ATT, "REGISTERED"), (TMO, "REGISTERED"))
    blocked = readiness(campaign(), COMPLETE, [review(ATT, OperationStatus.SUSPENDED, "x")], ASSIGNED)
    assert blocked.provisioned == () and blocked.carriers == ((ATT, "SUSPENDED"), (TMO, "PENDING"))


def test_counted_numbers_give_the_same_stage_as_listed_ones() -> None:
    counted = readiness(campaign(), COMPLETE, REGISTERED, NumberTally(assigned=2, listed=False))
    assert counted.ok and counted.provisioned == () and counted.numbers_assigned == 2
    waiting = readiness(campaign(), COMPLETE, REGISTERED, NumberTally(pending=4, listed=False))
    assert waiting.stage is Stage.NUMBERS_PENDING and "4 number(s) are being assigned" in (waiting.reason or "")
    listed = readiness(campaign(), COMPLETE, REGISTERED, ASSIGNED)
    assert listed.numbers_assigned == 2 and listed.stage is counted.stage


def test_excluded_carriers_do_not_count() -> None:
    ch = chain(CNP_FORWARDED, link(2, CNP, DCA, SharingStatus.ACCEPTED, True, excluded=(TMO,)))
    r = readiness(campaign(), ch, [review(ATT, OperationStatus.REGISTERED), review(TMO, OperationStatus.REJECTED)],
                  ASSIGNED)
    assert r.ok and r.carriers == ((ATT, "REGISTERED"),)


def test_reasons_name_only_parties_the_viewer_may_know() -> None:
    ch = chain(CNP_FORWARDED, link(2, CNP, DCA, SharingStatus.PENDING, True))
    assert DCA not in (readiness(campaign(), ch, [], [], viewer=CSP).reason or "")
    assert "hop 2 (DCA)" in (readiness(campaign(), ch, [], [], viewer=CSP).reason or "")
    assert DCA in (readiness(campaign(), ch, [], [], viewer=CNP).reason or "")


def test_rumbleup_has_a_word_for_every_stage_and_a_status_for_every_error() -> None:
    assert set(STATUS_OF) == set(Stage)
    assert set(STATUS_OF.values()) == set(STATUS_WORDS) and len(STATUS_WORDS) == 6
    assert set(ALL_ERROR_CODES) <= set(HTTP_STATUS)


def test_rumbleup_formats() -> None:
    assert rumbleup_time(datetime(2025, 4, 1, 16, 0, tzinfo=UTC)) == "04/01/2025 12:00 EDT"
    assert rumbleup_time(datetime(2025, 1, 10, 17, 0, tzinfo=UTC)) == "01/10/2025 12:00 EST"
    assert volume_band([]) == "0-1000" and volume_band([1500, 1700]) == "1000-2000"
    assert volume_band([999_999]) == "200000+"
