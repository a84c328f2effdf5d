"""Brand update rules through the core service and real storage: identity fields locked once the brand
has campaigns, brandRelationship changes at most once every 90 days, identity re-opened when identity
fields or mobilePhone change, and every field rule checked again on the merged brand."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from tendlc.bootstrap import Container
from tendlc.core.accounts import service as accounts
from tendlc.core.actor import Actor
from tendlc.core.brands import otp_service as otp
from tendlc.core.brands import service as brands
from tendlc.core.brands.model import Brand
from tendlc.core.campaigns import service as campaigns
from tendlc.core.clock import ManualClock
from tendlc.core.errors import (
    BrandPendingScoring,
    CampaignRejected,
    Duplicate,
    IdentityFieldsLocked,
    InvalidInput,
    NotFound,
    RelationshipChangeTooSoon,
)
from tendlc.db.events_repo import events_for
from tests.factories import brand_body, campaign_body, sole_proprietor_body


@pytest.fixture
def actor(container: Container) -> Actor:
    with container.uow(write=True) as uow:
        account = accounts.create_account(uow, container.ids, container.clock, "csp", "Acme Messaging")
    return Actor(cnp_id=account.cnp_id, kind="CSP", name=account.name, via="test")


def register(container: Container, actor: Actor, body: dict[str, Any]) -> Brand:
    with container.uow(write=True) as uow:
        return brands.register(uow, container.ids, container.clock, actor, body, container.identity_policy)


def update(container: Container, actor: Actor, brand_id: str, body: Any) -> Brand:
    with container.uow(write=True) as uow:
        return brands.update(uow, container.clock, actor, brand_id, body, container.identity_policy)


def read(container: Container, actor: Actor, brand_id: str) -> Brand:
    with container.uow() as uow:
        return brands.get(uow, actor, brand_id)


def add_campaign(container: Container, actor: Actor, brand_id: str, **changes: Any) -> str:
    with container.uow(write=True) as uow:
        return campaigns.register(uow, container.ids, container.clock, actor,
                                  campaign_body(brand_id, **changes)).campaign_id


@pytest.fixture
def brand(container: Container, actor: Actor, run_workers: Any) -> Brand:
    b = register(container, actor, brand_body())
    run_workers()
    verified = read(container, actor, b.brand_id)
    assert verified.identity_status == "VERIFIED"
    return verified


IDENTITY_CHANGES = [
    ("companyName", "Acme Dental Group LLC"),
    ("ein", "98-7654321"),
    ("einIssuingCountry", "CA"),
    ("entityType", "NON_PROFIT"),
]


# ---- identity fields locked once campaigns exist --------------------------------------------------------

@pytest.mark.parametrize(("field", "value"), IDENTITY_CHANGES)
def test_identity_field_is_locked_once_the_brand_has_a_campaign(
    container: Container, actor: Actor, brand: Brand, field: str, value: str
) -> None:
    add_campaign(container, actor, brand.brand_id)
    before = read(container, actor, brand.brand_id)
    with pytest.raises(IdentityFieldsLocked) as caught:
        update(container, actor, brand.brand_id, {field: value, "displayName": "Acme Dental Co"})
    assert caught.value.code == "IDENTITY_FIELDS_LOCKED"
    assert caught.value.fields == [field]
    assert "campaigns" in caught.value.message and field in caught.value.message
    assert read(container, actor, brand.brand_id) == before


def test_every_changed_identity_field_is_named(container: Container, actor: Actor, brand: Brand) -> None:
    add_campaign(container, actor, brand.brand_id)
    with pytest.raises(IdentityFieldsLocked) as caught:
        update(container, actor, brand.brand_id, dict(IDENTITY_CHANGES))
    assert set(caught.value.fields) == {f for f, _ in IDENTITY_CHANGES}


def test_identity_fields_stay_locked_after_the_campaign_is_deactivated(
    container: Container, actor: Actor, brand: Brand
) -> None:
    campaign_id = add_campaign(container, actor, brand.brand_id)
    with container.uow(write=True) as uow:
        campaigns.deactivate(uow, container.clock, actor, campaign_id)
    with pytest.raises(IdentityFieldsLocked):
        update(container, actor, brand.brand_id, {"ein": "98-7654321"})


def test_identity_fields_sent_unchanged_are_tolerated(container: Container, actor: Actor, brand: Brand) -> None:
    add_campaign(container, actor, brand.brand_id)
    same = {"companyName": brand.company_name, "ein": brand.ein, "entityType": brand.entity_type,
            "displayName": "Acme Dental Co"}
    saved = update(container, actor, brand.brand_id, same)
    assert saved.display_name == "Acme Dental Co"
    assert saved.identity_status == "VERIFIED" and not saved.identity_pending


@pytest.mark.parametrize(("field", "value"), [
    ("displayName", "Acme Dental Co"), ("website", "https://www.acmedental.example"), ("street", "2 Main St"),
    ("phone", "+12025550143"), ("email", "hello@acmedental.example"), ("vertical", "PROFESSIONAL"),
    ("altBusinessId", "123456789"), ("altBusinessIdType", "DUNS"), ("referenceId", "acme-1"),
])
def test_other_fields_change_freely_with_campaigns_without_reopening_identity(
    container: Container, actor: Actor, brand: Brand, field: str, value: str
) -> None:
    add_campaign(container, actor, brand.brand_id)
    saved = update(container, actor, brand.brand_id, {field: value})
    assert saved.model_dump(by_alias=True)[field] == value
    assert saved.identity_status == "VERIFIED" and not saved.identity_pending
    assert read(container, actor, brand.brand_id) == saved


# ---- identity re-opened -----------------------------------------------------------------------------------

@pytest.mark.parametrize(("field", "value"), IDENTITY_CHANGES)
def test_changing_an_identity_field_without_campaigns_reopens_identity(
    container: Container, actor: Actor, brand: Brand, run_workers: Any, field: str, value: str
) -> None:
    saved = update(container, actor, brand.brand_id, {field: value})
    assert saved.model_dump(by_alias=True)[field] == value
    assert saved.identity_status == "UNVERIFIED" and saved.identity_pending
    with pytest.raises(BrandPendingScoring):
        add_campaign(container, actor, brand.brand_id)
    run_workers()
    again = read(container, actor, brand.brand_id)
    assert again.identity_status == "VERIFIED" and not again.identity_pending
    add_campaign(container, actor, brand.brand_id)


def test_a_new_ein_gives_a_new_universal_ein(container: Container, actor: Actor, brand: Brand) -> None:
    assert brand.universal_ein == "US_123456789"
    saved = update(container, actor, brand.brand_id, {"ein": "98-7654321"})
    assert saved.universal_ein == "US_987654321"


def test_an_ein_that_fails_verification_blocks_new_campaigns_with_feedback(
    container: Container, actor: Actor, brand: Brand, run_workers: Any
) -> None:
    update(container, actor, brand.brand_id, {"ein": "00-0000000"})
    run_workers()
    failed = read(container, actor, brand.brand_id)
    assert failed.identity_status == "UNVERIFIED"
    assert [f.id for f in failed.identity_feedback] == ["TAX_ID"]
    with pytest.raises(CampaignRejected) as caught:
        add_campaign(container, actor, brand.brand_id)
    assert "UNVERIFIED" in caught.value.message and "feedback" in caught.value.message


def test_fixing_the_ein_clears_the_feedback(container: Container, actor: Actor, brand: Brand,
                                            run_workers: Any) -> None:
    update(container, actor, brand.brand_id, {"ein": "00-0000000"})
    run_workers()
    reopened = update(container, actor, brand.brand_id, {"ein": "12-3456789"})
    assert reopened.identity_feedback == [] and reopened.identity_pending
    run_workers()
    assert read(container, actor, brand.brand_id).identity_status == "VERIFIED"


def test_changing_the_mobile_phone_reopens_identity_even_with_campaigns(
    container: Container, actor: Actor, run_workers: Any
) -> None:
    sole = register(container, actor, sole_proprietor_body())
    run_workers()
    assert read(container, actor, sole.brand_id).identity_status == "SELF_DECLARED"
    verify_by_otp(container, actor, sole.brand_id)  # a sole proprietor registers campaigns once OTP-verified
    add_campaign(container, actor, sole.brand_id, usecase="SOLE_PROPRIETOR", subUsecases=["CUSTOMER_CARE"])
    saved = update(container, actor, sole.brand_id, {"mobilePhone": "+12025550188"})
    assert saved.mobile_phone == "+12025550188" and saved.mobile_phone_verified_date is None
    assert saved.identity_status == "UNVERIFIED" and saved.identity_pending
    run_workers()
    assert read(container, actor, sole.brand_id).identity_status == "SELF_DECLARED"  # the new number needs an OTP


def verify_by_otp(container: Container, actor: Actor, brand_id: str) -> None:
    with container.uow(write=True) as uow:
        otp.trigger(uow, container.ids, container.clock, actor, brand_id, {"pinSms": "Code: @OTP_PIN@"})
    with container.uow(write=True) as uow:
        [pin] = [r["payload"]["otpPin"] for r in events_for(uow.conn, actor.cnp_id, 0, 1000)
                 if r["event_type"] == "BRAND_MOCK_OTP"]
        otp.verify(uow, container.clock, actor, brand_id, {"otpPin": pin}).raise_refusal()


def test_the_same_mobile_phone_does_not_reopen_identity(container: Container, actor: Actor,
                                                        run_workers: Any) -> None:
    sole = register(container, actor, sole_proprietor_body())
    run_workers()
    saved = update(container, actor, sole.brand_id, {"mobilePhone": "+12025550199", "city": "Chicago"})
    assert saved.identity_status == "SELF_DECLARED" and not saved.identity_pending


# ---- brandRelationship at most once every 90 days -------------------------------------------------------

def test_brand_relationship_changes_at_most_once_every_90_days(
    container: Container, actor: Actor, brand: Brand, clock: ManualClock
) -> None:
    first = update(container, actor, brand.brand_id, {"brandRelationship": "MEDIUM_ACCOUNT"})
    assert first.brand_relationship == "MEDIUM_ACCOUNT"

    clock.advance(timedelta(days=90) - timedelta(seconds=1))
    with pytest.raises(RelationshipChangeTooSoon) as caught:
        update(container, actor, brand.brand_id, {"brandRelationship": "LARGE_ACCOUNT"})
    assert caught.value.fields == ["brandRelationship"]
    assert "2026-01-01" in caught.value.message and "2026-04-01" in caught.value.message
    assert read(container, actor, brand.brand_id).brand_relationship == "MEDIUM_ACCOUNT"

    clock.advance(timedelta(seconds=1))
    second = update(container, actor, brand.brand_id, {"brandRelationship": "LARGE_ACCOUNT"})
    assert second.brand_relationship == "LARGE_ACCOUNT"
    with pytest.raises(RelationshipChangeTooSoon):
        update(container, actor, brand.brand_id, {"brandRelationship": "KEY_ACCOUNT"})


def test_changing_back_is_a_change_too(container: Container, actor: Actor, brand: Brand,
                                       clock: ManualClock) -> None:
    update(container, actor, brand.brand_id, {"brandRelationship": "MEDIUM_ACCOUNT"})
    clock.advance(timedelta(days=30))
    with pytest.raises(RelationshipChangeTooSoon):
        update(container, actor, brand.brand_id, {"brandRelationship": brand.brand_relationship})


def test_sending_the_same_relationship_again_is_not_a_change(
    container: Container, actor: Actor, brand: Brand, clock: ManualClock
) -> None:
    update(container, actor, brand.brand_id, {"brandRelationship": "MEDIUM_ACCOUNT"})
    clock.advance(timedelta(days=1))
    saved = update(container, actor, brand.brand_id, {"brandRelationship": "MEDIUM_ACCOUNT", "city": "Chicago"})
    assert saved.city == "Chicago"
    clock.advance(timedelta(days=89))
    assert update(container, actor, brand.brand_id, {"brandRelationship": "KEY_ACCOUNT"}).brand_relationship == (
        "KEY_ACCOUNT")


def test_other_changes_do_not_restart_the_90_days(container: Container, actor: Actor, brand: Brand,
                                                  clock: ManualClock) -> None:
    update(container, actor, brand.brand_id, {"brandRelationship": "MEDIUM_ACCOUNT"})
    clock.advance(timedelta(days=60))
    update(container, actor, brand.brand_id, {"city": "Chicago"})
    clock.advance(timedelta(days=30))
    assert update(container, actor, brand.brand_id, {"brandRelationship": "BASIC_ACCOUNT"}).brand_relationship == (
        "BASIC_ACCOUNT")


def test_an_invalid_relationship_is_refused_before_the_interval_is_considered(
    container: Container, actor: Actor, brand: Brand
) -> None:
    with pytest.raises(InvalidInput) as caught:
        update(container, actor, brand.brand_id, {"brandRelationship": "HUGE_ACCOUNT"})
    assert caught.value.fields == ["brandRelationship"]
    # the refused value did not count as a change
    assert update(container, actor, brand.brand_id, {"brandRelationship": "KEY_ACCOUNT"}).brand_relationship == (
        "KEY_ACCOUNT")


# ---- rules on the merged brand --------------------------------------------------------------------------

def test_becoming_public_needs_the_public_company_fields(container: Container, actor: Actor, brand: Brand) -> None:
    with pytest.raises(InvalidInput) as caught:
        update(container, actor, brand.brand_id, {"entityType": "PUBLIC_PROFIT"})
    assert set(caught.value.fields) == {"stockSymbol", "stockExchange", "businessContactEmail"}
    assert read(container, actor, brand.brand_id).entity_type == "PRIVATE_PROFIT"


@pytest.mark.parametrize(("body", "field"), [
    ({"email": None}, "email"),
    ({"companyName": "  "}, "companyName"),
    ({"phone": "202-555-0142"}, "phone"),
    ({"state": "ZZ"}, "state"),
    ({"website": "not a site"}, "website"),
    ({"entityType": "SOLE_PROPRIETOR"}, "firstName"),
    ({"country": "CA", "entityType": "GOVERNMENT"}, "entityType"),
])
def test_an_update_that_breaks_a_rule_is_refused_by_name(
    container: Container, actor: Actor, brand: Brand, body: dict[str, Any], field: str
) -> None:
    with pytest.raises(InvalidInput) as caught:
        update(container, actor, brand.brand_id, body)
    assert field in caught.value.fields
    assert read(container, actor, brand.brand_id) == brand


def test_a_wrong_type_is_named(container: Container, actor: Actor, brand: Brand) -> None:
    with pytest.raises(InvalidInput) as caught:
        update(container, actor, brand.brand_id, {"postalCode": 62701, "displayName": "Acme Dental Co"})
    assert caught.value.problems[0].field == "postalCode"
    assert caught.value.problems[0].message == "must be a string"
    assert read(container, actor, brand.brand_id).display_name == "Acme Dental"


def test_a_reference_id_used_by_another_brand_is_refused(container: Container, actor: Actor, brand: Brand) -> None:
    other = register(container, actor, brand_body(displayName="Acme Ortho", referenceId="ortho"))
    for taken in ("ortho", "ORTHO"):  # reference ids are unique case-insensitively
        with pytest.raises(Duplicate) as caught:
            update(container, actor, brand.brand_id, {"referenceId": taken})
        assert caught.value.fields == ["referenceId"]
    assert update(container, actor, other.brand_id, {"referenceId": "Ortho"}).reference_id == "Ortho"


def test_a_deleted_brand_cannot_be_updated(container: Container, actor: Actor, brand: Brand) -> None:
    with container.uow(write=True) as uow:
        brands.delete(uow, container.clock, actor, brand.brand_id)
    with pytest.raises(NotFound):
        update(container, actor, brand.brand_id, {"city": "Chicago"})


def test_another_accounts_brand_is_not_found(container: Container, actor: Actor, brand: Brand) -> None:
    with container.uow(write=True) as uow:
        account = accounts.create_account(uow, container.ids, container.clock, "csp", "Other Messaging")
    stranger = Actor(cnp_id=account.cnp_id, kind="CSP", name=account.name)
    with pytest.raises(NotFound):
        update(container, stranger, brand.brand_id, {"city": "Chicago"})
    assert read(container, actor, brand.brand_id).city == "Springfield"
