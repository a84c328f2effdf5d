"""The portal's provider pages over plain HTTP: numbers and assignment jobs (one, a list, a CSV upload, a
messaging profile; the progress JSON; per-number results), the registrations review desk, readiness on the
campaign pages; CSRF on every new form, other accounts' jobs and registrations are 404, errors next to the
field they concern."""

from __future__ import annotations

import base64
import re
from typing import Any

from fastapi.testclient import TestClient

from tests.factories import brand_body, campaign_body
from tests.portal.support import csrf_of, signed_in, token
from tests.sinch_support import clean_request, make_world

N1, N2, N3 = "+12125550101", "+12125550102", "+12125550103"


def _own_campaign(api: TestClient, run: Any) -> str:
    brand = api.post("/v2/brand/nonBlocking", json=brand_body())
    assert brand.status_code == 200, brand.text
    run()
    made = api.post("/v2/campaignBuilder", json=campaign_body(brand.json()["brandId"]))
    assert made.status_code == 200, made.text
    return str(made.json()["campaignId"])


def _portal(sandbox_app: Any, api: TestClient) -> TestClient:
    """A portal session with the API client's own key."""
    header = api.auth._auth_header  # httpx.BasicAuth keeps "Basic <base64>"
    key, secret = base64.b64decode(header.split()[1]).decode().split(":", 1)
    return signed_in(sandbox_app, key, secret)


def _add(http: TestClient, *numbers: str) -> None:
    r = http.post("/portal/numbers/add", data={"csrf_token": token(http, "/portal/numbers"),
                                               "numbers": "\n".join(numbers)}, follow_redirects=False)
    assert r.status_code == 303, r.text


def _upload(http: TestClient, campaign_id: str, csv_text: str, key: str = "k1") -> Any:
    return http.post("/portal/numbers/assign",
                     data={"csrf_token": token(http, "/portal/numbers"), "kind": "csv", "campaignId": campaign_id,
                           "idempotencyKey": key},
                     files={"csv": ("numbers.csv", csv_text.encode(), "text/csv")}, follow_redirects=False)


def test_every_new_form_refuses_a_post_without_its_csrf_token(sandbox_app: Any, sandbox_party: Any) -> None:
    _, api = sandbox_party("csp", "Provider")
    with _portal(sandbox_app, api) as http:
        for path, data in (("/portal/numbers/add", {"numbers": N1}), ("/portal/numbers/profiles", {"name": "P"}),
                           ("/portal/numbers/generate", {"npa": "212", "count": "2"}),
                           ("/portal/numbers/assign", {"kind": "list", "campaignId": "CX", "numbers": N1}),
                           ("/portal/numbers/jobs/01NOSUCH/retry", {}),
                           ("/portal/registrations/settings", {"review": "manual"}),
                           ("/portal/registrations/01NOSUCH/review", {"decision": "approve"})):
            for extra in ({}, {"csrf_token": "forged"}):
                r = http.post(path, data={**data, **extra}, follow_redirects=False)
                assert r.status_code == 403, (path, r.text[:300])
        r = http.post("/portal/numbers/assign", data={"kind": "csv", "campaignId": "CX"},
                      files={"csv": ("n.csv", N1.encode(), "text/csv")}, follow_redirects=False)
        assert r.status_code == 403
        assert N1 not in http.get("/portal/numbers").text


def test_a_csv_upload_names_a_non_nanp_number_next_to_the_file_field(sandbox_app: Any, sandbox_party: Any) -> None:
    _, api = sandbox_party("csp", "Provider")
    campaign_id = _own_campaign(api, sandbox_app.state.workers.run_until_idle)
    with _portal(sandbox_app, api) as http:
        r = _upload(http, campaign_id, f"phoneNumber\n{N1}\n+442071838750\n")
        assert r.status_code == 422
        error = re.search(r'<p class="field-error" id="csv-csv-error">([^<]*)</p>', r.text)
        assert error and "+442071838750" in error.group(1) and "number 2" in error.group(1), r.text[-3000:]
        assert 'aria-describedby="csv-csv-error"' in r.text
        r = _upload(http, "", f"{N1}\n")
        assert r.status_code == 422 and 'id="csv-campaignId-error"' in r.text
        r = _upload(http, campaign_id, "\n\n")
        assert r.status_code == 422 and "holds no numbers" in r.text
        r = http.post("/portal/numbers/add", data={"csrf_token": token(http, "/portal/numbers"),
                                                   "numbers": f"{N1}, 12345"})
        assert r.status_code == 422 and 'id="add-numbers-error"' in r.text and "&#39;12345&#39;" in r.text
        r = http.post("/portal/numbers/assign", data={"csrf_token": token(http, "/portal/numbers"), "kind": "one",
                                                      "campaignId": campaign_id, "phoneNumber": "+1555"})
        assert r.status_code == 422 and 'id="one-phoneNumber-error"' in r.text


