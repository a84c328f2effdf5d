"""The chain through the Telnyx door with the official SDK: a CSP shares a campaign with a CSP-type CNP,
whose ``acceptSharing`` forwards it to its configured upstream DCA; the DCA's ``acceptSharing`` accepts.
Partner views on both, and ``campaignStatusUpdate`` webhooks verified with ``client.webhooks.unwrap``."""

from __future__ import annotations

from typing import Any

import pytest

from tests.telnyx.support import brand_and_campaign, sdk_client, telnyx
from tests.webhook_support import run_all


@pytest.fixture
def world(app: Any, make_party: Any, run_workers: Any) -> dict[str, Any]:
    owner = make_party("csp", "Acme Messaging")
    cnp = make_party("csp", "Reseller CNP")
    dca = make_party("dca", "Telnyx", "TLNX")
    clients = {f"{name}_sdk": sdk_client(app, p).messaging_10dlc
               for name, p in (("owner", owner), ("cnp", cnp), ("dca", dca))}
    brand_id, campaign_id = brand_and_campaign(sdk_client(app, owner), run_workers)
    set_up = cnp.http.put("/api/v1/telnyx/upstreamDca", json={"upstreamDcaId": dca.cnp_id})
    assert set_up.status_code == 200 and set_up.json() == {"upstreamDcaId": dca.cnp_id}
    shared = owner.http.put(f"/v2/campaign/{campaign_id}/sharing/{cnp.cnp_id}")
    assert shared.status_code == 200, shared.text
    return {"owner": owner, "cnp": cnp, "dca": dca, "brand_id": brand_id, "campaign_id": campaign_id, **clients}


def test_accept_sharing_forward_then_accept(world: dict[str, Any]) -> None:
    cid, cnp, dca = world["campaign_id"], world["cnp"], world["dca"]
    sdk_cnp, sdk_dca = world["cnp_sdk"], world["dca_sdk"]

    listed = sdk_cnp.partner_campaigns.list()
    assert listed.total_records == 1 and listed.records[0].tcr_campaign_id == cid
    assert listed.records[0].campaign_status == "TCR_ACCEPTED" and listed.records[0].brand_display_name == "Acme Dental"

    assert sdk_cnp.campaign.accept_sharing(cid) is not None  # 202 {}: forwarded to the configured DCA
    status = sdk_cnp.partner_campaigns.retrieve_sharing_status(cid)
    assert status["sharedWithMe"].sharing_status == "ACCEPTED" and status["sharedByMe"].upstream_cnp_id == dca.cnp_id
    assert sdk_cnp.partner_campaigns.list_shared_by_me().total_records == 0  # the DCA has not accepted yet

    sdk_dca.campaign.accept_sharing(cid)
    mine = sdk_cnp.partner_campaigns.list_shared_by_me()
    assert [(r.campaign_id, r.brand_id, r.usecase) for r in mine.records] == [(cid, world["brand_id"], "MIXED")]

    got = sdk_dca.partner_campaigns.retrieve(cid)
    assert got.tcr_campaign_id == cid and got.campaign_status == "MNO_PENDING" and got.usecase == "MIXED"
    patched = sdk_dca.partner_campaigns.update(cid, webhook_url="https://hooks.example.com/telnyx")
    assert patched.webhook_url == "https://hooks.example.com/telnyx"
    assert sdk_dca.campaign.get_operation_status(cid)  # a partner reads the MNO statuses too
    assert world["owner_sdk"].campaign.get_sharing_status(cid).shared_by_me.upstream_cnp_id == cnp.cnp_id


def test_accept_sharing_without_upstream_dca(app: Any, make_party: Any, run_workers: Any) -> None:
    owner, cnp = make_party("csp", "Acme"), make_party("csp", "No DCA set")
    _, cid = brand_and_campaign(sdk_client(app, owner), run_workers)
    assert owner.http.put(f"/v2/campaign/{cid}/sharing/{cnp.cnp_id}").status_code == 200
    with pytest.raises(telnyx.BadRequestError) as refused:
        sdk_client(app, cnp).messaging_10dlc.campaign.accept_sharing(cid)
    assert "upstreamDca" in refused.value.body["errors"][0]["detail"]


def test_campaign_status_update_webhook_unwraps(app: Any, make_party: Any, run_workers: Any, receiver: Any,
                                               allow_loopback: Any) -> None:
    owner = make_party("csp", "Acme")
    client = sdk_client(app, owner)
    _, cid = brand_and_campaign(client, run_workers, webhook_url=receiver.url("/telnyx"))
    client.messaging_10dlc.campaign.deactivate(cid)
    run_all(allow_loopback)
    got = receiver.at("/telnyx")
    assert len(got) == 2
    key = owner.http.get("/api/v1/telnyx/publicKey").json()["publicKey"]
    events = [client.webhooks.unwrap(r.body.decode(), headers=r.headers, key=key) for r in got]
    assert [(e.type, e.status, e.campaign_id) for e in events] == [
        ("REGISTRATION", "ACCEPTED", cid), ("TCR_EVENT", "DORMANT", cid)]
    assert events[0].csp_id == owner.cnp_id
    tampered = got[0].body.replace(b"ACCEPTED", b"REJECTED")
    with pytest.raises(ValueError, match="Signature verification failed"):
        client.webhooks.unwrap(tampered.decode(), headers=got[0].headers, key=key)
