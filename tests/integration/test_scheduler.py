"""The scheduler on the database: catching up is deterministic (one jump of the clock gives what many small
steps give), terms are anchored on the creation date, and concurrent schedulers bill and expire each
campaign exactly once."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import Engine, select

from tendlc.bootstrap import Container, build
from tendlc.config import Settings
from tendlc.core.campaigns import billing
from tendlc.core.campaigns import service as campaigns
from tendlc.core.clock import ManualClock
from tendlc.db.tables import event_recipients, outbox
from tendlc.workers import scheduler
from tests.conftest import _empty
from tests.factories import campaign_body
from tests.sharing_support import core_world

START = datetime(2026, 1, 31, 9, 30, tzinfo=UTC)  # a month end: terms clamp to shorter months


def test_terms_are_anchored_on_the_creation_date() -> None:
    anchor = date(2026, 1, 31)
    assert billing.first_term_end(START, 3) == date(2026, 4, 30)
    ends = [billing.first_term_end(START, 3)]
    for _ in range(4):
        ends.append(billing.term_end_after(anchor, ends[-1]))
    assert ends == [date(2026, 4, 30), date(2026, 5, 31), date(2026, 6, 30), date(2026, 7, 31), date(2026, 8, 31)]
    assert billing.due_instant(date(2026, 4, 30)) == datetime(2026, 4, 30, tzinfo=UTC)


SWITCH = datetime(2026, 5, 5, tzinfo=UTC)  # campaign 3 stops renewing then
END = datetime(2026, 8, 18, tzinfo=UTC)


def _world(settings: Settings, engine: Engine) -> tuple[Container, ManualClock, Any, list[str]]:
    """On an empty database: four campaigns created a few hours apart; the second does not renew."""
    _empty(engine)
    clock = ManualClock(START)
    c = build(settings, clock=clock, migrate=False)
    actors, brand_id = core_world(c)
    made = []
    for changes in ({}, {"autoRenewal": False}, {}, {}):
        with c.uow(write=True) as uow:
            made.append(campaigns.register(uow, c.ids, clock, actors[0],
                                           campaign_body(brand_id, **changes)).campaign_id)
        clock.advance(timedelta(hours=5))
    return c, clock, actors[0], made


def _outcome(c: Container, labels: list[str]) -> tuple[list[Any], list[Any]]:
    """The campaigns and their events with ids replaced by labels (ids are random in each world)."""
    names = {campaign_id: f"c{n}" for n, campaign_id in enumerate(labels)}
    states = []
    with c.uow() as uow:
        for campaign_id in labels:
            found = uow.campaigns.get(campaign_id)
            assert found is not None
            states.append((names[campaign_id], found.status, found.billed_date, found.next_renewal_or_expiration_date,
                           found.expiration_date, found.auto_renewal, found.version))
    with c.engine.connect() as conn:
        rows = conn.execute(select(outbox.c.seq, outbox.c.event_type, outbox.c.occurred_at, outbox.c.payload)
                            .where(outbox.c.category == "CAMPAIGN").order_by(outbox.c.seq)).all()
        recipients = Counter(r.seq for r in conn.execute(select(event_recipients.c.seq)))
    happened = [(r.occurred_at, r.event_type, names[r.payload["campaignId"]], r.payload.get("termEnd"),
                 r.payload.get("amount"), recipients[r.seq]) for r in rows]
    assert [h[0] for h in happened] == sorted(h[0] for h in happened)  # the outbox is in time order
    # Campaigns due at the same instant are taken in campaign id order, and ids are random in each world.
    return states, sorted(happened, key=lambda h: (h[0], h[2], h[1]))


def _advance_to(c: Container, clock: ManualClock, target: datetime, step: timedelta) -> None:
    while clock.now() < target:
        clock.advance(min(step, target - clock.now()))
        scheduler.run_once(c, batch=2)  # small batches: catching up crosses batch boundaries


def _run(settings: Settings, engine: Engine, step: timedelta) -> tuple[list[Any], list[Any]]:
    c, clock, owner, made = _world(settings, engine)
    try:
        _advance_to(c, clock, SWITCH, step)
        with c.uow(write=True) as uow:
            campaigns.update(uow, clock, owner, made[3], {"autoRenewal": False})
        _advance_to(c, clock, END, step)
        return _outcome(c, made)
    finally:
        c.dispose()


def test_one_jump_gives_what_many_small_steps_give(settings: Settings, migrated_engine: Engine) -> None:
    """Catch-up applies every renewal and expiry at its own due instant, in due order, each once."""
    jump = _run(settings, migrated_engine, timedelta(days=400))
    daily = _run(settings, migrated_engine, timedelta(days=1))
    uneven = _run(settings, migrated_engine, timedelta(days=17, hours=7))
    assert jump == daily == uneven
    states, happened = jump
    by_campaign = {name: [(h[0], h[1]) for h in happened if h[2] == name] for name in ("c0", "c1", "c2", "c3")}
    assert [at.date() for at, kind in by_campaign["c0"] if kind == "CAMPAIGN_BILLED"] == [
        date(2026, 1, 31), date(2026, 4, 30), date(2026, 5, 31), date(2026, 6, 30), date(2026, 7, 31)]
    assert [kind for _, kind in by_campaign["c1"]] == ["CAMPAIGN_ADD", "CAMPAIGN_BILLED", "CAMPAIGN_EXPIRED"]
    # c3 (created 1 February) renewed on 1 May, stopped renewing on 5 May and expired when that term ran out.
    assert by_campaign["c3"][-2:] == [(SWITCH.replace(tzinfo=None), "CAMPAIGN_UPDATE"),
                                      (datetime(2026, 6, 1), "CAMPAIGN_EXPIRED")]
    assert states[0][3] == date(2026, 8, 31) and states[1][1] == "EXPIRED" and states[3][1] == "EXPIRED"


@pytest.fixture
def two_containers(settings: Settings) -> Iterator[tuple[Container, Container, ManualClock]]:
    clock = ManualClock(START)
    first, second = (build(settings, clock=clock, migrate=False) for _ in range(2))
    yield first, second, clock
    first.dispose()
    second.dispose()


def test_concurrent_schedulers_bill_and_expire_each_campaign_exactly_once(two_containers: Any) -> None:
    """Two processes (two containers, two engines) on the same database run their passes at the same time."""
    first, second, clock = two_containers
    actors, brand_id = core_world(first)
    made: dict[str, bool] = {}
    with first.uow(write=True) as uow:
        for n in range(40):
            renewing = n % 3 != 0
            campaign = campaigns.register(uow, first.ids, clock, actors[0],
                                          campaign_body(brand_id, autoRenewal=renewing))
            made[campaign.campaign_id] = renewing
    clock.advance(timedelta(days=95))

    barrier = threading.Barrier(4)
    errors: list[BaseException] = []

    def work(c: Container) -> None:
        try:
            barrier.wait()
            for _ in range(3):
                scheduler.run_once(c, batch=5)
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)

    threads = [threading.Thread(target=work, args=(c,)) for c in (first, second, first, second)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not errors, errors
    scheduler.run_once(first)  # whatever a lost race left is done now; nothing twice

    with first.engine.connect() as conn:
        rows = conn.execute(select(outbox.c.event_type, outbox.c.payload, outbox.c.occurred_at)
                            .where(outbox.c.event_type.in_(["CAMPAIGN_BILLED", "CAMPAIGN_EXPIRED"]))).all()
    late = Counter((r.payload["campaignId"], r.event_type) for r in rows if r.occurred_at > START.replace(tzinfo=None))
    expected = Counter({(cid, "CAMPAIGN_BILLED" if renewing else "CAMPAIGN_EXPIRED"): 1
                        for cid, renewing in made.items()})
    assert late == expected
    with first.uow() as uow:
        for campaign_id, renewing in made.items():
            found = uow.campaigns.get(campaign_id)
            assert found is not None
            assert found.status == ("ACTIVE" if renewing else "EXPIRED")
            assert found.next_renewal_or_expiration_date == (date(2026, 5, 31) if renewing else date(2026, 4, 30))
            assert found.version == 2


def test_the_migration_fills_next_due_from_the_stored_documents() -> None:
    import importlib

    migration = importlib.import_module("tendlc.db.migrations.versions.schedule_0001_campaign_next_due")
    due = migration._due
    assert due({"status": "ACTIVE", "mock": False, "next_renewal_or_expiration_date": "2026-04-30"}) == datetime(
        2026, 4, 30)
    assert due('{"status": "ACTIVE", "mock": false, "next_renewal_or_expiration_date": "2026-05-01"}') == datetime(
        2026, 5, 1)
    assert due({"status": "EXPIRED", "mock": False, "next_renewal_or_expiration_date": "2026-04-30"}) is None
    assert due({"status": "ACTIVE", "mock": True, "next_renewal_or_expiration_date": "2026-04-30"}) is None
