"""Time through HTTP: the sandbox clock moves, the scheduler bills and renews auto-renewing campaigns,
expires the others (every party of a shared campaign hears it) and removes mock brands after 30 days."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta
from typing import Any

from fastapi.testclient import TestClient

from tendlc.bootstrap import Container
from tendlc.core.clock import ManualClock
from tendlc.workers import scheduler
from tests.factories import brand_body, campaign_body
from tests.sharing_support import events, registered_campaign, tcr_code


def _campaign(csp: TestClient, brand_id: str, **changes: Any) -> dict[str, Any]:
    made = csp.post("/v2/campaignBuilder", json=campaign_body(brand_id, **changes))
    assert made.status_code == 200, made.text
    return dict(csp.get(f"/v2/campaign/{made.json()['campaignId']}").json())


def _events(http: TestClient) -> list[dict[str, Any]]:
    return list(http.get("/api/v1/events", params={"limit": 1000}).json()["events"])


def _of(found: list[dict[str, Any]], campaign_id: str) -> Counter[str]:
    return Counter(e["eventType"] for e in found if e["payload"].get("campaignId") == campaign_id)


def test_95_days_bill_and_renew_one_campaign_and_expire_the_other_exactly_once(
        operator: TestClient, sandbox_party: Any, sandbox_app: Any, sandbox_container: Container) -> None:
    _, csp = sandbox_party()
    brand = csp.post("/v2/brand/nonBlocking", json=brand_body()).json()
    sandbox_app.state.workers.run_until_idle()  # identity scoring
    renewing = _campaign(csp, brand["brandId"])
    lapsing = _campaign(csp, brand["brandId"], autoRenewal=False)

    # Registration bills the first term: three months up front.
    for made in (renewing, lapsing):
        assert made["createDate"] == "2026-01-01T00:00:00.000Z" and made["billedDate"] == made["createDate"]
        assert made["nextRenewalOrExpirationDate"] == "2026-04-01" and made["monthlyFee"] == 10.0
        assert made["status"] == "ACTIVE" and made.get("expirationDate") is None
    assert renewing["autoRenewal"] is True and lapsing["autoRenewal"] is False

    moved = operator.post("/api/v1/sandbox/clock/advance", json={"by": "95d"})
    assert moved.status_code == 200, moved.text
    assert scheduler.run_once(sandbox_container) == 2
    assert scheduler.run_once(sandbox_container) == 0  # a second pass finds nothing due

    renewed = csp.get(f"/v2/campaign/{renewing['campaignId']}").json()
    assert renewed["status"] == "ACTIVE" and renewed.get("expirationDate") is None
    assert renewed["billedDate"] == "2026-04-01T00:00:00.000Z"
    assert renewed["nextRenewalOrExpirationDate"] == "2026-05-01"
    expired = csp.get(f"/v2/campaign/{lapsing['campaignId']}").json()
    assert expired["status"] == "EXPIRED" and expired["expirationDate"] == "2026-04-01T00:00:00.000Z"
    assert expired["billedDate"] == "2026-01-01T00:00:00.000Z"  # not billed again
    assert expired["nextRenewalOrExpirationDate"] == "2026-04-01"
    assert tcr_code(csp.put(f"/v2/campaign/{lapsing['campaignId']}", json={"autoRenewal": True})) == 518

    found = _events(csp)
    assert _of(found, renewing["campaignId"]) == {"CAMPAIGN_ADD": 1, "CAMPAIGN_BILLED": 2}
    assert _of(found, lapsing["campaignId"]) == {"CAMPAIGN_ADD": 1, "CAMPAIGN_BILLED": 1, "CAMPAIGN_EXPIRED": 1}
    billed = [e for e in found if e["eventType"] == "CAMPAIGN_BILLED"
              and e["payload"]["campaignId"] == renewing["campaignId"]]
    assert [e["occurredAt"] for e in billed] == ["2026-01-01T00:00:00.000Z", "2026-04-01T00:00:00.000Z"]
    assert [(e["payload"]["amount"], e["payload"]["months"], e["payload"]["termEnd"]) for e in billed] == [
        (30.0, 3, "2026-04-01"), (10.0, 1, "2026-05-01")]
    expiry = next(e for e in found if e["eventType"] == "CAMPAIGN_EXPIRED")
    assert expiry["occurredAt"] == "2026-04-01T00:00:00.000Z" and expiry["payload"]["mock"] is False

    # The sandbox wakes the in-process workers; running them all again changes nothing.
    sandbox_app.state.workers.run_until_idle()
    assert len(_events(csp)) == len(found)


def test_switching_auto_renewal_before_the_due_date_decides_renewal_or_expiry(
        make_party: Any, run_workers: Any, clock: ManualClock, container: Container) -> None:
    csp = make_party()
    off = registered_campaign(csp, run_workers)
    on = registered_campaign(csp, run_workers, autoRenewal=False)
    flip_flop = registered_campaign(csp, run_workers)

    clock.advance(timedelta(days=80))
    for campaign_id, value in ((off, False), (on, True), (flip_flop, False), (flip_flop, True)):
        changed = csp.http.put(f"/v2/campaign/{campaign_id}", json={"autoRenewal": value})
        assert changed.status_code == 200, changed.text
        assert changed.json()["autoRenewal"] is value
        assert changed.json()["nextRenewalOrExpirationDate"] == "2026-04-01"  # same date: renewal or expiry

    clock.advance(timedelta(days=15))
    assert scheduler.run_once(container) == 3
    states = {c: csp.http.get(f"/v2/campaign/{c}").json() for c in (off, on, flip_flop)}
    assert states[off]["status"] == "EXPIRED" and states[off]["nextRenewalOrExpirationDate"] == "2026-04-01"
    for renewed in (on, flip_flop):
        assert states[renewed]["status"] == "ACTIVE" and states[renewed]["billedDate"] == "2026-04-01T00:00:00.000Z"
        assert states[renewed]["nextRenewalOrExpirationDate"] == "2026-05-01"


def test_a_change_after_the_due_date_sees_the_term_already_over(
        make_party: Any, run_workers: Any, clock: ManualClock) -> None:
    """A request that reaches a campaign before the scheduler did applies what is due first."""
    csp = make_party()
    lapsing = registered_campaign(csp, run_workers, autoRenewal=False)
    renewing = registered_campaign(csp, run_workers)
    clock.advance(timedelta(days=91))
    assert tcr_code(csp.http.put(f"/v2/campaign/{lapsing}", json={"autoRenewal": True})) == 518
    changed = csp.http.put(f"/v2/campaign/{renewing}", json={"autoRenewal": False})
    assert changed.status_code == 200, changed.text
    assert changed.json()["billedDate"] == "2026-04-01T00:00:00.000Z"
    assert changed.json()["nextRenewalOrExpirationDate"] == "2026-05-01"


def test_expiry_of_a_shared_campaign_reaches_every_party_of_the_chain(
        make_party: Any, run_workers: Any, clock: ManualClock, container: Container) -> None:
    csp = make_party("csp", "Acme Messaging")
    cnp = make_party("csp", "Relay Networks")
    dca = make_party("dca", "Big Aggregator", "DCA123")
    campaign_id = registered_campaign(csp, run_workers, autoRenewal=False)
    assert csp.http.put(f"/v2/campaign/{campaign_id}/sharing/{cnp.cnp_id}").status_code == 200
    assert cnp.http.put(f"/v2/partnerCampaign/{campaign_id}/sharing/{dca.cnp_id}").status_code == 200
    assert dca.http.post(f"/api/v1/partner/campaigns/{campaign_id}/accept").status_code == 200

    clock.advance(timedelta(days=95))
    assert scheduler.run_once(container) == 1
    assert scheduler.run_once(container) == 0
    for party in (csp, cnp, dca):
        expired = [e for e in events(party) if e["eventType"] == "CAMPAIGN_EXPIRED"]
        assert len(expired) == 1, (party.cnp_id, expired)
        assert expired[0]["payload"]["campaignId"] == campaign_id
        assert expired[0]["occurredAt"] == "2026-04-01T00:00:00.000Z"
    # Upstream parties learn the campaign expired, not who originated it or what it was billed.
    upstream = next(e for e in events(cnp) if e["eventType"] == "CAMPAIGN_EXPIRED")["payload"]
    assert "cspId" not in upstream and "campaignReferenceId" not in upstream
    assert not [e for e in events(cnp) + events(dca) if e["eventType"] == "CAMPAIGN_BILLED"]


def test_mock_brands_and_campaigns_are_removed_after_30_days_not_29(
        make_party: Any, run_workers: Any, clock: ManualClock, container: Container) -> None:
    csp = make_party()
    brand_id = csp.http.post("/v2/brand/nonBlocking", json=brand_body(mock=True)).json()["brandId"]
    run_workers()
    clock.advance(timedelta(days=10))
    made = _campaign(csp.http, brand_id)
    assert made["mock"] is True and made.get("billedDate") is None  # mock campaigns are never billed
    assert made["nextRenewalOrExpirationDate"] == "2026-01-31"  # the day it goes with its brand
    real = registered_campaign(csp, run_workers)

    clock.advance(timedelta(days=19, hours=23, minutes=59))  # 29 days 23:59 after the brand
    assert scheduler.run_once(container) == 0
    assert csp.http.get(f"/v2/brand/{brand_id}").json()["status"] == "ACTIVE"
    assert csp.http.get(f"/v2/campaign/{made['campaignId']}").json()["status"] == "ACTIVE"

    clock.advance(timedelta(minutes=1))
    assert scheduler.run_once(container) == 1
    assert scheduler.run_once(container) == 0
    assert csp.http.get(f"/v2/brand/{brand_id}").json()["status"] == "DELETED"
    gone = csp.http.get(f"/v2/campaign/{made['campaignId']}").json()
    assert gone["status"] == "EXPIRED" and gone["expirationDate"] == "2026-01-31T00:00:00.000Z"
    assert csp.http.get(f"/v2/campaign/{real}").json()["status"] == "ACTIVE"

    mine = events(csp)
    about_mock = [e for e in mine if e["payload"].get("brandId") == brand_id]
    assert Counter(e["eventType"] for e in about_mock) == {
        "BRAND_ADD": 1, "BRAND_IDENTITY_STATUS_UPDATE": 1, "CAMPAIGN_ADD": 1, "CAMPAIGN_EXPIRED": 1,
        "BRAND_DELETE": 1}
    assert all(e["payload"]["mock"] is True for e in about_mock)
    assert about_mock[-1]["eventType"] == "BRAND_DELETE" and about_mock[-1]["occurredAt"] == "2026-01-31T00:00:00.000Z"
