"""The Sinch campaign registration API (seed 002) through HTTP: submit, provider review (auto and manual),
registration in the registry and share to the provider's DCA, carrier review, a number, feedback, the
fix-and-resubmit loop, qualify, list paging, delete; and the campaign compliance report."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from tendlc.core.errors import ALL_ERROR_CODES
from tendlc.core.numbers.model import AssignmentStatus
from tendlc.core.registrations.model import RegistrationStatus
from tendlc.dialects.sinch.errors import SINCH_ERRORS
from tendlc.dialects.sinch.schemas import USE_CASES
from tendlc.dialects.sinch.translate import STATUS_WORDS
from tests.sinch_support import SEED_REQUEST, SinchWorld, clean_request, make_world, seed_request

SEED_RESPONSE_FIELDS = [
    "campaignId", "campaignName", "campaignRegistrationId", "createDate", "modifiedDate", "createdBy", "modifiedBy",
    "autoRenewal", "billedDate", "brandId", "vertical", "useCase", "subUseCases", "description", "embeddedLink",
    "embeddedPhone", "affiliateMarketing", "numberPool", "ageGated", "directLending", "subscriberOptIn",
    "subscriberOptOut", "subscriberHelp", "sample1", "sample2", "sample3", "sample4", "stopMessage", "optInMessage",
    "helpMessage", "monthlyFee", "setupFee", "status", "mnoMetadata", "mock", "lastActionStatus", "optinKeywords",
    "optoutKeywords", "helpKeywords", "messageFlow", "nextRenewalOrExpirationDate",
]


@pytest.fixture
def world(sandbox_party: Any, sandbox_app: Any, operator: TestClient) -> SinchWorld:
    return make_world(sandbox_party, sandbox_app, operator)


def assign_number(sandbox_container: Any, world: SinchWorld, campaign_id: str) -> None:
    """A number of the provider ASSIGNED to the campaign, set through the numbers repository (the assignment
    jobs are another part's; this test needs only the outcome)."""
    added = world.provider.post("/api/v1/numbers", json={"phoneNumber": "+12125550100", "projectId": world.project_id})
    assert added.status_code == 201, added.text
    with sandbox_container.uow(write=True) as uow:
        number = uow.numbers.get("+12125550100")
        uow.numbers.save(number.model_copy(update={"campaign_id": campaign_id,
                                                   "assignment_status": AssignmentStatus.ASSIGNED}))


def test_seed_story_clean_campaign_reaches_active(world: SinchWorld, sandbox_app: Any,
                                                  sandbox_container: Any) -> None:
    from tendlc.workers import registrations

    # The reference's sample request, as written, is accepted (its brand id replaced by a real brand).
    seed_id = world.submit(seed_request(world.brand_id))
    assert len(seed_id) == 26 and world.get(seed_id)["status"] == "SINCH_REVIEW"

    registration_id = world.submit(clean_request(world.brand_id, campaignName="Sign-in codes"))
    body = world.get(registration_id)
    assert body["status"] == "SINCH_REVIEW" and "campaignId" not in body
    assert body["campaignName"] == "Sign-in codes" and body["useCase"] == "2FA" and body["brandId"] == world.brand_id
    assert body["setupFee"] == 30.0 and body["monthlyFee"] == 10.0 and set(body["mnoMetadata"]) == {
        "10017", "10035", "10037", "10038"}

    registrations.review_once(sandbox_container)  # the provider's auto review: nothing blocking
    assert world.get(registration_id)["status"] == "SINCH_APPROVED"
    assert world.get(registration_id)["lastActionStatus"] == "CREATE_IN_PROGRESS"
    registrations.submit_once(sandbox_container)  # registered in the registry, shared to the provider's DCA
    body = world.get(registration_id)
    assert body["status"] == "SUBMITTED" and body["lastActionStatus"] == "CREATE_SUCCESSFUL"
    tcr_id = body["campaignId"]
    assert len(tcr_id) == 7 and tcr_id.startswith("C")
    found = world.sinch.get(f"{world.base}/campaignRegistrations:fetchByTcrCampaignId", params={"campaignId": tcr_id})
    assert found.status_code == 200 and found.json()["campaignRegistrationId"] == registration_id
    # The campaign belongs to the project, and the DCA has it.
    attributed = world.provider.get(f"/api/v1/projects/{world.project_id}/campaigns").json()["records"]
    assert tcr_id in [a["campaignId"] for a in attributed]

    world.run()  # the DCA accepts by its policy; the carriers (default policy) register it
    body = world.get(registration_id)
    assert body["status"] == "APPROVED"
    assert body["mnoMetadata"]["10017"]["mno"] == "AT&T" and "billedDate" in body
    assert all(name in body for name in SEED_RESPONSE_FIELDS if name not in ("vertical", "sample4"))
    assert set(body) <= set(SEED_RESPONSE_FIELDS)

    assign_number(sandbox_container, world, tcr_id)
    assert world.get(registration_id)["status"] == "ACTIVE"
    # The seed's own sample (placeholders, a vague description) is rejected by the auto review meanwhile.
    assert world.get(seed_id)["status"] == "SINCH_REJECTED"
    events = [e["eventType"] for e in world.provider.get("/api/v1/events", params={"limit": 1000}).json()["events"]]
    assert "CAMPAIGN_REGISTRATION_APPROVED" in events and "CAMPAIGN_REGISTRATION_REJECTED" in events


def test_defective_campaign_rejected_with_feedback_then_corrected_and_approved(world: SinchWorld) -> None:
    registration_id = world.submit(seed_request(world.brand_id))
    world.run()
    body = world.get(registration_id)
    assert body["status"] == "SINCH_REJECTED"
    feedback = world.sinch.get(f"{world.base}/campaignRegistrations/{registration_id}/feedback").json()
    assert feedback["status"] == "SINCH_REJECTED" and feedback["tcrErrorResponse"] == []
    codes = {p["code"] for p in feedback["internalErrorResponse"]}
    named = {f for p in feedback["internalErrorResponse"] for f in p.get("fields", [])}
    assert {"PLACEHOLDER_UNFILLED", "MESSAGE_FLOW_NO_OPT_IN_METHOD", "HELP_MESSAGE_MISSING_CONTACT"} <= codes
    assert {"messageFlow", "sample1", "helpMessage", "stopMessage", "optInMessage"} <= named  # Sinch's names
    # The decision and its reason reach the customer as an event.
    rejected = [e for e in world.sinch.get("/api/v1/events", params={"limit": 1000}).json()["events"]
                if e["eventType"] == "CAMPAIGN_REGISTRATION_REJECTED"]
    assert rejected and rejected[-1]["payload"]["campaignRegistrationId"] == registration_id
    assert "compliance problem" in rejected[-1]["payload"]["reason"]

    # Fixed and resubmitted: the corrections go back to review; the first round stays in the history.
    fixes = {k: v for k, v in clean_request(world.brand_id).items() if v != SEED_REQUEST.get(k)}
    fixes.pop("brandId")
    again = world.sinch.put(f"{world.base}/campaignRegistrations/{registration_id}/resubmit", json=fixes)
    assert again.status_code == 200 and again.json() == {}
    assert world.get(registration_id)["status"] == "SINCH_REVIEW"
    assert world.get(registration_id)["lastActionStatus"] == "RESUBMIT_IN_PROGRESS"
    world.run()
    body = world.get(registration_id)
    assert body["status"] == "APPROVED" and body["description"] == fixes["description"]
    history = world.provider.get(f"/api/v1/registrations/{registration_id}").json()
    assert [r["decision"] for r in history["rounds"]] == ["REJECTED", "APPROVED"]
    assert history["rounds"][0]["compliance"]["errors"] > 0 and history["rounds"][1]["compliance"]["errors"] == 0


def test_manual_review_reason_and_correction_as_a_new_submission(sandbox_party: Any, sandbox_app: Any,
                                                                 operator: TestClient) -> None:
    world = make_world(sandbox_party, sandbox_app, operator, review="manual")
    registration_id = world.submit(clean_request(world.brand_id))
    world.run()
    assert world.get(registration_id)["status"] == "SINCH_REVIEW"
    waiting = world.provider.get("/api/v1/registrations", params={"status": "PROVIDER_REVIEW"}).json()
    assert [r["id"] for r in waiting["records"]] == [registration_id]
    # A project key cannot review; a rejection needs a reason.
    assert world.sinch.post(f"/api/v1/registrations/{registration_id}/review",
                            json={"decision": "approve"}).status_code == 403
    assert world.provider.post(f"/api/v1/registrations/{registration_id}/review",
                               json={"decision": "reject"}).json()["error"]["fields"] == ["reason"]
    reason = "Name the sign-in page the codes are for in the description"
    decided = world.provider.post(f"/api/v1/registrations/{registration_id}/review",
                                  json={"decision": "reject", "reason": reason})
    assert decided.status_code == 200 and decided.json()["status"] == "PROVIDER_REJECTED"
    feedback = world.sinch.get(f"{world.base}/campaignRegistrations/{registration_id}/feedback").json()
    assert feedback["internalErrorResponse"][0] == {"code": "REVIEWER", "description": reason, "source": "reviewer"}

    corrected = world.sinch.post(f"/api/v1/registrations/{registration_id}/corrections", json={"campaign": {
        "description": "Acme Dental sends one-time passcodes for the sign-in page of its patient portal; one "
                       "message per sign-in."}})
    assert corrected.status_code == 201, corrected.text
    new_id = corrected.json()["id"]
    assert corrected.json()["supersedes"] == registration_id
    assert world.provider.get(f"/api/v1/registrations/{registration_id}").json()["supersededBy"] == new_id
    approved = world.provider.post(f"/api/v1/registrations/{new_id}/review", json={"decision": "approve"})
    assert approved.json()["status"] == "PROVIDER_APPROVED"
    world.run()
    assert world.get(new_id)["status"] == "APPROVED"


def test_qualify_each_use_case_family(world: SinchWorld) -> None:
    for use_case in USE_CASES:
        answer = world.sinch.get(f"{world.base}/campaignRegistrations:qualify",
                                 params={"brandId": world.brand_id, "useCase": use_case})
        assert answer.status_code == 200, (use_case, answer.text)
        body = answer.json()
        assert set(body) == {"useCase", "monthlyFee", "setupFee", "minSubUseCases", "maxSubUseCases", "mnoMetadata"}
        assert body["useCase"] == use_case and body["setupFee"] == round(body["monthlyFee"] * 3, 2)
        assert set(body["mnoMetadata"]) == {"10017", "10035", "10037", "10038"}
    mixed = world.sinch.get(f"{world.base}/campaignRegistrations:qualify",
                            params={"brandId": world.brand_id, "useCase": "MIXED"}).json()
    assert (mixed["minSubUseCases"], mixed["maxSubUseCases"]) == (2, 5)
    assert world.sinch.get(f"{world.base}/campaignRegistrations:qualify",
                           params={"brandId": world.brand_id, "useCase": "LOW_VOLUME"}).json()["monthlyFee"] == 1.5
    bad = world.sinch.get(f"{world.base}/campaignRegistrations:qualify",
                          params={"brandId": "BNOPE12", "useCase": "2FA"})
    assert bad.status_code == 400 and bad.json()["error"]["status"] == "INVALID_ARGUMENT"


def test_list_pages_with_page_tokens_and_filters(world: SinchWorld) -> None:
    made = [world.submit(clean_request(world.brand_id, campaignName=f"Campaign {i}")) for i in range(5)]
    seen: list[str] = []
    token = ""
    pages = 0
    while True:
        answer = world.sinch.get(f"{world.base}/campaignRegistrations", params={"pageSize": 2, "pageToken": token})
        assert answer.status_code == 200, answer.text
        body = answer.json()
        assert body["totalSize"] == 5
        seen += [r["campaignRegistrationId"] for r in body["campaignRegistrations"]]
        pages += 1
        token = body["nextPageToken"]
        if not token:
            break
    assert seen == made and pages == 3
    newest = world.sinch.get(f"{world.base}/campaignRegistrations", params={"orderBy": "createDate desc"}).json()
    assert [r["campaignRegistrationId"] for r in newest["campaignRegistrations"]] == made[::-1]
    world.sinch.delete(f"{world.base}/campaignRegistration/{made[0]}")
    filtered = world.sinch.get(f"{world.base}/campaignRegistrations",
                               params=[("status", "SINCH_REVIEW"), ("useCase", "2FA"), ("mock", "false")]).json()
    assert filtered["totalSize"] == 4 and made[0] not in [r["campaignRegistrationId"]
                                                          for r in filtered["campaignRegistrations"]]
    expired = world.sinch.get(f"{world.base}/campaignRegistrations", params={"status": "EXPIRED"}).json()
    assert [r["campaignRegistrationId"] for r in expired["campaignRegistrations"]] == [made[0]]
    for params, field in (({"pageToken": "nope"}, "pageToken"), ({"orderBy": "brandId"}, "orderBy"),
                          ({"status": "DONE"}, "status")):
        bad = world.sinch.get(f"{world.base}/campaignRegistrations", params=params)
        assert bad.status_code == 400 and bad.json()["error"]["details"][0]["fieldViolations"][0]["field"] == field


def test_delete_expires_the_registry_campaign(world: SinchWorld) -> None:
    registration_id = world.submit(clean_request(world.brand_id))
    world.run()
    campaign_id = world.get(registration_id)["campaignId"]
    gone = world.sinch.delete(f"{world.base}/campaignRegistration/{registration_id}")
    assert gone.status_code == 200 and gone.json() == {}
    body = world.get(registration_id)
    assert body["status"] == "EXPIRED" and body["lastActionStatus"] == "DELETE_SUCCESSFUL"
    assert world.provider.get(f"/v2/campaign/{campaign_id}").json()["status"] == "EXPIRED"
    assert world.sinch.delete(f"{world.base}/campaignRegistration/{registration_id}").status_code == 200  # again
    missing = world.sinch.delete(f"{world.base}/campaignRegistration/01ARZ3NDEKTSV4RRFFQ69G5FAV")
    assert missing.status_code == 404 and missing.json()["error"]["status"] == "NOT_FOUND"
    assert missing.json()["error"]["code"] == 404


def test_submit_limits_and_errors_in_sinch_envelope(world: SinchWorld, sandbox_party: Any) -> None:
    url = f"{world.base}/campaignRegistrations:submit"
    cases = [("brandId", "B1234567"), ("campaignName", "x" * 129), ("description", "too short"),
             ("sample1", "short"), ("stopMessage", "x" * 256), ("optInMessage", "short"), ("helpMessage", "x" * 19),
             ("messageFlow", "x" * 2049), ("useCase", "NOT_A_USE_CASE")]
    for field, value in cases:
        bad = world.sinch.post(url, json=clean_request(world.brand_id, **{field: value}))
        assert bad.status_code == 400, (field, bad.text)
        error = bad.json()["error"]
        assert (error["code"], error["status"]) == (400, "INVALID_ARGUMENT")
        assert error["details"][0]["fieldViolations"][0]["field"] == field, (field, error)
    for subs in (["MARKETING"], ["MARKETING", "2FA", "FRAUD_ALERT", "SECURITY_ALERT", "CUSTOMER_CARE",
                                 "HIGHER_EDUCATION"]):
        bad = world.sinch.post(url, json=clean_request(world.brand_id, useCase="MIXED", subUseCases=subs))
        assert bad.json()["error"]["details"][0]["fieldViolations"][0]["field"] == "subUseCases"
    ok = world.sinch.post(url, json=clean_request(world.brand_id, useCase="MIXED", subUseCases=["2FA", "MARKETING"]))
    assert ok.status_code == 200, ok.text
    unknown = world.sinch.post(url, json=clean_request("BNOPE12"))
    assert unknown.status_code == 400
    assert unknown.json()["error"]["details"][0]["fieldViolations"][0]["field"] == "brandId"
    # Another project's registrations, and projects of other accounts, are not found.
    other = world.provider.post("/api/v1/projects", json={"name": "Customer Two"}).json()["id"]
    assert world.sinch.get(f"/v1/projects/{other}/campaignRegistrations").status_code == 404
    _, stranger = sandbox_party("csp", "Stranger")
    assert stranger.get(f"{world.base}/campaignRegistrations/{ok.json()['campaignRegistrationId']}").status_code == 404
    anonymous = TestClient(stranger.app)
    denied = anonymous.get(f"{world.base}/campaignRegistrations")
    assert denied.status_code == 401 and denied.json()["error"]["status"] == "UNAUTHENTICATED"


def test_every_core_error_and_status_is_mapped() -> None:
    assert set(ALL_ERROR_CODES) <= set(SINCH_ERRORS)
    assert set(STATUS_WORDS) == set(RegistrationStatus)
    assert {STATUS_WORDS[s] for s in (RegistrationStatus.PROVIDER_REVIEW, RegistrationStatus.PROVIDER_APPROVED,
                                      RegistrationStatus.PROVIDER_REJECTED)} == {
        "SINCH_REVIEW", "SINCH_APPROVED", "SINCH_REJECTED"}


def test_compliance_report_kept_with_every_campaign_and_read_by_the_chain(world: SinchWorld,
                                                                          sandbox_party: Any) -> None:
    registration_id = world.submit(clean_request(world.brand_id))
    world.run()
    campaign_id = world.get(registration_id)["campaignId"]
    own = world.provider.get(f"/api/v1/campaigns/{campaign_id}/compliance")
    assert own.status_code == 200, own.text
    report = own.json()
    assert report["campaignId"] == campaign_id and report["profile"] == "tcr" and report["registryChecked"] is True
    assert report["errors"] == 0 and "checkedAt" in report
    # The DCA the campaign was shared to reads the same report; a stranger does not.
    dca_key = world.operator  # the operator is not a party: not found for it either
    assert dca_key.get(f"/api/v1/campaigns/{campaign_id}/compliance").status_code in (401, 404)
    _, stranger = sandbox_party("csp", "Stranger")
    assert stranger.get(f"/api/v1/campaigns/{campaign_id}/compliance").status_code == 404
    # Registered directly through TCR, a defective campaign is registered all the same, its report says why.
    from tests.factories import campaign_body

    made = world.provider.post("/v2/campaignBuilder", json=campaign_body(world.brand_id, helpMessage=(
        "Reply to this message for more information about us.")))
    assert made.status_code == 200, made.text
    assert "compliance" not in made.json()
    tcr_report = world.provider.get(f"/api/v1/campaigns/{made.json()['campaignId']}/compliance",
                                    params={"registry": "false"}).json()
    assert tcr_report["registryChecked"] is False and tcr_report["errors"] > 0
    assert "HELP_MESSAGE_MISSING_CONTACT" in {f["code"] for f in tcr_report["findings"]}
