"""The number and project use cases through the core (no HTTP): history rows, all-or-nothing adds,
scoping of project actors."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from tendlc.api.auth import actor_of
from tendlc.core.accounts import project_service as projects
from tendlc.core.accounts import service as accounts
from tendlc.core.errors import Duplicate, InvalidInput, NotFound, OperationDeclined
from tendlc.core.numbers import profiles
from tendlc.core.numbers import service as numbers
from tendlc.db.tables import history


@pytest.fixture
def provider(container):
    with container.uow(write=True) as uow:
        account = accounts.create_account(uow, container.ids, container.clock, "csp", "Provider")
    return actor_of(account, "t")


def test_adding_records_history_and_refuses_as_a_whole(container, provider):
    with container.uow(write=True) as uow:
        result = numbers.add_numbers(uow, container.clock, provider, {"numbers": ["+12025550142", "+12125550100"]})
    assert result.added == ["+12025550142", "+12125550100"]
    with pytest.raises(InvalidInput) as bad, container.uow(write=True) as uow:
        numbers.add_numbers(uow, container.clock, provider, {"numbers": ["+14165550100", "+1416", "x"]})
    assert bad.value.fields == ["numbers[1]", "numbers[2]"]
    with container.uow() as uow:
        rows = uow.conn.execute(select(history.c.entity_id, history.c.action).where(
            history.c.entity_type == "phone_number")).all()
        assert sorted(rows) == [("+12025550142", "add"), ("+12125550100", "add")]
        assert uow.numbers.get("+14165550100") is None


def test_project_actors_are_scoped(container, provider):
    with container.uow(write=True) as uow:
        project = projects.create_project(uow, container.ids, container.clock, provider, {"name": "One"})
        other = projects.create_project(uow, container.ids, container.clock, provider, {"name": "Two"})
    scoped = actor_of(_account(container, provider), "p", project.project_id)
    with container.uow(write=True) as uow:
        added = numbers.add_numbers(uow, container.clock, scoped, {"phoneNumber": "+12025550142"})
        assert added.numbers[0].project_id == project.project_id
        profile = profiles.create_profile(uow, container.ids, container.clock, scoped, {"name": "P"})
        assert profile.project_id == project.project_id
    with pytest.raises(NotFound), container.uow() as uow:
        projects.visible_project(uow, scoped, other.project_id)
    with pytest.raises(OperationDeclined), container.uow(write=True) as uow:
        projects.create_project(uow, container.ids, container.clock, scoped, {"name": "Mine"})
    with container.uow(write=True) as uow:
        numbers.add_numbers(uow, container.clock, provider, {"phoneNumber": "+12125550100"})
    with pytest.raises(Duplicate) as taken, container.uow(write=True) as uow:
        numbers.add_numbers(uow, container.clock, scoped, {"phoneNumber": "+12125550100"})
    assert taken.value.fields == ["phoneNumber"]


def _account(container, actor):
    with container.uow() as uow:
        return uow.accounts.get(actor.cnp_id)


def test_project_keys_are_stored_with_their_project(container, provider):
    with container.uow(write=True) as uow:
        project = projects.create_project(uow, container.ids, container.clock, provider, {"name": "One"})
        issued = projects.issue_project_key(uow, container.ids, container.clock, provider, project.project_id)
    with container.uow() as uow:
        found = accounts.authenticate(uow, issued.key.key_id, issued.secret)
        assert found is not None and found[1].project_id == project.project_id
        assert accounts.authenticate(uow, issued.key.key_id, "wrong") is None