def test_a_csv_job_shows_its_progress_and_per_number_results(sandbox_app: Any, sandbox_party: Any) -> None:
    _, api = sandbox_party("csp", "Provider")
    run = sandbox_app.state.workers.run_until_idle
    campaign_id = _own_campaign(api, run)
    with _portal(sandbox_app, api) as http:
        _add(http, N1, N2)
        r = _upload(http, campaign_id, f"phoneNumber\n{N1}\n{N2}\n{N3}\n")
        assert r.status_code == 303 and r.headers["location"].startswith("/portal/numbers/jobs/")
        job_url = r.headers["location"]
        assert _upload(http, campaign_id, f"phoneNumber\n{N1}\n{N2}\n{N3}\n").headers["location"] == job_url
        run()
        status = http.get(f"{job_url}/status").json()
        assert status["total"] == 3 and status["done"] == 1 and not status["finished"]
        assert status["counts"] == {"pending": 0, "waiting": 2, "assigned": 0, "failed": 1}
        page = http.get(job_url)
        assert page.status_code == 200 and "<progress" in page.text and 'data-follow="' in page.text
        assert '<noscript><meta http-equiv="refresh"' in page.text  # the page follows the job without JS too
        assert "NUMBER_NOT_HELD" in page.text and N3 in page.text
        assert http.get(f"{job_url}?page=2").status_code == 200


def test_a_messaging_profile_and_a_list_are_put_on_a_campaign(sandbox_app: Any, sandbox_party: Any) -> None:
    _, api = sandbox_party("csp", "Provider")
    run = sandbox_app.state.workers.run_until_idle
    campaign_id = _own_campaign(api, run)
    with _portal(sandbox_app, api) as http:
        r = http.post("/portal/numbers/profiles", data={"csrf_token": token(http, "/portal/numbers"), "name": "Main"},
                      follow_redirects=False)
        assert r.status_code == 303
        page = http.get("/portal/numbers").text
        profile_id = re.search(r'href="/portal/numbers\?profile=([0-9A-Z]+)"', page).group(1)  # type: ignore[union-attr]
        r = http.post("/portal/numbers/generate", data={"csrf_token": csrf_of(page), "npa": "212", "count": "3",
                                                        "messagingProfileId": profile_id}, follow_redirects=False)
        assert r.status_code == 303
        assert "3 numbers" in http.get("/portal/numbers").text
        r = http.post("/portal/numbers/assign", data={"csrf_token": token(http, "/portal/numbers"), "kind": "profile",
                                                      "campaignId": campaign_id, "messagingProfileId": profile_id},
                      follow_redirects=False)
        assert r.status_code == 303, r.text[-2000:]
        assert http.get(f"{r.headers['location']}/status").json()["total"] == 3
        r = http.post("/portal/numbers/assign", data={"csrf_token": token(http, "/portal/numbers"), "kind": "profile",
                                                      "campaignId": campaign_id, "messagingProfileId": ""})
        assert r.status_code == 422 and 'id="profile-messagingProfileId-error"' in r.text
        _add(http, N1)
        r = http.post("/portal/numbers/assign", data={"csrf_token": token(http, "/portal/numbers"), "kind": "one",
                                                      "campaignId": campaign_id, "phoneNumber": N1},
                      follow_redirects=False)
        assert r.status_code == 303 and "done=assigned" in r.headers["location"]
        assert "pending assignment" in http.get("/portal/numbers").text


