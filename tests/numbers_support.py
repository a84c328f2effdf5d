"""Helpers of the project and number tests: a project with a key, a client acting as that key."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from fastapi.testclient import TestClient


@dataclass
class ProjectParty:
    project_id: str
    key: str
    secret: str
    http: TestClient


def new_project(owner: Any, app: Any, name: str = "Customer One", **body: Any) -> ProjectParty:
    """A project of ``owner`` (a Party) and a client authenticated with a new key of it."""
    made = owner.http.post("/api/v1/projects", json={"name": name, **body})
    assert made.status_code == 201, made.text
    project_id = made.json()["id"]
    key = owner.http.post(f"/api/v1/projects/{project_id}/keys", json={"label": "ci"})
    assert key.status_code == 201, key.text
    http = TestClient(app)
    http.auth = (key.json()["apiKey"], key.json()["apiSecret"])
    return ProjectParty(project_id, key.json()["apiKey"], key.json()["apiSecret"], http)


def error(response: Any, status: int) -> tuple[str, list[str]]:
    """The native error's code and fields, checking the status."""
    assert response.status_code == status, (response.status_code, response.text)
    body = response.json()["error"]
    return body["code"], body["fields"]


def numbers_of(http: Any, **params: Any) -> list[str]:
    answer = http.get("/api/v1/numbers", params={"recordsPerPage": 500, **params})
    assert answer.status_code == 200, answer.text
    return [r["phoneNumber"] for r in answer.json()["records"]]
