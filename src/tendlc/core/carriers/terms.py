"""Carrier terms as data: a versioned table of editions, each in force from its effective date.

An edition holds, per MNO (TCR network id), the terms of each use case (support, manual review, whether
vetting is needed to qualify, minimum samples, required subscriber opt-in/opt-out/help, no embedded
link/phone), AT&T's message classes by vetting-score band and use-case type, T-Mobile's brand tiers and
daily caps by score, and the registry fees per use case. Each set of values names its source and date.
``qualify.edition_on(day)`` picks the edition in force on a day: a later edition takes over on its date.

Sources (stored copies; see ``reference/tcr-api.md`` §6 and ``reference/compliance-rules.md`` §3.2, §4):

- Per-MNO metadata keys and a real sample (low-score brand, MIXED): CRM sample of TCR's
  ``/campaign/{id}/mnoMetadata`` (AT&T minMsgSamples 2 and opt-in/out/help required; T-Mobile, US Cellular
  and Verizon minMsgSamples 1; US Cellular and Verizon require no subscriber flag); TCR CSP API 7.8.0
  example (T-Mobile requires opt-in and help, not opt-out).
- AT&T classes: Telnyx "10DLC Rate Limits & Throughput" (mirror dated 2026-04-10; same table in
  Infobip, GoConvey). It is the only dated table and has been stable since 2021, so every edition uses it.
- T-Mobile tiers: Telnyx rate-limit doc (2026); GoConvey "Carrier Throughputs and Daily Limits"; VoIP
  Office KB; Bird docs. Band edges 25/50/75 are the commonly published ones (not confirmed by T-Mobile).
- Fees: Bandwidth "Costs associated with 10DLC"; Textvolt (Nov 2025); Apeiron (2021); Telnyx's older page;
  T-Mobile $50 one-time campaign fee: VoIP Office KB, Aloware, Spoke (charged until 2022-10-24).
- Special use cases (manual review, vetting needed): TCR enum doc; Twilio "Special Use Cases for A2P
  10DLC"; Clickatell FAQ.

``noEmbeddedLink``/``noEmbeddedPhone`` are false everywhere: the spec's example shows true, but the CRM
sample does not, and carriers accept links and phone numbers that match the campaign's description.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date

ATT, TMOBILE, US_CELLULAR, VERIZON = 10017, 10035, 10037, 10038


@dataclass(frozen=True)
class UsecaseTerms:
    """One MNO's terms for one use case (TCR ``Metadata`` common keys)."""

    support: bool = True
    review: bool = False
    needs_vetting: bool = False  # the brand qualifies only with an external vetting score
    min_samples: int = 1
    req_optin: bool = False
    req_optout: bool = False
    req_help: bool = False
    no_link: bool = False
    no_phone: bool = False


@dataclass(frozen=True)
class MessageClass:
    """An AT&T message class: SMS and MMS messages per minute, per campaign or per phone number."""

    name: str
    tpm: int
    mms_tpm: int
    scope: str = "CAMPAIGN"


@dataclass(frozen=True)
class ClassBand:
    """AT&T classes for brands scoring at least ``min_score`` (unvetted counts as 0)."""

    min_score: int
    dedicated: MessageClass
    mixed: MessageClass


@dataclass(frozen=True)
class MessageClasses:
    """AT&T throughput: a fixed class for some use cases, else by score band and use-case type."""

    bands: tuple[ClassBand, ...]  # highest min_score first; the last one starts at 0
    by_usecase: Mapping[str, MessageClass]
    mixed_usecases: frozenset[str]
    source: str


@dataclass(frozen=True)
class Tier:
    """A T-Mobile brand tier and its daily cap (None: uncapped)."""

    name: str
    daily_cap: int | None


@dataclass(frozen=True)
class TierBand:
    min_score: int
    tier: Tier


@dataclass(frozen=True)
class BrandTiers:
    """T-Mobile: a fixed tier for some use cases, UNCAPPED for Russell 3000 (and verified government)
    brands, else by score band (unvetted verified brands are in the lowest)."""

    bands: tuple[TierBand, ...]  # highest min_score first; the last one starts at 0
    by_usecase: Mapping[str, Tier]
    uncapped: Tier
    source: str


