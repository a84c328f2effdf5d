"""Helpers of the readiness, RumbleUp and preflight tests: a provider with a customer project on the sandbox
app, a CNP, a DCA, the operator; a campaign moved along its chain; numbers assigned to it.

Numbers are assigned through the numbers repository (``assign``): the assignment jobs are being written
alongside; once they land, ``assign`` can call them instead."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tendlc.bootstrap import Container
from tendlc.core.numbers.model import AssignmentStatus
from tests.sharing_support import registered_campaign

ALL_MNOS = ("10017", "10035", "10037", "10038")


@dataclass
class Party:
    cnp_id: str
    http: TestClient


@dataclass
class Customer:
    """A project of the provider: its id (RumbleUp's cid), a key secret (the apikey) and clients."""

    project_id: str
    key_id: str
    secret: str
    rumbleup: TestClient  # Basic cid:apikey
    native: TestClient  # Basic keyId:secret (the same project key)


@dataclass
class World:
    provider: Party
    cnp: Party
    dca: Party
    stranger: Party
    operator: TestClient
    app: Any
    container: Container
    run: Any

    def customer(self, name: str = "Customer One") -> Customer:
        made = self.provider.http.post("/api/v1/projects", json={"name": name})
        assert made.status_code == 201, made.text
        project_id = made.json()["id"]
        key = self.provider.http.post(f"/api/v1/projects/{project_id}/keys", json={"label": "rumbleup"})
        assert key.status_code == 201, key.text
        key_id, secret = key.json()["apiKey"], key.json()["apiSecret"]
        rumbleup, native = TestClient(self.app), TestClient(self.app)
        rumbleup.auth = (project_id, secret)
        native.auth = (key_id, secret)
        return Customer(project_id, key_id, secret, rumbleup, native)

    def manual_review(self) -> None:
        r = self.operator.put("/api/v1/sandbox/policies", json={"mnoReview": [{"mode": "manual"}]})
        assert r.status_code == 200, r.text

    def campaign_for(self, customer: Customer, **changes: Any) -> str:
        """A campaign the provider registers for the customer's project (not shared yet)."""
        campaign_id = registered_campaign(self.provider, self.run, **changes)
        r = self.provider.http.put(f"/api/v1/projects/{customer.project_id}/campaigns/{campaign_id}")
        assert r.status_code == 204, r.text
        return campaign_id

    def share_to_cnp(self, campaign_id: str) -> None:
        r = self.provider.http.put(f"/v2/campaign/{campaign_id}/sharing/{self.cnp.cnp_id}")
        assert r.status_code == 200, r.text

    def cnp_to_dca(self, campaign_id: str) -> None:
        r = self.cnp.http.put(f"/v2/partnerCampaign/{campaign_id}/sharing/{self.dca.cnp_id}")
        assert r.status_code == 200, r.text

    def dca_accepts(self, campaign_id: str, excluded: tuple[int, ...] = ()) -> None:
        r = self.dca.http.post(f"/api/v1/partner/campaigns/{campaign_id}/accept",
                               json={"excludedMnoIds": list(excluded)})
        assert r.status_code == 200, r.text
        self.run()

    def decide(self, campaign_id: str, mno: str, action: str, reason: str | None = None) -> None:
        r = self.operator.post(f"/api/v1/sandbox/campaigns/{campaign_id}/mno/{mno}",
                               json={"action": action, **({"reason": reason} if reason else {})})
        assert r.status_code == 200, r.text

    def through_chain(self, campaign_id: str, excluded: tuple[int, ...] = ()) -> None:
        """Shared to the CNP, on to the DCA, accepted, every carrier registering (by the operator when the
        review policy is manual)."""
        self.share_to_cnp(campaign_id)
        self.cnp_to_dca(campaign_id)
        self.dca_accepts(campaign_id, excluded)
        status = self.provider.http.get(f"/v2/campaign/{campaign_id}/operationStatus").json()
        for mno in ALL_MNOS:
            if status.get(mno) == "REVIEW":
                self.decide(campaign_id, mno, "approve")

    def numbers(self, customer: Customer, *e164s: str) -> None:
        r = self.provider.http.post("/api/v1/numbers", json={"numbers": list(e164s), "projectId": customer.project_id})
        assert r.status_code in (200, 201), r.text

    def assign(self, campaign_id: str | None, status: AssignmentStatus | None, *e164s: str) -> None:
        """Set the numbers' campaign and assignment status directly (see the module's note)."""
        with self.container.uow(write=True) as uow:
            for e164 in e164s:
                number = uow.numbers.get(e164)
                assert number is not None
                uow.numbers.save(number.model_copy(update={"campaign_id": campaign_id, "assignment_status": status}))

    def account_key(self, party: Party) -> tuple[str, str]:
        """A new key of the party's account: (key id, secret)."""
        from tendlc.core.accounts import service as accounts

        c = self.container
        with c.uow(write=True) as uow:
            issued = accounts.issue_key(uow, c.ids, c.clock, party.cnp_id)
        return issued.key.key_id, issued.secret

    def readiness(self, http: TestClient, campaign_id: str) -> dict[str, Any]:
        r = http.get(f"/api/v1/campaigns/{campaign_id}/readiness")
        assert r.status_code == 200, r.text
        return dict(r.json())


@pytest.fixture(name="world")
def world_fixture(sandbox_party: Any, sandbox_app: Any, sandbox_container: Container, operator: TestClient) -> World:
    provider = Party(*sandbox_party("csp", "RumbleUp Provider"))
    cnp = Party(*sandbox_party("csp", "Reseller Networks"))
    dca = Party(*sandbox_party("dca", "Upstream DCA", "DCAONE"))
    stranger = Party(*sandbox_party("csp", "Unrelated CSP"))
    return World(provider, cnp, dca, stranger, operator, sandbox_app, sandbox_container,
                 sandbox_app.state.workers.run_until_idle)
