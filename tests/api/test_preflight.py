"""The traffic gate, ``POST /api/v1/messages/preflight``: each refusal with its reason, and the caps counted
with ``record: true`` on the injected manual clock (never wall time)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from fastapi.testclient import TestClient

from tendlc.core.clock import ManualClock
from tendlc.core.numbers.model import AssignmentStatus
from tests.factories import campaign_body
from tests.readiness_support import Customer, World, world_fixture  # noqa: F401  (the world fixture)

N1, N2, N3 = "+12125550101", "+12125550102", "+12125550103"
URL = "/api/v1/messages/preflight"


def ready_campaign(world: World, customer: Customer, *numbers: str, excluded: tuple[int, ...] = ()) -> str:
    campaign_id = world.campaign_for(customer)
    world.through_chain(campaign_id, excluded)
    world.numbers(customer, *numbers)
    world.assign(campaign_id, AssignmentStatus.ASSIGNED, *numbers)
    return campaign_id


def check(http: TestClient, **body: Any) -> dict[str, Any]:
    r = http.post(URL, json=body)
    assert r.status_code == 200, r.text
    return dict(r.json())


def test_refused_while_the_campaign_is_not_ready(world: World) -> None:
    world.manual_review()
    customer = world.customer()
    campaign_id = world.campaign_for(customer)
    world.numbers(customer, N1)
    world.assign(campaign_id, AssignmentStatus.ASSIGNED, N1)
    answer = check(customer.native, campaignId=campaign_id, **{"from": N1})
    assert answer["allowed"] is False and answer["code"] == "CAMPAIGN_NOT_READY"
    assert answer["stage"] == "NOT_SHARED" and "not shared" in answer["reason"]
    world.share_to_cnp(campaign_id)
    world.cnp_to_dca(campaign_id)
    world.dca_accepts(campaign_id)
    answer = check(customer.native, campaignId=campaign_id, **{"from": N1}, record=True)
    assert (answer["code"], answer["stage"], answer["recorded"]) == ("CAMPAIGN_NOT_READY", "CARRIER_REVIEW", False)
    assert "waiting for AT&T" in answer["reason"]


def test_refused_from_a_number_not_provisioned_on_the_campaign(world: World) -> None:
    customer = world.customer()
    campaign_id = ready_campaign(world, customer, N1)
    world.numbers(customer, N2, N3)
    world.assign(campaign_id, AssignmentStatus.PENDING_ASSIGNMENT, N2)
    for sender in (N2, N3, "+12025550142"):
        answer = check(customer.native, campaignId=campaign_id, **{"from": sender})
        assert answer["allowed"] is False and answer["code"] == "NUMBER_NOT_PROVISIONED"
        assert sender in answer["reason"] and N1 in answer["reason"]
    assert check(customer.native, campaignId=campaign_id, **{"from": N1})["allowed"] is True


def test_a_refusal_names_a_few_of_many_provisioned_numbers(world: World) -> None:
    many = [f"+1212555{n:04d}" for n in range(200, 208)]
    customer = world.customer()
    campaign_id = ready_campaign(world, customer, *many)
    answer = check(customer.native, campaignId=campaign_id, **{"from": N3})
    assert answer["code"] == "NUMBER_NOT_PROVISIONED"
    assert "one of its 8 provisioned number(s)" in answer["reason"]
    assert ", ".join(many[:5]) + " and 3 more" in answer["reason"] and many[5] not in answer["reason"]
    readiness = customer.native.get(f"/api/v1/campaigns/{campaign_id}/readiness").json()
    assert readiness["provisionedNumbers"] == many and readiness["numbersAssigned"] == 8


def test_att_throughput_per_minute_counts_and_resets_with_the_clock(world: World, clock: ManualClock) -> None:
    customer = world.customer()
    campaign_id = ready_campaign(world, customer, N1)
    tpm = world.provider.http.get(f"/v2/campaign/{campaign_id}/mnoMetadata").json()["10017"]["tpm"]
    clock.set(datetime(2026, 3, 2, 15, 4, 20, tzinfo=UTC))
    dry = check(customer.native, campaignId=campaign_id, **{"from": N1}, count=tpm)
    assert dry["allowed"] is True and dry["recorded"] is False and dry["sentTime"] is None
    assert {u["limit"]: u["used"] for u in dry["usage"]} == {"brandDailyCap": 0, "attTpm": 0}
    done = check(customer.native, campaignId=campaign_id, **{"from": N1}, count=tpm - 1, record=True)
    assert done["allowed"] is True and done["recorded"] is True
    assert done["sentTime"] == "2026-03-02T15:04:20.000Z"
    assert {u["limit"]: u["used"] for u in done["usage"]}["attTpm"] == tpm - 1
    one = check(customer.native, campaignId=campaign_id, **{"from": N1}, to=[N2], record=True)
    assert one["allowed"] is True and one["count"] == 1
    refused = check(customer.native, campaignId=campaign_id, **{"from": N1}, to=N3, record=True)
    assert refused["allowed"] is False and refused["code"] == "ATT_THROUGHPUT"
    assert refused["retryAfter"] == 40 and f"{tpm} messages per minute" in refused["reason"]
    assert refused["recorded"] is False
    clock.advance(timedelta(seconds=40))
    again = check(customer.native, campaignId=campaign_id, **{"from": N1}, record=True)
    assert again["allowed"] is True and {u["limit"]: u["used"] for u in again["usage"]}["attTpm"] == 1
    # The refused request counted nothing: the brand's day holds tpm + 1 messages.
    assert {u["limit"]: u["used"] for u in again["usage"]}["brandDailyCap"] == tpm + 1
    item = customer.rumbleup.get("/api/tcr/campaign/select").json()["data"][0]
    assert item["sent_time"] == "03/02/2026 10:05 EST" and item["messageSentPerDay"] == "0-1000"


def test_tmobile_brand_daily_cap_over_all_the_brands_campaigns(world: World, clock: ManualClock) -> None:
    customer = world.customer()
    first = ready_campaign(world, customer, N1, excluded=(10017,))  # no AT&T: no per-minute limit
    brand_id = world.provider.http.get(f"/v2/campaign/{first}").json()["brandId"]
    made = world.provider.http.post("/v2/campaignBuilder", json=campaign_body(brand_id))
    assert made.status_code == 200, made.text
    second = made.json()["campaignId"]
    assert world.provider.http.put(f"/api/v1/projects/{customer.project_id}/campaigns/{second}").status_code == 204
    world.through_chain(second, (10017,))
    world.numbers(customer, N2)
    world.assign(second, AssignmentStatus.ASSIGNED, N2)
    cap = world.provider.http.get(f"/v2/campaign/{first}/mnoMetadata").json()["10035"]["brandDailyCap"]
    clock.set(datetime(2026, 3, 2, 23, 0, tzinfo=UTC))

    assert check(customer.native, campaignId=first, **{"from": N1}, count=cap - 10, record=True)["allowed"]
    assert check(customer.native, campaignId=second, **{"from": N2}, count=10, record=True)["allowed"]
    refused = check(customer.native, campaignId=second, **{"from": N2})
    assert refused["allowed"] is False and refused["code"] == "TMOBILE_BRAND_DAILY_CAP"
    assert refused["retryAfter"] == 3600 and brand_id in refused["reason"] and str(cap) in refused["reason"]
    assert refused["usage"][0]["used"] == cap
    recorded = check(customer.native, campaignId=first, **{"from": N1}, record=True)
    assert recorded["code"] == "TMOBILE_BRAND_DAILY_CAP" and recorded["recorded"] is False
    clock.advance(timedelta(hours=1))  # the next UTC day
    fresh = check(customer.native, campaignId=first, **{"from": N1}, count=cap, record=True)
    assert fresh["allowed"] is True and fresh["usage"][0]["used"] == cap
    # Campaign traffic per day: the first sent cap - 10 then cap; its band says so.
    item = customer.rumbleup.get("/api/tcr/campaign/select", params={"campaignId": first}).json()["data"][0]
    assert item["messageSentPerDay"] == "1000-2000" and item["sent_time"] == "03/02/2026 19:00 EST"


def test_who_may_ask_and_bad_input(world: World) -> None:
    customer = world.customer()
    campaign_id = ready_campaign(world, customer, N1)
    r = world.stranger.http.post(URL, json={"campaignId": campaign_id, "from": N1})
    assert r.status_code == 404 and r.json()["error"]["code"] == "NOT_FOUND"
    other = world.customer("Other")
    assert other.native.post(URL, json={"campaignId": campaign_id, "from": N1}).status_code == 404
    assert check(world.provider.http, campaignId=campaign_id, **{"from": N1})["allowed"] is True
    for body, field in (({"campaignId": campaign_id, "from": "12125550101"}, "from"),
                        ({"campaignId": campaign_id}, "from"),
                        ({"campaignId": campaign_id, "from": N1, "to": ["+1212"]}, "to[0]"),
                        ({"campaignId": campaign_id, "from": N1, "count": 0}, "count"),
                        ({"from": N1}, "campaignId")):
        bad = customer.native.post(URL, json=body)
        assert bad.status_code == 422 and field in bad.json()["error"]["fields"], (body, bad.text)
    assert TestClient(world.app).post(URL, json={}).status_code == 401


def test_concurrent_senders_never_exceed_a_cap(world: World, clock: ManualClock) -> None:
    """Eight senders at once, each asking for a quarter of AT&T's minute: exactly four are allowed."""
    from concurrent.futures import ThreadPoolExecutor

    customer = world.customer()
    campaign_id = ready_campaign(world, customer, N1)
    tpm = world.provider.http.get(f"/v2/campaign/{campaign_id}/mnoMetadata").json()["10017"]["tpm"]
    clock.set(datetime(2026, 3, 2, 15, 4, 0, tzinfo=UTC))

    def send(_: int) -> bool:
        with TestClient(world.app) as http:
            http.auth = (customer.key_id, customer.secret)
            return bool(check(http, campaignId=campaign_id, **{"from": N1}, count=tpm // 4, record=True)["allowed"])

    with ThreadPoolExecutor(8) as pool:
        allowed = list(pool.map(send, range(8)))
    assert allowed.count(True) == 4
    used = check(customer.native, campaignId=campaign_id, **{"from": N1})["usage"]
    assert {u["limit"]: u["used"] for u in used}["attTpm"] == 4 * (tpm // 4)
