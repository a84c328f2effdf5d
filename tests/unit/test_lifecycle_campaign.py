"""The campaign registry lifecycle (ACTIVE → EXPIRED, nothing back) and renewal date arithmetic."""

from __future__ import annotations

from datetime import date
from itertools import product

import pytest

from tendlc.core.campaigns.lifecycle import TRANSITIONS, CampaignAction, CampaignStatus, next_status
from tendlc.core.campaigns.service import add_months
from tendlc.core.catalog.registry import CAMPAIGN_STATUSES
from tendlc.core.errors import ALL_ERROR_CODES, CampaignExpired

A, E = CampaignStatus.ACTIVE, CampaignStatus.EXPIRED
EXPECTED: dict[tuple[CampaignStatus, CampaignAction], CampaignStatus | None] = {
    (A, CampaignAction.UPDATE): A,
    (A, CampaignAction.DEACTIVATE): E,
    (A, CampaignAction.EXPIRE): E,
    (E, CampaignAction.UPDATE): None,
    (E, CampaignAction.DEACTIVATE): None,
    (E, CampaignAction.EXPIRE): None,
}


def test_the_expected_table_covers_every_status_and_action() -> None:
    assert set(EXPECTED) == set(product(CampaignStatus, CampaignAction))


def test_the_statuses_are_the_published_campaign_statuses() -> None:
    assert {s.value for s in CampaignStatus} == set(CAMPAIGN_STATUSES)


@pytest.mark.parametrize(("status", "action"), list(product(CampaignStatus, CampaignAction)))
def test_every_status_and_action(status: CampaignStatus, action: CampaignAction) -> None:
    expected = EXPECTED[(status, action)]
    if expected is None:
        with pytest.raises(CampaignExpired) as caught:
            next_status(status.value, action, "C9XYZ12")
        assert caught.value.code == "CAMPAIGN_EXPIRED" and caught.value.code in ALL_ERROR_CODES
        assert caught.value.fields == ["campaignId"]
        assert "C9XYZ12" in caught.value.message and "expired" in caught.value.message
    else:
        assert next_status(status.value, action, "C9XYZ12") is expected


def test_nothing_leads_out_of_expired() -> None:
    assert not [k for k in TRANSITIONS if k[0] is E]


def test_expired_is_reached_only_by_deactivating_or_expiring() -> None:
    into_expired = {action for (status, action), to in TRANSITIONS.items() if to is E}
    assert into_expired == {CampaignAction.DEACTIVATE, CampaignAction.EXPIRE}


@pytest.mark.parametrize(("start", "months", "expected"), [
    (date(2026, 1, 31), 1, date(2026, 2, 28)),
    (date(2028, 1, 31), 1, date(2028, 2, 29)),  # leap year
    (date(2100, 1, 31), 1, date(2100, 2, 28)),  # century, not a leap year
    (date(2000, 1, 31), 1, date(2000, 2, 29)),  # 400-year rule, a leap year
    (date(2026, 3, 31), 1, date(2026, 4, 30)),
    (date(2026, 1, 30), 1, date(2026, 2, 28)),
    (date(2026, 1, 28), 1, date(2026, 2, 28)),
    (date(2026, 1, 15), 1, date(2026, 2, 15)),
    (date(2026, 12, 15), 1, date(2027, 1, 15)),
    (date(2026, 12, 31), 1, date(2027, 1, 31)),
    (date(2026, 11, 30), 3, date(2027, 2, 28)),
    (date(2027, 11, 30), 3, date(2028, 2, 29)),
    (date(2026, 10, 31), 3, date(2027, 1, 31)),
    (date(2026, 8, 31), 6, date(2027, 2, 28)),
    (date(2026, 5, 31), 12, date(2027, 5, 31)),
    (date(2028, 2, 29), 12, date(2029, 2, 28)),
    (date(2026, 6, 30), 24, date(2028, 6, 30)),
    (date(2026, 7, 4), 0, date(2026, 7, 4)),
    (date(2026, 3, 31), -1, date(2026, 2, 28)),
    (date(2026, 1, 31), -1, date(2025, 12, 31)),
])
def test_add_months(start: date, months: int, expected: date) -> None:
    assert add_months(start, months) == expected


def test_add_months_one_at_a_time_never_skips_a_month() -> None:
    day = date(2026, 1, 31)
    for i in range(1, 49):
        later = add_months(day, i)
        assert (later.year - day.year) * 12 + later.month - day.month == i
