"""Helpers of the Sinch dialect tests: a provider with a DCA, a verified brand, a project and a Sinch client."""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

from fastapi.testclient import TestClient

from tests.factories import brand_body

# The request sample of Sinch's reference for POST …/campaignRegistrations:submit, as written (the brand id
# is replaced by a brand of the provider's: "string" names no brand).
SEED_REQUEST: dict[str, Any] = {
    "brandId": "string",
    "useCase": "2FA",
    "campaignName": "string",
    "description": "stringstringstringstringstringstringstri",
    "sample1": "{Brand name}: We are contacting you today to let you know your order is ready for pickup. Reply STOP "
               "to stop.",
    "sample2": "{Brand name}: Your confirmation code is SINCH1234. Please enter it on the authentication website. "
               "Reply STOP to stop.",
    "sample3": "{Brand name}: Shop at www.example.com for all your retail needs! From clothing to home goods, "
               "we've got you covered. Visit us today and save! Reply STOP to stop. ",
    "stopMessage": "You have been unsubscribed and will not receive any more messages from {Brand name}. For more "
                   "information call {phone number} or email {email address}.",
    "optInMessage": "You have opted in to receive messages from {Brand name}! Msg freq varies. Msg & data rates may "
                    "apply. Reply HELP for help. Reply STOP to stop.",
    "helpMessage": "{Brand name}: For help call {phone number} or email {email address} Reply STOP to stop.",
    "autoRenewal": True,
    "embeddedLink": False,
    "embeddedPhone": False,
    "numberPool": False,
    "ageGated": False,
    "directLending": False,
    "subscriberOptIn": True,
    "subscriberOptOut": True,
    "subscriberHelp": True,
    "optinKeywords": "Join,Subscribe,Agree",
    "optoutKeywords": "Stop,Quit,Cancel",
    "helpKeywords": "Help,Info",
    "messageFlow": "Users will opt-in to receive messages from {Brand name} via {opt-in mechanism}",
}

# The seed's request with its placeholders filled in: a campaign the compliance lint finds nothing blocking in.
CLEAN_FIXES: dict[str, Any] = {
    "description": "Acme Dental sends one-time passcodes to patients who sign in to the Acme Dental patient portal; "
                   "one message per sign-in.",
    "sample1": "Acme Dental: your passcode is 482913. It expires in 10 minutes. Reply STOP to stop.",
    "sample2": "Acme Dental: your confirmation code is 771204. Enter it on the sign-in page. Reply STOP to stop.",
    "sample3": "Acme Dental: use code 330981 to finish signing in. Reply HELP for help, STOP to stop.",
    "stopMessage": "Acme Dental: you have been unsubscribed and will not receive any more messages. Call "
                   "+12025550142 for help.",
    "optInMessage": "Acme Dental: you have opted in to sign-in codes. Msg freq varies. Msg & data rates may apply. "
                    "Reply HELP for help. Reply STOP to stop.",
    "helpMessage": "Acme Dental: for help call +12025550142 or email ops@acmedental.example. Reply STOP to stop.",
    "optinKeywords": "",
    "messageFlow": "Patients opt in to Acme Dental sign-in codes by ticking an unticked SMS consent box on the "
                   "portal sign-in page at https://acmedental.example/login, which shows: Msg freq varies. Msg & "
                   "data rates may apply. Reply HELP for help. Reply STOP to stop.",
}


def seed_request(brand_id: str, **changes: Any) -> dict[str, Any]:
    body = copy.deepcopy(SEED_REQUEST)
    body["brandId"] = brand_id
    body.update(changes)
    return body


def clean_request(brand_id: str, **changes: Any) -> dict[str, Any]:
    return seed_request(brand_id, **{**CLEAN_FIXES, **changes})


@dataclass
class SinchWorld:
    provider_id: str
    provider: TestClient
    dca_id: str
    operator: TestClient
    brand_id: str
    project_id: str
    sinch: TestClient  # authenticated with the project's key
    run: Any

    @property
    def base(self) -> str:
        return f"/v1/projects/{self.project_id}"

    def submit(self, body: dict[str, Any]) -> str:
        made = self.sinch.post(f"{self.base}/campaignRegistrations:submit", json=body)
        assert made.status_code == 200, made.text
        return str(made.json()["campaignRegistrationId"])

    def get(self, registration_id: str) -> dict[str, Any]:
        got = self.sinch.get(f"{self.base}/campaignRegistrations/{registration_id}")
        assert got.status_code == 200, got.text
        return dict(got.json())


def make_world(sandbox_party: Any, sandbox_app: Any, operator: TestClient, *, review: str = "auto") -> SinchWorld:
    provider_id, provider = sandbox_party("csp", "Sinch Provider")
    dca_id, _ = sandbox_party("dca", "Upstream DCA", "DCAONE")
    run = sandbox_app.state.workers.run_until_idle
    assert operator.put("/api/v1/sandbox/policies", json={"share": [{"dcaId": dca_id, "mode": "auto"}]}
                        ).status_code == 200
    settings = provider.put("/api/v1/provider/settings", json={"upstreamDcaId": dca_id, "review": review})
    assert settings.status_code == 200, settings.text
    brand = provider.post("/v2/brand/nonBlocking", json=brand_body())
    assert brand.status_code == 200, brand.text
    run()
    made = provider.post("/api/v1/projects", json={"name": "Customer One"})
    assert made.status_code == 201, made.text
    project_id = made.json()["id"]
    key = provider.post(f"/api/v1/projects/{project_id}/keys", json={"label": "sinch"}).json()
    sinch = TestClient(sandbox_app)
    sinch.auth = (key["apiKey"], key["apiSecret"])
    return SinchWorld(provider_id, provider, dca_id, operator, brand.json()["brandId"], project_id, sinch, run)