@dataclass(frozen=True)
class MnoTerms:
    network_id: int
    name: str
    base: UsecaseTerms
    usecases: Mapping[str, UsecaseTerms]
    source: str
    message_classes: MessageClasses | None = None
    brand_tiers: BrandTiers | None = None

    def for_usecase(self, usecase: str) -> UsecaseTerms:
        return self.usecases.get(usecase, self.base)


@dataclass(frozen=True)
class Fee:
    """Registry fee of a use case in US dollars: per month, and a one-time setup fee per campaign."""

    monthly: float
    setup: float = 0.0


@dataclass(frozen=True)
class FeeSchedule:
    default: Fee
    usecases: Mapping[str, Fee]
    source: str
    upfront_months: int = 3  # the first three months are billed at registration

    def for_usecase(self, usecase: str) -> Fee:
        return self.usecases.get(usecase, self.default)


@dataclass(frozen=True)
class TermsEdition:
    """The whole table as in force from ``effective`` (until a later edition's date)."""

    version: str
    effective: date
    note: str
    mnos: tuple[MnoTerms, ...]
    fees: FeeSchedule = field(compare=False)

    def mno(self, network_id: int) -> MnoTerms | None:
        return next((m for m in self.mnos if m.network_id == network_id), None)


# --- use case terms ----------------------------------------------------------------------------------------

# MNO review before or after registration (TCR enum doc; Twilio special use cases; Clickatell FAQ).
REVIEWED_USECASES = frozenset({"AGENTS_FRANCHISES", "CARRIER_EXEMPT", "EMERGENCY", "K12_EDUCATION", "PROXY",
                               "SOCIAL", "SWEEPSTAKE"})
# Qualify only with external vetting: SOCIAL (vetting + pre-approval), POLITICAL (Campaign Verify or
# political vet) — Twilio special use cases; compliance-rules §3.2.
VETTED_USECASES = frozenset({"SOCIAL", "POLITICAL"})


def _usecase_terms(base: UsecaseTerms, **specific: UsecaseTerms) -> dict[str, UsecaseTerms]:
    terms = {u: replace(base, review=True) for u in REVIEWED_USECASES}
    for u in VETTED_USECASES:
        terms[u] = replace(terms.get(u, base), needs_vetting=True)
    terms.update(specific)
    return terms


_ATT_BASE = UsecaseTerms(min_samples=1, req_optin=True, req_optout=True, req_help=True)
_TMO_BASE = UsecaseTerms(min_samples=1, req_optin=True, req_help=True)
_OTHER_BASE = UsecaseTerms(min_samples=1)

# --- AT&T message classes (compliance-rules §4.1) ----------------------------------------------------------

_C = MessageClass
ATT_CLASSES = MessageClasses(
    bands=(
        ClassBand(75, _C("A", 4500, 2400), _C("B", 4500, 2400)),
        ClassBand(50, _C("C", 2400, 1200), _C("D", 2400, 1200)),
        ClassBand(0, _C("E", 240, 150), _C("F", 240, 150)),
    ),
    by_usecase={
        "LOW_VOLUME": _C("T", 75, 50),
        "SOLE_PROPRIETOR": _C("W", 15, 50),
        "POLITICAL": _C("K", 4500, 2400),
        "CHARITY": _C("P", 2400, 1200),
        "SOCIAL": _C("S", 9000, 2400),
        "EMERGENCY": _C("X", 4500, 2400),
        "PROXY": _C("G", 60, 50, "PHONE_NUMBER"),
        "AGENTS_FRANCHISES": _C("N", 60, 50, "PHONE_NUMBER"),
    },
    mixed_usecases=frozenset({"MIXED", "MARKETING"}),
    source="Telnyx 10DLC Rate Limits & Throughput (mirror dated 2026-04-10); Infobip; GoConvey. Russell 3000 "
           "and verified government brands get A/B (Sinch).",
)

# --- T-Mobile brand tiers (compliance-rules §4.2) ----------------------------------------------------------

