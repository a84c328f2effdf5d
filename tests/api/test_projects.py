"""Customer projects of a provider: CRUD, project keys (authenticate as the account, scoped to the project),
CSP id associations (one project per CSP id and account) and the campaigns attributed to a project."""

from __future__ import annotations

from tests.numbers_support import error, new_project
from tests.sharing_support import registered_campaign


def test_create_read_list_update_a_project(make_party):
    csp = make_party("csp", "Provider")
    made = csp.http.post("/api/v1/projects", json={"name": "  Acme Dental  ", "externalCspIds": ["SAAAAA1"]})
    assert made.status_code == 201, made.text
    project = made.json()
    assert (project["name"], project["status"], project["externalCspIds"], project["cnpId"]) == (
        "Acme Dental", "ACTIVE", ["SAAAAA1"], csp.cnp_id)
    assert len(project["id"]) == 26 and project["createdAt"].endswith("Z")
    assert csp.http.get(f"/api/v1/projects/{project['id']}").json() == project

    renamed = csp.http.patch(f"/api/v1/projects/{project['id']}", json={"name": "Acme Dental LLC"})
    assert renamed.status_code == 200 and renamed.json()["name"] == "Acme Dental LLC"
    listed = csp.http.get("/api/v1/projects").json()
    assert (listed["totalRecords"], [p["id"] for p in listed["records"]]) == (1, [project["id"]])


def test_projects_are_paginated_oldest_first(make_party, clock):
    from datetime import timedelta

    dca = make_party("dca", "Aggregator", "DCAP1")  # a DCA can have customer projects too
    ids = []
    for i in range(5):
        clock.advance(timedelta(seconds=1))
        ids.append(dca.http.post("/api/v1/projects", json={"name": f"Customer {i}"}).json()["id"])
    first = dca.http.get("/api/v1/projects", params={"page": 1, "recordsPerPage": 2}).json()
    third = dca.http.get("/api/v1/projects", params={"page": 3, "recordsPerPage": 2}).json()
    past = dca.http.get("/api/v1/projects", params={"page": 4, "recordsPerPage": 2}).json()
    assert (first["totalRecords"], [p["id"] for p in first["records"]]) == (5, ids[:2])
    assert [p["id"] for p in third["records"]] == ids[4:]
    assert past["records"] == [] and past["totalRecords"] == 5
    assert error(dca.http.get("/api/v1/projects", params={"recordsPerPage": 101}), 422)[1] == ["recordsPerPage"]
    assert error(dca.http.get("/api/v1/projects", params={"page": 0}), 422)[1] == ["page"]


def test_bad_project_bodies_name_the_field(make_party):
    csp = make_party()
    assert error(csp.http.post("/api/v1/projects", json={}), 422) == ("INVALID_INPUT", ["name"])
    assert error(csp.http.post("/api/v1/projects", json={"name": "   "}), 422)[1] == ["name"]
    bad = csp.http.post("/api/v1/projects", json={"name": "X", "externalCspIds": ["SOK0001", "nope", csp.cnp_id]})
    assert error(bad, 422)[1] == ["externalCspIds[1]", "externalCspIds[2]"]
    assert "'nope'" in bad.json()["error"]["message"]
    project = csp.http.post("/api/v1/projects", json={"name": "X"}).json()["id"]
    assert error(csp.http.patch(f"/api/v1/projects/{project}", json={"status": "GONE"}), 422)[1] == ["status"]


def test_a_csp_id_maps_to_at_most_one_project_of_an_account(make_party):
    provider, other_provider = make_party("csp", "Provider"), make_party("csp", "Other provider")
    one = provider.http.post("/api/v1/projects", json={"name": "One", "externalCspIds": ["SCUST01"]}).json()["id"]
    two = provider.http.post("/api/v1/projects", json={"name": "Two"}).json()["id"]

    taken = provider.http.post(f"/api/v1/projects/{two}/csp-associations", json={"cspIds": ["SCUST02", "SCUST01"]})
    assert error(taken, 409) == ("DUPLICATE", ["cspIds[1]"])
    assert one in taken.json()["error"]["message"]
    also = provider.http.post("/api/v1/projects", json={"name": "Three", "externalCspIds": ["SCUST01"]})
    assert error(also, 409) == ("DUPLICATE", ["externalCspIds[0]"])
    # nothing of the refused request was kept
    assert provider.http.get(f"/api/v1/projects/{two}").json()["externalCspIds"] == []

    again = provider.http.post(f"/api/v1/projects/{one}/csp-associations", json={"cspIds": ["SCUST01"]})
    assert again.status_code == 200 and again.json()["externalCspIds"] == ["SCUST01"]  # idempotent
    # another provider may associate the same CSP id with its own project
    theirs = other_provider.http.post("/api/v1/projects", json={"name": "Theirs", "externalCspIds": ["SCUST01"]})
    assert theirs.status_code == 201, theirs.text

    # released, it can be associated with the other project
    freed = provider.http.delete(f"/api/v1/projects/{one}/csp-associations/SCUST01")
    assert freed.status_code == 200 and freed.json()["externalCspIds"] == []
    moved = provider.http.post(f"/api/v1/projects/{two}/csp-associations", json={"cspIds": ["SCUST01"]})
    assert moved.status_code == 200 and moved.json()["externalCspIds"] == ["SCUST01"]
    assert error(provider.http.delete(f"/api/v1/projects/{one}/csp-associations/SCUST01"), 404)[1] == ["cspId"]


