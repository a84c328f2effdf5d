"""Everything a rule reads, worked out once per lint: the texts by wire name, the samples, their links
and phone numbers, the brand's names, the use case and the carriers' terms for it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar, overload

from tendlc.core.carriers.qualify import Standing, mno_metadata
from tendlc.core.carriers.terms import TermsEdition
from tendlc.core.catalog.usecases import USECASES, Usecase
from tendlc.core.compliance import links as ln
from tendlc.core.compliance import terms as tm
from tendlc.core.compliance import text as tx
from tendlc.core.compliance import wordlists as wl
from tendlc.core.compliance.model import BrandInput, CampaignInput
from tendlc.core.compliance.ports import BrandKey, RegistryLookups
from tendlc.core.compliance.profiles import Profile

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
_CONTENT = frozenset(CONTENT_FIELDS)
T = TypeVar("T")


class cached_property(Generic[T]):
    """``functools.cached_property`` without its lock (a Context belongs to one lint, on one thread; Python 3.11
    takes the lock on every first read, and a lint reads about fifteen of them): the value is worked out on
    the first read and stored in the instance's ``__dict__``, which later reads find first."""

    def __init__(self, func: Callable[[Any], T]) -> None:
        self.func = func
        self.attrname = func.__name__
        self.__doc__ = func.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self.attrname = name

    @overload
    def __get__(self, instance: None, owner: type | None = None) -> cached_property[T]: ...

    @overload
    def __get__(self, instance: object, owner: type | None = None) -> T: ...

    def __get__(self, instance: object | None, owner: type | None = None) -> T | cached_property[T]:
        if instance is None:
            return self
        value = instance.__dict__[self.attrname] = self.func(instance)
        return value


# (id of the edition, use case, carriers) → (the edition, its terms): the same few combinations come back on
# every lint. The entry holds the edition, so the id stays its own; the rules only read the terms.
_CARRIER_TERMS: dict[tuple[int, str, frozenset[int]], tuple[TermsEdition, dict[str, dict[str, Any]]]] = {}


def _carrier_terms(edition: TermsEdition, usecase: str, mno_ids: frozenset[int]) -> dict[str, dict[str, Any]]:
    key = (id(edition), usecase, mno_ids)
    entry = _CARRIER_TERMS.get(key)
    if entry is None or entry[0] is not edition:
        if len(_CARRIER_TERMS) > 4096:
            _CARRIER_TERMS.clear()
        entry = _CARRIER_TERMS[key] = (edition, mno_metadata(edition, Standing(), usecase, mno_ids or None))
    return entry[1]


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
        values = vars(self.campaign)  # a model's field values (no attribute lookup per field)
        return {wire: value if isinstance(value := values[attr], str) else "" for wire, attr in TEXT_FIELDS.items()}

    @cached_property
    def text(self) -> Callable[[str], str]:
        """``text(wire)``: the field's text ("" when absent). The texts' own lookup, without a Python call:
        rules read texts about eighty times a lint."""
        return self.texts.__getitem__

    def present(self, wire: str) -> bool:
        """Whether the field holds more than whitespace (KeyError for a name that is no text field)."""
        if wire in self._shown:
            return True
        if wire not in TEXT_FIELDS:
            raise KeyError(wire)
        return False

    @cached_property
    def samples(self) -> list[tuple[str, str]]:
        """(wire name, text) of every non-empty sample."""
        shown = self._shown
        return [(s, shown[s]) for s in SAMPLES if s in shown]

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
        return _carrier_terms(self.edition, self.usecase.name, frozenset(self.campaign.mno_ids or ()))

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
        names = [tx.core_name(n) for n in raw if isinstance(n, str)]
        return list(dict.fromkeys(n for n in names if n))

    @cached_property
    def brand_key(self) -> BrandKey:
        b = self.brand
        return BrandKey(b.brand_id if b else self.campaign.brand_id, b.ein if b else None)

    @cached_property
    def keywords(self) -> dict[str, list[str]]:
        """Each keyword field split on commas, upper-cased, without blanks."""
        return {w: [k for k in (part.strip().upper() for part in self.texts[w].split(",")) if k] for w in KEYWORDS}

    @cached_property
    def _content(self) -> tuple[tuple[str, str], ...]:
        return self.rendered(CONTENT_FIELDS)

    @cached_property
    def _content_bits(self) -> int:
        """The bits of the term lists that can match some content field (see :mod:`.wordlists`)."""
        return wl.list_bits([text for _, text in self._content])

    @cached_property
    def _content_masks(self) -> list[tuple[str, str, int]]:
        """(field, text, the bits of the lists that can match it) of every content field."""
        return [(name, text, wl.list_bits((text,))) for name, text in self._content]

    @cached_property
    def _content_hits(self) -> dict[int, tuple[tuple[str, ...], list[tuple[str, str]]]]:
        return {}

    def content_hits(self, words: tuple[str, ...]) -> list[tuple[str, str]]:
        """(field, first term) of every content field holding one of ``words`` (as
        :func:`~tendlc.core.compliance.text.terms_found` finds them). A list that can match no content field
        is settled by one bit test."""
        bit = wl.list_bit(words)
        if bit != -1 and not self._content_bits & bit:
            return []  # most lists, most lints
        memo = self._content_hits.get(id(words))
        if memo is not None and memo[0] is words:
            return list(memo[1])
        hits: list[tuple[str, str]] = []
        for name, text, mask in self._content_masks:
            if mask & bit:  # else terms_found finds nothing
                found = wl.terms_found(text, words)
                if found:
                    hits.append((name, found[0]))
        self._content_hits[id(words)] = (words, hits)
        return list(hits)

    def terms_in(self, wire: str, words: tuple[str, ...]) -> list[str]:
        """``terms_found(self.text(wire), words)``; for a content field, none at once when the list can match
        no content field."""
        if wire in _CONTENT:
            bit = wl.list_bit(words)
            if bit != -1 and not self._content_bits & bit:
                return []
        return wl.terms_found(self.texts[wire], words)

    def any_terms_in(self, wire: str, words: tuple[str, ...]) -> bool:
        """``bool(self.terms_in(wire, words))``, often settled without the list's pattern."""
        if wire in _CONTENT:
            bit = wl.list_bit(words)
            if bit != -1 and not self._content_bits & bit:
                return False
        return wl.terms_any(self.texts[wire], words)

    @cached_property
    def opt_in_methods(self) -> frozenset[str]:
        """The kinds of opt-in (``terms.OPT_IN_METHODS``) the message flow names."""
        return frozenset(kind for kind, words in tm.OPT_IN_METHODS.items() if self.any_terms_in("messageFlow", words))

    @cached_property
    def _memo(self) -> dict[str, Any]:
        return {}

    def memo(self, key: str, compute: Callable[[], T]) -> T:
        """``compute()``, worked out once per lint under ``key``: for what several rules read."""
        try:
            found: T = self._memo[key]
        except KeyError:
            found = self._memo[key] = compute()
        return found

    @cached_property
    def _shown(self) -> dict[str, str]:
        """The text of every present field, by wire name."""
        return {wire: value for wire, value in self.texts.items() if value.strip()}

    @cached_property
    def _rendered(self) -> dict[tuple[str, ...], tuple[tuple[str, str], ...]]:
        return {}

    def rendered(self, fields: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
        """(wire name, text) of the given fields that are present (worked out once per lint for each tuple of
        fields: several rules read the same ones)."""
        found = self._rendered.get(fields)
        if found is None:
            shown = self._shown
            found = self._rendered[fields] = tuple([(f, shown[f]) for f in fields if f in shown])
        return found
