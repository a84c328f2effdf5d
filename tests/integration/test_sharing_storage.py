"""Storage of the chain: the migration branch, the one-current-link-per-hop guard, optimistic saves,
history rows, and the tables being emptied between tests."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import select

from tendlc.bootstrap import Container
from tendlc.core.errors import ConcurrentUpdate
from tendlc.core.sharing import service
from tendlc.core.sharing.model import SharingLink, SharingStatus
from tendlc.db.migrate import alembic_config
from tendlc.db.tables import history, metadata
from tests.sharing_support import core_campaign, core_world

AT = datetime(2026, 1, 1, tzinfo=UTC)


def test_the_migration_is_its_own_branch_on_0001(container: Container) -> None:
    script = ScriptDirectory.from_config(alembic_config(container.engine))
    revision = script.get_revision("sharing_0001")
    assert revision is not None and revision.down_revision == "0001"
    assert "sharing_0001" in script.get_heads()
    assert {"sharing_links", "cnp_migrations"} <= set(metadata.tables)


def _link(campaign_id: str, owner: str, upstream: str, link_id: str) -> SharingLink:
    return SharingLink(link_id=link_id, campaign_id=campaign_id, hop=1, downstream_cnp_id=owner,
                       upstream_cnp_id=upstream, upstream_is_dca=False, sharing_status=SharingStatus.PENDING,
                       shared_date=AT, status_date=AT)


def test_two_current_links_cannot_hold_the_same_hop(container: Container) -> None:
    actors, brand_id = core_world(container)
    owner, b, c = actors[0], actors[1], actors[2]
    cid = core_campaign(container, owner, brand_id)
    with pytest.raises(ConcurrentUpdate), container.uow(write=True) as uow:
        uow.sharing.add_link(_link(cid, owner.cnp_id, b.cnp_id, "01J0000000000000000000000A"))
        uow.sharing.add_link(_link(cid, owner.cnp_id, c.cnp_id, "01J0000000000000000000000B"))
    with container.uow(write=True) as uow:  # a retired link does not count
        first = _link(cid, owner.cnp_id, b.cnp_id, "01J0000000000000000000000A")
        uow.sharing.add_link(first)
        uow.sharing.save_link(first.model_copy(update={"current": False}))
        uow.sharing.add_link(_link(cid, owner.cnp_id, c.cnp_id, "01J0000000000000000000000B"))
    with container.uow() as uow:
        assert [link.upstream_cnp_id for link in uow.sharing.chain_links(cid, False)] == [c.cnp_id]


def test_a_stale_link_is_not_saved(container: Container) -> None:
    actors, brand_id = core_world(container)
    owner, b = actors[0], actors[1]
    cid = core_campaign(container, owner, brand_id)
    with container.uow(write=True) as uow:
        link = service.share(uow, container.ids, container.clock, owner, cid, b.cnp_id)
    with container.uow(write=True) as uow:
        uow.sharing.save_link(link.model_copy(update={"explanation": "first"}))
    with pytest.raises(ConcurrentUpdate), container.uow(write=True) as uow:
        uow.sharing.save_link(link.model_copy(update={"explanation": "second"}))


def test_every_change_writes_history(container: Container) -> None:
    actors, brand_id = core_world(container)
    owner, b, dca = actors[0], actors[1], actors[3]
    cid = core_campaign(container, owner, brand_id)
    clock = container.clock
    with container.uow(write=True) as uow:
        link = service.share(uow, container.ids, clock, owner, cid, b.cnp_id)
    with container.uow(write=True) as uow:
        service.forward(uow, container.ids, clock, b, cid, dca.cnp_id)
    with container.uow(write=True) as uow:
        top = service.accept(uow, container.ids, clock, dca, cid)
    with container.uow() as uow:
        rows = uow.conn.execute(select(history.c.entity_type, history.c.entity_id, history.c.action, history.c.actor)
                                .where(history.c.entity_type.in_(["sharing_link", "campaign"]))
                                .order_by(history.c.id)).all()
    actions = [(kind, entity, action) for kind, entity, action, _ in rows if kind == "sharing_link"]
    assert actions == [("sharing_link", link.link_id, "share"), ("sharing_link", link.link_id, "forward"),
                       ("sharing_link", top.link_id, "share"), ("sharing_link", top.link_id, "accept")]
    assert ("campaign", cid, "share") in [(k, e, a) for k, e, a, _ in rows]
    assert rows[-1][3].startswith(dca.cnp_id)
