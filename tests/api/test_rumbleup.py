"""The RumbleUp door (``/api/tcr/…``, Basic ``cid:apikey``) and native readiness, through HTTP: the seed 003
story stage by stage, every seed field, comma-list filters, next_token paging, authentication and isolation."""

from __future__ import annotations

import re
from typing import Any

from fastapi.testclient import TestClient

from tendlc.core.numbers.model import AssignmentStatus
from tests.readiness_support import Customer, World, world_fixture  # noqa: F401  (the world fixture)
from tests.sharing_support import registered_campaign

SEED_FIELDS = {
    "usecase", "numberPool", "optinMessage", "status", "brandName", "privacyLink", "autoRenewal", "helpKeywords",
    "ageGated", "messageFlow", "messageSentPerDay", "optinKeywords", "optoutKeywords", "cid", "embeddedLink",
    "campaignId", "embeddedPhone", "directLending", "subscriberOptout", "subscriberOptin", "sample1", "sample2",
    "createDate", "brandId", "subscriberHelp", "optoutMessage", "description", "helpMessage", "ok", "brandDailyCap",
    "proxy", "billedDate", "nextRenewalOrExpirationDate", "sent_time", "mnoMetadata",
}
N1, N2 = "+12125550101", "+12125550102"


def select(http: TestClient, **params: Any) -> dict[str, Any]:
    r = http.get("/api/tcr/campaign/select", params=params)
    assert r.status_code == 200, r.text
    return dict(r.json())


def only(customer: Customer, campaign_id: str) -> dict[str, Any]:
    body = select(customer.rumbleup, campaignId=campaign_id)
    assert body["count"] == 1 and len(body["data"]) == 1
    return dict(body["data"][0])


def test_seed_003_story_ok_status_and_proxy_at_each_stage(world: World) -> None:
    world.manual_review()
    customer = world.customer()
    campaign_id = world.campaign_for(customer)

    def stage(expected_stage: str, status: str, words: str) -> dict[str, Any]:
        seen = only(customer, campaign_id)
        native = world.readiness(customer.native, campaign_id)
        assert (native["stage"], seen["status"]) == (expected_stage, status)
        assert seen["ok"] is False and native["ok"] is False and seen["proxy"] == []
        assert words in native["reason"] and seen["reason"] == native["reason"]
        return seen

    stage("NOT_SHARED", "REVIEW IN PROGRESS", "not shared")
    world.share_to_cnp(campaign_id)
    stage("SHARE_PENDING", "REVIEW IN PROGRESS", f"waiting for {world.cnp.cnp_id}")  # pending share
    world.cnp_to_dca(campaign_id)
    seen = stage("DCA_REVIEW", "REVIEW IN PROGRESS", "waiting for the DCA hop 2 (DCA)")  # the provider may not know it
    assert world.dca.cnp_id not in seen["reason"]
    world.dca_accepts(campaign_id)
    stage("CARRIER_REVIEW", "PENDING", "AT&T, T-Mobile, US Cellular, Verizon Wireless")  # carrier review
    for mno in ("10017", "10035", "10037"):
        world.decide(campaign_id, mno, "approve")
    stage("CARRIER_REVIEW", "PENDING", "waiting for Verizon Wireless")
    world.decide(campaign_id, "10038", "approve")
    stage("NUMBERS_PENDING", "PENDING", "assign numbers")  # no numbers
    world.numbers(customer, N1, N2)
    world.assign(campaign_id, AssignmentStatus.PENDING_ASSIGNMENT, N1, N2)
    stage("NUMBERS_PENDING", "PENDING", "2 number(s) are being assigned")

    world.assign(campaign_id, AssignmentStatus.ASSIGNED, N1, N2)
    ready = only(customer, campaign_id)
    assert ready["ok"] is True and ready["status"] == "ACTIVE" and ready["reason"] is None
    assert ready["proxy"] == ["12125550101", "12125550102"]  # RumbleUp's numbers: no "+"
    native = world.readiness(customer.native, campaign_id)
    assert native["stage"] == "ACTIVE" and native["provisionedNumbers"] == [N1, N2]
    assert [c["status"] for c in native["carriers"]] == ["REGISTERED"] * 4

    # A carrier suspends it: DISABLED; rejected after a resubmission: REVIEW FAILED.
    world.decide(campaign_id, "10017", "suspend", "Traffic does not match the use case")
    assert (only(customer, campaign_id)["status"], only(customer, campaign_id)["ok"]) == ("DISABLED", False)
    assert "Traffic does not match" in world.readiness(customer.native, campaign_id)["reason"]
    world.decide(campaign_id, "10017", "unsuspend")
    assert only(customer, campaign_id)["ok"] is True


