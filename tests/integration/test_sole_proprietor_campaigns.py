"""A sole proprietor's one campaign (TCR 511) through the core services and real storage: a second campaign is
refused while the first is not EXPIRED (deactivated, or lapsed even before the scheduler ran) and allowed after;
other brands are not limited; the refusal names the existing campaign only to a caller who may see it (a project
key of another project may not: the Sinch registration path); two registrations racing for the brand do not both
pass (SQLite serialises the writers; on PostgreSQL the brand's version bump makes the second one fail)."""

from __future__ import annotations

import threading
import time
from datetime import timedelta
from typing import Any

import pytest

from tendlc.bootstrap import Container
from tendlc.core.accounts import project_service as projects
from tendlc.core.actor import Actor
from tendlc.core.brands import otp_service as otp
from tendlc.core.brands import service as brands
from tendlc.core.brands.model import Brand
from tendlc.core.campaigns import service as campaigns
from tendlc.core.clock import ManualClock
from tendlc.core.errors import ConcurrentUpdate, DomainError, MaxCampaignsExceeded
from tendlc.core.registrations import review
from tendlc.core.registrations import service as registrations
from tendlc.db.events_repo import events_for
from tests.factories import brand_body, campaign_body, sole_proprietor_body
from tests.integration.test_otp_service import make_actor

SOLE_CAMPAIGN = {"usecase": "SOLE_PROPRIETOR", "subUsecases": ["CUSTOMER_CARE"]}


@pytest.fixture
def actor(container: Container) -> Actor:
    return make_actor(container)


def verified_sole(container: Container, actor: Actor, run_workers: Any, **changes: Any) -> Brand:
    """A sole-proprietor brand whose mobile phone is verified by OTP (so it may register its campaign)."""
    with container.uow(write=True) as uow:
        made = brands.register(uow, container.ids, container.clock, actor, sole_proprietor_body(**changes),
                               container.identity_policy)
    run_workers()
    with container.uow(write=True) as uow:
        otp.trigger(uow, container.ids, container.clock, actor, made.brand_id, {"pinSms": "Code: @OTP_PIN@"})
    with container.uow(write=True) as uow:
        pin = [r["payload"]["otpPin"] for r in events_for(uow.conn, actor.cnp_id, 0, 1000)
               if r["event_type"] == "BRAND_MOCK_OTP"][-1]
        otp.verify(uow, container.clock, actor, made.brand_id, {"otpPin": pin}).raise_refusal()
    with container.uow() as uow:
        return brands.get(uow, actor, made.brand_id)


def add_campaign(container: Container, actor: Actor, brand_id: str, **changes: Any) -> str:
    with container.uow(write=True) as uow:
        return campaigns.register(uow, container.ids, container.clock, actor,
                                  campaign_body(brand_id, **{**SOLE_CAMPAIGN, **changes})).campaign_id


def deactivate(container: Container, actor: Actor, campaign_id: str) -> None:
    with container.uow(write=True) as uow:
        campaigns.deactivate(uow, container.clock, actor, campaign_id)


def test_one_campaign_until_it_is_deactivated(container: Container, actor: Actor, run_workers: Any) -> None:
    sole = verified_sole(container, actor, run_workers)
    first = add_campaign(container, actor, sole.brand_id)
    with pytest.raises(MaxCampaignsExceeded) as refused:
        add_campaign(container, actor, sole.brand_id, description="Another campaign for the same sole proprietor.")
    assert refused.value.code == "MAX_CAMPAIGNS_EXCEEDED" and refused.value.fields == ["brandId"]
    assert sole.brand_id in refused.value.message and f"campaign {first} is ACTIVE" in refused.value.message
    with container.uow() as uow:
        assert uow.campaigns.count_for_brand(sole.brand_id, active_only=False) == 1  # nothing was stored

    deactivate(container, actor, first)
    second = add_campaign(container, actor, sole.brand_id)
    with pytest.raises(MaxCampaignsExceeded) as again:
        add_campaign(container, actor, sole.brand_id)
    assert second in again.value.message and first not in again.value.message


