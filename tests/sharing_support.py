"""Helpers of the sharing tests: a registered campaign through /v2, a party's events."""

from __future__ import annotations

from typing import Any

from tests.factories import brand_body, campaign_body

SEED_KEYS = ["downstreamCnpId", "upstreamCnpId", "sharingStatus", "explanation", "sharedDate", "statusDate",
             "cnpMigration"]
ISO_MILLIS = r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$"


def registered_campaign(csp: Any, run_workers: Any, *, mock: bool = False, **changes: Any) -> str:
    """A new campaign of ``csp`` on a new verified brand."""
    brand = csp.http.post("/v2/brand/nonBlocking", json=brand_body(mock=mock))
    assert brand.status_code == 200, brand.text
    run_workers()
    made = csp.http.post("/v2/campaignBuilder", json=campaign_body(brand.json()["brandId"], **changes))
    assert made.status_code == 200, made.text
    return str(made.json()["campaignId"])


def events(party: Any) -> list[dict[str, Any]]:
    body = party.http.get("/api/v1/events", params={"limit": 1000}).json()
    return list(body["events"])


def sharing_events(party: Any) -> list[dict[str, Any]]:
    """The party's events about sharing (those with ``SHARE``, ``DCA`` or ``NUDGE`` in their type)."""
    return [e for e in events(party) if any(w in e["eventType"] for w in ("SHARE", "DCA_", "NUDGE"))]


def tcr_code(response: Any) -> int:
    assert response.status_code == 400, (response.status_code, response.text)
    return int(response.json()[0]["code"])


def edit(csp: Any, campaign_id: str, text: str) -> None:
    changed = csp.http.put(f"/v2/campaign/{campaign_id}", json={"sample3": text})
    assert changed.status_code == 200, changed.text


def core_world(container: Any) -> tuple[list[Any], str]:
    """Through the core, no HTTP: a CSP owner with a verified brand, two more CSPs and two DCAs.
    Returns their actors (owner first, DCAs last) and the brand id."""
    from tendlc.api.auth import actor_of
    from tendlc.core.accounts import service as accounts
    from tendlc.core.brands import service as brands
    from tendlc.workers import identity

    made = []
    with container.uow(write=True) as uow:
        for kind, name, code in (("csp", "Owner", None), ("csp", "Relay B", None), ("csp", "Relay C", None),
                                 ("dca", "Aggregator One", "DCAONE"), ("dca", "Aggregator Two", "DCATWO")):
            made.append(actor_of(accounts.create_account(uow, container.ids, container.clock, kind, name, code), "t"))
    with container.uow(write=True) as uow:
        brand = brands.register(uow, container.ids, container.clock, made[0], brand_body(), container.identity_policy)
    identity.run_once(container)
    return made, brand.brand_id


def core_campaign(container: Any, owner: Any, brand_id: str) -> str:
    from tendlc.core.campaigns import service as campaigns

    with container.uow(write=True) as uow:
        return str(campaigns.register(uow, container.ids, container.clock, owner, campaign_body(brand_id)).campaign_id)
