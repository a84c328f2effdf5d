"""Generated campaigns for the lint benchmark (``bench/lint.py``): clean ones, and defects to seed in them.

Everything is drawn from one ``random.Random(seed)``, so a seed always gives the same corpus. A clean
campaign follows ``reference/compliance-rules.md`` §1 the way a careful CSP would write it: the brand
named in every sample, opt-out language in every sample, complete opt-in/opt-out/HELP replies,
a call to action with its disclosures and a proof link, links only on the brand's own domain with
``embeddedLink`` set (and ``embeddedPhone`` when a sample carries a phone number). It must lint without
a single finding under the default profile.

A defect is an injector tagged with the rule code it must trigger; ``applies`` says which clean
campaigns it can be seeded in.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

Body = dict[str, Any]

SAMPLE_KEYS = ("sample1", "sample2", "sample3", "sample4", "sample5")

# ------------------------------------------------------------------------------------------ brands

PLACES = ("Harbor", "Maple", "Summit", "Cedar", "Riverside", "Bayview", "Oakridge", "Pinecrest", "Lakeside",
          "Northgate", "Bluebird", "Granite", "Willow", "Copper", "Evergreen", "Sunrise", "Meadow", "Ironwood",
          "Silverline", "Brightpath", "Red Rock", "Clearwater", "Stonebridge", "Fairview", "Hillcrest", "Westfield",
          "Prairie", "Coastal", "Union Square", "Elm Street", "Tidewater", "Juniper", "Highland", "Mission Bay")
SUFFIXES = ("LLC", "Inc.", "Group LLC", "Co.", "Corp", "Partners LLC", "Services Inc")
STREETS = ("Main St", "Harbor Road", "Oak Avenue", "Market Street", "2nd Ave", "Lakeview Drive", "Mill Lane")
TLDS = ("com", "com", "com", "net", "org", "us", "io", "co")
FIRST_NAMES = ("Maria", "James", "Aisha", "Tom", "Priya", "Diego", "Hannah", "Kenji", "Olivia", "Samuel")
LAST_NAMES = ("Lopez", "Nguyen", "Okafor", "Schmidt", "Patel", "Rossi", "Kowalski", "Haddad", "Brennan", "Silva")
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Mon 5/12", "Fri 6/20", "tomorrow")
TIMES = ("9am", "10:30am", "noon", "1:15pm", "3pm", "4:45pm", "6pm")
FREQUENCIES = ("4 msgs/month", "up to 6 msgs per month", "Msg frequency varies", "2 messages per week",
               "about 3 texts per month", "message frequency varies", "1 msg a week")
RATES = ("Msg & data rates may apply", "Message and data rates may apply", "Msg&data rates may apply",
         "Msg & data rates may apply")
OPT_OUTS = ("Reply STOP to opt out.", "Text STOP to unsubscribe.", "Reply STOP to cancel.", "Reply STOP to end.",
            "Txt STOP to opt out.", "Reply STOP to unsubscribe.")


@dataclass(frozen=True)
class Industry:
    names: tuple[str, ...]  # what follows the place in the brand name
    vertical: str
    audience: str  # who receives the messages
    visit: str  # the thing customers book, order or attend
    item: str  # what they ask about or buy
    program: str  # the kind of texts, in the opt-in reply
    usecases: tuple[str, ...]


INDUSTRIES = (
    Industry(("Dental", "Family Dentistry", "Dental Care"), "HEALTHCARE", "patients", "cleaning", "whitening",
             "appointment", ("ACCOUNT_NOTIFICATION", "CUSTOMER_CARE", "MIXED", "LOW_VOLUME", "POLLING_VOTING")),
    Industry(("Animal Hospital", "Veterinary Clinic", "Pet Care"), "HEALTHCARE", "pet owners", "vaccination visit",
             "pet food order", "visit reminder", ("ACCOUNT_NOTIFICATION", "CUSTOMER_CARE", "MIXED", "MARKETING")),
    Industry(("Hair Studio", "Salon", "Barbers"), "RETAIL", "clients", "haircut", "gift voucher", "booking",
             ("ACCOUNT_NOTIFICATION", "MARKETING", "MIXED", "LOW_VOLUME")),
    Industry(("Auto Care", "Auto Repair", "Tire & Brake"), "AUTOMOTIVE", "customers", "oil change", "brake job",
             "service", ("ACCOUNT_NOTIFICATION", "CUSTOMER_CARE", "MIXED", "MARKETING", "POLLING_VOTING")),
    Industry(("Bakery", "Bistro", "Pizza Kitchen"), "HOSPITALITY", "guests", "table reservation", "catering order",
             "order and offer", ("MARKETING", "MIXED", "DELIVERY_NOTIFICATION", "LOW_VOLUME")),
    Industry(("Fitness", "Yoga Studio", "Climbing Gym"), "RETAIL", "members", "class", "membership",
             "class schedule", ("ACCOUNT_NOTIFICATION", "MARKETING", "MIXED", "CUSTOMER_CARE")),
    Industry(("Plumbing", "Plumbing & Heating", "Electric"), "REAL_ESTATE", "homeowners", "service call",
             "water heater", "service", ("ACCOUNT_NOTIFICATION", "CUSTOMER_CARE", "MIXED")),
    Industry(("Software", "Cloud", "Labs", "Analytics"), "TECHNOLOGY", "users", "onboarding call", "subscription",
             "account security", ("2FA", "SECURITY_ALERT", "ACCOUNT_NOTIFICATION", "MIXED", "CUSTOMER_CARE")),
    Industry(("Credit Union", "Community Bank"), "FINANCIAL", "members", "branch appointment", "debit card",
             "account alert", ("FRAUD_ALERT", "SECURITY_ALERT", "ACCOUNT_NOTIFICATION", "2FA", "MIXED")),
    Industry(("Community College", "Technical Institute"), "EDUCATION", "students", "advising session",
             "course registration", "campus", ("HIGHER_EDUCATION", "MIXED", "PUBLIC_SERVICE_ANNOUNCEMENT")),
    Industry(("Couriers", "Logistics", "Movers"), "TRANSPORTATION", "customers", "pickup", "shipment",
             "delivery update", ("DELIVERY_NOTIFICATION", "CUSTOMER_CARE", "MIXED")),
    Industry(("Water District", "Public Library"), "GOVERNMENT", "residents", "event", "library card",
             "service notice", ("PUBLIC_SERVICE_ANNOUNCEMENT", "ACCOUNT_NOTIFICATION", "POLLING_VOTING")),
    Industry(("Outfitters", "Home Goods", "Bookshop", "Garden Center"), "RETAIL", "shoppers", "in-store pickup",
             "order", "offer", ("MARKETING", "MIXED", "DELIVERY_NOTIFICATION", "CUSTOMER_CARE")),
    Industry(("Tutoring", "Photography", "Dog Walking"), "PROFESSIONAL", "clients", "session", "booking",
             "booking", ("SOLE_PROPRIETOR",)),
)

STANDARD_SUBS = ("ACCOUNT_NOTIFICATION", "CUSTOMER_CARE", "DELIVERY_NOTIFICATION", "MARKETING", "POLLING_VOTING",
                 "2FA", "SECURITY_ALERT", "FRAUD_ALERT")

# --------------------------------------------------------------------------------------- samples

# Per purpose: sample templates. {B} brand, {V} visit, {I} item, {D} day, {T} time, {N} number, {C} code,
# {A} amount, {F} frequency, {R} rates. A template with {L} carries a link, with {P} a phone number.
TEMPLATES: dict[str, tuple[str, ...]] = {
    "ACCOUNT_NOTIFICATION": (
        "{B}: your {V} is confirmed for {D} at {T}.",
        "{B}: reminder, your {V} is {D} at {T}. Please arrive 10 minutes early.",
        "{B}: invoice #{N} for {A} is ready. Thank you for choosing us!",
        "Hi [first name], {B} here: your {V} on {D} was moved to {T}. Reply C to confirm.",
        "{B}: your {V} is confirmed for {D}. Details and directions: {L}",
        "{B}: running late? Call us at {P} and we will hold your {V} for 15 minutes.",
        "{B}: new {V} slots opened for {D}. Reply BOOK to grab one.",
    ),
    "CUSTOMER_CARE": (
        "{B}: thanks for asking about your {I}. A team member will reply within one business day.",
        "{B}: support ticket #{N} about your {I} is resolved. Let us know if anything else comes up.",
        "Hi [first name], this is {B}. We got your question and will call you back today.",
        "{B}: we received your message about the {I} and a specialist is reviewing it now.",
        "{B}: you can follow your request #{N} here: {L}",
        "{B}: our team can help with your {I}, call {P} between 9am and 5pm.",
    ),
    "DELIVERY_NOTIFICATION": (
        "{B}: order #{N} is out for delivery and should arrive by {T}.",
        "{B}: your {I} has shipped. Track it at {L}",
        "{B}: we tried to deliver order #{N} today; we will try again {D}.",
        "{B}: your {I} was delivered at {T}. Thanks for your order!",
        "{B}: your {I} is ready for pickup at the front counter until {T} {D}.",
    ),
    "2FA": (
        "{B}: your verification code is {C}. It expires in 10 minutes.",
        "{C} is your {B} login code. Do not share it with anyone.",
        "{B}: use code {C} to finish signing in.",
        "{B}: {C} is your one-time code to confirm your new phone. It expires in 5 minutes.",
    ),
    "SECURITY_ALERT": (
        "{B}: a new device signed in to your account on {D}. If this was not you, contact support.",
        "{B}: your account email was changed on {D} at {T}. If you did not do this, call {P}.",
        "{B}: security notice, two-step sign-in was turned on for your account.",
        "{B}: we signed you out of all devices after a sign-in from a new location on {D}.",
    ),
    "FRAUD_ALERT": (
        "{B}: did you make a {A} purchase on {D}? Reply YES or NO.",
        "{B}: we declined a {A} charge on your {I} on {D}. Reply YES if it was you.",
        "{B}: we blocked an unusual transaction of {A}. Review it in your online banking.",
        "{B}: your {I} is temporarily on hold after an unusual {A} charge. Reply YES if you made it.",
    ),
    "MARKETING": (
        "{B}: new arrivals are here this week! {R}. {F}.",
        "{B}: save 20% on every {I} this weekend. {R}. {F}.",
        "{B}: our spring event starts {D}, see what is new at {L} {R}. {F}.",
        "{B}: members get early access to the {I} collection {D}. {F}. {R}.",
    ),
    "POLLING_VOTING": (
        "{B}: how was your {V} on {D}? Reply 1-5 to rate us.",
        "{B}: quick survey, which evening suits your {V} best? Reply A, B or C.",
        "{B}: would you recommend us to a friend? Reply YES or NO.",
        "{B}: help us plan next season, vote for your favorite {V} time by replying 1, 2 or 3.",
    ),
    "PUBLIC_SERVICE_ANNOUNCEMENT": (
        "{B}: water service on Mill Lane will be off {D} from 9am to noon for repairs.",
        "{B}: the {I} office is closed {D} for the holiday and reopens the next morning.",
        "{B}: a boil-water notice is in effect for the north side until further notice.",
        "{B}: street sweeping on the east side moves to {D} this week.",
    ),
    "HIGHER_EDUCATION": (
        "{B}: {I} for spring classes opens {D} at {T}.",
        "{B}: your {V} is booked for {D} at {T} in the student center.",
        "{B}: campus is closed today due to weather; classes move online.",
        "{B}: grades for the fall term are posted in the student portal.",
    ),
}
# SOLE_PROPRIETOR campaigns use the templates of their sub use cases.


def _nanp(rng: random.Random) -> str:
    area = rng.choice(("415", "212", "312", "503", "617", "720", "919", "305"))
    line = f"01{rng.randrange(100):02d}"
    return rng.choice((f"({area}) 555-{line}", f"{area}-555-{line}", f"+1 {area} 555 {line}"))


@dataclass
class Brand:
    display: str
    company: str
    domain: str
    body: Body


def make_brand(rng: random.Random, industry: Industry) -> Brand:
    place, kind = rng.choice(PLACES), rng.choice(industry.names)
    sole = "SOLE_PROPRIETOR" in industry.usecases
    first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
    display = f"{last} {kind}" if sole else f"{place} {kind}"
    company = display if sole else f"{display} {rng.choice(SUFFIXES)}"
    domain = "".join(ch for ch in display.lower() if ch.isalnum()) + "." + rng.choice(TLDS)
    mailbox = rng.choice(("office", "hello", "info", "team"))
    body: Body = {"displayName": display, "companyName": company, "email": f"{mailbox}@{domain}",
                  "website": f"https://{domain}", "street": f"{rng.randrange(1, 999)} {rng.choice(STREETS)}"}
    if sole:
        body |= {"entityType": "SOLE_PROPRIETOR", "firstName": first, "lastName": last}
    else:
        entity = {"GOVERNMENT": "GOVERNMENT", "EDUCATION": "NON_PROFIT"}.get(industry.vertical)
        body |= {"entityType": entity or rng.choice(("PRIVATE_PROFIT", "PRIVATE_PROFIT", "PUBLIC_PROFIT")),
                 "ein": f"{rng.randrange(10, 99)}-{rng.randrange(1_000_000, 9_999_999)}"}
    return Brand(display, company, domain, body)


# ------------------------------------------------------------------------------------- campaigns

@dataclass
class Generated:
    """One generated campaign: the bodies as they would be posted, and what was seeded in them."""

    index: int
    campaign: Body
    brand: Body
    domain: str
    defects: list[str]  # defect kind names; empty for a clean campaign


def _fill(rng: random.Random, template: str, brand: Brand, industry: Industry, link: str, phone: str) -> str:
    return template.format(
        B=brand.display, V=industry.visit, I=industry.item, D=rng.choice(DAYS), T=rng.choice(TIMES),
        N=rng.randrange(10_000, 99_999), C=rng.randrange(100_000, 999_999), A=f"${rng.randrange(5, 900)}."
        f"{rng.randrange(100):02d}", F=rng.choice(FREQUENCIES), R=rng.choice(RATES), L=link, P=phone)


def _purposes(rng: random.Random, industry: Industry) -> tuple[str, list[str]]:
    usecase = rng.choice(industry.usecases)
    if usecase in ("MIXED", "LOW_VOLUME"):
        low = 2 if usecase == "MIXED" else 1
        own = [u for u in industry.usecases if u in STANDARD_SUBS]
        pool = own + [u for u in ("CUSTOMER_CARE", "ACCOUNT_NOTIFICATION") if u not in own]
        subs = rng.sample(pool, rng.randint(low, min(len(pool), 4)))
        return usecase, subs
    if usecase == "SOLE_PROPRIETOR":
        return usecase, rng.sample(["ACCOUNT_NOTIFICATION", "CUSTOMER_CARE"], rng.randint(1, 2))
    return usecase, []


def make_campaign(rng: random.Random, index: int) -> Generated:
    industry = rng.choice(INDUSTRIES)
    brand = make_brand(rng, industry)
    usecase, subs = _purposes(rng, industry)
    purposes = subs or [usecase]
    www = rng.choice(("", "", "www."))
    path = rng.choice(("c", "r", "go", "o", "v", "t"))
    link = f"https://{www}{brand.domain}/{path}/{rng.randrange(1000, 99_999)}"
    phone = _nanp(rng)

    # One sample per purpose first, then more until 3-5, all from different templates.
    want_link, want_phone = rng.random() < 0.35, rng.random() < 0.25
    choices = [(p, t) for p in purposes for t in TEMPLATES[p]
               if (want_link or "{L}" not in t) and (want_phone or "{P}" not in t)]
    rng.shuffle(choices)
    picked: list[tuple[str, str]] = []
    for p in purposes:
        picked.append(next(c for c in choices if c[0] == p and c not in picked))
    count = max(len(purposes), rng.randint(3, 5))
    picked += [c for c in choices if c not in picked][:count - len(picked)]
    samples = [f"{_fill(rng, t, brand, industry, link, phone)} {rng.choice(OPT_OUTS)}" for _, t in picked]
    has_link = any("{L}" in t for _, t in picked)
    has_phone = any("{P}" in t for _, t in picked)

    freq, rates = rng.choice(FREQUENCIES), rng.choice(RATES)
    marketing = "MARKETING" in purposes
    body: Body = {
        "usecase": usecase, "subUsecases": subs,
        "description": _description(rng, brand, industry, purposes, freq, has_link, has_phone),
        "messageFlow": _flow(rng, brand, industry, freq, rates, marketing, usecase),
        **dict(zip(SAMPLE_KEYS, samples, strict=False)),
        "subscriberOptin": True, "subscriberOptout": True, "subscriberHelp": True,
        "optinMessage": rng.choice((
            "{B}: you are subscribed to {p} texts. {F}. {R}. Reply HELP for help, STOP to opt out.",
            "Welcome to {B} {p} alerts! {F}. {R}. Text HELP for help. Reply STOP to cancel.",
            "{B}: thanks, you have opted in to {p} messages. {F}. {R}. Reply HELP for help and STOP to end.",
        )).format(B=brand.display, p=industry.program, F=freq, R=rates),
        "optoutMessage": rng.choice((
            "{B}: you are unsubscribed and will receive no more messages.",
            "{B}: you have been opted out and will not receive any more texts.",
            "You have been removed from {B} alerts and will no longer receive messages.",
            "{B}: you are unsubscribed. You will receive no further messages from us.",
        )).format(B=brand.display),
        "helpMessage": rng.choice((
            "{B}: for help call {P} or email {E}.",
            "{B} support: email {E} or visit https://{d}/help. Reply STOP to opt out.",
            "{B}: questions? Call {P}. Msg & data rates may apply. Reply STOP to cancel.",
        )).format(B=brand.display, P=_nanp(rng), E=brand.body["email"], d=brand.domain),
        "optinKeywords": "",
        "optoutKeywords": rng.choice(("STOP,QUIT,END,CANCEL,UNSUBSCRIBE", "STOP,STOPALL,UNSUBSCRIBE,CANCEL,END,QUIT",
                                      "STOP,END,QUIT,CANCEL,UNSUBSCRIBE,OPTOUT")),
        "helpKeywords": rng.choice(("HELP", "HELP,INFO")),
        "privacyPolicyLink": f"https://{brand.domain}/privacy",
        "termsAndConditionsLink": f"https://{brand.domain}/{rng.choice(('terms', 'sms-terms', 'legal/terms'))}",
        "embeddedLink": has_link, "embeddedPhone": has_phone, "ageGated": False, "directLending": False,
        "numberPool": False, "affiliateMarketing": False,
    }
    if has_link:
        body["embeddedLinkSample"] = f"https://{brand.domain}/{path}/{rng.randrange(1000, 99_999)}"
    if "keyword" in body["messageFlow"]:
        body["optinKeywords"] = body["messageFlow"].split("keyword ", 1)[1].split()[0]
    if rng.random() < 0.3:
        body["vertical"] = industry.vertical
    return Generated(index, body, brand.body, brand.domain, [])


_PURPOSE_PHRASES = {
    "ACCOUNT_NOTIFICATION": "{V} reminders and account notices", "CUSTOMER_CARE": "answers to support questions",
    "DELIVERY_NOTIFICATION": "delivery updates", "2FA": "one-time sign-in codes",
    "SECURITY_ALERT": "security alerts about sign-ins", "FRAUD_ALERT": "alerts about unusual card activity",
    "MARKETING": "news about products and seasonal offers", "POLLING_VOTING": "short satisfaction surveys",
    "PUBLIC_SERVICE_ANNOUNCEMENT": "service notices and closures", "HIGHER_EDUCATION": "campus and enrolment updates",
}


def _description(rng: random.Random, brand: Brand, industry: Industry, purposes: list[str], freq: str,
                 has_link: bool, has_phone: bool) -> str:
    what = " and ".join(_PURPOSE_PHRASES[p].format(V=industry.visit) for p in purposes)
    trigger = rng.choice(("a booking or a reply", "account activity", "an order or a support request",
                          "the schedule of our program"))
    text = (f"{brand.display} sends {what} to {industry.audience} who signed up. Messages are triggered by "
            f"{trigger} and frequency is {freq.lower()}.")
    if has_link:
        text += f" Messages may include links to {brand.domain}."
    if has_phone:
        text += " Messages may include our phone number."
    return text


def _flow(rng: random.Random, brand: Brand, industry: Industry, freq: str, rates: str, marketing: bool,
          usecase: str) -> str:
    d, b, who = brand.domain, brand.display, industry.audience.capitalize()
    disclosure = (f"{b} {industry.program} texts, {freq}. {rates}. Reply HELP for help, reply STOP to opt out. "
                  f"Privacy policy: https://{d}/privacy and terms: https://{d}/terms.")
    methods = ["web", "keyword", "paper", "app"] + ([] if marketing or usecase == "SOLE_PROPRIETOR" else ["verbal"])
    method = rng.choice(methods)
    if method == "web":
        page = rng.choice(("signup", "book", "account/sms", "alerts"))
        form = rng.choice(("sign-up form", "booking form", "web form", "online form"))
        return (f"{who} opt in on the {form} at https://{d}/{page} by ticking an unticked, optional SMS box. "
                f"The box reads: {disclosure}")
    if method == "keyword":
        word = rng.choice(("JOIN", "ALERTS", "START", "NEWS", "UPDATES")) + str(rng.randrange(1, 9))
        return (f"{who} text the keyword {word} to {_nanp(rng)} to join, as shown on signs and at "
                f"https://{d}/sms. Signs read: {disclosure}")
    if method == "paper":
        return (f"{who} opt in on a paper intake form at the front desk; a copy of the form is at "
                f"https://{d}/forms/sms.pdf. It reads: {disclosure}")
    if method == "app":
        return (f"{who} opt in in our mobile app under account settings by turning on text alerts; a "
                f"screenshot is at https://{d}/img/sms-optin.png. The screen reads: {disclosure}")
    return (f"{who} opt in verbally over the phone. Agents read this script: \"{b} will text you "
            f"{industry.program} updates, {freq}. {rates}. Reply HELP for help, STOP to opt out.\" "
            f"The script is published at https://{d}/sms-script. Privacy policy: https://{d}/privacy.")


# -------------------------------------------------------------------------------------- defects

@dataclass(frozen=True)
class Defect:
    name: str
    code: str  # the rule code the report must contain
    inject: Callable[[random.Random, Generated], None]
    touches: tuple[str, ...] = ()  # what it changes: two defects that touch the same thing are not combined
    applies: Callable[[Generated], bool] = lambda g: True
    order: int = 1  # defects are injected in this order (0 first): replacements before additions


def _samples(g: Generated) -> list[str]:
    return [k for k in SAMPLE_KEYS if g.campaign.get(k)]


def _one_sample(rng: random.Random, g: Generated) -> str:
    return rng.choice(_samples(g))


def _with_link(rng: random.Random, g: Generated, url: str) -> str:
    key = _one_sample(rng, g)
    g.campaign[key] = g.campaign[key].replace(" Reply", f" Details: {url} Reply", 1) if " Reply" in \
        g.campaign[key] else f"{g.campaign[key]} Details: {url}"
    return key


def _shortener(rng: random.Random, g: Generated) -> None:
    host = rng.choice(("bit.ly", "tinyurl.com", "t.co", "ow.ly", "is.gd", "cutt.ly", "rb.gy", "go.bit.ly"))
    _with_link(rng, g, f"https://{host}/{rng.randrange(10_000, 99_999):x}")
    g.campaign["embeddedLink"] = True
    g.campaign.setdefault("embeddedLinkSample", f"https://{g.domain}/c/1")


def _no_brand(rng: random.Random, g: Generated) -> None:
    names = (g.brand["displayName"], g.brand["companyName"])
    for key in _samples(g):
        text = g.campaign[key]
        for n in names:
            text = text.replace(f"{n}: ", "").replace(f"{n} ", "").replace(n, "us")
        g.campaign[key] = text


def _optout_no_stop(rng: random.Random, g: Generated) -> None:
    g.campaign["optoutKeywords"] = rng.choice(("QUIT,END,CANCEL,UNSUBSCRIBE", "END,CANCEL", "UNSUBSCRIBE"))


def _placeholder(rng: random.Random, g: Generated) -> None:
    key = _one_sample(rng, g)
    token = rng.choice(("[Company Name]", "{Brand name}", "{{business_name}}", "<Your Company>", "[BRAND]"))
    g.campaign[key] = g.campaign[key].replace(g.brand["displayName"], token, 1)


def _link_undeclared(rng: random.Random, g: Generated) -> None:
    _with_link(rng, g, f"https://{g.domain}/r/{rng.randrange(100, 999)}")
    g.campaign["embeddedLink"] = False
    g.campaign.pop("embeddedLinkSample", None)


def _link_unused(rng: random.Random, g: Generated) -> None:
    g.campaign["embeddedLink"] = True
    g.campaign["embeddedLinkSample"] = f"https://{g.domain}/c/1"


def _phone_undeclared(rng: random.Random, g: Generated) -> None:
    key = _one_sample(rng, g)
    g.campaign[key] = g.campaign[key].replace(" Reply", f" Questions? Call {_nanp(rng)}. Reply", 1) if \
        " Reply" in g.campaign[key] else f"{g.campaign[key]} Questions? Call {_nanp(rng)}."
    g.campaign["embeddedPhone"] = False


def _phone_unused(rng: random.Random, g: Generated) -> None:
    g.campaign["embeddedPhone"] = True


def _add_sentence(rng: random.Random, g: Generated, sentences: tuple[str, ...], fields: tuple[str, ...]) -> None:
    key = rng.choice([f for f in fields if f != "samples"] + (_samples(g) if "samples" in fields else []))
    g.campaign[key] = f"{g.campaign[key]} {rng.choice(sentences)}"


def _content(sentences: tuple[str, ...]) -> Callable[[random.Random, Generated], None]:
    return lambda rng, g: _add_sentence(rng, g, sentences, ("samples", "description"))


def _too_few_samples(rng: random.Random, g: Generated) -> None:
    for key in _samples(g)[1:]:
        del g.campaign[key]


def _optin_drop(part: str) -> Callable[[random.Random, Generated], None]:
    def drop(rng: random.Random, g: Generated) -> None:
        text = g.campaign["optinMessage"]
        pieces = {"rates": [r + ". " for r in RATES], "frequency": [f + ". " for f in FREQUENCIES],
                  "help": ["Reply HELP for help, ", "Text HELP for help. ", "Reply HELP for help and "]}[part]
        for piece in pieces:
            text = text.replace(piece, "")
        g.campaign["optinMessage"] = text
    return drop


def _glued(rng: random.Random, g: Generated) -> None:
    key = _one_sample(rng, g)
    glued = rng.choice(("STOP2END", "STOP=END", "stop2quit", "STOP+END", "Stop2Cancel"))
    for phrase in OPT_OUTS:
        g.campaign[key] = g.campaign[key].replace(phrase, f"Txt {glued}.")


def _optout_no_confirmation(rng: random.Random, g: Generated) -> None:
    g.campaign["optoutMessage"] = rng.choice(("{B}: sorry to see you go!", "{B}: we got your request, thanks.",
                                              "{B}: your preferences have been saved.")).format(
        B=g.brand["displayName"])


def _help_no_contact(rng: random.Random, g: Generated) -> None:
    g.campaign["helpMessage"] = rng.choice(("{B}: we are happy to help, just ask.",
                                            "{B}: our team is here for you. Reply STOP to opt out.")).format(
        B=g.brand["displayName"])


def _web_no_url(rng: random.Random, g: Generated) -> None:
    d = g.domain
    g.campaign["messageFlow"] = (f"Customers opt in on the sign-up form on our website by ticking an optional "
                                 f"box: {g.brand['displayName']} texts, 4 msgs/month. Msg & data rates may apply. "
                                 f"Reply HELP for help, reply STOP to opt out. Privacy policy on {d} (see site).")
    g.campaign["optinKeywords"] = ""


def _short_description(rng: random.Random, g: Generated) -> None:
    g.campaign["description"] = rng.choice(("Texts to customers.", "We send SMS.", "Notifications", ""))


def _sub_count(rng: random.Random, g: Generated) -> None:
    g.campaign["subUsecases"] = g.campaign["subUsecases"][:1]


def _keyword_spaces(rng: random.Random, g: Generated) -> None:
    g.campaign["optoutKeywords"] = rng.choice(("STOP, QUIT, END", "Stop ,Quit", "STOP;END", "OPT-OUT,STOP"))


def _prechecked(rng: random.Random, g: Generated) -> None:
    g.campaign["messageFlow"] += rng.choice((" The SMS box is pre-checked.", " Customers are automatically "
                                             "subscribed at checkout.", " The box is checked by default."))


def _optin_keyword_hidden(rng: random.Random, g: Generated) -> None:
    g.campaign["optinKeywords"] = rng.choice(("SMILE", "JOINNOW", "DEALS7"))


def _free_mail(rng: random.Random, g: Generated) -> None:
    g.brand["email"] = rng.choice(("gmail.com", "yahoo.com", "hotmail.com", "aol.com")).join(("owner@", ""))


def _no_optout_in_samples(rng: random.Random, g: Generated) -> None:
    for key in _samples(g):
        for phrase in OPT_OUTS:
            g.campaign[key] = g.campaign[key].replace(" " + phrase, "")


def _insecure(rng: random.Random, g: Generated) -> None:
    _with_link(rng, g, f"http://{g.domain}/r/{rng.randrange(100, 999)}")
    g.campaign["embeddedLink"] = True
    g.campaign.setdefault("embeddedLinkSample", f"https://{g.domain}/r/1")


def _not_mixed(g: Generated) -> bool:
    return g.campaign["usecase"] != "MIXED"


_SAMPLES_DESC = ("description",)  # content defects add a sentence to a sample or the description
_LINK, _PHONE, _BRAND, _OPTOUT_KW = ("link",), ("phone",), ("brand_in_samples",), ("optoutKeywords",)

DEFECTS: tuple[Defect, ...] = (
    Defect("public_url_shortener", "PUBLIC_URL_SHORTENER", _shortener, _LINK),
    Defect("samples_missing_brand_name", "SAMPLE_MISSING_BRAND_NAME", _no_brand, _BRAND),
    Defect("opt_out_keywords_missing_stop", "OPT_OUT_KEYWORDS_MISSING_STOP", _optout_no_stop, _OPTOUT_KW),
    Defect("unfilled_placeholder", "PLACEHOLDER_UNFILLED", _placeholder, _BRAND),
    Defect("link_in_sample_flag_false", "EMBEDDED_LINK_NOT_DECLARED", _link_undeclared, _LINK),
    Defect("link_flag_true_no_link", "EMBEDDED_LINK_DECLARED_UNUSED", _link_unused, _LINK,
           lambda g: not g.campaign["embeddedLink"]),
    Defect("phone_in_sample_flag_false", "EMBEDDED_PHONE_NOT_DECLARED", _phone_undeclared, _PHONE),
    Defect("phone_flag_true_no_phone", "EMBEDDED_PHONE_DECLARED_UNUSED", _phone_unused, _PHONE,
           lambda g: not g.campaign["embeddedPhone"]),
    Defect("shaft_cannabis", "CONTENT_CANNABIS", _content(("Ask about our CBD balm.", "Now stocking hemp oil.",
                                                           "THC-free options available.")), _SAMPLES_DESC),
    Defect("shaft_alcohol_not_age_gated", "AGE_GATED_CONTENT_NOT_FLAGGED", _content((
        "Free wine tasting Friday.", "Happy hour starts at 5.", "Craft beer on tap all weekend.")), _SAMPLES_DESC),
    Defect("shaft_gambling", "CONTENT_GAMBLING", _content((
        "Poker night every Thursday.", "Try our sports betting picks.", "Casino trip tickets available.")),
        _SAMPLES_DESC),
    Defect("shaft_profanity", "CONTENT_PROFANITY", _content(("No bullshit pricing.", "Holy shit, what a week.")),
           _SAMPLES_DESC),
    Defect("shaft_adult", "CONTENT_ADULT", _content(("Adult content for members.", "See our erotic collection.")),
           _SAMPLES_DESC),
    Defect("lending_not_flagged", "DIRECT_LENDING_NOT_FLAGGED", _content((
        "Financing is available.", "Ask about a loan for your purchase.", "Get approved in minutes.")),
        _SAMPLES_DESC),
    Defect("too_few_samples", "SAMPLE_COUNT_TOO_LOW", _too_few_samples, ("sample_count",),
           lambda g: g.campaign["usecase"] == "MIXED", order=0),
    Defect("opt_in_missing_rates", "OPT_IN_MESSAGE_MISSING_RATES", _optin_drop("rates"), ("optin_rates",)),
    Defect("opt_in_missing_frequency", "OPT_IN_MESSAGE_MISSING_FREQUENCY", _optin_drop("frequency"),
           ("optin_frequency",)),
    Defect("opt_in_missing_help", "OPT_IN_MESSAGE_MISSING_HELP", _optin_drop("help"), ("optin_help",)),
    Defect("glued_opt_out_keyword", "OPT_OUT_KEYWORD_NOT_SEPARATE", _glued, ("optout_in_samples",)),
    Defect("opt_out_no_confirmation", "OPT_OUT_MESSAGE_NO_CONFIRMATION", _optout_no_confirmation,
           ("optoutMessage",)),
    Defect("help_no_contact", "HELP_MESSAGE_MISSING_CONTACT", _help_no_contact, ("helpMessage",)),
    Defect("web_opt_in_no_url", "MESSAGE_FLOW_WEB_OPT_IN_NO_URL", _web_no_url, ("flow", "optinKeywords"),
           order=0),
    Defect("description_too_short", "DESCRIPTION_LENGTH", _short_description, ("description",)),
    Defect("sub_usecase_count", "SUB_USECASE_COUNT", _sub_count, ("subUsecases",),
           lambda g: g.campaign["usecase"] == "MIXED"),
    Defect("keywords_format", "KEYWORDS_FORMAT", _keyword_spaces, _OPTOUT_KW),
    Defect("consent_not_optional", "MESSAGE_FLOW_CONSENT_NOT_OPTIONAL", _prechecked),
    Defect("opt_in_keyword_not_described", "OPT_IN_KEYWORD_NOT_DESCRIBED", _optin_keyword_hidden,
           ("optinKeywords",)),
    Defect("brand_free_email", "BRAND_FREE_EMAIL", _free_mail, ("email",)),
    Defect("samples_missing_opt_out", "SAMPLE_MISSING_OPT_OUT", _no_optout_in_samples, ("optout_in_samples",)),
    Defect("insecure_link", "INSECURE_URL", _insecure, _LINK),
    Defect("affiliate_marketing", "AFFILIATE_MARKETING", lambda rng, g: g.campaign.update(affiliateMarketing=True)),
    Defect("privacy_policy_missing", "PRIVACY_POLICY_MISSING", lambda rng, g: g.campaign.pop("privacyPolicyLink")),
)
DEFECTS_BY_NAME = {d.name: d for d in DEFECTS}


def _pick(rng: random.Random, g: Generated, count: int) -> list[Defect]:
    """Up to ``count`` defects that fit ``g`` and touch different things, in injection order."""
    chosen: list[Defect] = []
    for d in rng.sample(DEFECTS, len(DEFECTS)):
        if len(chosen) == count:
            break
        if d.applies(g) and not any(set(d.touches) & set(c.touches) for c in chosen):
            chosen.append(d)
    return sorted(chosen, key=lambda d: d.order)


def corpus(count: int, seed: int = 10_000, max_defects: int = 3) -> list[Generated]:
    """``count`` campaigns: the even ones clean, the odd ones with 1..``max_defects`` seeded defects."""
    rng = random.Random(seed)
    out = []
    for i in range(count):
        g = make_campaign(rng, i)
        if i % 2:
            for d in _pick(rng, g, rng.randint(1, max_defects)):
                d.inject(rng, g)
                g.defects.append(d.name)
        out.append(g)
    return out
