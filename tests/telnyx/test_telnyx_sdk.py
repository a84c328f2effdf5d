"""Every Telnyx 10DLC registry operation called once through the official ``telnyx`` SDK (strict response
validation, no retries), in-process against the app. Number assignment (phone_number_campaigns,
phoneNumberAssignmentByProfile) is tested with the numbers side."""

from __future__ import annotations

from typing import Any

import pytest

from tests.telnyx.support import BRAND, CAMPAIGN, brand_and_campaign, telnyx


def test_brand_operations(client: Any, csp: Any, run_workers: Any) -> None:
    tx = client.messaging_10dlc
    made = tx.brand.create(**BRAND, webhook_url="https://hooks.example.com/brand")
    assert made.brand_id and made.brand_id == made.tcr_brand_id and made.brand_id.startswith("B")
    assert (made.display_name, made.entity_type, made.csp_id) == ("Acme Dental", "PRIVATE_PROFIT", csp.cnp_id)
    assert made.brand_relationship == "BASIC_ACCOUNT" and made.status == "REGISTRATION_PENDING"
    assert made.webhook_url == "https://hooks.example.com/brand"
    run_workers()

    got = tx.brand.retrieve(made.brand_id)
    assert got.status == "OK" and got.identity_status == "VERIFIED" and got.assigned_campaigns_count == 0

    page = tx.brand.list(display_name="Acme Dental")
    assert page.total_records == 1 and [b.brand_id for b in page.records] == [made.brand_id]
    assert page.records[0].assigned_campaings_count == 0

    updated = tx.brand.update(made.brand_id, **{**BRAND, "website": "https://acme.example"})
    assert updated.website == "https://acme.example" and updated.brand_id == made.brand_id

    feedback = tx.brand.get_feedback(made.brand_id)
    assert feedback.brand_id == made.brand_id and feedback.category == []

    revetted = tx.brand.revet(made.brand_id)
    assert revetted.brand_id == made.brand_id

    assert tx.brand.resend_2fa_email(made.brand_id) is None

    vet = tx.brand.external_vetting.order(made.brand_id, evp_id="WMC", vetting_class="STANDARD")
    assert vet.evp_id == "WMC" and vet.vetting_class == "STANDARD" and vet.vetting_id
    listed = tx.brand.external_vetting.list(made.brand_id)
    assert [v.vetting_id for v in listed] == [vet.vetting_id]
    with pytest.raises(telnyx.NotFoundError) as missing:
        tx.brand.external_vetting.imports(made.brand_id, evp_id="WMC", vetting_id="no-such-vet")
    assert missing.value.body["errors"][0]["code"] == "10DLC-520"

    other = tx.brand.create(**{**BRAND, "display_name": "Short Lived"})
    assert tx.brand.delete(other.brand_id) is None
    assert [b.brand_id for b in tx.brand.list().records] == [made.brand_id]


def test_campaign_operations(client: Any, run_workers: Any) -> None:
    tx = client.messaging_10dlc
    brand_id, _ = brand_and_campaign(client, run_workers)

    qualified = tx.campaign_builder.brand.qualify_by_usecase("MIXED", brand_id=brand_id)
    assert qualified.usecase == "MIXED" and qualified.monthly_fee and qualified.mno_metadata

    made = tx.campaign_builder.submit(brand_id=brand_id, **CAMPAIGN, mno_ids=[10017, 10035],
                                      webhook_url="https://hooks.example.com/campaign")
    assert made.campaign_id.startswith("C") and made.tcr_campaign_id == made.campaign_id
    assert (made.brand_id, made.usecase, made.mock, made.terms_and_conditions) == (brand_id, "MIXED", False, True)
    assert made.campaign_status == "TCR_ACCEPTED" and made.submission_status == "CREATED" and made.status == "ACTIVE"
    assert made.webhook_url == "https://hooks.example.com/campaign"

    got = tx.campaign.retrieve(made.campaign_id)
    assert got.sub_usecases == ["ACCOUNT_NOTIFICATION", "CUSTOMER_CARE"] and got.brand_display_name == "Acme Dental"

    updated = tx.campaign.update(made.campaign_id, auto_renewal=False,
                                 sample1="Acme Dental: your checkup is booked for Wed 9am. Reply STOP to opt out.")
    assert updated.auto_renewal is False

    page = tx.campaign.list(brand_id=brand_id, records_per_page=1)
    assert page.total_records == 2 and len(page.records) == 1

    meta = tx.campaign.get_mno_metadata(made.campaign_id)
    assert meta.mno_metadata_item_10999 is None and set(meta.to_dict()) == {"10017", "10035"}

    assert tx.campaign.get_operation_status(made.campaign_id) == {}
    osr = tx.campaign.osr.get_attributes(made.campaign_id)
    assert osr["campaignId"] == made.campaign_id and osr["mnoIds"] == [10017, 10035]
    assert tx.campaign.get_sharing_status(made.campaign_id).shared_by_me is None

    cost = tx.campaign.usecase.get_cost(usecase="MIXED")
    assert cost.campaign_usecase == "MIXED" and float(cost.monthly_cost) > 0

    with pytest.raises(telnyx.BadRequestError) as refused:  # nothing was rejected, so nothing to appeal
        tx.campaign.submit_appeal(made.campaign_id, appeal_reason="We fixed the opt-in")
    assert refused.value.body["errors"][0]["code"] == "10DLC-592"

    gone = tx.campaign.deactivate(made.campaign_id)
    assert gone.time > 0 and gone.record_type == "campaign"
    assert tx.campaign.retrieve(made.campaign_id).campaign_status == "TCR_EXPIRED"


def test_enums(client: Any) -> None:
    tx = client.messaging_10dlc
    assert "TCR_ACCEPTED" in tx.get_enum("campaignStatus")
    assert "PRIVATE_PROFIT" in tx.get_enum("entityType")
    assert "MIXED" in tx.get_enum("usecase")
    with pytest.raises(telnyx.NotFoundError):
        tx.get_enum("noSuchEnum")
