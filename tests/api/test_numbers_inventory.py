"""The number inventory: numbers (E.164, NANP) held by an account, grouped in messaging profiles; adding
one, a list (all or nothing, every bad number named) or a sandbox range; isolation between accounts and
between projects."""

from __future__ import annotations

import pytest

from tests.numbers_support import error, new_project, numbers_of

A, B, C = "+12025550142", "+12125550100", "+14165550100"  # Washington, New York, Toronto


def test_add_one_number_then_again_is_idempotent(make_party):
    csp = make_party()
    first = csp.http.post("/api/v1/numbers", json={"phoneNumber": A})
    assert first.status_code == 201, first.text
    assert first.json()["added"] == [A] and first.json()["alreadyHeld"] == []
    record = first.json()["records"][0]
    assert (record["phoneNumber"], record["projectId"], record["messagingProfileId"], record["campaignId"],
            record["assignmentStatus"]) == (A, None, None, None, None)
    again = csp.http.post("/api/v1/numbers", json={"numbers": [A]})
    assert again.status_code == 200 and again.json()["added"] == [] and again.json()["alreadyHeld"] == [A]
    assert again.json()["records"] == [record]
    assert numbers_of(csp.http) == [A]
    assert csp.http.get(f"/api/v1/numbers/{A}").json() == record
    assert csp.http.get("/api/v1/numbers/%2B12025550142").json() == record


def test_a_list_is_all_or_nothing_and_names_every_bad_number(make_party):
    csp = make_party()
    bad = csp.http.post("/api/v1/numbers", json={"numbers": [A, "2025550143", "+442071838750", B, 12025550144,
                                                             "+1 202 555 0145", "+15555550100"]})
    code, fields = error(bad, 422)
    assert (code, fields) == ("INVALID_INPUT", ["numbers[1]", "numbers[2]", "numbers[4]", "numbers[5]", "numbers[6]"])
    message = bad.json()["error"]["message"]
    for shown in ("'2025550143'", "'+442071838750'", "'+1 202 555 0145'", "'+15555550100'"):
        assert shown in message
    assert numbers_of(csp.http) == []  # nothing was added

    made = csp.http.post("/api/v1/numbers", json={"numbers": [C, A, B, A]})
    assert made.status_code == 201 and made.json()["added"] == [C, A, B]
    assert numbers_of(csp.http) == [A, B, C]  # listed in number order


@pytest.mark.parametrize("body, field", [
    ({}, "numbers"),
    ({"numbers": []}, "numbers"),
    ({"numbers": "+12025550142"}, "numbers"),
    ({"phoneNumber": "+1202555014"}, "phoneNumber"),
    ({"phoneNumber": None, "numbers": None}, "numbers"),
    ({"phoneNumber": A, "numbers": [B]}, "numbers"),
    ({"phoneNumber": A, "messagingProfileId": 7}, "messagingProfileId"),
])
def test_malformed_add_requests_name_the_field(make_party, body, field):
    csp = make_party()
    assert field in error(csp.http.post("/api/v1/numbers", json=body), 422)[1]


def test_a_number_another_account_holds_is_refused(make_party):
    alpha, bravo = make_party(name="Alpha"), make_party(name="Bravo")
    alpha.http.post("/api/v1/numbers", json={"numbers": [A]})
    refused = bravo.http.post("/api/v1/numbers", json={"numbers": [B, A]})
    assert error(refused, 409) == ("DUPLICATE", ["numbers[1]"])
    assert "held by another account" in refused.json()["error"]["message"]
    assert numbers_of(bravo.http) == []  # B was not added either
    # the other account can neither see nor delete nor move it
    assert error(bravo.http.get(f"/api/v1/numbers/{A}"), 404)[1] == ["phoneNumber"]
    assert error(bravo.http.delete(f"/api/v1/numbers/{A}"), 404)[1] == ["phoneNumber"]
    assert error(bravo.http.patch(f"/api/v1/numbers/{A}", json={"messagingProfileId": None}), 404)[1] == [
        "phoneNumber"]
    assert numbers_of(alpha.http) == [A]


