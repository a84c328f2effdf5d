"""Qualification: the terms each carrier offers a brand for a use case on a day (pure).

Results use TCR's wire keys, since they are stored with the campaign and answered as they are:
``Metadata`` (per MNO) and ``UsecaseMetadata`` (fees, sub use case counts, ``mnoMetadata``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from tendlc.core.brands.model import Brand
from tendlc.core.carriers.terms import EDITIONS, BrandTiers, MessageClass, MessageClasses, MnoTerms, TermsEdition
from tendlc.core.catalog.usecases import USECASES
from tendlc.core.errors import CampaignRejected

VERIFIED_IDENTITIES = frozenset({"VERIFIED", "VETTED_VERIFIED", "SELF_DECLARED"})


@dataclass(frozen=True)
class Standing:
    """What of a brand selects its terms. ``score`` None: no external vetting."""

    score: int | None = None
    verified: bool = True
    russell3000: bool = False
    government: bool = False

    @classmethod
    def of(cls, brand: Brand) -> Standing:
        verified = brand.identity_status in VERIFIED_IDENTITIES
        return cls(score=brand.evp_vetting_score, verified=verified,
                   russell3000=brand.optional_attributes.get("russell3000") is True,
                   government=verified and brand.entity_type == "GOVERNMENT")

    @property
    def top(self) -> bool:
        """Russell 3000 and verified government brands get the top terms whatever their score."""
        return self.russell3000 or self.government


def edition_on(day: date, editions: Sequence[TermsEdition] = EDITIONS) -> TermsEdition:
    """The edition in force on ``day``: the one with the latest effective date not after it."""
    in_force = [e for e in editions if e.effective <= day]
    if not in_force:
        raise LookupError(f"no carrier terms in force on {day.isoformat()}")
    return max(in_force, key=lambda e: e.effective)


def message_class(classes: MessageClasses, standing: Standing, usecase: str) -> MessageClass:
    fixed = classes.by_usecase.get(usecase)
    if fixed is not None:
        return fixed
    score = 100 if standing.top else standing.score or 0
    band = next(b for b in classes.bands if score >= b.min_score)
    return band.mixed if usecase in classes.mixed_usecases else band.dedicated


def brand_tier(tiers: BrandTiers, standing: Standing, usecase: str) -> tuple[str, int | None]:
    fixed = tiers.by_usecase.get(usecase)
    if fixed is None and standing.top:
        fixed = tiers.uncapped
    if fixed is None:
        score = standing.score or 0
        fixed = next(b for b in tiers.bands if score >= b.min_score).tier
    return fixed.name, fixed.daily_cap


def metadata(mno: MnoTerms, standing: Standing, usecase: str) -> dict[str, Any]:
    """TCR ``Metadata`` of one MNO. ``brandDailyCap`` is left out when uncapped (TCR: null)."""
    terms = mno.for_usecase(usecase)
    qualify = terms.support and standing.verified and (not terms.needs_vetting or standing.score is not None)
    out: dict[str, Any] = {
        "mno": mno.name,
        "mnoSupport": terms.support,
        "mnoReview": terms.review,
        "qualify": qualify,
        "minMsgSamples": terms.min_samples,
        "reqSubscriberOptin": terms.req_optin,
        "reqSubscriberOptout": terms.req_optout,
        "reqSubscriberHelp": terms.req_help,
        "noEmbeddedLink": terms.no_link,
        "noEmbeddedPhone": terms.no_phone,
    }
    if mno.message_classes is not None:
        cls = message_class(mno.message_classes, standing, usecase)
        out.update(msgClass=cls.name, tpm=cls.tpm, mmsTpm=cls.mms_tpm, tpmScope=cls.scope)
    if mno.brand_tiers is not None:
        tier, cap = brand_tier(mno.brand_tiers, standing, usecase)
        out["brandTier"] = tier
        if cap is not None:
            out["brandDailyCap"] = cap
    return out


def mno_metadata(edition: TermsEdition, standing: Standing, usecase: str,
                 mno_ids: Iterable[int] | None = None) -> dict[str, dict[str, Any]]:
    """``{"10017": Metadata, …}`` for the MNOs of ``mno_ids`` (every MNO of the edition when empty)."""
    wanted = set(mno_ids or ())
    return {str(m.network_id): metadata(m, standing, usecase) for m in edition.mnos
            if not wanted or m.network_id in wanted}


def usecase_metadata(edition: TermsEdition, standing: Standing, usecase: str) -> dict[str, Any]:
    """TCR ``UsecaseMetadata`` of one use case (which must be in the catalogue)."""
    uc = USECASES[usecase]
    fee = edition.fees.for_usecase(usecase)
    return {
        "usecase": usecase,
        "monthlyFee": fee.monthly,
        "quarterlyFee": round(fee.monthly * 3, 2),
        "annualFee": round(fee.monthly * 12, 2),
        "minSubUsecases": uc.min_sub_usecases,
        "maxSubUsecases": uc.max_sub_usecases,
        "greyoutFields": ["subUsecases"] if uc.max_sub_usecases == 0 else [],
        "mnoMetadata": mno_metadata(edition, standing, usecase),
    }


def terms_for(brand: Brand, usecase: str, day: date, *,
              editions: Sequence[TermsEdition] = EDITIONS) -> dict[str, Any]:
    """The ``UsecaseMetadata`` a brand gets for a use case on a day."""
    return usecase_metadata(edition_on(day, editions), Standing.of(brand), usecase)


def qualifies(meta: Mapping[str, Any], samples: int) -> bool:
    """Whether a campaign with ``samples`` sample messages can be registered on one MNO."""
    return bool(meta["mnoSupport"] and meta["qualify"] and samples >= meta["minMsgSamples"])


def refusals(per_mno: Mapping[str, Mapping[str, Any]], samples: int) -> list[str]:
    """Why the campaign qualifies on none of the MNOs (empty when it qualifies on one at least)."""
    if any(qualifies(m, samples) for m in per_mno.values()):
        return []
    reasons = []
    for meta in per_mno.values():
        if not meta["mnoSupport"]:
            reasons.append(f"{meta['mno']} does not support the use case")
        elif not meta["qualify"]:
            reasons.append(f"the brand does not qualify on {meta['mno']} (external vetting may be needed)")
        else:
            reasons.append(f"{meta['mno']} needs at least {meta['minMsgSamples']} sample message(s), "
                           f"{samples} given")
    return reasons or ["no carrier selected"]


@dataclass(frozen=True)
class RegistrationTerms:
    mno_metadata: dict[str, dict[str, Any]]
    monthly_fee: float
    upfront_months: int


def registration_terms(brand: Brand, usecase: str, mno_ids: Iterable[int] | None, samples: int, day: date, *,
                       editions: Sequence[TermsEdition] = EDITIONS) -> RegistrationTerms:
    """The ``mnoMetadata`` a new campaign is created with and its monthly fee; CampaignRejected (509) when
    it qualifies on no MNO of ``mno_ids``."""
    edition = edition_on(day, editions)
    per_mno = mno_metadata(edition, Standing.of(brand), usecase, mno_ids)
    reasons = refusals(per_mno, samples)
    if reasons:
        raise CampaignRejected(f"the campaign qualifies on no carrier: {'; '.join(reasons)}",
                               ["usecase", "sample1", "mnoIds"])
    return RegistrationTerms(per_mno, edition.fees.for_usecase(usecase).monthly, edition.fees.upfront_months)
