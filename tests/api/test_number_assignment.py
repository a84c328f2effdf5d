"""Number assignment through HTTP: refusals, waiting for a DCA and a carrier, the worker provisioning,
forced failures, idempotent bulk jobs, crash and resume, release on deactivation, holding on suspension,
TCR's nnSR routes, and the CLI with a CSV."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from tendlc.bootstrap import build
from tendlc.cli.main import app as cli_app
from tendlc.core.errors import ConcurrentUpdate
from tendlc.core.numbers.assignment import ItemStatus, Outcome
from tendlc.core.numbers.model import AssignmentStatus
from tendlc.workers import number_jobs
from tests.sharing_support import registered_campaign


@dataclass
class Party:
    cnp_id: str
    http: TestClient


@dataclass
class World:
    csp: Party
    cnp: Party
    dca: Party
    stranger: Party
    operator: TestClient
    run: Any
    container: Any

    def chain(self, campaign_id: str) -> None:
        assert self.csp.http.put(f"/v2/campaign/{campaign_id}/sharing/{self.cnp.cnp_id}").status_code == 200
        assert self.cnp.http.put(f"/v2/partnerCampaign/{campaign_id}/sharing/{self.dca.cnp_id}").status_code == 200
        r = self.dca.http.post(f"/api/v1/partner/campaigns/{campaign_id}/accept", json={"excludedMnoIds": []})
        assert r.status_code == 200, r.text
        self.run()

    def campaign(self, *, shared: bool = True, **changes: Any) -> str:
        campaign_id = registered_campaign(self.csp, self.run, **changes)
        if shared:
            self.chain(campaign_id)
        return campaign_id

    def numbers(self, count: int, npa: str = "212", profile: str | None = None) -> list[str]:
        body: dict[str, Any] = {"npa": npa, "count": count}
        if profile:
            body["messagingProfileId"] = profile
        r = self.csp.http.post("/api/v1/numbers/generate", json=body)
        assert r.status_code == 201, r.text
        return list(r.json()["added"])

    def profile(self) -> str:
        r = self.csp.http.post("/api/v1/messaging-profiles", json={"name": "Bulk"})
        assert r.status_code == 201, r.text
        return str(r.json()["id"])

    def number(self, e164: str) -> dict[str, Any]:
        r = self.csp.http.get(f"/api/v1/numbers/{e164}")
        assert r.status_code == 200, r.text
        return dict(r.json())

    def job(self, key: str | None = None, **body: Any) -> dict[str, Any]:
        headers = {"Idempotency-Key": key} if key else {}
        r = self.csp.http.post("/api/v1/number-assignments", json=body, headers=headers)
        assert r.status_code == 202, r.text
        return dict(r.json())

    def task(self, task_id: str) -> dict[str, Any]:
        return dict(self.csp.http.get(f"/api/v1/number-assignments/{task_id}").json())

    def items(self, task_id: str) -> dict[str, dict[str, Any]]:
        r = self.csp.http.get(f"/api/v1/number-assignments/{task_id}/numbers", params={"recordsPerPage": 1000})
        assert r.status_code == 200, r.text
        return {i["phoneNumber"]: i for i in r.json()["records"]}

    def policies(self, **doc: Any) -> None:
        assert self.operator.put("/api/v1/sandbox/policies", json=doc).status_code == 200

    def decide(self, campaign_id: str, mno: str, action: str, reason: str | None = None) -> None:
        r = self.operator.post(f"/api/v1/sandbox/campaigns/{campaign_id}/mno/{mno}",
                               json={"action": action, **({"reason": reason} if reason else {})})
        assert r.status_code == 200, r.text


@pytest.fixture
def world(sandbox_party: Any, sandbox_app: Any, operator: TestClient, sandbox_container: Any) -> World:
    csp = Party(*sandbox_party("csp", "Acme Messaging"))
    cnp = Party(*sandbox_party("csp", "Reseller Networks"))
    dca = Party(*sandbox_party("dca", "Upstream DCA", "DCAONE"))
    stranger = Party(*sandbox_party("csp", "Unrelated CSP"))
    return World(csp, cnp, dca, stranger, operator, sandbox_app.state.workers.run_until_idle, sandbox_container)


def error_of(response: Any, status: int) -> dict[str, Any]:
    assert response.status_code == status, (response.status_code, response.text)
    return dict(response.json()["error"])


def test_assignment_refusals(world: World) -> None:
    campaign = world.campaign()
    other = world.campaign()
    numbers = world.numbers(51)
    put = world.csp.http.put
    assert put(f"/api/v1/numbers/{numbers[0]}/campaign", json={"campaignId": other}).status_code == 200
    world.run()
    # a number on another campaign
    refused = error_of(put(f"/api/v1/numbers/{numbers[0]}/campaign", json={"campaignId": campaign}), 403)
    assert "NUMBER_ON_ANOTHER_CAMPAIGN" in refused["message"] and other in refused["message"]
    # a non-NANP number
    bad = error_of(put("/api/v1/numbers/+442071838750/campaign", json={"campaignId": campaign}), 422)
    assert bad["code"] == "INVALID_INPUT" and bad["fields"] == ["phoneNumber"]
    listed = world.csp.http.post("/api/v1/number-assignments", json={"campaignId": campaign,
                                                                     "numbers": [numbers[1], "+442071838750"]})
    assert error_of(listed, 422)["fields"] == ["numbers[1]"]
    # a campaign of another account (not shared with the caller): it does not exist for the caller
    strangers = registered_campaign(world.stranger, world.run)
    assert error_of(put(f"/api/v1/numbers/{numbers[1]}/campaign", json={"campaignId": strangers}), 404)[
        "fields"] == ["campaignId"]
    # the 50th number without numberPool (T-Mobile: 49)
    task = world.job(campaignId=campaign, numbers=numbers[1:50])
    world.run()
    assert world.task(task["taskId"])["counts"]["assigned"] == 49
    capped = error_of(put(f"/api/v1/numbers/{numbers[50]}/campaign", json={"campaignId": campaign}), 403)
    assert "CARRIER_CAP" in capped["message"] and "T-Mobile" in capped["message"]
    bulk = world.job(campaignId=campaign, numbers=[numbers[50]])
    world.run()
    item = world.items(bulk["taskId"])[numbers[50]]
    assert item["status"] == "failed" and item["reason"].startswith("CARRIER_CAP")
    assert world.task(bulk["taskId"])["status"] == "failed"
    # with numberPool the cap does not apply
    pool = world.campaign(numberPool=True)
    assert put(f"/api/v1/numbers/{numbers[50]}/campaign", json={"campaignId": pool}).status_code == 200


def test_waits_for_dca_and_carrier_then_the_worker_provisions(world: World) -> None:
    world.policies(mnoReview=[{"mode": "manual"}])
    campaign = world.campaign(shared=False)
    [e164] = world.numbers(1)
    r = world.csp.http.put(f"/api/v1/numbers/{e164}/campaign", json={"campaignId": campaign})
    assert r.status_code == 200 and r.json()["assignmentStatus"] == "PENDING_ASSIGNMENT"
    world.run()
    assert world.number(e164)["assignmentStatus"] == "PENDING_ASSIGNMENT"
    task = world.job(campaignId=campaign, numbers=[e164])
    world.run()
    assert world.items(task["taskId"])[e164]["status"] == "waiting"
    world.chain(campaign)  # the DCA accepts; carriers review by hand
    assert world.number(e164)["assignmentStatus"] == "PENDING_ASSIGNMENT"
    waiting = world.csp.http.post("/api/v1/number-assignments", json={"campaignId": campaign, "numbers": [e164]})
    world.run()
    assert "CAMPAIGN_PENDING_CARRIER_REVIEW" in world.items(waiting.json()["taskId"])[e164]["reason"]
    world.decide(campaign, "10035", "approve")
    world.run()
    assert world.number(e164)["assignmentStatus"] == "ASSIGNED"
    assert world.items(task["taskId"])[e164]["status"] == "assigned"
    assert world.task(task["taskId"])["status"] == "completed"
    phones = world.csp.http.get(f"/v2/campaign/{campaign}/osr/phones").json()
    assert phones["totalRecords"] == 1 and phones["records"][0]["phoneNumber"] == e164
    assert phones["records"][0]["current"] is True and phones["records"][0]["nnid"] == world.dca.cnp_id
    assert world.csp.http.get(f"/v2/campaign/{campaign}/osr/attributes").json()["status"] == str(1 << 1)


def test_forced_failure_has_a_reason_and_a_retry_assigns(world: World) -> None:
    campaign = world.campaign()
    numbers = world.numbers(3)
    forced = world.operator.post(f"/api/v1/sandbox/numbers/{numbers[1]}/fail",
                                 json={"reason": "the number is ported out to another carrier"})
    assert forced.status_code == 200, forced.text
    task = world.job(campaignId=campaign, numbers=numbers)
    world.run()
    items = world.items(task["taskId"])
    assert [items[n]["status"] for n in numbers] == ["assigned", "failed", "assigned"]
    assert "ported out" in items[numbers[1]]["reason"]
    failed = world.number(numbers[1])
    assert failed["assignmentStatus"] == "FAILED_ASSIGNMENT" and "ported out" in failed["failureReasons"]
    assert world.task(task["taskId"])["status"] == "completed"
    retried = world.csp.http.post(f"/api/v1/number-assignments/{task['taskId']}/retry")
    assert retried.status_code == 202
    world.run()
    assert world.number(numbers[1])["assignmentStatus"] == "ASSIGNED"
    assert world.task(task["taskId"])["counts"] == {"pending": 0, "waiting": 0, "assigned": 3, "failed": 0}


def test_idempotency_key_gives_the_same_task_and_never_assigns_twice(world: World) -> None:
    campaign = world.campaign(numberPool=True)
    profile = world.profile()
    numbers = world.numbers(120, profile=profile)
    first = world.job("key-1", campaignId=campaign, messagingProfileId=profile)
    again = world.csp.http.post("/api/v1/number-assignments", headers={"Idempotency-Key": "key-1"},
                                json={"campaignId": campaign, "messagingProfileId": profile})
    assert again.status_code == 202 and again.json()["taskId"] == first["taskId"]
    assert again.headers["Idempotent-Replayed"] == "true"
    world.run()
    replay = world.job("key-1", campaignId=campaign, messagingProfileId=profile)
    assert replay["taskId"] == first["taskId"] and replay["status"] == "completed"
    other = world.csp.http.post("/api/v1/number-assignments", headers={"Idempotency-Key": "key-1"},
                                json={"campaignId": world.campaign(), "messagingProfileId": profile})
    assert error_of(other, 409)["fields"] == ["idempotencyKey"]
    # another key, same numbers: they are on the campaign already, nothing is assigned twice
    second = world.job("key-2", campaignId=campaign, messagingProfileId=profile)
    world.run()
    assert world.task(second["taskId"])["counts"]["assigned"] == 120
    listed = world.csp.http.get("/api/v1/numbers", params={"campaignId": campaign, "recordsPerPage": 500}).json()
    assert listed["totalRecords"] == 120 and sorted(r["phoneNumber"] for r in listed["records"]) == sorted(numbers)
    phones = world.csp.http.get(f"/v2/campaign/{campaign}/osr/phones", params={"recordsPerPage": 500}).json()
    assert phones["totalRecords"] == 120


def test_a_crash_mid_job_resumes_where_it_stopped(world: World, settings: Any, clock: Any) -> None:
    campaign = world.campaign(numberPool=True)
    profile = world.profile()
    world.numbers(300, profile=profile)
    task = world.job(campaignId=campaign, messagingProfileId=profile)
    c = world.container
    with c.uow(write=True) as uow:
        claimed = uow.assignments.claim_task(c.clock.now(), c.clock.now() + timedelta(seconds=5), "crashing")
    assert claimed is not None and claimed.task_id == task["taskId"]
    assert number_jobs.run_task(c, task["taskId"], "crashing", batch=100, max_batches=1) == 100
    # the process dies here: the lease is held, 200 numbers pending
    assert world.task(task["taskId"])["counts"] == {"pending": 200, "waiting": 0, "assigned": 100, "failed": 0}
    fresh = build(settings.model_copy(update={"sandbox": True}), clock=clock, migrate=False)
    try:
        assert number_jobs.run_once(fresh) == 0  # the lease still runs
        clock.advance(timedelta(seconds=6))
        assert number_jobs.run_once(fresh) == 200
    finally:
        fresh.dispose()
    assert world.task(task["taskId"])["status"] == "completed"
    listed = world.csp.http.get("/api/v1/numbers", params={"campaignId": campaign, "recordsPerPage": 500}).json()
    assert listed["totalRecords"] == 300
    assert world.items(task["taskId"]).keys() == {r["phoneNumber"] for r in listed["records"]}


def test_a_batch_whose_number_was_taken_meanwhile_writes_nothing_and_is_decided_again(world: World) -> None:
    campaign, other = world.campaign(numberPool=True), world.campaign(numberPool=True)
    profile = world.profile()
    numbers = sorted(world.numbers(40, profile=profile))
    task_id = world.job(campaignId=campaign, messagingProfileId=profile)["taskId"]
    c = world.container
    with c.uow() as uow:  # the worker reads the batch …
        pending = uow.assignments.pending_items(task_id, 100)
    assert [e for e, _ in pending] == numbers and all(h is not None and h.campaign_id is None for _, h in pending)
    # … a number of it is put on another campaign before the batch is written …
    taken = numbers[7]
    assert world.csp.http.put(f"/api/v1/numbers/{taken}/campaign", json={"campaignId": other}).status_code == 200
    outcomes = [Outcome(e, ItemStatus.ASSIGNED, None, True, campaign, AssignmentStatus.ASSIGNED) for e in numbers]
    before = {e: h for e, h in pending if h is not None}
    with pytest.raises(ConcurrentUpdate), c.uow(write=True) as uow:  # … so the whole batch is refused
        uow.assignments.apply(outcomes, before, [task_id], c.clock.now(), world.dca.cnp_id, item_from=("pending",))
    assert world.task(task_id)["counts"] == {"pending": 40, "waiting": 0, "assigned": 0, "failed": 0}
    assert world.csp.http.get("/api/v1/numbers", params={"campaignId": campaign}).json()["totalRecords"] == 0
    world.run()  # decided again: the taken number is refused, the others assigned, each once
    items = world.items(task_id)
    assert "NUMBER_ON_ANOTHER_CAMPAIGN" in items[taken]["reason"] and items[taken]["status"] == "failed"
    tally = {s: sum(1 for i in items.values() if i["status"] == s)
             for s in ("pending", "waiting", "assigned", "failed")}
    assert world.task(task_id)["counts"] == tally == {"pending": 0, "waiting": 0, "assigned": 39, "failed": 1}
    assert world.number(taken)["campaignId"] == other
    assert world.number(numbers[0])["campaignId"] == campaign
    phones = world.csp.http.get(f"/v2/campaign/{campaign}/osr/phones", params={"recordsPerPage": 100}).json()
    assert phones["totalRecords"] == 39 and taken not in {p["phoneNumber"] for p in phones["records"]}


def test_deactivation_releases_numbers(world: World) -> None:
    world.policies(mnoReview=[{"mode": "manual"}])
    campaign = world.campaign()
    numbers = world.numbers(3)
    world.decide(campaign, "10017", "approve")
    world.job(campaignId=campaign, numbers=numbers[:2])
    world.run()
    waiting = world.job(campaignId=campaign, numbers=[numbers[2]])  # not yet looked at when the campaign ends
    assert world.csp.http.delete(f"/v2/campaign/{campaign}").status_code in (200, 204)
    world.run()
    for e164 in numbers:
        assert (world.number(e164)["campaignId"], world.number(e164)["assignmentStatus"]) == (None, None)
    item = world.items(waiting["taskId"])[numbers[2]]
    assert item["status"] == "failed" and "CAMPAIGN_EXPIRED" in item["reason"]
    before = world.csp.http.get(f"/v2/campaign/{campaign}/osr/phones", params={"current": "false"}).json()
    assert before["totalRecords"] == 2 and all(not r["current"] for r in before["records"])
    assert world.csp.http.get(f"/v2/campaign/{campaign}/osr/attributes").json() == {}


def test_suspension_holds_numbers(world: World) -> None:
    world.policies(mnoReview=[{"mode": "manual"}])
    campaign = world.campaign()
    world.decide(campaign, "10035", "approve")
    numbers = world.numbers(2)
    world.job(campaignId=campaign, numbers=[numbers[0]])
    world.run()
    world.decide(campaign, "10035", "suspend", "Traffic does not match the use case")
    world.run()
    # held: still assigned to the campaign, no other campaign may take it, nnSR keeps it, no carrier bit set
    assert world.number(numbers[0])["assignmentStatus"] == "ASSIGNED"
    other = world.campaign()
    taken = world.csp.http.put(f"/api/v1/numbers/{numbers[0]}/campaign", json={"campaignId": other})
    assert "NUMBER_ON_ANOTHER_CAMPAIGN" in error_of(taken, 403)["message"]
    assert world.csp.http.get(f"/v2/campaign/{campaign}/osr/attributes").json()["status"] == "0"
    # nothing new is provisioned while held
    task = world.job(campaignId=campaign, numbers=[numbers[1]])
    world.run()
    assert "CAMPAIGN_SUSPENDED" in world.items(task["taskId"])[numbers[1]]["reason"]
    assert world.number(numbers[1])["assignmentStatus"] == "PENDING_ASSIGNMENT"
    world.decide(campaign, "10035", "unsuspend")
    world.run()
    assert world.number(numbers[1])["assignmentStatus"] == "ASSIGNED"
    assert world.task(task["taskId"])["status"] == "completed"


def test_unassign_releases_through_the_worker_and_a_forced_failure_keeps_it(world: World) -> None:
    campaign = world.campaign()
    numbers = world.numbers(2)
    world.job(campaignId=campaign, numbers=numbers)
    world.run()
    world.operator.post(f"/api/v1/sandbox/numbers/{numbers[1]}/fail", json={"reason": "carrier timeout"})
    for e164 in numbers:
        r = world.csp.http.delete(f"/api/v1/numbers/{e164}/campaign")
        assert r.json()["assignmentStatus"] == "PENDING_UNASSIGNMENT"
    world.run()
    assert world.number(numbers[0])["assignmentStatus"] is None
    kept = world.number(numbers[1])
    assert kept["assignmentStatus"] == "FAILED_UNASSIGNMENT" and "carrier timeout" in kept["failureReasons"]
    current = world.csp.http.get(f"/v2/campaign/{campaign}/osr/phones", params={"current": "true"}).json()
    assert [r["phoneNumber"] for r in current["records"]] == [numbers[1]]
    assert world.stranger.http.get(f"/v2/campaign/{campaign}/osr/phones").status_code == 400


def test_osr_attributes_set_a_bit_per_registered_carrier(world: World) -> None:
    campaign = world.campaign()  # auto-approve: every carrier registers
    attributes = world.csp.http.get(f"/v2/campaign/{campaign}/osr/attributes").json()
    assert attributes["status"] == str(0b1111) and attributes["brand_id"].startswith("B")


def test_cli_assigns_a_csv(world: World, database_url: str, tmp_path: Any) -> None:
    campaign = world.campaign()
    numbers = world.numbers(5)
    csv_file = tmp_path / "numbers.csv"
    csv_file.write_text("phoneNumber,label\n" + "".join(f"{n},x\n" for n in numbers))
    result = CliRunner().invoke(cli_app, ["--database", database_url, "numbers", "assign", "--campaign", campaign,
                                          "--file", str(csv_file), "--as", world.csp.cnp_id, "--json"],
                                env={"TENDLC_SANDBOX": "true"})
    assert result.exit_code == 0, result.output
    task = json.loads(result.stdout)
    assert task["status"] == "completed" and task["counts"]["assigned"] == 5
    for e164 in numbers:
        assert world.number(e164)["assignmentStatus"] == "ASSIGNED"
    shown = CliRunner().invoke(cli_app, ["--database", database_url, "numbers", "assignment", task["taskId"],
                                         "--as", world.csp.cnp_id])
    assert shown.exit_code == 0 and numbers[0] in shown.stdout