def test_another_accounts_job_and_registration_are_not_found(sandbox_app: Any, sandbox_party: Any) -> None:
    _, owner_api = sandbox_party("csp", "Owner")
    _, other_api = sandbox_party("csp", "Other")
    campaign_id = _own_campaign(owner_api, sandbox_app.state.workers.run_until_idle)
    with _portal(sandbox_app, owner_api) as owner:
        _add(owner, N1)
        job_url = _upload(owner, campaign_id, f"{N1}\n").headers["location"]
    with _portal(sandbox_app, other_api) as other:
        assert other.get(job_url).status_code == 404
        assert other.get(f"{job_url}/status").status_code == 404
        r = other.post(f"{job_url}/retry", data={"csrf_token": token(other, "/portal/numbers")})
        assert r.status_code == 404
        # and a campaign that is not its own (nor shared with it) takes none of its numbers
        _add(other, N2)
        r = _upload(other, campaign_id, f"{N2}\n")
        assert r.status_code == 422 and 'id="csv-campaignId-error"' in r.text and "not found" in r.text
        assert other.get("/portal/registrations/01HNOSUCHREGISTRATION0000").status_code == 404


def test_the_provider_reviews_registrations(sandbox_app: Any, sandbox_party: Any, operator: TestClient) -> None:
    world = make_world(sandbox_party, sandbox_app, operator, review="manual")
    first = world.submit(clean_request(world.brand_id, campaignName="Sign-in codes"))
    second = world.submit(clean_request(world.brand_id, campaignName="More codes"))
    _, stranger_api = sandbox_party("csp", "Stranger")
    with _portal(sandbox_app, stranger_api) as stranger:
        assert stranger.get(f"/portal/registrations/{first}").status_code == 404
        r = stranger.post(f"/portal/registrations/{first}/review",
                          data={"csrf_token": token(stranger, "/portal/registrations"), "decision": "approve"})
        assert r.status_code == 404
    with _portal(sandbox_app, world.provider) as http:
        listed = http.get("/portal/registrations").text
        assert first in listed and second in listed and "Sign-in codes" in listed
        page = http.get(f"/portal/registrations/{first}")
        assert page.status_code == 200 and "Approve registration" in page.text and "Compliance report" in page.text
        r = http.post(f"/portal/registrations/{first}/review",
                      data={"csrf_token": csrf_of(page.text), "decision": "reject", "reason": "  "})
        assert r.status_code == 422 and 'id="reason-error"' in r.text
        r = http.post(f"/portal/registrations/{first}/review",
                      data={"csrf_token": csrf_of(page.text), "decision": "reject",
                            "reason": "Sample 3 must name the brand."}, follow_redirects=False)
        assert r.status_code == 303
        shown = http.get(r.headers["location"]).text
        assert "Registration rejected" in shown and "Sample 3 must name the brand." in shown
        assert "provider rejected" in shown and "Approve registration" not in shown
        r = http.post(f"/portal/registrations/{second}/review",
                      data={"csrf_token": token(http, "/portal/registrations"), "decision": "approve"},
                      follow_redirects=False)
        assert r.status_code == 303
        world.run()
        assert "Registration approved" in http.get(r.headers["location"]).text
        waiting = http.get("/portal/registrations").text
        assert "No registration is waiting for your review." in waiting
        assert second in http.get("/portal/registrations?status=").text
        r = http.post("/portal/registrations/settings",
                      data={"csrf_token": token(http, "/portal/registrations"), "upstreamDcaId": world.dca_id,
                            "review": "sometimes", "profile": "tcr"})
        assert r.status_code == 422 and 'id="review-error"' in r.text
        r = http.post("/portal/registrations/settings",
                      data={"csrf_token": token(http, "/portal/registrations"), "upstreamDcaId": world.dca_id,
                            "review": "auto", "profile": "tcr"}, follow_redirects=False)
        assert r.status_code == 303
        assert 'value="auto" selected' in http.get("/portal/registrations").text


def test_campaign_pages_show_readiness_from_the_core(sandbox_app: Any, sandbox_party: Any) -> None:
    _, api = sandbox_party("csp", "Owner")
    campaign_id = _own_campaign(api, sandbox_app.state.workers.run_until_idle)
    with _portal(sandbox_app, api) as http:
        listed = http.get("/portal/campaigns").text
        assert 'data-stage="NOT_SHARED"' in listed and "Not shared yet" in listed
        page = http.get(f"/portal/campaigns/{campaign_id}").text
        reason = api.get(f"/api/v1/campaigns/{campaign_id}/readiness").json()["reason"]
        assert 'data-stage="NOT_SHARED"' in page and reason.split(":")[0] in page
        for path in ("/portal/numbers", "/portal/registrations", "/portal/registrations?status=ACTIVE"):
            r = http.get(path)
            assert r.status_code == 200 and csrf_of(r.text), path
