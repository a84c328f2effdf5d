"""The unit of work commits a change with its history rows and outbox events, or nothing at all; and
optimistic concurrency refuses the second of two saves made from the same version (TCR 591 on the wire)."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import func, select

from tendlc.bootstrap import Container
from tendlc.core.accounts import service as accounts
from tendlc.core.actor import Actor
from tendlc.core.brands import service as brands
from tendlc.core.campaigns import service as campaigns
from tendlc.core.errors import ConcurrentUpdate
from tendlc.db.tables import brands as brands_table
from tendlc.db.tables import campaigns as campaigns_table
from tendlc.db.tables import event_recipients, history, outbox
from tests.factories import brand_body, campaign_body
from tests.registry_support import new_campaign, tcr_error, tcr_errors, verified_brand


class Crash(Exception):
    """A failure in the middle of a use case (a bug, a lost connection…)."""


@pytest.fixture
def actor(container: Container) -> Actor:
    with container.uow(write=True) as uow:
        account = accounts.create_account(uow, container.ids, container.clock, "csp", "Acme Messaging")
    return Actor(cnp_id=account.cnp_id, kind="CSP", name=account.name, via="test")


def counts(container: Container) -> dict[str, int]:
    with container.engine.connect() as conn:
        return {t.name: int(conn.execute(select(func.count()).select_from(t)).scalar_one())
                for t in (brands_table, campaigns_table, history, outbox, event_recipients)}


def crash_on_emit(uow: Any) -> None:
    def emit(event: Any) -> None:
        raise Crash(f"crashed while emitting {event.type}")

    uow.emit = emit


def scored_brand(container: Container, actor: Actor) -> str:
    with container.uow(write=True) as uow:
        brand = brands.register(uow, container.ids, container.clock, actor, brand_body(), container.identity_policy)
    with container.uow(write=True) as uow:
        brands.score_due(uow, container.clock, container.identity_policy)
    return brand.brand_id


# --- all or nothing ---------------------------------------------------------------------------------------


def test_a_use_case_failing_part_way_leaves_no_record_history_or_event(container, actor):
    before = counts(container)
    with pytest.raises(Crash), container.uow(write=True) as uow:
        crash_on_emit(uow)  # the brand row and its history row are written by then
        brands.register(uow, container.ids, container.clock, actor, brand_body(referenceId="r1"),
                        container.identity_policy)
    assert counts(container) == before
    with container.uow() as uow:
        assert uow.brands.reference_id_owner(actor.cnp_id, "r1") is None


def test_a_failed_change_leaves_the_record_as_it_was(container, actor):
    brand_id = scored_brand(container, actor)
    with container.uow(write=True) as uow:
        campaign = campaigns.register(uow, container.ids, container.clock, actor, campaign_body(brand_id))
    before = counts(container)
    with pytest.raises(Crash), container.uow(write=True) as uow:
        crash_on_emit(uow)
        campaigns.deactivate(uow, container.clock, actor, campaign.campaign_id)
    assert counts(container) == before
    with container.uow() as uow:
        stored = uow.campaigns.get(campaign.campaign_id)
    assert stored is not None and stored.status == "ACTIVE" and stored.version == campaign.version


def test_a_failure_after_the_use_case_returned_rolls_it_back_too(container, actor):
    before = counts(container)
    with pytest.raises(Crash), container.uow(write=True) as uow:
        brands.register(uow, container.ids, container.clock, actor, brand_body(), container.identity_policy)
        raise Crash("the door failed while rendering the answer")
    assert counts(container) == before


def test_a_committed_change_has_its_history_and_events(container, actor):
    before = counts(container)
    with container.uow(write=True) as uow:
        brand = brands.register(uow, container.ids, container.clock, actor, brand_body(), container.identity_policy)
    after = counts(container)
    assert after["brands"] == before["brands"] + 1
    assert after["history"] == before["history"] + 1
    assert after["outbox"] == before["outbox"] + 1 and after["event_recipients"] == before["event_recipients"] + 1
    with container.engine.connect() as conn:
        row = conn.execute(select(history.c.action, history.c.version).where(
            history.c.entity_id == brand.brand_id)).one()
    assert tuple(row) == ("create", 1)


# --- optimistic concurrency -------------------------------------------------------------------------------


def test_two_saves_of_a_brand_from_the_same_version(container, actor):
    brand_id = scored_brand(container, actor)
    with container.uow() as uow:
        first_read = uow.brands.get(brand_id)
        second_read = uow.brands.get(brand_id)
    assert first_read is not None and second_read is not None
    with container.uow(write=True) as uow:
        saved = uow.brands.save(first_read.model_copy(update={"city": "Peoria"}))
    assert saved.version == first_read.version + 1
    with pytest.raises(ConcurrentUpdate), container.uow(write=True) as uow:
        uow.brands.save(second_read.model_copy(update={"city": "Joliet"}))
    with container.uow() as uow:
        stored = uow.brands.get(brand_id)
    assert stored is not None and stored.city == "Peoria" and stored.version == saved.version


def test_two_saves_of_a_campaign_from_the_same_version(container, actor):
    brand_id = scored_brand(container, actor)
    with container.uow(write=True) as uow:
        campaign = campaigns.register(uow, container.ids, container.clock, actor, campaign_body(brand_id))
    with container.uow(write=True) as uow:
        uow.campaigns.save(campaign.model_copy(update={"auto_renewal": False}))
    with pytest.raises(ConcurrentUpdate), container.uow(write=True) as uow:
        uow.campaigns.save(campaign.model_copy(update={"number_pool": True}))
    with container.uow() as uow:
        stored = uow.campaigns.get(campaign.campaign_id)
    assert stored is not None and stored.auto_renewal is False and stored.number_pool is False
    assert stored.version == campaign.version + 1


# --- ... and the API's answer: 591, with nothing written ---------------------------------------------------


def test_a_concurrent_update_is_591_on_the_wire(make_party, run_workers, container, monkeypatch):
    from tendlc.db.campaigns_repo import SqlCampaigns

    csp = make_party()
    campaign_id = new_campaign(csp, verified_brand(csp, run_workers))
    with container.uow() as uow:
        stale = uow.campaigns.get(campaign_id)
    changed = csp.http.put(f"/v2/campaign/{campaign_id}", json={"autoRenewal": False})
    assert changed.status_code == 200
    # Another request committed between this request's read and its write: it read the older version.
    read = SqlCampaigns.get
    monkeypatch.setattr(SqlCampaigns, "get", lambda self, ident: stale if ident == campaign_id else read(self, ident))
    before = counts(container)
    answer = csp.http.put(f"/v2/campaign/{campaign_id}", json={"numberPool": True})
    assert tcr_errors_code(answer) == 591
    assert counts(container) == before
    monkeypatch.undo()
    stored = csp.http.get(f"/v2/campaign/{campaign_id}").json()
    assert stored["autoRenewal"] is False and stored["numberPool"] is False


def test_a_lost_uniqueness_race_is_591_not_500(make_party, container, monkeypatch):
    from tendlc.db.brands_repo import SqlBrands

    csp = make_party()
    assert csp.http.post("/v2/brand/nonBlocking", json=brand_body(referenceId="race")).status_code == 200
    # The other request's brand was not yet committed when this one checked the referenceId.
    monkeypatch.setattr(SqlBrands, "reference_id_owner", lambda self, csp_id, reference_id: None)
    before = counts(container)
    answer = csp.http.post("/v2/brand/nonBlocking", json=brand_body(referenceId="RACE"))
    assert tcr_errors_code(answer) == 591
    assert counts(container) == before
    monkeypatch.undo()
    assert tcr_error(csp.http.post("/v2/brand/nonBlocking", json=brand_body(referenceId="RACE")), 503) == [
        "referenceId"]


def tcr_errors_code(answer: Any) -> int:
    errors = tcr_errors(answer)
    assert len(errors) == 1
    return int(errors[0]["code"])
