"""The portal over plain HTTP: sign-in and sessions, CSRF, who may see what, forms with errors next to the
fields, and the live compliance check."""

from __future__ import annotations

import re
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tendlc.core.accounts import service as accounts
from tendlc.core.sandbox.operators import create_operator_key
from tests.factories import brand_body, campaign_body
from tests.portal.support import csrf_of, sign_in, signed_in, token


@pytest.fixture
def account(sandbox_container: Any) -> Any:
    def make(kind: str = "csp", name: str = "Acme Messaging", code: str | None = None) -> tuple[str, str, str]:
        c = sandbox_container
        with c.uow(write=True) as uow:
            made = accounts.create_account(uow, c.ids, c.clock, kind, name, code)
            issued = accounts.issue_key(uow, c.ids, c.clock, made.cnp_id)
        return made.cnp_id, issued.key.key_id, issued.secret
    return make


def test_signing_in_opens_a_server_side_session_in_a_safe_cookie(sandbox_app: Any, account: Any) -> None:
    cnp_id, key, secret = account()
    with TestClient(sandbox_app) as http:
        assert "Sign in" in http.get("/").text
        r = sign_in(http, key, secret)
        assert r.status_code == 303 and r.headers["location"] == "/"
        cookie = next(h for h in r.headers.get_list("set-cookie") if h.startswith("tendlc_session="))
        assert "HttpOnly" in cookie and "SameSite=lax" in cookie and "Secure" not in cookie
        assert len(cookie.split(";")[0].split("=", 1)[1]) >= 40  # a random id, nothing else
        home = http.get("/")
        assert cnp_id in home.text and "Sign out" in home.text
        assert "default-src 'self'" in home.headers["content-security-policy"]


def test_a_wrong_secret_is_refused_next_to_the_field(sandbox_app: Any, account: Any) -> None:
    _, key, _ = account()
    with TestClient(sandbox_app) as http:
        r = sign_in(http, key, "ts_wrong")
        assert r.status_code == 401
        assert 'id="secret-error"' in r.text and 'aria-invalid="true"' in r.text
        assert "tendlc_session" not in http.cookies


def test_sign_in_without_its_token_is_refused(sandbox_app: Any, account: Any) -> None:
    _, key, secret = account()
    with TestClient(sandbox_app) as http:
        r = http.post("/portal/signin", data={"keyId": key, "secret": secret}, follow_redirects=False)
        assert r.status_code == 403
        assert "tendlc_session" not in http.cookies


def test_a_post_without_the_csrf_token_is_refused(sandbox_app: Any, account: Any) -> None:
    _, key, secret = account()
    http = signed_in(sandbox_app, key, secret)
    with http:
        for data in ({}, {"csrf_token": "forged"}):
            r = http.post("/portal/brands", data={**data, "displayName": "Nope"}, follow_redirects=False)
            assert r.status_code == 403, r.text
        assert http.get("/portal/brands").text.count("Nope") == 0
        assert http.post("/portal/signout", follow_redirects=False).status_code == 403  # still signed in
        assert http.get("/portal/brands").status_code == 200