def test_delete_releases_a_number(make_party):
    alpha, bravo = make_party(name="Alpha"), make_party(name="Bravo")
    alpha.http.post("/api/v1/numbers", json={"numbers": [A, B]})
    assert alpha.http.delete(f"/api/v1/numbers/{A}").status_code == 204
    assert error(alpha.http.delete(f"/api/v1/numbers/{A}"), 404)[1] == ["phoneNumber"]
    assert error(alpha.http.delete("/api/v1/numbers/12025550142"), 422)[1] == ["phoneNumber"]
    assert numbers_of(alpha.http) == [B]
    assert bravo.http.post("/api/v1/numbers", json={"phoneNumber": A}).status_code == 201


def test_numbers_are_paginated(make_party):
    csp = make_party()
    wanted = [f"+1212555{line:04d}" for line in range(100, 125)]
    csp.http.post("/api/v1/numbers", json={"numbers": list(reversed(wanted))})
    pages = [csp.http.get("/api/v1/numbers", params={"page": p, "recordsPerPage": 10}).json() for p in (1, 2, 3, 4)]
    assert [p["totalRecords"] for p in pages] == [25] * 4
    assert [r["phoneNumber"] for p in pages for r in p["records"]] == wanted
    assert pages[3]["records"] == []
    assert error(csp.http.get("/api/v1/numbers", params={"recordsPerPage": 501}), 422)[1] == ["recordsPerPage"]
    assert error(csp.http.get("/api/v1/numbers", params={"status": "LOST"}), 422)[1] == ["status"]
    assert len(numbers_of(csp.http, status="UNASSIGNED")) == 25
    assert numbers_of(csp.http, status="ASSIGNED") == []
    assert numbers_of(csp.http, campaignId="CNOPE00") == []


def test_messaging_profiles_group_numbers(make_party):
    csp = make_party()
    made = csp.http.post("/api/v1/messaging-profiles", json={"name": "Alerts"})
    assert made.status_code == 201, made.text
    profile = made.json()
    assert (profile["name"], profile["projectId"], profile["numberCount"]) == ("Alerts", None, 0)
    pid = profile["id"]
    added = csp.http.post("/api/v1/numbers", json={"numbers": [A, B], "messagingProfileId": pid})
    assert [r["messagingProfileId"] for r in added.json()["records"]] == [pid, pid]
    csp.http.post("/api/v1/numbers", json={"phoneNumber": C})
    assert numbers_of(csp.http, messagingProfileId=pid) == [A, B]

    moved = csp.http.post(f"/api/v1/messaging-profiles/{pid}/numbers", json={"numbers": [C, A]})
    assert moved.status_code == 200 and [r["phoneNumber"] for r in moved.json()["records"]] == [C, A]
    assert csp.http.get(f"/api/v1/messaging-profiles/{pid}").json()["numberCount"] == 3
    out = csp.http.delete(f"/api/v1/messaging-profiles/{pid}/numbers/{B}")
    assert out.status_code == 200 and out.json()["messagingProfileId"] is None
    assert error(csp.http.delete(f"/api/v1/messaging-profiles/{pid}/numbers/{B}"), 404)[1] == ["phoneNumber"]
    assert csp.http.patch(f"/api/v1/numbers/{A}", json={"messagingProfileId": None}).json()[
        "messagingProfileId"] is None

    assert error(csp.http.delete(f"/api/v1/messaging-profiles/{pid}"), 403) == ("OPERATION_DECLINED", ["profileId"])
    assert csp.http.patch(f"/api/v1/messaging-profiles/{pid}", json={"name": "Reminders"}).json()["name"] == \
        "Reminders"
    csp.http.delete(f"/api/v1/messaging-profiles/{pid}/numbers/{C}")
    assert csp.http.delete(f"/api/v1/messaging-profiles/{pid}").status_code == 204
    assert error(csp.http.get(f"/api/v1/messaging-profiles/{pid}"), 404)[1] == ["profileId"]


