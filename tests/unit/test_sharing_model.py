"""The pure parts of the chain: transition tables, chain invariants, fingerprints, who sees whom."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from tendlc.core.campaigns.model import Campaign
from tendlc.core.errors import OperationDeclined, SharingAlreadyDecided
from tendlc.core.sharing.lifecycle import (
    MIGRATION_TRANSITIONS,
    TRANSITIONS,
    MigrationAction,
    SharingAction,
    next_migration_status,
    next_status,
)
from tendlc.core.sharing.model import (
    Chain,
    CnpMigration,
    MigrationStatus,
    PartyKind,
    SharingLink,
    SharingStatus,
    chain_problems,
    content_fingerprint,
)
from tendlc.core.sharing.notify import masked_label, visible_positions

AT = datetime(2026, 1, 1, tzinfo=UTC)


def link(hop: int, down: str, up: str, status: SharingStatus = SharingStatus.ACCEPTED, dca: bool = False,
         **extra: object) -> SharingLink:
    return SharingLink(link_id=f"L{hop}", campaign_id="C000001", hop=hop, downstream_cnp_id=down, upstream_cnp_id=up,
                       upstream_is_dca=dca, sharing_status=status, shared_date=AT, status_date=AT, **extra)


def chain(*links: SharingLink) -> Chain:
    return Chain("C000001", "SOWNER1", False, links)


def test_only_pending_links_can_be_decided():
    assert {(s, a) for s, a in TRANSITIONS} == {(SharingStatus.PENDING, a) for a in SharingAction}
    pending = link(1, "SOWNER1", "SCNP001", SharingStatus.PENDING)
    assert next_status(pending, SharingAction.FORWARD) is SharingStatus.ACCEPTED
    assert next_status(pending, SharingAction.ACCEPT) is SharingStatus.ACCEPTED
    assert next_status(pending, SharingAction.DECLINE) is SharingStatus.DECLINED
    for status in (SharingStatus.ACCEPTED, SharingStatus.DECLINED):
        for action in SharingAction:
            with pytest.raises(SharingAlreadyDecided, match=f"already {status.value.lower()}"):
                next_status(link(1, "SOWNER1", "SCNP001", status), action)


def test_migration_transitions():
    assert {s for s, _ in MIGRATION_TRANSITIONS} == {MigrationStatus.ACTIVE}
    assert next_migration_status(MigrationStatus.ACTIVE, MigrationAction.COMPLETE, "C1") is MigrationStatus.COMPLETED
    assert next_migration_status(MigrationStatus.ACTIVE, MigrationAction.EXPIRE, "C1") is MigrationStatus.CANCELLED
    with pytest.raises(OperationDeclined):
        next_migration_status(MigrationStatus.COMPLETED, MigrationAction.CANCEL, "C1")


def test_a_well_formed_chain_has_no_problems():
    good = chain(link(1, "SOWNER1", "SCNP001"), link(2, "SCNP001", "DCA1", SharingStatus.PENDING, dca=True))
    assert chain_problems(good) == []
    assert good.parties == ["SOWNER1", "SCNP001", "DCA1"]
    assert good.below("DCA1") == ["SOWNER1", "SCNP001"]
    assert good.incoming("SCNP001") is good.links[0] and good.outgoing("SCNP001") is good.links[1]
    assert [good.kind_at(p) for p in range(3)] == [PartyKind.CSP, PartyKind.CNP, PartyKind.DCA]
    assert not good.complete
    assert chain(link(1, "SOWNER1", "DCA1", dca=True)).complete


@pytest.mark.parametrize(("links", "problem"), [
    ((link(1, "SOWNER1", "SCNP001", SharingStatus.PENDING), link(2, "SCNP001", "SCNP002")), "below the top"),
    ((link(1, "SOWNER1", "SCNP001", SharingStatus.DECLINED), link(2, "SCNP001", "SCNP002")), "below the top"),
    ((link(1, "SOWNER1", "SCNP001"), link(2, "SCNP009", "SCNP002")), "starts at SCNP009"),
    ((link(1, "SOWNER1", "SCNP001"), link(3, "SCNP001", "SCNP002")), "numbered 3"),
    ((link(1, "SOWNER1", "SCNP001"), link(2, "SCNP001", "SOWNER1")), "appears twice"),
    ((link(1, "SOWNER1", "DCA1", dca=True), link(2, "DCA1", "SCNP002")), "shared the campaign further"),
    ((link(1, "SOWNER1", "SCNP001", current=False),), "does not belong"),
])
def test_broken_chains_are_reported(links, problem):
    assert any(problem in p for p in chain_problems(chain(*links)))


def test_who_sees_whom():
    c = chain(link(1, "SOWNER1", "SCNP001"), link(2, "SCNP001", "SCNP002"), link(3, "SCNP002", "DCA1", dca=True))
    assert visible_positions(c, "SOWNER1") == {0, 1}
    assert visible_positions(c, "SCNP002") == {1, 2, 3}
    assert visible_positions(c, "DCA1") == {0, 1, 2, 3}
    assert visible_positions(c, "SNOBODY") == set()
    assert [masked_label(c, p) for p in range(4)] == ["originating CSP", "hop 1 (CNP)", "hop 2 (CNP)", "hop 3 (DCA)"]


def _campaign(**changes: object) -> Campaign:
    base = dict(campaign_id="C000001", csp_id="SOWNER1", brand_id="B000001", usecase="MIXED",
                description="d" * 40, message_flow="m" * 40, sample1="s" * 20, create_date=AT)
    return Campaign(**{**base, **changes})


def test_the_fingerprint_follows_content_not_bookkeeping():
    plain = _campaign()
    assert content_fingerprint(plain) == content_fingerprint(_campaign(upstream_cnp_id="SCNP001", version=9,
                                                                       auto_renewal=False, billed_date=AT))
    assert content_fingerprint(plain) != content_fingerprint(_campaign(sample2="another sample message"))
    assert content_fingerprint(plain) != content_fingerprint(_campaign(description="e" * 40))


def test_an_open_migration_past_its_date_reads_cancelled():
    m = CnpMigration(migration_id="M1", campaign_id="C000001", initiator_cnp_id="SOWNER1", upstream_cnp_id="SCNP001",
                     create_date=AT, expiration_date=AT + timedelta(days=30))
    assert m.effective(AT + timedelta(days=29)).open
    late = m.effective(AT + timedelta(days=30))
    assert late.status is MigrationStatus.CANCELLED and late.cancellation_reason.startswith("Expired")
    assert not m.model_copy(update={"status": MigrationStatus.COMPLETED}).effective(AT + timedelta(days=99)).open