def test_other_brands_are_not_limited(container: Container, actor: Actor, run_workers: Any) -> None:
    with container.uow(write=True) as uow:
        business = brands.register(uow, container.ids, container.clock, actor, brand_body(),
                                   container.identity_policy)
    run_workers()
    for _ in range(3):
        add_campaign(container, actor, business.brand_id, usecase="MIXED",
                     subUsecases=["ACCOUNT_NOTIFICATION", "CUSTOMER_CARE"])


def test_a_lapsed_campaign_no_longer_counts_even_before_the_scheduler(
        container: Container, actor: Actor, run_workers: Any, clock: ManualClock) -> None:
    sole = verified_sole(container, actor, run_workers)
    first = add_campaign(container, actor, sole.brand_id, autoRenewal=False)
    clock.advance(timedelta(days=120))  # past its up-front term; the scheduler has not run
    second = add_campaign(container, actor, sole.brand_id)
    with container.uow() as uow:
        assert campaigns.get(uow, actor, first).status == "EXPIRED"
        assert campaigns.get(uow, actor, second).status == "ACTIVE"


def test_the_refusal_names_the_campaign_only_to_who_may_see_it(container: Container, actor: Actor,
                                                               run_workers: Any) -> None:
    """A provider's project submits through the Sinch registration path for a brand of the account that already
    has a campaign registered with the account's own key: the submission fails with the registry's 511, and the
    feedback the project reads does not name the campaign it may not see."""
    sole = verified_sole(container, actor, run_workers, mock=True)  # a mock registration needs no DCA
    first = add_campaign(container, actor, sole.brand_id)
    with container.uow(write=True) as uow:
        project = projects.create_project(uow, container.ids, container.clock, actor, {"name": "Dentists"})
        submitted = registrations.submit(uow, container.ids, container.clock, actor, project.project_id, "Jane",
                                         campaign_body(sole.brand_id, **SOLE_CAMPAIGN))
        review.decide(uow, container.clock, actor, submitted.registration_id, "approve", None)
    with container.uow(write=True) as uow:
        r = uow.registrations.get(submitted.registration_id)
        assert r is not None
        failed = review.register_approved(uow, container.ids, container.clock, r)
    assert failed.status.value == "SUBMISSION_FAILED" and failed.campaign_id is None
    [problem] = failed.internal_errors
    assert problem.code == "MAX_CAMPAIGNS_EXCEEDED" and problem.source == "registry"
    assert sole.brand_id in problem.description and first not in problem.description

    mine = Actor(cnp_id=actor.cnp_id, kind="CSP", name=actor.name, via="test", project_id=project.project_id)
    with pytest.raises(MaxCampaignsExceeded) as hidden:
        add_campaign(container, mine, sole.brand_id)
    assert first not in hidden.value.message
    deactivate(container, actor, first)
    own = add_campaign(container, mine, sole.brand_id)  # registered for the project: the project sees it
    with pytest.raises(MaxCampaignsExceeded) as shown:
        add_campaign(container, mine, sole.brand_id)
    assert own in shown.value.message


def test_two_registrations_racing_do_not_both_pass(container: Container, actor: Actor, run_workers: Any) -> None:
    sole = verified_sole(container, actor, run_workers)
    outcome: list[BaseException | str] = []

    def second() -> None:
        try:
            outcome.append(add_campaign(container, actor, sole.brand_id))
        except DomainError as exc:
            outcome.append(exc)

    with container.uow(write=True) as uow:
        first = campaigns.register(uow, container.ids, container.clock, actor,
                                   campaign_body(sole.brand_id, **SOLE_CAMPAIGN)).campaign_id
        racer = threading.Thread(target=second)
        racer.start()
        time.sleep(0.5)
        # SQLite: waiting for the writer lock; PostgreSQL: waiting on the brand row the first one updated.
        assert racer.is_alive() and not outcome
    racer.join(timeout=30)
    [result] = outcome
    assert isinstance(result, MaxCampaignsExceeded | ConcurrentUpdate), result
    with container.uow() as uow:
        assert campaigns.get(uow, actor, first).status == "ACTIVE"
        assert uow.campaigns.count_for_brand(sole.brand_id, active_only=False) == 1
    with pytest.raises(MaxCampaignsExceeded):  # and a retry of the loser gets the 511
        add_campaign(container, actor, sole.brand_id)
