"""The demo data ``serve --demo`` puts into an empty database."""

from __future__ import annotations

from typing import Any

from tendlc.bootstrap import Container
from tendlc.core.accounts import service as accounts
from tendlc.core.brands import service as brands
from tendlc.core.brands.identity import IdentityPolicy
from tendlc.core.campaigns import service as campaigns
from tendlc.workers.runner import WorkerRunner

DEMO_BRAND: dict[str, Any] = {
    "entityType": "PRIVATE_PROFIT", "displayName": "Acme Dental", "companyName": "Acme Dental LLC",
    "ein": "12-3456789", "phone": "+12025550142", "email": "ops@acmedental.example",
    "street": "1 Main St", "city": "Springfield", "state": "IL", "postalCode": "62701", "country": "US",
    "website": "https://acmedental.example", "vertical": "HEALTHCARE", "brandRelationship": "SMALL_ACCOUNT",
}
DEMO_CAMPAIGN: dict[str, Any] = {
    "usecase": "ACCOUNT_NOTIFICATION", "subUsecases": [], "resellerId": "R000000",
    "description": "Appointment reminders and confirmations sent to patients of Acme Dental who asked for them.",
    "messageFlow": "Patients opt in by ticking an unticked SMS consent box on the booking form at "
                   "https://acmedental.example/book, which shows the program terms.",
    "sample1": "Acme Dental: your cleaning is booked for Tue 3pm. Reply C to confirm. Reply STOP to opt out.",
    "sample2": "Acme Dental: reminder, your appointment is tomorrow at 3pm. Reply HELP for help, STOP to end.",
    "subscriberOptin": True, "subscriberOptout": True, "subscriberHelp": True,
    "optinMessage": "Acme Dental: you are subscribed to appointment alerts. Msg&data rates may apply. "
                    "Reply HELP for help, STOP to cancel.",
    "optoutMessage": "Acme Dental: you are unsubscribed and will receive no more messages.",
    "helpMessage": "Acme Dental: for help call +12025550142 or email ops@acmedental.example. Reply STOP to end.",
    "optinKeywords": "START", "optoutKeywords": "STOP,QUIT", "helpKeywords": "HELP",
}


def is_empty(c: Container) -> bool:
    with c.uow() as uow:
        return not uow.accounts.all()


def seed(c: Container) -> list[dict[str, str]]:
    """Create a CSP with a verified brand and a campaign, a second CSP acting as CNP, and a DCA.
    Returns each account's credentials."""
    created = []
    with c.uow(write=True) as uow:
        for kind, name, code in (("csp", "Demo CSP", None), ("csp", "Demo CNP", None), ("dca", "Demo DCA", "DEMODCA")):
            account = accounts.create_account(uow, c.ids, c.clock, kind, name, code)
            issued = accounts.issue_key(uow, c.ids, c.clock, account.cnp_id, "demo")
            created.append({"role": name, "cnpId": account.cnp_id, "apiKey": issued.key.key_id,
                            "apiSecret": issued.secret})
    csp = created[0]
    with c.uow() as uow:
        found = accounts.authenticate(uow, csp["apiKey"], csp["apiSecret"])
    assert found is not None
    from tendlc.api.auth import actor_of

    actor = actor_of(found[0], "demo")
    with c.uow(write=True) as uow:
        brand = brands.register(uow, c.ids, c.clock, actor, DEMO_BRAND, IdentityPolicy())
    WorkerRunner(c).run_until_idle()
    with c.uow(write=True) as uow:
        campaign = campaigns.register(uow, c.ids, c.clock, actor, {**DEMO_CAMPAIGN, "brandId": brand.brand_id})
    csp["brandId"] = brand.brand_id
    csp["campaignId"] = campaign.campaign_id
    return created