def test_moving_a_list_into_a_profile_is_all_or_nothing(make_party):
    alpha, bravo = make_party(name="Alpha"), make_party(name="Bravo")
    pid = alpha.http.post("/api/v1/messaging-profiles", json={"name": "Alerts"}).json()["id"]
    alpha.http.post("/api/v1/numbers", json={"numbers": [A]})
    bravo.http.post("/api/v1/numbers", json={"numbers": [B]})
    bad = alpha.http.post(f"/api/v1/messaging-profiles/{pid}/numbers", json={"numbers": [A, "nope", "+1212"]})
    assert error(bad, 422)[1] == ["numbers[1]", "numbers[2]"]
    foreign = alpha.http.post(f"/api/v1/messaging-profiles/{pid}/numbers", json={"numbers": [A, B, C]})
    assert error(foreign, 404)[1] == ["numbers[1]", "numbers[2]"]
    assert alpha.http.get(f"/api/v1/numbers/{A}").json()["messagingProfileId"] is None
    # bravo cannot see, use or delete alpha's profile
    assert error(bravo.http.get(f"/api/v1/messaging-profiles/{pid}"), 404)[1] == ["profileId"]
    assert error(bravo.http.post("/api/v1/numbers", json={"phoneNumber": C, "messagingProfileId": pid}), 404)[1] == [
        "messagingProfileId"]
    assert error(bravo.http.delete(f"/api/v1/messaging-profiles/{pid}"), 404)[1] == ["profileId"]
    assert bravo.http.get("/api/v1/messaging-profiles").json()["totalRecords"] == 0


def test_profiles_are_paginated(make_party, clock):
    from datetime import timedelta

    csp = make_party()
    ids = []
    for i in range(3):
        clock.advance(timedelta(seconds=1))
        ids.append(csp.http.post("/api/v1/messaging-profiles", json={"name": f"P{i}"}).json()["id"])
    page = csp.http.get("/api/v1/messaging-profiles", params={"page": 2, "recordsPerPage": 2}).json()
    assert (page["totalRecords"], [p["id"] for p in page["records"]]) == (3, ids[2:])
    assert error(csp.http.post("/api/v1/messaging-profiles", json={"name": ""}), 422)[1] == ["name"]


def test_project_keys_see_and_change_only_their_projects_numbers(make_party, app):
    provider = make_party("csp", "Provider")
    one, two = new_project(provider, app, "One"), new_project(provider, app, "Two")
    assert one.http.post("/api/v1/numbers", json={"numbers": [A]}).json()["records"][0]["projectId"] == one.project_id
    two.http.post("/api/v1/numbers", json={"numbers": [B]})
    provider.http.post("/api/v1/numbers", json={"numbers": [C]})  # the account's own, no project

    assert numbers_of(one.http) == [A]
    assert numbers_of(two.http) == [B]
    assert numbers_of(provider.http) == [A, B, C]  # the account's keys see everything
    assert numbers_of(provider.http, projectId=one.project_id) == [A]
    assert error(one.http.get("/api/v1/numbers", params={"projectId": two.project_id}), 404)[1] == ["projectId"]
    for method, body in (("GET", None), ("DELETE", None), ("PATCH", {"messagingProfileId": None})):
        assert error(one.http.request(method, f"/api/v1/numbers/{B}", json=body), 404)[1] == ["phoneNumber"]
        assert error(one.http.request(method, f"/api/v1/numbers/{C}", json=body), 404)[1] == ["phoneNumber"]

    # adding a number another project (or the account itself) holds is refused for a project key
    refused = one.http.post("/api/v1/numbers", json={"numbers": [A, B, C]})
    assert error(refused, 409) == ("DUPLICATE", ["numbers[1]", "numbers[2]"])
    assert error(one.http.post("/api/v1/numbers", json={"phoneNumber": "+12125550101",
                                                        "projectId": two.project_id}), 404)[1] == ["projectId"]

    # profiles: a project key's are its project's; numbers join profiles of their own project only
    mine = one.http.post("/api/v1/messaging-profiles", json={"name": "One's"}).json()
    assert mine["projectId"] == one.project_id
    theirs = two.http.post("/api/v1/messaging-profiles", json={"name": "Two's"}).json()["id"]
    assert [p["id"] for p in one.http.get("/api/v1/messaging-profiles").json()["records"]] == [mine["id"]]
    assert provider.http.get("/api/v1/messaging-profiles").json()["totalRecords"] == 2
    assert error(one.http.patch(f"/api/v1/numbers/{A}", json={"messagingProfileId": theirs}), 404)[1] == [
        "messagingProfileId"]
    assert error(provider.http.patch(f"/api/v1/numbers/{C}", json={"messagingProfileId": mine["id"]}), 422)[1] == [
        "messagingProfileId"]
    assert one.http.patch(f"/api/v1/numbers/{A}", json={"messagingProfileId": mine["id"]}).json()[
        "messagingProfileId"] == mine["id"]
    assert error(one.http.patch(f"/api/v1/numbers/{A}", json={"projectId": None}), 403)[1] == ["projectId"]

    # the account moves a number between projects (it leaves its profile)
    moved = provider.http.patch(f"/api/v1/numbers/{A}", json={"projectId": two.project_id})
    assert (moved.json()["projectId"], moved.json()["messagingProfileId"]) == (two.project_id, None)
    assert numbers_of(one.http) == [] and numbers_of(two.http) == [A, B]


