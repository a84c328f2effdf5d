"""The carrier review transition table, policy resolution and the terms check behind the ``rules`` policy."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tendlc.core.carriers.policies import Mode, Policy, load_policies, parse_policies
from tendlc.core.carriers.review import TRANSITIONS, MnoReview, OperationStatus, ReviewAction, next_operation_status
from tendlc.core.carriers.terms_check import terms_violations
from tendlc.core.errors import InvalidInput, OperationDeclined

AT = datetime(2026, 1, 1, tzinfo=UTC)


def review(status: OperationStatus) -> MnoReview:
    return MnoReview(campaign_id="CABC123", mno_id=10017, dca_id="DCAONE", status=status, opened_at=AT,
                     status_date=AT)


@pytest.mark.parametrize("status", list(OperationStatus))
@pytest.mark.parametrize("action", list(ReviewAction))
def test_every_pair_is_either_in_the_table_or_refused_naming_what_is_possible(status: OperationStatus,
                                                                              action: ReviewAction) -> None:
    if (status, action) in TRANSITIONS:
        assert next_operation_status(review(status), action) is TRANSITIONS[(status, action)]
    else:
        with pytest.raises(OperationDeclined) as refused:
            next_operation_status(review(status), action)
        assert status.value in refused.value.message and "AT&T" in refused.value.message


def test_the_life_the_issue_names() -> None:
    assert TRANSITIONS[(OperationStatus.REVIEW, ReviewAction.APPROVE)] is OperationStatus.REGISTERED
    assert TRANSITIONS[(OperationStatus.REVIEW, ReviewAction.REJECT)] is OperationStatus.REJECTED
    assert TRANSITIONS[(OperationStatus.REGISTERED, ReviewAction.SUSPEND)] is OperationStatus.SUSPENDED
    assert TRANSITIONS[(OperationStatus.SUSPENDED, ReviewAction.UNSUSPEND)] is OperationStatus.REGISTERED
    assert TRANSITIONS[(OperationStatus.REJECTED, ReviewAction.RESUBMIT)] is OperationStatus.REVIEW


def test_the_most_specific_policy_wins() -> None:
    policies = parse_policies({"mnoReview": [
        {"mode": "manual"},
        {"mnoId": 10017, "mode": "rules"},
        {"dcaId": "DCAONE", "mode": "auto", "delaySeconds": 60},
        {"dcaId": "DCAONE", "mnoId": 10035, "mode": "auto", "outcome": "reject", "reason": "no"},
    ]})
    default = Policy(mode=Mode.AUTO)
    assert policies.for_review("OTHER", 10038, default).mode is Mode.MANUAL
    assert policies.for_review("OTHER", 10017, default).mode is Mode.RULES
    assert policies.for_review("DCAONE", 10017, default).delay_seconds == 60
    assert policies.for_review("DCAONE", 10035, default).reason == "no"
    assert parse_policies({}).for_review("X", 10017, default) is default
    assert parse_policies({}).for_share("X").mode is Mode.MANUAL  # real DCAs decide unless told otherwise


def test_policy_problems_are_named_by_path_and_old_documents_are_ignored() -> None:
    with pytest.raises(InvalidInput) as bad:
        parse_policies({"share": [{"mode": "auto"}, {"extra": 1}], "mnoReview": [{"delaySeconds": "soon"}]})
    assert bad.value.fields == ["mnoReview[0].delaySeconds", "share[1].extra"]
    with pytest.raises(InvalidInput) as bad:
        parse_policies({"share": [{"rejectionCategories": ["NOPE"]}]})
    assert bad.value.fields == ["share[0]"] and "NOPE" in bad.value.message
    assert load_policies({"mnoReview": [{"mode": "gone"}]}).mno_review == []
    assert load_policies(None).share == []


def test_terms_violations_say_what_to_change() -> None:
    from tendlc.core.campaigns.model import Campaign

    campaign = Campaign(campaign_id="CABC123", csp_id="SABC123", brand_id="BABC123", usecase="MIXED",
                        description="d" * 40, message_flow="m" * 40, sample1="s" * 20, create_date=AT,
                        subscriber_optin=False, subscriber_help=True, embedded_link=True)
    terms = {"mno": "AT&T", "mnoSupport": True, "qualify": True, "minMsgSamples": 2, "reqSubscriberOptin": True,
             "reqSubscriberHelp": True, "noEmbeddedLink": True}
    found = terms_violations(campaign, terms)
    assert any("at least 2 sample messages" in f and "has 1" in f for f in found)
    assert any("subscriberOptin" in f for f in found)
    assert any("embedded links" in f for f in found)
    assert not any("help" in f for f in found)
    assert terms_violations(campaign, {**terms, "mnoSupport": False})[0].startswith("AT&T does not support")
    fixed = campaign.model_copy(update={"sample2": "t" * 20, "subscriber_optin": True, "embedded_link": False})
    assert terms_violations(fixed, terms) == []
