"""Everything a rule reads, worked out once per lint: the texts by wire name, the samples, their links
and phone numbers, the brand's names, the use case and the carriers' terms for it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from tendlc.core.carriers.qualify import Standing, mno_metadata
from tendlc.core.carriers.terms import TermsEdition
from tendlc.core.catalog.usecases import USECASES, Usecase
from tendlc.core.compliance import links as ln
from tendlc.core.compliance.model import BrandInput, CampaignInput
from tendlc.core.compliance.ports import BrandKey, RegistryLookups
from tendlc.core.compliance.profiles import Profile
from tendlc.core.compliance.text import core_name

SAMPLES = ("sample1", "sample2", "sample3", "sample4", "sample5")
REPLIES = ("optinMessage", "optoutMessage", "helpMessage")
KEYWORDS = ("optinKeywords", "optoutKeywords", "helpKeywords")
# Wire name → model attribute of every text field the lint reads.
TEXT_FIELDS: dict[str, str] = {
    "description": "description", "messageFlow": "message_flow",
    **{s: s for s in SAMPLES},
    "optinMessage": "optin_message", "optoutMessage": "optout_message", "helpMessage": "help_message",
    "optinKeywords": "optin_keywords", "optoutKeywords": "optout_keywords", "helpKeywords": "help_keywords",
    "privacyPolicyLink": "privacy_policy_link", "termsAndConditionsLink": "terms_and_conditions_link",
    "embeddedLinkSample": "embedded_link_sample",
}
# The texts a reviewer reads for content (word lists): description, flow, samples and replies.
CONTENT_FIELDS = ("description", "messageFlow", *SAMPLES, *REPLIES)


@dataclass
class Context:
    campaign: CampaignInput
    brand: BrandInput | None
    profile: Profile
    edition: TermsEdition
    registry: RegistryLookups | None = None
    declared_merge_fields: frozenset[str] = field(default_factory=frozenset)

    @cached_property
    def texts(self) -> dict[str, str]:
        """Every text field by wire name ("" when absent), read once: rules ask for them hundreds of times."""
        out = {}
        for wire, attr in TEXT_FIELDS.items():
            value: Any = getattr(self.campaign, attr)
            out[wire] = value if isinstance(value, str) else ""
        return out

    @cached_property
    def _present(self) -> frozenset[str]:
        return frozenset(wire for wire, value in self.texts.items() if value.strip())

    def text(self, wire: str) -> str:
        """The field's text ("" when absent)."""
        return self.texts[wire]

    def present(self, wire: str) -> bool:
        if wire not in TEXT_FIELDS:
            raise KeyError(wire)
        return wire in self._present

    @cached_property
    def samples(self) -> list[tuple[str, str]]:
        """(wire name, text) of every non-empty sample."""
        return [(s, self.text(s)) for s in SAMPLES if self.present(s)]

    @cached_property
    def sample_links(self) -> dict[str, list[ln.Link]]:
        return {name: ln.links_in(text) for name, text in self.samples}

    @cached_property
    def sample_phones(self) -> dict[str, list[str]]:
        return {name: ln.phones_in(text) for name, text in self.samples}

    @cached_property
    def usecase(self) -> Usecase | None:
        return USECASES.get((self.campaign.usecase or "").strip().upper())

    @cached_property
    def sub_usecases(self) -> list[str]:
        return [s.strip().upper() for s in self.campaign.sub_usecases or [] if isinstance(s, str)]

    def has_purpose(self, name: str) -> bool:
        """Whether the campaign's use case is ``name`` or declares it as a sub use case."""
        return self.usecase is not None and (self.usecase.name == name or name in self.sub_usecases)

    @cached_property
    def carrier_terms(self) -> dict[str, dict[str, Any]]:
        """TCR ``mnoMetadata`` for the use case on the campaign's carriers (all when none are named)."""
        if self.usecase is None:
            return {}
        return mno_metadata(self.edition, Standing(), self.usecase.name, self.campaign.mno_ids or None)

    @cached_property
    def brand_names(self) -> list[str]:
        """The brand's names as :func:`core_name` makes them: display name, company name, and for a sole
        proprietor the person's name."""
        b = self.brand
        if b is None:
            return []
        raw = [b.display_name, b.company_name]
        if b.first_name and b.last_name:
            raw.append(f"{b.first_name} {b.last_name}")
        names = [core_name(n) for n in raw if isinstance(n, str)]
        return list(dict.fromkeys(n for n in names if n))

    @cached_property
    def brand_key(self) -> BrandKey:
        b = self.brand
        return BrandKey(b.brand_id if b else self.campaign.brand_id, b.ein if b else None)

    @cached_property
    def keywords(self) -> dict[str, list[str]]:
        """Each keyword field split on commas, upper-cased, without blanks."""
        return {w: [k.strip().upper() for k in self.text(w).split(",") if k.strip()] for w in ("optinKeywords",
                "optoutKeywords", "helpKeywords")}

    def rendered(self, fields: Sequence[str]) -> list[tuple[str, str]]:
        """(wire name, text) of the given fields that are present."""
        texts, present = self.texts, self._present
        return [(f, texts[f]) for f in fields if texts[f] and f in present]