TMO_TIERS = BrandTiers(
    bands=(
        TierBand(75, Tier("TOP", 200_000)),
        TierBand(50, Tier("UPPER_MID", 40_000)),
        TierBand(25, Tier("LOWER_MID", 10_000)),
        TierBand(0, Tier("LOW", 2_000)),
    ),
    by_usecase={"LOW_VOLUME": Tier("LOW", 2_000), "SOLE_PROPRIETOR": Tier("LOW", 1_000)},
    uncapped=Tier("UNCAPPED", None),
    source="Telnyx rate-limit doc (2026); GoConvey Carrier Throughputs and Daily Limits; VoIP Office KB; Bird "
           "docs (cap per tax id). Band edges 25/50/75 as commonly published, unconfirmed by T-Mobile.",
)

_MNO_SOURCE = "CRM sample of TCR /campaign/{id}/mnoMetadata (reference/tcr-api.md §6.1); TCR CSP API 7.8.0 example"

MNOS_2021: tuple[MnoTerms, ...] = (
    MnoTerms(ATT, "AT&T", _ATT_BASE,
             _usecase_terms(_ATT_BASE, MIXED=replace(_ATT_BASE, min_samples=2)), _MNO_SOURCE,
             message_classes=ATT_CLASSES),
    MnoTerms(TMOBILE, "T-Mobile", _TMO_BASE, _usecase_terms(_TMO_BASE), _MNO_SOURCE, brand_tiers=TMO_TIERS),
    MnoTerms(US_CELLULAR, "US Cellular", _OTHER_BASE, _usecase_terms(_OTHER_BASE), _MNO_SOURCE),
    MnoTerms(VERIZON, "Verizon Wireless", _OTHER_BASE, _usecase_terms(_OTHER_BASE), _MNO_SOURCE),
)

# --- fees (compliance-rules §4.4; tcr-api §6.3) ------------------------------------------------------------

FEES_2021_10 = FeeSchedule(
    default=Fee(10.0, setup=50.0),
    usecases={"LOW_VOLUME": Fee(2.0, setup=50.0), "CHARITY": Fee(5.0, setup=50.0),
              "SOLE_PROPRIETOR": Fee(2.0, setup=50.0)},
    source="$10/month since 2021 (Bandwidth; Flowroute); LOW_VOLUME $2 (Apeiron 2021); CHARITY $5 (Telnyx's "
           "older page); SOLE_PROPRIETOR $2 (Bandwidth; Twilio FAQ); T-Mobile $50 one-time campaign fee charged "
           "from about 2021-10 (VoIP Office KB; Aloware; Spoke).",
)
FEES_2022_10_24 = replace(
    FEES_2021_10,
    default=Fee(10.0),
    usecases={"LOW_VOLUME": Fee(2.0), "CHARITY": Fee(5.0), "SOLE_PROPRIETOR": Fee(2.0)},
    source="As 2021-10, without the T-Mobile $50 one-time campaign fee, dropped on 2022-10-24 (VoIP Office KB; "
           "Aloware; Spoke docs).",
)
FEES_2025_11 = replace(
    FEES_2022_10_24,
    usecases={"LOW_VOLUME": Fee(1.5), "CHARITY": Fee(3.0), "SOLE_PROPRIETOR": Fee(2.0), "EMERGENCY": Fee(5.0),
              "AGENTS_FRANCHISES": Fee(30.0), "TRIAL": Fee(0.0)},
    source="Bandwidth 'Costs associated with 10DLC'; Textvolt (Nov 2025): LOW_VOLUME $1.50 (was $2), CHARITY $3, "
           "EMERGENCY $5, AGENTS_FRANCHISES $30, large-CSP TRIAL $0, others $10. The sources do not date the "
           "change; this edition takes the Textvolt snapshot's month (2025-11) as its date.",
)

EDITIONS: tuple[TermsEdition, ...] = (
    TermsEdition("2021.10", date(2021, 10, 1), "First edition: carrier terms and fees as of late 2021.",
                 MNOS_2021, FEES_2021_10),
    TermsEdition("2022.10", date(2022, 10, 24), "T-Mobile drops its $50 one-time campaign fee.",
                 MNOS_2021, FEES_2022_10_24),
    TermsEdition("2025.11", date(2025, 11, 1), "Fees per use case as published in Nov 2025.",
                 MNOS_2021, FEES_2025_11),
)