def test_project_keys_authenticate_as_the_account_scoped_to_the_project(make_party, app):
    provider = make_party("csp", "Provider")
    customer = new_project(provider, app, "Customer")
    other = new_project(provider, app, "Other customer")

    # the project key works on the account's other routes (as the account)…
    assert customer.http.get("/api/v1/events").status_code == 200
    # …sees its own project only…
    assert customer.http.get(f"/api/v1/projects/{customer.project_id}").status_code == 200
    listed = customer.http.get("/api/v1/projects").json()
    assert [p["id"] for p in listed["records"]] == [customer.project_id] and listed["totalRecords"] == 1
    assert error(customer.http.get(f"/api/v1/projects/{other.project_id}"), 404)[1] == ["projectId"]
    # …and cannot manage projects, keys or associations
    for method, path, body in (("POST", "/api/v1/projects", {"name": "Mine"}),
                               ("PATCH", f"/api/v1/projects/{customer.project_id}", {"name": "Renamed"}),
                               ("POST", f"/api/v1/projects/{customer.project_id}/keys", {}),
                               ("POST", f"/api/v1/projects/{customer.project_id}/csp-associations",
                                {"cspIds": ["SCUST09"]}),
                               ("DELETE", f"/api/v1/projects/{customer.project_id}", None)):
        assert error(customer.http.request(method, path, json=body), 403)[0] == "OPERATION_DECLINED", (method, path)

    keys = provider.http.get(f"/api/v1/projects/{customer.project_id}/keys").json()["keys"]
    assert [(k["apiKey"], k["projectId"], k["label"]) for k in keys] == [(customer.key, customer.project_id, "ci")]
    assert "apiSecret" not in keys[0]


def test_disabled_or_deleted_projects_keys_are_refused(make_party, app):
    provider = make_party("csp", "Provider")
    customer = new_project(provider, app)
    assert customer.http.get("/api/v1/events").status_code == 200  # now in the auth cache

    assert provider.http.patch(f"/api/v1/projects/{customer.project_id}", json={"status": "DISABLED"}).json()[
        "status"] == "DISABLED"
    assert error(customer.http.get("/api/v1/events"), 401)[0] == "UNAUTHENTICATED"
    provider.http.patch(f"/api/v1/projects/{customer.project_id}", json={"status": "ACTIVE"})
    assert customer.http.get("/api/v1/events").status_code == 200

    # a revoked project key is refused
    spare = provider.http.post(f"/api/v1/projects/{customer.project_id}/keys", json={}).json()
    revoked = provider.http.delete(f"/api/v1/projects/{customer.project_id}/keys/{spare['apiKey']}")
    assert revoked.status_code == 200 and revoked.json()["revokedAt"]
    assert customer.http.get("/api/v1/events", auth=(spare["apiKey"], spare["apiSecret"])).status_code == 401

    assert provider.http.delete(f"/api/v1/projects/{customer.project_id}").status_code == 204
    assert error(customer.http.get("/api/v1/events"), 401)[0] == "UNAUTHENTICATED"
    assert error(provider.http.get(f"/api/v1/projects/{customer.project_id}"), 404)[1] == ["projectId"]
    assert provider.http.get("/api/v1/projects").json()["totalRecords"] == 0


def test_a_project_holding_numbers_cannot_be_deleted(make_party, app):
    provider = make_party("csp", "Provider")
    customer = new_project(provider, app)
    assert customer.http.post("/api/v1/numbers", json={"phoneNumber": "+12025550142"}).status_code == 201
    assert error(provider.http.delete(f"/api/v1/projects/{customer.project_id}"), 403) == (
        "OPERATION_DECLINED", ["projectId"])
    assert provider.http.delete("/api/v1/numbers/+12025550142").status_code == 204
    assert provider.http.delete(f"/api/v1/projects/{customer.project_id}").status_code == 204


def test_another_account_cannot_see_or_touch_a_project(make_party, app):
    provider, stranger = make_party("csp", "Provider"), make_party("csp", "Stranger")
    customer = new_project(provider, app)
    path = f"/api/v1/projects/{customer.project_id}"
    for method, suffix, body in (("GET", "", None), ("PATCH", "", {"name": "Mine"}), ("DELETE", "", None),
                                 ("POST", "/keys", {}), ("GET", "/keys", None),
                                 ("POST", "/csp-associations", {"cspIds": ["SCUST01"]}),
                                 ("GET", "/campaigns", None)):
        assert error(stranger.http.request(method, path + suffix, json=body), 404)[1] == ["projectId"], (method, suffix)
    assert stranger.http.get("/api/v1/projects").json()["totalRecords"] == 0


