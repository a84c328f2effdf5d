"""A campaign and brand that pass every compliance rule under every profile; tests change one thing."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from tendlc.core.compliance import BrandInput, CampaignInput, Report, check
from tendlc.core.compliance import links as ln


def good_brand(**changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "entityType": "PRIVATE_PROFIT", "displayName": "Bayside Dental", "companyName": "Bayside Dental Group LLC",
        "ein": "47-1234567", "email": "office@baysidedental.com", "website": "https://baysidedental.com",
        "street": "12 Harbor Road",
    }
    body.update(changes)
    return {k: v for k, v in body.items() if v is not ...}


def good_campaign(**changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "usecase": "MIXED",
        "subUsecases": ["ACCOUNT_NOTIFICATION", "CUSTOMER_CARE"],
        "description": "Bayside Dental sends appointment reminders and answers to questions to patients who "
                       "booked a visit online. Messages are triggered by a booking or a reply from the patient; "
                       "about 4 msgs per month.",
        "messageFlow": "Patients opt in on the booking form at https://baysidedental.com/book by ticking an "
                       "unticked, optional SMS box that reads: Bayside Dental appointment texts, 4 msgs/month. "
                       "Msg & data rates may apply. Reply HELP for help, reply STOP to opt out. Privacy policy "
                       "and terms are linked next to the box.",
        "sample1": "Bayside Dental: your cleaning is booked for Tue 3pm. Reply STOP to opt out.",
        "sample2": "Bayside Dental: thanks for your question about whitening, Dr. Lee will reply shortly. Reply STOP "
                   "to opt out.",
        "sample3": "Bayside Dental: reminder, please arrive 10 minutes early tomorrow for your x-rays. Reply STOP to "
                   "opt out.",
        "subscriberOptin": True, "subscriberOptout": True, "subscriberHelp": True,
        "optinMessage": "Bayside Dental: you are subscribed to appointment texts, 4 msgs/month. Msg & data rates "
                        "may apply. Reply HELP for help, STOP to opt out.",
        "optoutMessage": "Bayside Dental: you are unsubscribed and will receive no more messages.",
        "helpMessage": "Bayside Dental: for help call (415) 555-0142 or email office@baysidedental.com.",
        "optinKeywords": "",
        "optoutKeywords": "STOP,QUIT,END,CANCEL,UNSUBSCRIBE",
        "helpKeywords": "HELP,INFO",
        "privacyPolicyLink": "https://baysidedental.com/privacy",
        "termsAndConditionsLink": "https://baysidedental.com/terms",
        "embeddedLink": False, "embeddedPhone": False, "ageGated": False, "directLending": False,
        "numberPool": False,
    }
    body.update(changes)
    return {k: v for k, v in body.items() if v is not ...}


def lint(campaign: dict[str, Any] | None = None, brand: dict[str, Any] | bool | None = True, profile: str = "tcr",
         **kwargs: Any) -> Report:
    brand_body = good_brand() if brand is True else brand or None
    return check(CampaignInput.model_validate(campaign or good_campaign()),
                 BrandInput.model_validate(brand_body) if brand_body else None, profile, **kwargs)


def codes(report: Report) -> set[str]:
    return {f.code for f in report.findings}


def plain_link(raw: str) -> tuple[str, str, str] | None:
    """(text, host, scheme) of a link as ``links._link`` reads it, by urlsplit alone: the oracle of its fast paths."""
    raw = raw.rstrip(ln._TRAILING)
    if not raw:
        return None
    has_scheme = raw.lower().startswith(("http://", "https://"))
    try:
        parts = urlsplit(raw if has_scheme else f"//{raw}")
        host = (parts.hostname or "").rstrip(".").lower()
    except ValueError:
        return None
    if not host or "." not in host:
        return None
    return raw, host, parts.scheme.lower() if has_scheme else ""


def plain_links(text: str) -> list[tuple[str, str, str]]:
    """The links of ``text`` as the two patterns find them on the whole text (schemed ones first, then bare ones
    outside them with a common TLD), read by :func:`plain_link`: ``links.links_in`` without any fast path."""
    schemed, taken, bare = [], [], []
    for m in ln._SCHEMED.finditer(text):
        if (one := plain_link(m.group(0))) is not None:
            schemed.append(one)
            taken.append(m.span())
    for m in ln._BARE.finditer(text):
        if any(a <= m.start() < b for a, b in taken) or m.group(2).lower() not in ln.COMMON_TLDS:
            continue
        if (one := plain_link(m.group(0))) is not None:
            bare.append(one)
    return schemed + bare


def plain_phones(text: str) -> list[str]:
    """The phone numbers of ``text`` as ``links.phones_in`` finds them, by one scan of the whole text: a match
    counts when written like a phone number (+1, brackets, separators) or after a word such as "call"."""
    return [m.group(0) for m in ln._PHONE.finditer(text)
            if m.group(1) or m.group(2).startswith("(") or (m.group(3) and m.group(5))
            or ln._PHONE_WORDS.search(text[max(0, m.start() - 20):m.start()])]
