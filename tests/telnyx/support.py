"""Helpers of the Telnyx dialect tests: an official ``telnyx`` SDK client per account, in-process."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

telnyx = pytest.importorskip("telnyx")

BASE_URL = "http://testserver/v2"


def sdk_client(app: Any, party: Any) -> Any:
    """The official SDK, strict, no retries, talking to ``app`` in-process; ``api_key`` is ``keyId:secret``."""
    return telnyx.Telnyx(api_key=f"{party.key}:{party.secret}", base_url=BASE_URL, max_retries=0,
                         _strict_response_validation=True, http_client=TestClient(app))


def bearer(party: Any) -> dict[str, str]:
    return {"Authorization": f"Bearer {party.key}:{party.secret}"}


BRAND = {
    "entity_type": "PRIVATE_PROFIT", "display_name": "Acme Dental", "company_name": "Acme Dental LLC",
    "ein": "12-3456789", "phone": "+12025550142", "email": "ops@acmedental.example", "street": "1 Main St",
    "city": "Springfield", "state": "IL", "postal_code": "62701", "country": "US",
    "website": "https://acmedental.example", "vertical": "HEALTHCARE",
}

CAMPAIGN = {
    "usecase": "MIXED",
    "sub_usecases": ["ACCOUNT_NOTIFICATION", "CUSTOMER_CARE"],
    "description": "Appointment reminders and customer care replies for patients of Acme Dental.",
    "message_flow": "Patients opt in by ticking an unticked SMS consent box on the booking form at "
                    "https://acmedental.example/book.",
    "sample1": "Acme Dental: your cleaning is booked for Tue 3pm. Reply STOP to opt out.",
    "sample2": "Acme Dental: thanks for your question, we will call you back today. Reply HELP for help.",
    "subscriber_optin": True, "subscriber_optout": True, "subscriber_help": True,
    "optin_message": "Acme Dental: you are subscribed to alerts. Msg&data rates may apply. Reply STOP to end.",
    "optout_message": "Acme Dental: you are unsubscribed and will receive no more messages.",
    "help_message": "Acme Dental: for help call +12025550142. Reply STOP to end.",
    "optin_keywords": "START", "optout_keywords": "STOP,QUIT", "help_keywords": "HELP",
}


def brand_and_campaign(client: Any, run_workers: Any, **campaign: Any) -> tuple[str, str]:
    brand = client.messaging_10dlc.brand.create(**BRAND)
    run_workers()
    made = client.messaging_10dlc.campaign_builder.submit(brand_id=brand.brand_id, **{**CAMPAIGN, **campaign})
    return str(brand.brand_id), str(made.campaign_id)