def test_the_account_adds_numbers_for_a_project(make_party, app):
    provider, stranger = make_party("csp", "Provider"), make_party("csp", "Stranger")
    project = new_project(provider, app)
    made = provider.http.post("/api/v1/numbers", json={"numbers": [A], "projectId": project.project_id})
    assert made.json()["records"][0]["projectId"] == project.project_id
    assert numbers_of(project.http) == [A]
    # re-adding it for another project (or none named) is no move
    other = new_project(provider, app, "Other")
    assert error(provider.http.post("/api/v1/numbers", json={"numbers": [A], "projectId": other.project_id}),
                 409)[1] == ["numbers[0]"]
    assert provider.http.post("/api/v1/numbers", json={"numbers": [A]}).json()["alreadyHeld"] == [A]
    assert error(stranger.http.post("/api/v1/numbers", json={"numbers": [B], "projectId": project.project_id}),
                 404)[1] == ["projectId"]


def test_generation_is_refused_outside_the_sandbox(make_party):
    csp = make_party()
    refused = csp.http.post("/api/v1/numbers/generate", json={"npa": "212", "count": 3})
    assert error(refused, 403) == ("OPERATION_DECLINED", ["sandbox"])
    assert numbers_of(csp.http) == []


def test_the_sandbox_generates_free_valid_numbers(make_party, container, monkeypatch, app):
    monkeypatch.setattr(container.settings, "sandbox", True)
    alpha, bravo = make_party(name="Alpha"), make_party(name="Bravo")
    alpha.http.post("/api/v1/numbers", json={"numbers": ["+12125550101"]})
    made = bravo.http.post("/api/v1/numbers/generate", json={"npa": "212", "count": 3})
    assert made.status_code == 201, made.text
    assert made.json()["added"] == ["+12125550100", "+12125550102", "+12125550103"]  # 0101 is alpha's
    again = bravo.http.post("/api/v1/numbers/generate", json={"npa": "212", "count": 2})
    assert again.json()["added"] == ["+12125550104", "+12125550105"]

    project = new_project(bravo, app)
    pid = project.http.post("/api/v1/messaging-profiles", json={"name": "Generated"}).json()["id"]
    scoped = project.http.post("/api/v1/numbers/generate", json={"npa": "416", "count": 2, "messagingProfileId": pid})
    placed = [(r["projectId"], r["messagingProfileId"]) for r in scoped.json()["records"]]
    assert placed == [(project.project_id, pid)] * 2
    assert numbers_of(project.http) == ["+14165550100", "+14165550101"]

    for body, field in (({"npa": "999", "count": 1}, "npa"), ({"npa": "12", "count": 1}, "npa"),
                        ({"npa": "212", "count": 0}, "count"), ({"npa": "212", "count": 1001}, "count"),
                        ({"npa": 212, "count": 1}, "npa")):
        assert error(bravo.http.post("/api/v1/numbers/generate", json=body), 422)[1] == [field], body