def test_sign_out_ends_the_session(sandbox_app: Any, account: Any) -> None:
    _, key, secret = account()
    http = signed_in(sandbox_app, key, secret)
    with http:
        stolen = http.cookies["tendlc_session"]
        r = http.post("/portal/signout", data={"csrf_token": token(http, "/portal/brands")}, follow_redirects=False)
        assert r.status_code == 303
        assert http.get("/portal/brands", follow_redirects=False).status_code == 303
    with TestClient(sandbox_app, cookies={"tendlc_session": stolen}) as replay:  # the old id is gone server-side
        r = replay.get("/portal/brands", follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"] == "/"


def test_a_revoked_key_ends_its_sessions(sandbox_app: Any, sandbox_container: Any, account: Any) -> None:
    _, key, secret = account()
    http = signed_in(sandbox_app, key, secret)
    with http:
        c = sandbox_container
        with c.uow(write=True) as uow:
            accounts.revoke_key(uow, c.clock, key)
        assert http.get("/portal/brands", follow_redirects=False).status_code == 303


def test_brand_form_shows_errors_next_to_the_fields(sandbox_app: Any, account: Any) -> None:
    _, key, secret = account()
    http = signed_in(sandbox_app, key, secret)
    with http:
        body = {k: v for k, v in brand_body().items() if k != "email"}
        body["ein"] = "not an ein at all, far too long"
        r = http.post("/portal/brands", data={"csrf_token": token(http, "/portal/brands/new"), **body})
        assert r.status_code == 422
        assert 'id="ein-error"' in r.text
        assert 'value="Acme Dental"' in r.text  # what was typed is kept
        r = http.post("/portal/brands", data={"csrf_token": token(http, "/portal/brands/new"), **brand_body()},
                      follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"].startswith("/portal/brands/B")


def _campaign_through_api(http_api: TestClient, run: Any) -> str:
    brand = http_api.post("/v2/brand/nonBlocking", json=brand_body())
    assert brand.status_code == 200, brand.text
    run()
    made = http_api.post("/v2/campaignBuilder", json=campaign_body(brand.json()["brandId"]))
    assert made.status_code == 200, made.text
    return str(made.json()["campaignId"])


def test_a_partner_cannot_open_another_accounts_campaign(sandbox_app: Any, sandbox_party: Any, account: Any) -> None:
    _, api = sandbox_party("csp", "Owner")
    campaign_id = _campaign_through_api(api, sandbox_app.state.workers.run_until_idle)
    _, key, secret = account("dca", "Some DCA", "DCAX")
    http = signed_in(sandbox_app, key, secret)
    with http:
        assert http.get(f"/portal/campaigns/{campaign_id}").status_code == 404
        assert http.get(f"/portal/shared/{campaign_id}").status_code == 404
        assert http.get("/portal/campaigns/CNOSUCH").status_code == 404


def test_the_live_check_answers_findings_and_terms(sandbox_app: Any, account: Any) -> None:
    _, key, secret = account()
    http = signed_in(sandbox_app, key, secret)
    with http:
        r = http.post("/portal/brands", data={"csrf_token": token(http, "/portal/brands/new"), **brand_body()},
                      follow_redirects=False)
        brand_id = r.headers["location"].rsplit("/", 1)[-1].split("?")[0]
        sandbox_app.state.workers.run_until_idle()
        form = {"brandId": brand_id, "usecase": "MIXED", "subUsecases": ["ACCOUNT_NOTIFICATION", "CUSTOMER_CARE"],
                "description": "Appointment reminders and customer care replies for patients of Acme Dental.",
                "sample1": "Acme Dental: your cleaning is booked for Tue 3pm."}
        assert http.post("/portal/campaigns/check", data=form).status_code == 403  # CSRF applies to JSON too
        r = http.post("/portal/campaigns/check", data=form, headers={"X-CSRF-Token": token(http)})
        assert r.status_code == 200
        body = r.json()
        assert body["report"]["findings"] and "finding" in body["html"]
        assert body["terms"]["monthlyFee"] > 0 and body["terms"]["mnoMetadata"]["10017"]["msgClass"]
        assert "10035" in body["terms"]["mnoMetadata"]


def test_the_operator_console_is_for_operator_keys_only(sandbox_app: Any, sandbox_container: Any,
                                                         account: Any) -> None:
    c = sandbox_container
    with c.uow(write=True) as uow:
        op, op_secret = create_operator_key(uow, c.ids, c.clock, "portal")
    _, key, secret = account()
    with signed_in(sandbox_app, key, secret) as http:
        assert http.get("/portal/sandbox").status_code == 403
    with signed_in(sandbox_app, op.key_id, op_secret) as http:
        assert http.get("/", follow_redirects=False).headers["location"] == "/portal/sandbox"
        page = http.get("/portal/sandbox")
        assert page.status_code == 200 and "Advance clock" in page.text
        assert http.get("/portal/brands").status_code == 403
        r = http.post("/portal/sandbox/clock", data={"csrf_token": csrf_of(page.text), "by": "2d"},
                      follow_redirects=False)
        assert r.status_code == 303
        assert "2 days" in http.get("/portal/sandbox").text


def test_every_list_page_renders_for_a_csp(sandbox_app: Any, account: Any) -> None:
    _, key, secret = account()
    http = signed_in(sandbox_app, key, secret)
    with http:
        for path in ("/", "/portal/brands", "/portal/brands/new", "/portal/campaigns", "/portal/campaigns/new",
                     "/portal/shared", "/portal/shared?status=PENDING&age=7", "/portal/webhooks", "/portal/projects"):
            r = http.get(path)
            assert r.status_code == 200, (path, r.text[:500])
            assert csrf_of(r.text)


def test_projects_and_their_csp_ids(sandbox_app: Any, account: Any) -> None:
    _, key, secret = account("csp", "Provider")
    other, _, _ = account("csp", "Customer CSP")
    with signed_in(sandbox_app, key, secret) as http:
        r = http.post("/portal/projects", data={"csrf_token": token(http, "/portal/projects"), "name": ""})
        assert r.status_code == 422 and 'id="name-error"' in r.text
        r = http.post("/portal/projects", data={"csrf_token": token(http, "/portal/projects"), "name": "Dentists"},
                      follow_redirects=False)
        assert r.status_code == 303
        page = http.get("/portal/projects").text
        project_id = re.search(r'/portal/projects/([^/"]+)/associate', page).group(1)  # type: ignore[union-attr]
        field = f"{project_id}:cspIds"  # the name the page gives the field
        assert f'name="{field}"' in page
        r = http.post(f"/portal/projects/{project_id}/associate", data={"csrf_token": csrf_of(page), field: other},
                      follow_redirects=False)
        assert r.status_code == 303
        assert f"<code>{other}</code>" in http.get("/portal/projects").text
