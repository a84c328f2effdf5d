"""Campaign update rules (``reference/tcr-api.md`` §3.2) through the core service and real storage:
mutable fields change, immutable ones are refused unless sent unchanged, the reseller can only be
removed, once, and the conditional requirements are checked again on the merged campaign."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest

from tendlc.bootstrap import Container
from tendlc.core.accounts import service as accounts
from tendlc.core.actor import Actor
from tendlc.core.brands import service as brands
from tendlc.core.campaigns import service as campaigns
from tendlc.core.campaigns.model import Campaign
from tendlc.core.errors import CampaignExpired, InvalidInput, NotFound
from tendlc.core.ids import NO_RESELLER
from tests.factories import brand_body, campaign_body


def new_csp(container: Container, name: str = "Acme Messaging") -> Actor:
    with container.uow(write=True) as uow:
        account = accounts.create_account(uow, container.ids, container.clock, "csp", name)
    return Actor(cnp_id=account.cnp_id, kind="CSP", name=account.name, via="test")


def verified_brand(container: Container, run_workers: Any, actor: Actor, **changes: Any) -> str:
    with container.uow(write=True) as uow:
        brand = brands.register(uow, container.ids, container.clock, actor, brand_body(**changes),
                                container.identity_policy)
    run_workers()
    return brand.brand_id


def register(container: Container, actor: Actor, body: dict[str, Any]) -> Campaign:
    with container.uow(write=True) as uow:
        return campaigns.register(uow, container.ids, container.clock, actor, body)


def update(container: Container, actor: Actor, campaign_id: str, body: Any) -> Campaign:
    with container.uow(write=True) as uow:
        return campaigns.update(uow, container.clock, actor, campaign_id, body)


def read(container: Container, actor: Actor, campaign_id: str) -> Campaign:
    with container.uow() as uow:
        return campaigns.get(uow, actor, campaign_id)


def refused(container: Container, actor: Actor, campaign_id: str, body: Any) -> dict[str, str]:
    """Field → message of a refused update; the stored campaign must be unchanged."""
    before = read(container, actor, campaign_id)
    with pytest.raises(InvalidInput) as caught:
        update(container, actor, campaign_id, body)
    assert read(container, actor, campaign_id) == before
    return {p.field: p.message for p in caught.value.problems}


@dataclass
class Setup:
    container: Container
    actor: Actor
    brand_id: str
    other_brand_id: str
    body: dict[str, Any]
    campaign: Campaign


@pytest.fixture
def setup(container: Container, run_workers: Any) -> Setup:
    actor = new_csp(container)
    brand_id = verified_brand(container, run_workers, actor)
    other = verified_brand(container, run_workers, actor, displayName="Acme Ortho", companyName="Acme Ortho LLC")
    body = campaign_body(brand_id, referenceId="ref-1", tag=["VIP", "Spring-Promo"], mnoIds=[10038, 10017],
                         sample3="Acme Dental: your new patient forms are ready. Reply STOP to opt out.")
    return Setup(container, actor, brand_id, other, body, register(container, actor, body))


# ---- mutable fields -------------------------------------------------------------------------------------

MUTABLE = [
    ("description", "Appointment reminders, billing notices and care follow-ups for Acme Dental patients."),
    ("messageFlow", "Patients opt in at the front desk on a signed paper form that names the SMS program."),
    ("sample1", "Acme Dental: reminder, your checkup is tomorrow at 9am. Reply STOP to opt out."),
    ("sample4", "Acme Dental: your invoice is ready at https://acmedental.example/pay. STOP to end."),
    ("sample3", None),
    ("helpMessage", "Acme Dental: help is at +12025550142 or help@acmedental.example. STOP to end."),
    ("optinMessage", "Acme Dental: welcome to appointment alerts. Msg&data rates may apply. STOP to end."),
    ("optoutMessage", "Acme Dental: you will get no more messages. Reply START to join again."),
    ("optinKeywords", "START,JOIN"),
    ("optoutKeywords", "STOP,END,CANCEL"),
    ("helpKeywords", "HELP,INFO"),
    ("privacyPolicyLink", "https://acmedental.example/privacy"),
    ("termsAndConditionsLink", "https://acmedental.example/terms"),
    ("embeddedLinkSample", "https://acmedental.example/pay"),
    ("embeddedLink", True),
    ("embeddedPhone", True),
    ("numberPool", True),
    ("ageGated", True),
    ("directLending", True),
    ("autoRenewal", False),
]


@pytest.mark.parametrize(("field", "value"), MUTABLE)
def test_a_mutable_field_can_be_changed(setup: Setup, field: str, value: Any) -> None:
    c = setup.campaign
    saved = update(setup.container, setup.actor, c.campaign_id, {field: value})
    stored = read(setup.container, setup.actor, c.campaign_id)
    assert saved == stored
    assert stored.model_dump(by_alias=True)[field] == value
    assert stored.version == c.version + 1
    untouched = {k: v for k, v in c.model_dump(by_alias=True).items() if k not in (field, "version")}
    assert {k: v for k, v in stored.model_dump(by_alias=True).items() if k in untouched} == untouched


def test_several_mutable_fields_change_in_one_update(setup: Setup) -> None:
    c = setup.campaign
    update(setup.container, setup.actor, c.campaign_id, {"numberPool": True, "optoutKeywords": "STOP,END",
                                                         "sample2": None})
    stored = read(setup.container, setup.actor, c.campaign_id)
    assert (stored.number_pool, stored.optout_keywords, stored.sample2) == (True, "STOP,END", None)


@pytest.mark.parametrize(("field", "value", "says"), [
    ("description", "Too short to describe anything.", "at least 40"),
    ("messageFlow", "x" * 4097, "at most 4096"),
    ("sample2", "Too short sample", "at least 20"),
    ("helpMessage", "h" * 1025, "at most 1024"),
    ("optoutKeywords", "STOP, END", "no spaces"),
    ("privacyPolicyLink", "https://a.example/" + "p" * 2040, "at most 2048"),
    ("embeddedLinkSample", "https://a.example/" + "p" * 240, "at most 255"),
    ("numberPool", "yes", "true or false"),
    ("description", 42, "must be a string"),
])
def test_a_mutable_field_still_obeys_its_rule(setup: Setup, field: str, value: Any, says: str) -> None:
    found = refused(setup.container, setup.actor, setup.campaign.campaign_id, {field: value})
    assert set(found) == {field}
    assert says in found[field]


# ---- immutable fields -----------------------------------------------------------------------------------

def _different(setup: Setup) -> list[tuple[str, Any]]:
    return [
        ("brandId", setup.other_brand_id),
        ("usecase", "MARKETING"),
        ("subUsecases", ["ACCOUNT_NOTIFICATION", "MARKETING"]),
        ("subscriberOptin", False),
        ("subscriberOptout", False),
        ("subscriberHelp", False),
        ("termsAndConditions", False),
        ("mnoIds", [10017]),
        ("referenceId", "ref-2"),
        ("tag", ["other"]),
    ]


IMMUTABLE = ["brandId", "usecase", "subUsecases", "subscriberOptin", "subscriberOptout", "subscriberHelp",
             "termsAndConditions", "mnoIds", "referenceId", "tag"]


@pytest.mark.parametrize("field", IMMUTABLE)
def test_an_immutable_field_sent_with_another_value_is_refused_by_name(setup: Setup, field: str) -> None:
    value = dict(_different(setup))[field]
    found = refused(setup.container, setup.actor, setup.campaign.campaign_id,
                    {field: value, "numberPool": True})
    assert found == {field: "cannot be changed after registration"}


def test_every_changed_immutable_field_is_named_in_one_answer(setup: Setup) -> None:
    found = refused(setup.container, setup.actor, setup.campaign.campaign_id, dict(_different(setup)))
    assert set(found) == set(IMMUTABLE)


@pytest.mark.parametrize("field", IMMUTABLE)
def test_an_immutable_field_sent_with_its_current_value_is_tolerated(setup: Setup, field: str) -> None:
    c = setup.campaign
    current = c.model_dump(by_alias=True)[field]
    saved = update(setup.container, setup.actor, c.campaign_id, {field: current, "numberPool": True})
    assert saved.number_pool is True
    assert saved.model_dump(by_alias=True)[field] == current


def test_sending_back_the_whole_create_body_with_a_change_is_tolerated(setup: Setup) -> None:
    """Tags are stored lower-case and carriers sorted; the values the caller sent are still the same."""
    changed = {**setup.body, "sample1": "Acme Dental: see you Tue at 3pm, reply C to confirm. Reply STOP to end."}
    saved = update(setup.container, setup.actor, setup.campaign.campaign_id, changed)
    assert saved.sample1 == changed["sample1"]
    assert saved.tag == setup.campaign.tag and saved.mno_ids == setup.campaign.mno_ids


def test_sub_use_cases_in_another_order_are_the_same_sub_use_cases(setup: Setup) -> None:
    swapped = list(reversed(setup.campaign.sub_usecases))
    saved = update(setup.container, setup.actor, setup.campaign.campaign_id,
                   {"subUsecases": swapped, "numberPool": True})
    assert saved.number_pool is True and saved.sub_usecases == setup.campaign.sub_usecases


@pytest.mark.parametrize("value", [None, []])
def test_empty_immutable_lists_may_be_sent_as_null_or_empty(container: Container, run_workers: Any,
                                                            value: Any) -> None:
    actor = new_csp(container)
    brand_id = verified_brand(container, run_workers, actor)
    c = register(container, actor, campaign_body(brand_id, usecase="MARKETING", subUsecases=...))
    saved = update(container, actor, c.campaign_id, {"mnoIds": value, "subUsecases": value, "tag": value,
                                                     "numberPool": True})
    assert saved.number_pool is True and (saved.mno_ids, saved.sub_usecases, saved.tag) == ([], [], [])


def test_a_carrier_list_cannot_be_widened_by_sending_null(setup: Setup) -> None:
    found = refused(setup.container, setup.actor, setup.campaign.campaign_id, {"mnoIds": None})
    assert found == {"mnoIds": "cannot be changed after registration"}


def test_a_deprecated_vertical_is_ignored_on_update(setup: Setup) -> None:
    saved = update(setup.container, setup.actor, setup.campaign.campaign_id, {"vertical": "RETAIL",
                                                                              "numberPool": True})
    assert saved.vertical is None and saved.number_pool is True


# ---- reseller -------------------------------------------------------------------------------------------

def _with_reseller(setup: Setup, reseller: str) -> Campaign:
    """A campaign that has a reseller (tendlc has no reseller registry yet, so set it in storage)."""
    with setup.container.uow(write=True) as uow:
        stored = uow.campaigns.get(setup.campaign.campaign_id)
        assert stored is not None
        return uow.campaigns.save(stored.model_copy(update={"reseller_id": reseller}))


def test_no_reseller_can_be_sent_again(setup: Setup) -> None:
    saved = update(setup.container, setup.actor, setup.campaign.campaign_id, {"resellerId": NO_RESELLER})
    assert saved.reseller_id == NO_RESELLER


@pytest.mark.parametrize("reseller", ["R1A2B3C", "R999999"])
def test_a_reseller_cannot_be_set_once_registered(setup: Setup, reseller: str) -> None:
    found = refused(setup.container, setup.actor, setup.campaign.campaign_id, {"resellerId": reseller})
    assert set(found) == {"resellerId"}
    assert "R000000" in found["resellerId"]


def test_a_reseller_can_be_removed_and_only_once(setup: Setup) -> None:
    c = _with_reseller(setup, "R1A2B3C")
    same = update(setup.container, setup.actor, c.campaign_id, {"resellerId": "R1A2B3C", "numberPool": True})
    assert same.reseller_id == "R1A2B3C"
    removed = update(setup.container, setup.actor, c.campaign_id, {"resellerId": NO_RESELLER})
    assert removed.reseller_id == NO_RESELLER
    found = refused(setup.container, setup.actor, c.campaign_id, {"resellerId": "R1A2B3C"})
    assert set(found) == {"resellerId"}


def test_a_reseller_cannot_be_replaced_by_another(setup: Setup) -> None:
    c = _with_reseller(setup, "R1A2B3C")
    found = refused(setup.container, setup.actor, c.campaign_id, {"resellerId": "R4D5E6F"})
    assert set(found) == {"resellerId"}


def test_a_null_reseller_leaves_the_reseller_alone(setup: Setup) -> None:
    c = _with_reseller(setup, "R1A2B3C")
    saved = update(setup.container, setup.actor, c.campaign_id, {"resellerId": None, "numberPool": True})
    assert saved.reseller_id == "R1A2B3C"


# ---- conditional requirements after the merge -----------------------------------------------------------

@pytest.mark.parametrize(("flag", "message"), [("subscriberHelp", "helpMessage"),
                                               ("subscriberOptin", "optinMessage"),
                                               ("subscriberOptout", "optoutMessage")])
def test_clearing_a_message_its_flag_requires_is_refused(setup: Setup, flag: str, message: str) -> None:
    found = refused(setup.container, setup.actor, setup.campaign.campaign_id, {message: None})
    assert found == {message: f"is required when {flag} is true"}


@pytest.mark.parametrize(("flag", "message"), [("subscriberHelp", "helpMessage"),
                                               ("subscriberOptin", "optinMessage"),
                                               ("subscriberOptout", "optoutMessage")])
def test_clearing_a_message_whose_flag_is_off_is_allowed(container: Container, run_workers: Any, flag: str,
                                                         message: str) -> None:
    actor = new_csp(container)
    brand_id = verified_brand(container, run_workers, actor)
    c = register(container, actor, campaign_body(brand_id, **{flag: False}))
    saved = update(container, actor, c.campaign_id, {message: None})
    assert getattr(saved, {"helpMessage": "help_message", "optinMessage": "optin_message",
                           "optoutMessage": "optout_message"}[message]) is None


def test_the_requirement_follows_the_stored_flag_not_an_attempt_to_change_it(setup: Setup) -> None:
    """The flags are immutable: sending subscriberHelp false is refused, and helpMessage stays required."""
    found = refused(setup.container, setup.actor, setup.campaign.campaign_id,
                    {"subscriberHelp": False, "helpMessage": None})
    assert found == {"subscriberHelp": "cannot be changed after registration",
                     "helpMessage": "is required when subscriberHelp is true"}


def test_clearing_every_sample_is_refused(setup: Setup) -> None:
    found = refused(setup.container, setup.actor, setup.campaign.campaign_id,
                    {"sample1": None, "sample2": None, "sample3": None})
    assert set(found) == {"sample1"}
    assert "at least one sample" in found["sample1"]


def test_clearing_some_samples_is_fine_while_one_remains(setup: Setup) -> None:
    saved = update(setup.container, setup.actor, setup.campaign.campaign_id, {"sample1": None, "sample2": None})
    assert (saved.sample1, saved.sample2) == (None, None) and saved.sample3


@pytest.mark.parametrize("field", ["description", "messageFlow", "optoutKeywords", "autoRenewal"])
def test_null_for_a_field_that_cannot_be_empty_keeps_its_value(setup: Setup, field: str) -> None:
    before = setup.campaign.model_dump(by_alias=True)[field]
    saved = update(setup.container, setup.actor, setup.campaign.campaign_id, {field: None, "numberPool": True})
    assert saved.model_dump(by_alias=True)[field] == before


def test_a_wrong_type_and_an_immutable_change_are_reported_together(setup: Setup) -> None:
    found = refused(setup.container, setup.actor, setup.campaign.campaign_id,
                    {"ageGated": "true", "usecase": "MARKETING", "sample1": "short"})
    assert found == {"ageGated": "must be true or false", "usecase": "cannot be changed after registration",
                     "sample1": "must be at least 20 characters"}


# ---- who and when ---------------------------------------------------------------------------------------

def test_an_expired_campaign_cannot_be_updated(setup: Setup) -> None:
    c = setup.campaign
    with setup.container.uow(write=True) as uow:
        campaigns.deactivate(uow, setup.container.clock, setup.actor, c.campaign_id)
    with pytest.raises(CampaignExpired) as caught:
        update(setup.container, setup.actor, c.campaign_id, {"numberPool": True})
    assert caught.value.code == "CAMPAIGN_EXPIRED" and c.campaign_id in caught.value.message
    assert read(setup.container, setup.actor, c.campaign_id).number_pool is False


def test_an_expired_campaign_is_refused_even_for_an_invalid_body(setup: Setup) -> None:
    c = setup.campaign
    with setup.container.uow(write=True) as uow:
        campaigns.deactivate(uow, setup.container.clock, setup.actor, c.campaign_id)
    with pytest.raises(CampaignExpired):
        update(setup.container, setup.actor, c.campaign_id, {"usecase": "MARKETING"})


def test_another_accounts_campaign_is_not_found(setup: Setup) -> None:
    stranger = new_csp(setup.container, "Other Messaging")
    with pytest.raises(NotFound):
        update(setup.container, stranger, setup.campaign.campaign_id, {"numberPool": True})
    assert read(setup.container, setup.actor, setup.campaign.campaign_id).number_pool is False


def test_an_update_later_in_time_keeps_the_renewal_date(setup: Setup, clock: Any) -> None:
    clock.advance(timedelta(days=40))
    saved = update(setup.container, setup.actor, setup.campaign.campaign_id, {"numberPool": True})
    assert saved.next_renewal_or_expiration_date == setup.campaign.next_renewal_or_expiration_date
    assert saved.create_date == setup.campaign.create_date
