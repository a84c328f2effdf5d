"""The Telnyx door over plain HTTP: error envelope and statuses, paging past the end, Bearer auth,
isolation between accounts, every core error code mapped, the status words (every readiness stage), the
spec's operations routed."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from typing import Any

import pytest

from tendlc.core.campaigns.model import Campaign
from tendlc.core.carriers.review import MnoReview, OperationStatus
from tendlc.core.errors import ALL_ERROR_CODES
from tendlc.core.numbers.model import AssignmentStatus, PhoneNumber
from tendlc.core.readiness.derive import readiness
from tendlc.core.readiness.model import Readiness, Stage
from tendlc.core.sharing.model import Chain, SharingLink, SharingStatus
from tendlc.dialects.telnyx.errors import TELNYX_ERRORS
from tendlc.dialects.telnyx.status import STAGE_WORDS, TELNYX_CAMPAIGN_STATUSES, readiness_campaign_status
from tests.conftest import SHARED
from tests.telnyx.support import bearer

WIRE_BRAND = {"entityType": "PRIVATE_PROFIT", "displayName": "Acme Dental", "email": "ops@acmedental.example",
              "country": "US", "vertical": "HEALTHCARE", "companyName": "Acme Dental LLC", "ein": "12-3456789",
              "phone": "+12025550142", "street": "1 Main St", "city": "Springfield", "state": "IL",
              "postalCode": "62701", "website": "https://acmedental.example"}


@pytest.fixture
def csp(make_party: Any) -> Any:
    party = make_party("csp", "Acme Messaging")
    party.http.auth = None  # these tests send their own Authorization header
    return party


def test_every_core_error_code_is_mapped() -> None:
    assert set(ALL_ERROR_CODES) <= set(TELNYX_ERRORS)
    assert all(400 <= status < 500 for status, _, _ in TELNYX_ERRORS.values())


def test_not_found_envelope(csp: Any) -> None:
    got = csp.http.get("/v2/10dlc/brand/BNOPE00", headers=bearer(csp))
    assert got.status_code == 404 and got.headers["x-should-retry"] == "false"
    [error] = got.json()["errors"]
    assert error["code"] == "10005" and error["title"] == "Resource not found" and "BNOPE00" in error["detail"]


def test_invalid_input_names_each_field(csp: Any) -> None:
    got = csp.http.post("/v2/10dlc/brand", headers=bearer(csp), json={"entityType": "NOT_A_TYPE"})
    assert got.status_code == 400
    pointers = {e["source"]["pointer"] for e in got.json()["errors"]}
    assert {"/entityType", "/displayName", "/email"} <= pointers
    assert all(e["code"] == "10015" for e in got.json()["errors"])
    bad_query = csp.http.get("/v2/10dlc/brand", headers=bearer(csp), params={"page": "x"})
    assert bad_query.status_code == 400 and bad_query.json()["errors"][0]["source"] == {"parameter": "page"}


@pytest.mark.parametrize("header", [None, "Basic a2V5OnNlY3JldA==", "Bearer", "Bearer just-a-token",
                                    "Bearer tk_nobody:wrong"])
def test_auth_failures(csp: Any, header: str | None) -> None:
    headers = {"Authorization": header} if header else {}
    csp.http.auth = None
    got = csp.http.get("/v2/10dlc/brand", headers=headers)
    assert got.status_code == 401 and got.json()["errors"][0]["code"] == "10009"
    assert got.headers["www-authenticate"].startswith("Bearer")


def test_unknown_enum_and_wrong_secret_do_not_leak(csp: Any) -> None:
    assert csp.http.get("/v2/10dlc/enum/nope", headers=bearer(csp)).status_code == 404
    wrong = {"Authorization": f"Bearer {csp.key}:not-the-secret"}
    csp.http.auth = None
    assert csp.http.get("/v2/10dlc/enum/nope", headers=wrong).status_code == 401


def test_pages_past_the_end_are_empty(csp: Any) -> None:
    for name in ("One", "Two", "Three"):
        made = csp.http.post("/v2/10dlc/brand", headers=bearer(csp), json={**WIRE_BRAND, "displayName": name})
        assert made.status_code == 200, made.text
    first = csp.http.get("/v2/10dlc/brand", headers=bearer(csp), params={"recordsPerPage": 2}).json()
    assert first["page"] == 1 and first["totalRecords"] == 3 and len(first["records"]) == 2
    last = csp.http.get("/v2/10dlc/brand", headers=bearer(csp), params={"recordsPerPage": 2, "page": 2}).json()
    assert len(last["records"]) == 1
    past = csp.http.get("/v2/10dlc/brand", headers=bearer(csp), params={"recordsPerPage": 2, "page": 3})
    assert past.status_code == 200 and past.json() == {"page": 3, "records": [], "totalRecords": 3}
    shared = csp.http.get("/v2/10dlc/partner_campaigns", headers=bearer(csp), params={"page": 5}).json()
    assert shared == {"page": 5, "records": [], "totalRecords": 0}


def test_accounts_are_isolated(csp: Any, make_party: Any) -> None:
    other = make_party("csp", "Someone Else")
    other.http.auth = None
    made = csp.http.post("/v2/10dlc/brand", headers=bearer(csp), json=WIRE_BRAND).json()
    assert made["cspId"] == csp.cnp_id
    brand = f"/v2/10dlc/brand/{made['brandId']}"
    for method, path in (("GET", brand), ("DELETE", brand), ("GET", f"/v2/10dlc/brand/feedback/{made['brandId']}")):
        got = other.http.request(method, path, headers=bearer(other))
        assert got.status_code == 404, (method, path)
    assert other.http.get("/v2/10dlc/brand", headers=bearer(other)).json()["totalRecords"] == 0
    assert other.http.get("/v2/10dlc/brand", headers=bearer(other),
                          params={"brandId": made["brandId"]}).json()["records"] == []


def test_webhook_url_must_be_callable(csp: Any) -> None:
    got = csp.http.post("/v2/10dlc/brand", headers=bearer(csp),
                        json={**WIRE_BRAND, "webhookURL": "http://127.0.0.1:9/hook"})
    assert got.status_code == 400 and got.json()["errors"][0]["source"]["pointer"] == "/webhookURL"


NOW = datetime(2026, 1, 1, tzinfo=UTC)


def _readiness(stage: Stage, carriers: tuple[tuple[int, str], ...] = (), pending: int = 0,
               failed: int = 0) -> Readiness:
    return Readiness("CABC123", stage, None, (), pending, failed, carriers)


def test_every_readiness_stage_has_a_word() -> None:
    assert set(STAGE_WORDS) == set(Stage)
    for stage in Stage:
        assert readiness_campaign_status(_readiness(stage, ((10017, "REVIEW"),))) in TELNYX_CAMPAIGN_STATUSES


@pytest.mark.parametrize(("stage", "carriers", "pending", "failed", "word"), [
    (Stage.EXPIRED, (), 0, 0, "TCR_EXPIRED"),
    (Stage.NOT_SHARED, (), 0, 0, "TCR_ACCEPTED"),
    (Stage.DCA_REVIEW, (), 0, 0, "TCR_ACCEPTED"),
    # the old stand-in said TELNYX_ACCEPTED once any upstream accepted; readiness knows a CNP that has not
    # shared further is not a DCA: the campaign is still only registered at TCR
    (Stage.SHARE_PENDING, (), 0, 0, "TCR_ACCEPTED"),
    (Stage.PROVIDER_REVIEW, (), 0, 0, "TCR_ACCEPTED"),
    (Stage.SHARE_DECLINED, (), 0, 0, "TELNYX_FAILED"),
    (Stage.CARRIER_REVIEW, ((10017, "PENDING"), (10035, "PENDING")), 0, 0, "TELNYX_ACCEPTED"),
    (Stage.CARRIER_REVIEW, ((10017, "REVIEW"), (10035, "REGISTERED")), 0, 0, "MNO_PENDING"),
    (Stage.CARRIER_REJECTED, ((10017, "REJECTED"), (10035, "REGISTERED")), 0, 0, "MNO_REJECTED"),
    (Stage.SUSPENDED, ((10017, "SUSPENDED"), (10035, "REJECTED")), 0, 0, "TCR_SUSPENDED"),
    (Stage.NUMBERS_PENDING, ((10017, "REGISTERED"),), 0, 0, "MNO_ACCEPTED"),
    (Stage.NUMBERS_PENDING, ((10017, "REGISTERED"),), 2, 1, "MNO_ACCEPTED"),
    (Stage.NUMBERS_PENDING, ((10017, "REGISTERED"),), 0, 3, "MNO_PROVISIONING_FAILED"),
    (Stage.ACTIVE, ((10017, "REGISTERED"),), 0, 0, "MNO_PROVISIONED"),
])
def test_campaign_status_words(stage: Stage, carriers: tuple[tuple[int, str], ...], pending: int, failed: int,
                               word: str) -> None:
    assert readiness_campaign_status(_readiness(stage, carriers, pending, failed)) == word


def _link(status: SharingStatus, to_dca: bool = True) -> SharingLink:
    return SharingLink(link_id="L1", campaign_id="CABC123", hop=1, downstream_cnp_id="SAAAAAA",
                       upstream_cnp_id="TLNX", upstream_is_dca=to_dca, sharing_status=status, shared_date=NOW,
                       status_date=NOW)


def _review(mno: int, status: str) -> MnoReview:
    return MnoReview(campaign_id="CABC123", mno_id=mno, dca_id="TLNX", status=OperationStatus(status),
                     opened_at=NOW, status_date=NOW)


@pytest.mark.parametrize(("active", "links", "reviews", "assigned", "word"), [
    (False, [], [("10017", "REGISTERED")], False, "TCR_EXPIRED"),
    (True, [], [], False, "TCR_ACCEPTED"),
    (True, [(SharingStatus.PENDING, True)], [], False, "TCR_ACCEPTED"),
    (True, [(SharingStatus.DECLINED, True)], [], False, "TELNYX_FAILED"),
    (True, [(SharingStatus.ACCEPTED, False)], [], False, "TCR_ACCEPTED"),
    (True, [(SharingStatus.ACCEPTED, True)], [], False, "TELNYX_ACCEPTED"),
    (True, [(SharingStatus.ACCEPTED, True)], [("10017", "REVIEW"), ("10035", "REGISTERED")], False, "MNO_PENDING"),
    (True, [(SharingStatus.ACCEPTED, True)], [("10017", "REGISTERED"), ("10035", "REGISTERED")], False,
     "MNO_ACCEPTED"),
    (True, [(SharingStatus.ACCEPTED, True)], [("10017", "REGISTERED"), ("10035", "REGISTERED")], True,
     "MNO_PROVISIONED"),
    (True, [(SharingStatus.ACCEPTED, True)], [("10017", "REJECTED"), ("10035", "REGISTERED")], False,
     "MNO_REJECTED"),
    (True, [(SharingStatus.ACCEPTED, True)], [("10017", "SUSPENDED"), ("10035", "REJECTED")], False,
     "TCR_SUSPENDED"),
])
def test_campaign_status_from_the_facts(active: bool, links: list[tuple[SharingStatus, bool]],
                                        reviews: list[tuple[str, str]], assigned: bool, word: str) -> None:
    """The word end to end: registry status, chain, MNO reviews and numbers → readiness → Telnyx."""
    campaign = Campaign.model_construct(campaign_id="CABC123", csp_id="SAAAAAA", brand_id="BABC123", usecase="MIXED",
                                        description="", message_flow="", create_date=NOW,
                                        status="ACTIVE" if active else "EXPIRED", mno_ids=[10017, 10035],
                                        mno_metadata={})
    chain = Chain("CABC123", "SAAAAAA", False, tuple(_link(s, dca) for s, dca in links))
    numbers = [PhoneNumber(e164="+13125550140", cnp_id="TLNX", campaign_id="CABC123",
                           assignment_status=AssignmentStatus.ASSIGNED, created_at=NOW, updated_at=NOW)] if assigned \
        else []
    got = readiness(campaign, chain, [_review(int(m), s) for m, s in reviews], numbers)
    assert readiness_campaign_status(got) == word


def test_every_registry_operation_of_the_spec_is_routed(app: Any) -> None:
    spec_file = SHARED / "specs" / "telnyx-10dlc.json"
    if not spec_file.exists():
        pytest.skip(f"the Telnyx 10DLC spec is not at {spec_file}")
    spec = json.loads(spec_file.read_text())
    routes = {(m.upper(), re.sub(r"\{[^}]+\}", "{}", path)) for path, ops in app.openapi()["paths"].items()
              for m in ops}
    missing = []
    for path, ops in spec["paths"].items():
        for method in ops:
            if method.upper() in ("GET", "POST", "PUT", "PATCH", "DELETE"):
                key = (method.upper(), re.sub(r"\{[^}]+\}", "{}", "/v2" + path))
                if key not in routes:
                    missing.append(key)
    assert missing == []
