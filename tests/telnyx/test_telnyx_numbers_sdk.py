"""Numbers through the Telnyx door with the official ``telnyx`` SDK (strict response validation, no retries,
in-process): the "bring campaigns to Telnyx" story — a CSP registers a campaign at TCR and shares it with
its provider (a CSP-type account using the Telnyx dialect); the provider's ``acceptSharing`` forwards it to
its upstream DCA, which accepts (carrier reviews auto-approve); the provider assigns its messaging
profile's numbers with ``phoneNumberAssignmentByProfile`` (the campaign's TCR id), the task completes, each
number is ASSIGNED in ``phone_number_campaigns``, the campaign reads MNO_PROVISIONED, and the provider's
``campaignStatusUpdate`` webhooks verify with ``client.webhooks.unwrap``. Then every other
``phone_number_campaigns`` / ``phoneNumberAssignmentByProfile`` operation once."""

from __future__ import annotations

from typing import Any

import pytest

from tests.telnyx.support import bearer, brand_and_campaign, sdk_client, telnyx
from tests.webhook_support import run_all

PROFILE_NUMBERS = [f"+1312555014{i}" for i in range(4)]
SPARE = "+13125550150"


@pytest.fixture
def story(app: Any, make_party: Any, run_workers: Any, receiver: Any, allow_loopback: Any) -> dict[str, Any]:
    owner = make_party("csp", "Acme Messaging")
    provider = make_party("csp", "Reseller CNP")
    dca = make_party("dca", "Upstream DCA", "TLNX")
    brand_id, campaign_id = brand_and_campaign(sdk_client(app, owner), run_workers)

    # the provider's inventory and upstream DCA, set up through the native API as a provider would
    profile = provider.http.post("/api/v1/messaging-profiles", json={"name": "Acme Dental numbers"})
    assert profile.status_code == 201, profile.text
    profile_id = profile.json()["id"]
    added = provider.http.post("/api/v1/numbers", json={"numbers": PROFILE_NUMBERS, "messagingProfileId": profile_id})
    assert added.status_code == 201, added.text
    assert provider.http.post("/api/v1/numbers", json={"phoneNumber": SPARE}).status_code == 201
    upstream = provider.http.put("/api/v1/telnyx/upstreamDca", json={"upstreamDcaId": dca.cnp_id})
    assert upstream.status_code == 200, upstream.text

    shared = owner.http.put(f"/v2/campaign/{campaign_id}/sharing/{provider.cnp_id}")
    assert shared.status_code == 200, shared.text
    run_workers()
    return {"owner": owner, "provider": provider, "dca": dca, "brand_id": brand_id, "campaign_id": campaign_id,
            "profile_id": profile_id, "client": sdk_client(app, provider), "receiver": receiver,
            "allow_loopback": allow_loopback}


def test_shared_campaign_numbers_by_profile(app: Any, story: dict[str, Any], run_workers: Any) -> None:
    cid, provider, client = story["campaign_id"], story["provider"], story["client"]
    tx = client.messaging_10dlc
    hook = story["receiver"].url("/provider")

    listed = tx.partner_campaigns.list()
    assert [r.tcr_campaign_id for r in listed.records] == [cid]
    assert listed.records[0].campaign_status == "TCR_ACCEPTED"
    assert tx.partner_campaigns.update(cid, webhook_url=hook).webhook_url == hook

    tx.campaign.accept_sharing(cid)  # forwarded to the provider's upstream DCA
    run_workers()
    assert tx.partner_campaigns.retrieve(cid).campaign_status == "TCR_ACCEPTED"  # the DCA has not accepted yet
    sdk_client(app, story["dca"]).messaging_10dlc.campaign.accept_sharing(cid)
    run_workers()  # carrier reviews open and auto-approve
    assert tx.partner_campaigns.retrieve(cid).campaign_status == "MNO_ACCEPTED"  # registered, no number yet
    assert tx.partner_campaigns.list_shared_by_me().records[0].campaign_id == cid

    made = tx.phone_number_assignment_by_profile.assign(messaging_profile_id=story["profile_id"],
                                                        tcr_campaign_id=cid)
    assert made.messaging_profile_id == story["profile_id"] and made.tcr_campaign_id == cid
    assert made.campaign_id is None and made.task_id
    assert tx.phone_number_assignment_by_profile.retrieve_status(made.task_id).status in ("pending", "processing")
    run_workers()
    status = tx.phone_number_assignment_by_profile.retrieve_status(made.task_id)
    assert status.status == "completed" and status.task_id == made.task_id and status.created_at is not None

    per_number = tx.phone_number_assignment_by_profile.list_phone_number_status(made.task_id)
    assert [(r.phone_number, r.status) for r in per_number.records] == [(n, "assigned") for n in PROFILE_NUMBERS]
    again = tx.phone_number_assignment_by_profile.retrieve_phone_number_status(made.task_id, page=2,
                                                                               records_per_page=3)
    assert [r.phone_number for r in again.records] == PROFILE_NUMBERS[3:]

    page = tx.phone_number_campaigns.list(filter={"tcr_campaign_id": cid})
    assert page.total_records == len(PROFILE_NUMBERS)
    assert {(r.phone_number, r.assignment_status, r.campaign_id, r.tcr_campaign_id) for r in page.records} == {
        (n, "ASSIGNED", cid, cid) for n in PROFILE_NUMBERS}
    # a campaign shared with the caller: Telnyx leaves brandId and telnyxCampaignId empty
    assert all(r.brand_id is None and r.telnyx_campaign_id is None and r.tcr_brand_id == story["brand_id"]
               for r in page.records)
    assert tx.phone_number_campaigns.list(filter={"tcr_brand_id": story["brand_id"]}).total_records == 4
    assert tx.phone_number_campaigns.list(filter={"telnyx_brand_id": "BNOPE00"}).records == []

    assert tx.partner_campaigns.retrieve(cid).campaign_status == "MNO_PROVISIONED"
    owner_view = sdk_client(app, story["owner"]).messaging_10dlc.campaign.retrieve(cid)
    assert owner_view.campaign_status == "MNO_PROVISIONED"

    run_all(story["allow_loopback"])
    got = story["receiver"].at("/provider")
    assert got, "the provider's webhook URL received nothing"
    key = provider.http.get("/api/v1/telnyx/publicKey").json()["publicKey"]
    events = [client.webhooks.unwrap(r.body.decode(), headers=r.headers, key=key) for r in got]
    assert {e.campaign_id for e in events} == {cid}
    assert ("TELNYX_REVIEW", "ACCEPTED") in {(e.type, e.status) for e in events}