def test_every_seed_field_in_rumbleup_form(world: World) -> None:
    customer = world.customer()
    campaign_id = world.campaign_for(customer)
    world.through_chain(campaign_id)  # the sandbox default policy approves at once
    world.numbers(customer, N1)
    world.assign(campaign_id, AssignmentStatus.ASSIGNED, N1)
    item = only(customer, campaign_id)
    assert set(item) >= SEED_FIELDS
    assert item["cid"] == customer.project_id and item["campaignId"] == campaign_id
    assert item["optoutKeywords"] == ["STOP", "QUIT"] and item["helpKeywords"] == ["HELP"]
    assert item["optinKeywords"] == ["START"]
    assert re.fullmatch(r"\d\d/\d\d/\d{4} \d\d:\d\d E[SD]T", item["createDate"])
    assert re.fullmatch(r"\d\d/\d\d/\d{4} \d\d:\d\d E[SD]T", item["billedDate"])
    assert re.fullmatch(r"\d\d/\d\d/\d{4}", item["nextRenewalOrExpirationDate"])
    metadata = world.provider.http.get(f"/v2/campaign/{campaign_id}/mnoMetadata").json()
    assert item["mnoMetadata"] == metadata
    assert item["brandDailyCap"] == metadata["10035"]["brandDailyCap"] and isinstance(item["brandDailyCap"], int)
    assert item["sent_time"] is None and item["messageSentPerDay"] == "0-1000"
    assert item["brandName"] and item["autoRenewal"] is True and item["usecase"] == "MIXED"

    brands = customer.rumbleup.get("/api/tcr/brand/select").json()
    assert brands["count"] == 1 and brands["data"][0]["brandId"] == item["brandId"]
    assert brands["data"][0]["companyName"] and "next_token" not in brands


def test_customer_shared_campaign_waits_for_the_provider_and_may_be_declined(world: World) -> None:
    """A customer's own CSP, associated with the project, shares with the provider: the provider's
    acceptance is what the customer waits for; a decline is REVIEW FAILED with the explanation."""
    customer = world.customer()
    csp = world.stranger  # the customer's own CSP
    r = world.provider.http.post(f"/api/v1/projects/{customer.project_id}/csp-associations",
                                 json={"cspIds": [csp.cnp_id]})
    assert r.status_code == 200, r.text
    campaign_id = registered_campaign(csp, world.run)
    assert select(customer.rumbleup)["count"] == 0
    assert csp.http.put(f"/v2/campaign/{campaign_id}/sharing/{world.provider.cnp_id}").status_code == 200
    item = only(customer, campaign_id)
    native = world.readiness(customer.native, campaign_id)
    assert native["stage"] == "PROVIDER_REVIEW" and item["status"] == "REVIEW IN PROGRESS"
    assert item["billedDate"] is None and item["nextRenewalOrExpirationDate"] is None  # a CSP-type upstream
    declined = world.provider.http.delete(f"/v2/partnerCampaign/{campaign_id}/sharing",
                                          params={"explanation": "The opt-in flow is not described"})
    assert declined.status_code == 200, declined.text
    item = only(customer, campaign_id)
    assert item["status"] == "REVIEW FAILED" and item["ok"] is False
    assert "The opt-in flow is not described" in item["reason"]
    # The campaign's own CSP reads its readiness too (no provider for it: the chain's words).
    assert world.readiness(csp.http, campaign_id)["stage"] == "SHARE_DECLINED"


def test_carrier_rejection_is_review_failed(world: World) -> None:
    world.manual_review()
    customer = world.customer()
    campaign_id = world.campaign_for(customer)
    world.share_to_cnp(campaign_id)
    world.cnp_to_dca(campaign_id)
    world.dca_accepts(campaign_id)
    world.decide(campaign_id, "10035", "reject", "Sample 1 does not name the brand")
    item = only(customer, campaign_id)
    assert item["status"] == "REVIEW FAILED" and "T-Mobile rejected it: Sample 1" in item["reason"]


