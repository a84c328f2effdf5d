"""Valid request bodies to start from; tests change one thing at a time."""

from __future__ import annotations

from typing import Any


def brand_body(**changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "entityType": "PRIVATE_PROFIT",
        "displayName": "Acme Dental",
        "companyName": "Acme Dental LLC",
        "ein": "12-3456789",
        "phone": "+12025550142",
        "email": "ops@acmedental.example",
        "street": "1 Main St",
        "city": "Springfield",
        "state": "IL",
        "postalCode": "62701",
        "country": "US",
        "website": "https://acmedental.example",
        "vertical": "HEALTHCARE",
        "brandRelationship": "SMALL_ACCOUNT",
    }
    body.update(changes)
    return {k: v for k, v in body.items() if v is not ...}


def sole_proprietor_body(**changes: Any) -> dict[str, Any]:
    return brand_body(entityType="SOLE_PROPRIETOR", companyName=..., ein=..., vertical=...,
                      firstName="Jane", lastName="Doe", mobilePhone="+12025550199", referenceId="jane-doe-1",
                      **changes)


def campaign_body(brand_id: str, **changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "brandId": brand_id,
        "usecase": "MIXED",
        "subUsecases": ["ACCOUNT_NOTIFICATION", "CUSTOMER_CARE"],
        "resellerId": "R000000",
        "description": "Appointment reminders and customer care replies for patients of Acme Dental.",
        "messageFlow": "Patients opt in by ticking an unticked SMS consent box on the booking form at "
                       "https://acmedental.example/book.",
        "sample1": "Acme Dental: your cleaning is booked for Tue 3pm. Reply STOP to opt out.",
        "sample2": "Acme Dental: thanks for your question, we will call you back today. Reply HELP for help.",
        "subscriberOptin": True,
        "subscriberOptout": True,
        "subscriberHelp": True,
        "optinMessage": "Acme Dental: you are subscribed to alerts. Msg&data rates may apply. Reply STOP to end.",
        "optoutMessage": "Acme Dental: you are unsubscribed and will receive no more messages.",
        "helpMessage": "Acme Dental: for help call +12025550142. Reply STOP to end.",
        "optinKeywords": "START",
        "optoutKeywords": "STOP,QUIT",
        "helpKeywords": "HELP",
    }
    body.update(changes)
    return {k: v for k, v in body.items() if v is not ...}
