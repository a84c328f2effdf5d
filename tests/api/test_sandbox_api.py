"""``/api/v1/sandbox``: refused without an operator key or when sandbox mode is off; the clock, accounts,
mock events and reset through HTTP."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from fastapi.testclient import TestClient

from tendlc.bootstrap import Container, build
from tendlc.config import Settings
from tendlc.core.clock import ManualClock
from tendlc.core.sandbox.operators import create_operator_key
from tests.factories import brand_body


def _when(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def test_refused_when_sandbox_mode_is_off_even_for_an_operator(app: Any, container: Container) -> None:
    with container.uow(write=True) as uow:
        key, secret = create_operator_key(uow, container.ids, container.clock)
    with TestClient(app) as http:
        for method, path in [("GET", "/api/v1/sandbox/clock"), ("POST", "/api/v1/sandbox/clock/advance"),
                             ("POST", "/api/v1/sandbox/reset"), ("POST", "/api/v1/sandbox/accounts")]:
            r = http.request(method, path, auth=(key.key_id, secret), json={"by": "1d"})
            assert r.status_code == 403, (path, r.text)
            assert r.json()["error"]["code"] == "SANDBOX_DISABLED"
            assert "--sandbox" in r.json()["error"]["message"]


def test_refused_without_an_operator_credential(sandbox_app: Any, sandbox_party: Any) -> None:
    _, account_client = sandbox_party()
    with TestClient(sandbox_app) as anonymous:
        r = anonymous.get("/api/v1/sandbox/clock")
        assert r.status_code == 401 and r.headers["www-authenticate"].startswith("Basic")
        assert anonymous.post("/api/v1/sandbox/reset", auth=("op_nope", "os_nope")).status_code == 401
    # An account's own key is not an operator key.
    assert account_client.get("/api/v1/sandbox/clock").status_code == 401
    assert account_client.post("/api/v1/sandbox/clock/advance", json={"by": "30d"}).status_code == 401


def test_clock_moves_forward_and_the_registry_follows_it(operator: TestClient, clock: ManualClock,
                                                          sandbox_party: Any) -> None:
    start = operator.get("/api/v1/sandbox/clock").json()
    assert start["offsetSeconds"] == 0 and _when(start["now"]) == clock.now()

    moved = operator.post("/api/v1/sandbox/clock/advance", json={"by": "30d"}).json()
    assert moved["offsetSeconds"] == 30 * 86_400
    assert _when(moved["now"]) == clock.now() + timedelta(days=30)

    _, csp = sandbox_party()
    brand = csp.post("/v2/brand/nonBlocking", json=brand_body()).json()
    assert _when(brand["createDate"]) == clock.now() + timedelta(days=30)

    target = clock.now() + timedelta(days=45, hours=6)
    at = operator.put("/api/v1/sandbox/clock", json={"now": target.isoformat()}).json()
    assert _when(at["now"]) == target and at["offsetSeconds"] == int((target - clock.now()).total_seconds())


def test_clock_refuses_bad_durations_and_going_back(operator: TestClient, clock: ManualClock) -> None:
    for bad in ["", "soon", "-3d", "0d", "30x", "99999d"]:
        r = operator.post("/api/v1/sandbox/clock/advance", json={"by": bad})
        assert r.status_code == 422, bad
        assert r.json()["error"]["fields"] == ["by"]
    past = (clock.now() - timedelta(days=1)).isoformat()
    r = operator.put("/api/v1/sandbox/clock", json={"now": past})
    assert r.status_code == 422 and r.json()["error"]["fields"] == ["now"]
    assert "only moves forward" in r.json()["error"]["message"]
    r = operator.put("/api/v1/sandbox/clock", json={"now": "2027-01-01T00:00:00"})
    assert r.status_code == 422 and "time zone" in r.json()["error"]["message"]
    assert operator.get("/api/v1/sandbox/clock").json()["offsetSeconds"] == 0


def test_other_processes_on_the_same_database_see_the_moved_clock(operator: TestClient, settings: Settings,
                                                                   clock: ManualClock) -> None:
    operator.post("/api/v1/sandbox/clock/advance", json={"by": "2w"})
    other = build(settings.model_copy(update={"sandbox": True}), clock=clock, migrate=False)
    try:
        assert other.clock.now() == clock.now() + timedelta(days=14)
    finally:
        other.dispose()
    # Outside sandbox mode the stored offset is ignored.
    plain = build(settings, clock=clock, migrate=False)
    try:
        assert plain.clock.now() == clock.now()
    finally:
        plain.dispose()


def test_accounts_and_keys_created_by_the_operator_work(operator: TestClient, sandbox_app: Any) -> None:
    csp = operator.post("/api/v1/sandbox/accounts", json={"kind": "CSP", "name": "Sandbox CSP"})
    assert csp.status_code == 201
    created = csp.json()
    assert created["cnpId"].startswith("S") and created["apiSecret"]
    dca = operator.post("/api/v1/sandbox/accounts", json={"kind": "DCA", "name": "Sandbox DCA", "id": "SBXDCA"})
    assert dca.status_code == 201 and dca.json()["cnpId"] == "SBXDCA"
    again = operator.post("/api/v1/sandbox/accounts", json={"kind": "DCA", "name": "Again", "id": "SBXDCA"})
    assert again.status_code == 409
    bad = operator.post("/api/v1/sandbox/accounts", json={"kind": "CSP"})
    assert bad.status_code == 422 and bad.json()["error"]["fields"] == ["name"]

    key = operator.post(f"/api/v1/sandbox/accounts/{created['cnpId']}/keys", json={"label": "ci"}).json()
    with TestClient(sandbox_app) as http:
        for pair in [(created["apiKey"], created["apiSecret"]), (key["apiKey"], key["apiSecret"])]:
            r = http.post("/v2/brand/nonBlocking", json=brand_body(), auth=pair)
            assert r.status_code == 200, r.text
    assert operator.post("/api/v1/sandbox/accounts/SNOPE00/keys", json={}).status_code == 404


def test_mock_event_reaches_only_its_account(operator: TestClient, sandbox_party: Any) -> None:
    cnp_id, csp = sandbox_party()
    _, other = sandbox_party(name="Other CSP")
    r = operator.post("/api/v1/sandbox/events", json={
        "cnpId": cnp_id, "eventType": "MNO_CAMPAIGN_OPERATION_SUSPENDED",
        "payload": {"campaignId": "CMOCK01", "mnoId": "10035"}})
    assert r.status_code == 202, r.text
    events = csp.get("/api/v1/events").json()["events"]
    assert [e["eventType"] for e in events] == ["MNO_CAMPAIGN_OPERATION_SUSPENDED"]
    assert events[0]["payload"]["mock"] is True and events[0]["payload"]["campaignId"] == "CMOCK01"
    assert other.get("/api/v1/events").json()["events"] == []

    unknown = operator.post("/api/v1/sandbox/events", json={"cnpId": cnp_id, "eventType": "NOT_A_TYPE"})
    assert unknown.status_code == 422 and unknown.json()["error"]["fields"] == ["eventType"]
    nobody = operator.post("/api/v1/sandbox/events", json={"cnpId": "SNOBODY", "eventType": "CAMPAIGN_ADD"})
    assert nobody.status_code == 404


def test_reset_empties_the_registry_and_rewinds_the_clock(operator: TestClient, sandbox_party: Any,
                                                          clock: ManualClock) -> None:
    _, csp = sandbox_party()
    assert csp.post("/v2/brand/nonBlocking", json=brand_body()).status_code == 200
    operator.post("/api/v1/sandbox/clock/advance", json={"by": "10d"})
    r = operator.post("/api/v1/sandbox/reset")
    assert r.status_code == 200 and r.json()["deletedRows"] > 0
    assert r.json()["offsetSeconds"] == 0 and _when(r.json()["now"]) == clock.now()
    assert csp.get("/v2/brand").status_code == 401  # the account and its keys are gone
    assert operator.get("/api/v1/sandbox/clock").status_code == 200  # operator keys stay


def test_processes_on_one_database_sign_telnyx_webhooks_with_one_key(settings: Settings, clock: ManualClock,
                                                                      operator: TestClient) -> None:
    first = build(settings, clock=clock, migrate=False)
    second = build(settings, clock=clock, migrate=False)
    try:
        key = first.telnyx_signing_seed
        assert key and second.telnyx_signing_seed == key
        operator.post("/api/v1/sandbox/reset")  # the server's key is not sandbox data
        third = build(settings, clock=clock, migrate=False)
        assert third.telnyx_signing_seed == key
        third.dispose()
    finally:
        first.dispose()
        second.dispose()