def test_shared_campaigns_are_attributed_to_the_project_of_the_sharing_csp(make_party, app, run_workers):
    customer_csp, unknown_csp = make_party("csp", "Customer CSP"), make_party("csp", "Unknown CSP")
    provider = make_party("csp", "Provider")
    project = new_project(provider, app, "Customer", externalCspIds=[customer_csp.cnp_id])
    other = new_project(provider, app, "Other customer")

    shared = registered_campaign(customer_csp, run_workers)
    not_ours = registered_campaign(unknown_csp, run_workers)
    for owner, cid in ((customer_csp, shared), (unknown_csp, not_ours)):
        answer = owner.http.put(f"/v2/campaign/{cid}/sharing/{provider.cnp_id}")
        assert answer.status_code == 200, answer.text

    listed = provider.http.get(f"/api/v1/projects/{project.project_id}/campaigns").json()
    assert listed["totalRecords"] == 1
    record = listed["records"][0]
    assert (record["campaignId"], record["source"], record["downstreamCnpId"], record["sharingStatus"]) == (
        shared, "SHARED", customer_csp.cnp_id, "PENDING")
    # the project's own key sees them too; another project's key does not see this project at all
    assert [r["campaignId"] for r in project.http.get(
        f"/api/v1/projects/{project.project_id}/campaigns").json()["records"]] == [shared]
    assert error(other.http.get(f"/api/v1/projects/{project.project_id}/campaigns"), 404)[1] == ["projectId"]
    assert provider.http.get(f"/api/v1/projects/{other.project_id}/campaigns").json()["records"] == []

    # associating the other CSP later attributes what it already shared
    provider.http.post(f"/api/v1/projects/{other.project_id}/csp-associations", json={"cspIds": [unknown_csp.cnp_id]})
    assert [r["campaignId"] for r in provider.http.get(
        f"/api/v1/projects/{other.project_id}/campaigns").json()["records"]] == [not_ours]


def test_campaigns_the_provider_registers_for_a_project_belong_to_it(make_party, app, run_workers, container):
    from tendlc.core.accounts.project_service import project_of_campaign

    provider, stranger = make_party("csp", "Provider"), make_party("csp", "Stranger")
    project = new_project(provider, app)
    other = new_project(provider, app, "Other")
    own = registered_campaign(provider, run_workers)
    theirs = registered_campaign(stranger, run_workers)

    path = f"/api/v1/projects/{project.project_id}/campaigns"
    assert provider.http.put(f"{path}/{own}").status_code == 204
    assert provider.http.put(f"{path}/{own}").status_code == 204  # again: no change
    assert error(provider.http.put(f"/api/v1/projects/{other.project_id}/campaigns/{own}"), 409)[1] == ["campaignId"]
    assert error(provider.http.put(f"{path}/{theirs}"), 404)[1] == ["campaignId"]
    records = provider.http.get(path).json()["records"]
    assert [(r["campaignId"], r["source"], r["downstreamCnpId"]) for r in records] == [(own, "REGISTERED", None)]
    with container.uow() as uow:
        assert project_of_campaign(uow, provider.cnp_id, own) == project.project_id
        assert project_of_campaign(uow, provider.cnp_id, theirs) is None

    assert provider.http.delete(f"{path}/{own}").status_code == 204
    assert error(provider.http.delete(f"{path}/{own}"), 404)[1] == ["campaignId"]
    assert provider.http.get(path).json()["totalRecords"] == 0


def test_project_of_a_shared_campaign(make_party, app, run_workers, container):
    from tendlc.core.accounts.project_service import project_of_campaign

    customer_csp, provider = make_party("csp", "Customer CSP"), make_party("csp", "Provider")
    project = new_project(provider, app, externalCspIds=[customer_csp.cnp_id])
    cid = registered_campaign(customer_csp, run_workers)
    with container.uow() as uow:
        assert project_of_campaign(uow, provider.cnp_id, cid) is None  # not shared yet
    customer_csp.http.put(f"/v2/campaign/{cid}/sharing/{provider.cnp_id}")
    with container.uow() as uow:
        assert project_of_campaign(uow, provider.cnp_id, cid) == project.project_id
        assert project_of_campaign(uow, customer_csp.cnp_id, cid) is None
        assert project_of_campaign(uow, provider.cnp_id, "CNOPE00") is None


def test_project_keys_do_not_work_on_the_whole_account_doors(make_party, app):
    """The TCR and Telnyx APIs act for the whole account: a customer project's key would reach the provider's
    other customers' records there, so it is refused, naming the doors it does work with."""
    provider = make_party("csp", "Provider")
    customer = new_project(provider, app, "Customer")
    tcr = customer.http.get("/v2/campaign/search")
    assert tcr.status_code == 400 and tcr.json()[0]["code"] == 592
    assert "customer doors" in tcr.json()[0]["description"]
    telnyx = customer.http.get("/v2/10dlc/campaign", params={"brandId": "BNOPE00"}, auth=None,
                               headers={"Authorization": f"Bearer {customer.key}:{customer.secret}"})
    assert telnyx.status_code == 400, telnyx.text
    assert "customer doors" in telnyx.json()["errors"][0]["detail"]
    assert provider.http.get("/v2/campaign/search").status_code == 200  # the account's own key still works