def test_paging_with_next_token_and_comma_filters(world: World, monkeypatch: Any) -> None:
    from tendlc.core.readiness import customers

    monkeypatch.setattr(customers, "PAGE_SIZE", 2)
    monkeypatch.setattr(customers.customer_campaigns, "__defaults__", (2,))
    monkeypatch.setattr(customers.customer_brands, "__defaults__", (2,))
    customer = world.customer()
    ids = sorted(world.campaign_for(customer) for _ in range(5))
    seen, token, pages = [], None, 0
    while True:
        body = select(customer.rumbleup, **({"next_token": token} if token else {}))
        pages += 1
        seen += [c["campaignId"] for c in body["data"]]
        assert body["count"] == len(body["data"]) <= 2
        token = body.get("next_token")
        if token is None:
            break
    assert seen == ids and pages == 3

    picked = select(customer.rumbleup, campaignId=f"{ids[4]}, {ids[0]},NOPE123")
    assert [c["campaignId"] for c in picked["data"]] == [ids[0], ids[4]]
    brand_of = {c: only(customer, c)["brandId"] for c in ids}
    two = f"{brand_of[ids[1]]},{brand_of[ids[3]]}"
    assert [c["campaignId"] for c in select(customer.rumbleup, brandId=two)["data"]] == [ids[1], ids[3]]
    both = select(customer.rumbleup, brandId=two, campaignId=ids[3])
    assert [c["campaignId"] for c in both["data"]] == [ids[3]]

    names, token = [], None
    while True:
        brands = customer.rumbleup.get("/api/tcr/brand/select", params={"next_token": token} if token else {}).json()
        assert brands["count"] == len(brands["data"]) <= 2
        names += [b["brandId"] for b in brands["data"]]
        token = brands.get("next_token")
        if token is None:
            break
    assert names == sorted(brand_of.values())
    filtered = customer.rumbleup.get("/api/tcr/brand/select", params={"brandId": brand_of[ids[2]]}).json()
    assert [b["brandId"] for b in filtered["data"]] == [brand_of[ids[2]]]

    bad = customer.rumbleup.get("/api/tcr/campaign/select", params={"next_token": "!!not-a-token!!"})
    assert bad.status_code == 400 and bad.json()["fields"] == ["next_token"]


def test_auth_cid_apikey(world: World) -> None:
    customer = world.customer()
    other = world.customer("Customer Two")
    campaign_id = world.campaign_for(customer)
    url = "/api/tcr/campaign/select"
    with TestClient(world.app) as http:
        assert http.get(url).status_code == 401
        assert http.get(url).json()["code"] == "UNAUTHENTICATED"
        # The secret alone, or keyId:secret after the cid.
        assert http.get(url, auth=(customer.project_id, customer.secret)).status_code == 200
        both = http.get(url, auth=(customer.project_id, f"{customer.key_id}:{customer.secret}"))
        assert [c["campaignId"] for c in both.json()["data"]] == [campaign_id]
        # Another project's key, a wrong secret, the key id as cid: refused.
        assert http.get(url, auth=(other.project_id, customer.secret)).status_code == 401
        assert http.get(url, auth=(customer.project_id, other.secret)).status_code == 401
        assert http.get(url, auth=(customer.project_id, customer.secret + "x")).status_code == 401
        assert http.get(url, auth=(customer.key_id, customer.secret)).status_code == 401
        assert http.get(url, auth=(other.project_id, f"{customer.key_id}:{customer.secret}")).status_code == 401
        # The account's own key with the account id as cid: every campaign of the account.
        key_id, secret = world.account_key(world.provider)
        account = http.get(url, auth=(world.provider.cnp_id, secret))
        assert account.status_code == 200 and account.json()["data"][0]["cid"] == world.provider.cnp_id
        assert http.get(url, auth=(world.provider.cnp_id, f"{key_id}:{secret}")).status_code == 200
        assert http.get(url, auth=(customer.project_id, secret)).status_code == 401  # an account key is no project key
        # A disabled project's key stops working.
        r = world.provider.http.patch(f"/api/v1/projects/{customer.project_id}", json={"status": "DISABLED"})
        assert r.status_code == 200, r.text
        assert http.get(url, auth=(customer.project_id, customer.secret)).status_code == 401


def test_isolation_between_projects_and_accounts(world: World) -> None:
    one, two = world.customer("One"), world.customer("Two")
    mine = world.campaign_for(one)
    theirs = world.campaign_for(two)
    assert [c["campaignId"] for c in select(one.rumbleup)["data"]] == [mine]
    assert select(one.rumbleup, campaignId=theirs)["count"] == 0
    assert one.native.get(f"/api/v1/campaigns/{theirs}/readiness").status_code == 404
    assert world.stranger.http.get(f"/api/v1/campaigns/{mine}/readiness").status_code == 404
    assert world.readiness(world.provider.http, mine)["stage"] == "NOT_SHARED"
    # Chain parties read readiness; the stranger's RumbleUp view of its own account holds nothing of ours.
    world.share_to_cnp(mine)
    assert world.readiness(world.cnp.http, mine)["stage"] == "PROVIDER_REVIEW"  # the CNP is the one to act
    _, secret = world.account_key(world.stranger)
    with TestClient(world.app) as http:
        body = http.get("/api/tcr/campaign/select", auth=(world.stranger.cnp_id, secret)).json()
    assert body == {"count": 0, "data": []}
    brands = one.rumbleup.get("/api/tcr/brand/select").json()
    assert [b["brandId"] for b in brands["data"]] == [only(one, mine)["brandId"]]
