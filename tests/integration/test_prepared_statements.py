"""Statements run straight on the driver (``db/prepared.py``) behave as through SQLAlchemy: the same values
stored (dates, JSON, booleans), the same rows read back, and the same exceptions, so that a uniqueness race
still ends as a retryable conflict (TCR 591) rather than a server error."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from tendlc.bootstrap import Container
from tendlc.core.accounts import service as accounts
from tendlc.core.actor import Actor
from tendlc.core.campaigns import service as campaigns
from tendlc.core.errors import ConcurrentUpdate
from tendlc.db.tables import campaigns as campaigns_table
from tests.factories import campaign_body
from tests.integration.test_storage_unit_of_work import scored_brand


@pytest.fixture
def registered(container: Container) -> Any:
    with container.uow(write=True) as uow:
        account = accounts.create_account(uow, container.ids, container.clock, "csp", "Acme Messaging")
    actor = Actor(cnp_id=account.cnp_id, kind="CSP", name=account.name, via="test")
    brand_id = scored_brand(container, actor)
    with container.uow(write=True) as uow:
        campaign = campaigns.register(uow, container.ids, container.clock, actor,
                                      campaign_body(brand_id, referenceId="ref-1", tag=["vip"]))
    return actor, campaign


def test_rows_written_on_the_driver_read_back_the_same_through_sqlalchemy(registered, container):
    _, campaign = registered
    with container.engine.connect() as conn:
        row = conn.execute(select(campaigns_table).where(campaigns_table.c.campaign_id == campaign.campaign_id)).one()
    assert row.create_date == campaign.create_date.replace(tzinfo=None)
    assert row.doc == campaign.model_dump(mode="json")
    assert row.auto_renewal is True and row.mock is False and row.reference_key == "ref-1"
    with container.uow() as uow:
        assert uow.campaigns.get(campaign.campaign_id) == campaign
        assert uow.campaigns.get("CNOSUCH") is None
        assert uow.campaigns.reference_id_owner(campaign.csp_id, "REF-1") == campaign.campaign_id


def test_a_uniqueness_violation_on_the_driver_is_a_retryable_conflict(registered, container):
    _, campaign = registered
    twin = campaign.model_copy(update={"campaign_id": "CTWIN01"})  # the same referenceId: a lost race
    with pytest.raises(ConcurrentUpdate), container.uow(write=True) as uow:
        uow.campaigns.add(twin)
    with container.uow() as uow:
        assert uow.campaigns.get("CTWIN01") is None


def test_a_stale_version_is_refused(registered, container):
    _, campaign = registered
    with container.uow(write=True) as uow:
        uow.campaigns.save(campaign.model_copy(update={"sample3": "Acme Dental: we moved. Reply STOP to opt out."}))
    with pytest.raises(ConcurrentUpdate), container.uow(write=True) as uow:
        uow.campaigns.save(campaign)  # still version 1