def test_phone_number_campaign_operations(app: Any, story: dict[str, Any], run_workers: Any) -> None:
    cid, client = story["campaign_id"], story["client"]
    tx = client.messaging_10dlc
    tx.campaign.accept_sharing(cid)
    sdk_client(app, story["dca"]).messaging_10dlc.campaign.accept_sharing(cid)
    run_workers()

    made = tx.phone_number_campaigns.create(campaign_id=cid, phone_number=SPARE)
    assert (made.phone_number, made.campaign_id, made.assignment_status) == (SPARE, cid, "PENDING_ASSIGNMENT")
    run_workers()
    got = tx.phone_number_campaigns.retrieve(SPARE)
    assert got.assignment_status == "ASSIGNED" and got.created_at and got.updated_at

    same = tx.phone_number_campaigns.update(SPARE, campaign_id=cid, phone_number=SPARE)
    assert same.assignment_status == "ASSIGNED"  # already there: nothing changes

    gone = tx.phone_number_campaigns.delete(SPARE)
    assert gone.phone_number == SPARE and gone.assignment_status == "PENDING_UNASSIGNMENT"
    run_workers()
    with pytest.raises(telnyx.NotFoundError) as missing:
        tx.phone_number_campaigns.retrieve(SPARE)
    assert missing.value.body["errors"][0]["code"] == "10005"


def test_refusals(app: Any, story: dict[str, Any], make_party: Any) -> None:
    cid, provider, tx = story["campaign_id"], story["provider"], story["client"].messaging_10dlc
    with pytest.raises(telnyx.BadRequestError) as both:
        tx.phone_number_assignment_by_profile.assign(messaging_profile_id=story["profile_id"], campaign_id=cid,
                                                     tcr_campaign_id=cid)
    assert both.value.body["errors"][0]["source"]["pointer"] == "/tcrCampaignId"
    with pytest.raises(telnyx.NotFoundError):
        tx.phone_number_assignment_by_profile.assign(messaging_profile_id="NO-SUCH-PROFILE", tcr_campaign_id=cid)
    with pytest.raises(telnyx.NotFoundError):
        tx.phone_number_assignment_by_profile.retrieve_status("no-such-task")
    stranger = sdk_client(app, make_party("csp", "Stranger")).messaging_10dlc
    with pytest.raises(telnyx.NotFoundError):  # not shared with the stranger: it does not exist for it
        stranger.phone_number_campaigns.create(campaign_id=cid, phone_number=SPARE)
    with pytest.raises(telnyx.NotFoundError):  # somebody else's number
        stranger.phone_number_campaigns.retrieve(SPARE)

    raw = provider.http
    raw.auth = None
    missing = raw.post("/v2/10dlc/phone_number_campaigns", headers=bearer(provider), json={})
    assert missing.status_code == 400
    assert {e["source"]["pointer"] for e in missing.json()["errors"]} == {"/phoneNumber", "/campaignId"}
    bad_sort = raw.get("/v2/10dlc/phone_number_campaigns", headers=bearer(provider), params={"sort": "nope"})
    assert bad_sort.status_code == 400 and bad_sort.json()["errors"][0]["source"] == {"parameter": "sort"}
    past = raw.get("/v2/10dlc/phone_number_campaigns", headers=bearer(provider), params={"page": 9})
    assert past.status_code == 200 and past.json() == {"page": 9, "records": [], "totalRecords": 0}
    mismatch = raw.put(f"/v2/10dlc/phone_number_campaigns/{SPARE}", headers=bearer(provider),
                       json={"phoneNumber": PROFILE_NUMBERS[0], "campaignId": cid})
    assert mismatch.status_code == 400 and mismatch.json()["errors"][0]["source"]["pointer"] == "/phoneNumber"


def test_idempotency_key_replays_the_task(story: dict[str, Any]) -> None:
    cid, tx = story["campaign_id"], story["client"].messaging_10dlc
    first = tx.phone_number_assignment_by_profile.with_raw_response.assign(
        messaging_profile_id=story["profile_id"], tcr_campaign_id=cid, extra_headers={"Idempotency-Key": "k-1"})
    second = tx.phone_number_assignment_by_profile.with_raw_response.assign(
        messaging_profile_id=story["profile_id"], tcr_campaign_id=cid, extra_headers={"Idempotency-Key": "k-1"})
    assert first.status_code == 202 and second.headers.get("idempotent-replayed") == "true"
    assert first.parse().task_id == second.parse().task_id
