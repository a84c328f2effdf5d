"""Content-attribute flags against the content, restricted and prohibited content, links and policies
(``reference/compliance-rules.md`` §1.F, §1.G, §1.H)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from tendlc.core.compliance import links as ln
from tendlc.core.compliance import terms
from tendlc.core.compliance import text as tx
from tendlc.core.compliance.context import SAMPLES, Context
from tendlc.core.compliance.model import Severity
from tendlc.core.compliance.ruleset import (
    DESCRIPTION_OR_ATTRIBUTES,
    DISALLOWED_CONTENT,
    PRIVACY_POLICY,
    SAMPLE_MESSAGE,
    TERMS,
    Hit,
    rule,
)

E, W = Severity.ERROR, Severity.WARNING
_SAYS_LINKS = re.compile(r"\b(?:messages?|texts?|sms|alerts?)\s+(?:may\s+|will\s+|can\s+)?(?:also\s+)?"
                         r"(?:contain|include)s?\s+(?:an?\s+)?(?:links?|urls?)\b", re.I)
_SAYS_PHONES = re.compile(r"\b(?:messages?|texts?|sms|alerts?)\s+(?:may\s+|will\s+|can\s+)?(?:also\s+)?"
                          r"(?:contain|include)s?\s+(?:an?\s+|our\s+)?(?:phone|telephone|contact)\s+numbers?\b", re.I)


tx.hinted(_SAYS_LINKS, needs=("contain", "include"), also=("link", "url"))
tx.hinted(_SAYS_PHONES, needs=("contain", "include"), also=("number",))


def _content_hits(ctx: Context, words: tuple[str, ...]) -> list[tuple[str, str]]:
    """(field, first term) of every content field holding one of ``words``."""
    return ctx.content_hits(words)


def _content_rule(code: str, reference: str, severity: Severity, words: tuple[str, ...], what: str, fix: str,
                  *providers: str, unless_usecase: str | None = None) -> None:
    @rule(code, reference, severity, DISALLOWED_CONTENT, fix, *providers)
    def check(ctx: Context) -> Iterator[Hit]:
        if unless_usecase and ctx.has_purpose(unless_usecase):
            return
        hits = _content_hits(ctx, words)
        if hits:
            yield Hit(tuple(f for f, _ in hits), f"{what}: {hits[0][1]!r} in {hits[0][0]}")


_content_rule("CONTENT_CANNABIS", "CNT-01", E, terms.CANNABIS, "cannabis/CBD content is not allowed on 10DLC",
              "Remove the program: cannabis, CBD and hemp are refused even with an age gate.",
              "dca2:701", "telnyx:701", "twilio:30883")
_content_rule("CONTENT_ADULT", "CNT-02", E, terms.ADULT, "sexual or adult content",
              "Remove sexual or adult content.", "dca2:703", "twilio:30883")
_content_rule("CONTENT_PROFANITY", "CNT-03", E, terms.PROFANITY, "profanity", "Remove profanity.", "dca2:705")
_content_rule("CONTENT_GAMBLING", "CNT-05", E, terms.GAMBLING, "gambling content",
              "Gambling is not allowed on standard 10DLC.", "dca2:704", "twilio:30897")
_content_rule("CONTENT_SWEEPSTAKES_OUTSIDE_USECASE", "CNT-06", E, terms.SWEEPSTAKES,
              "sweepstakes or contest wording outside the SWEEPSTAKE use case",
              "Register a SWEEPSTAKE campaign for contests and giveaways.", "twilio:30897",
              unless_usecase="SWEEPSTAKE")
_content_rule("CONTENT_HIGH_RISK_FINANCIAL", "CNT-07", E, terms.HIGH_RISK_FINANCIAL,
              "high-risk financial services", "Payday loans, debt relief, credit repair, crypto and stock alerts "
              "are not allowed.", "dca2:709", "twilio:30897")
_content_rule("CONTENT_LEAD_GENERATION", "CNT-08", E, terms.LEAD_GENERATION, "lead generation or affiliate marketing",
              "Lead generation, affiliate marketing and list selling are not allowed.", "dca2:708", "twilio:30882")
_content_rule("CONTENT_GET_RICH_QUICK", "CNT-09", W, terms.GET_RICH_QUICK, "get-rich-quick or MLM wording",
              "Remove get-rich-quick, MLM and work-from-home offers.", "sinch:CR2006")
_content_rule("CONTENT_CONTROLLED_SUBSTANCES", "CNT-10", E, terms.CONTROLLED_SUBSTANCES,
              "controlled substances or prescriptions", "Remove controlled substances.", "tmobile:Sev0Tier2")


@rule("AGE_GATED_CONTENT_NOT_FLAGGED", "ATTR-07", E, DESCRIPTION_OR_ATTRIBUTES,
      "Set ageGated to true and gate opt-in on a date of birth, or remove the age-restricted content.",
      "twilio:30888", "dca2:702", "dca2:706", "dca2:707")
def age_gate_flag(ctx: Context) -> Iterator[Hit]:
    hits = _content_hits(ctx, terms.AGE_RESTRICTED)
    if hits and ctx.campaign.age_gated is not True:
        yield Hit(("ageGated", *(f for f, _ in hits)), f"age-restricted content ({hits[0][1]!r} in {hits[0][0]}) "
                                                       "but ageGated is not true")


@rule("AGE_RESTRICTED_CONTENT", "CNT-04", W, DISALLOWED_CONTENT,
      "Expect close review of alcohol, tobacco and firearms programs; keep the date-of-birth gate.", "twilio:30883")
def age_restricted(ctx: Context) -> Iterator[Hit]:
    hits = _content_hits(ctx, terms.AGE_RESTRICTED)
    if hits and ctx.campaign.age_gated is True:
        yield Hit(tuple(f for f, _ in hits), f"age-restricted content ({hits[0][1]!r})")


@rule("AGE_GATE_NOT_ROBUST", "ATTR-08", E, DESCRIPTION_OR_ATTRIBUTES,
      "Describe in messageFlow how a date of birth is checked at opt-in (not a yes/no click).",
      "twilio:30888", "telnyx:706", "microsoft:CallToActionDoesNotContainRobustAgeGate")
def age_gate_robust(ctx: Context) -> Iterator[Hit]:
    if ctx.campaign.age_gated is True and not tx.matches(tx.DATE_OF_BIRTH, ctx.text("messageFlow")):
        yield Hit(("ageGated", "messageFlow"), "ageGated is true but the flow describes no date-of-birth check")


@rule("DIRECT_LENDING_NOT_FLAGGED", "ATTR-09", E, DESCRIPTION_OR_ATTRIBUTES,
      "Set directLending to true if the brand lends directly, or remove the lending content.", "twilio:30895")
def lending_flag(ctx: Context) -> Iterator[Hit]:
    hits = _content_hits(ctx, terms.LENDING)
    if hits and ctx.campaign.direct_lending is not True:
        yield Hit(("directLending", *(f for f, _ in hits)), f"lending content ({hits[0][1]!r} in {hits[0][0]}) "
                                                            "but directLending is not true")


@rule("DIRECT_LENDING_NOT_IN_DESCRIPTION", "ATTR-10", W, DESCRIPTION_OR_ATTRIBUTES,
      "Say 'direct lending' in the description.", "twilio:30895")
def lending_described(ctx: Context) -> Iterator[Hit]:
    if ctx.campaign.direct_lending is True and not tx.terms_found(ctx.text("description"), ("direct lending",
                                                                                             "direct lender")):
        yield Hit(("description", "directLending"), "directLending is true but the description does not say so")


@rule("THIRD_PARTY_LENDING", "ATTR-11", E, DISALLOWED_CONTENT,
      "Third-party lending (brokers, loan matching) is not allowed, whatever the flags.", "dca2:709", "twilio:30897")
def third_party_lending(ctx: Context) -> Iterator[Hit]:
    hits = _content_hits(ctx, terms.THIRD_PARTY_LENDING)
    if hits:
        yield Hit(tuple(f for f, _ in hits), f"third-party lending ({hits[0][1]!r} in {hits[0][0]})")


@rule("AFFILIATE_MARKETING", "ATTR-13", E, DISALLOWED_CONTENT, "Set affiliateMarketing to false.",
      "twilio:30882", "dca2:708")
def affiliate(ctx: Context) -> Iterator[Hit]:
    if ctx.campaign.affiliate_marketing is True:
        yield Hit(("affiliateMarketing",), "affiliate marketing is not supported")


@rule("EMBEDDED_LINK_NOT_DECLARED", "ATTR-01", E, DESCRIPTION_OR_ATTRIBUTES,
      "Set embeddedLink to true, or remove the links from the samples.", "dca2:601",
      "microsoft:CampaignAttributesNotMatchingCampaignDescription")
def link_undeclared(ctx: Context) -> Iterator[Hit]:
    with_links = tuple(n for n, found in ctx.sample_links.items() if found)
    if with_links and ctx.campaign.embedded_link is not True:
        yield Hit(("embeddedLink", *with_links), f"{with_links[0]} contains a link but embeddedLink is not true")


@rule("EMBEDDED_LINK_DECLARED_UNUSED", "ATTR-02", E, DESCRIPTION_OR_ATTRIBUTES,
      "Add a sample with the kind of link you will send, or set embeddedLink to false.", "dca2:601")
def link_unused(ctx: Context) -> Iterator[Hit]:
    if ctx.campaign.embedded_link is True and not any(ctx.sample_links.values()):
        yield Hit(("embeddedLink",), "embeddedLink is true but no sample contains a link")


@rule("EMBEDDED_PHONE_NOT_DECLARED", "ATTR-04", E, DESCRIPTION_OR_ATTRIBUTES,
      "Set embeddedPhone to true, or remove the phone numbers from the samples.", "dca2:601")
def phone_undeclared(ctx: Context) -> Iterator[Hit]:
    with_phones = tuple(n for n, found in ctx.sample_phones.items() if found)
    if with_phones and ctx.campaign.embedded_phone is not True:
        yield Hit(("embeddedPhone", *with_phones),
                  f"{with_phones[0]} contains a phone number but embeddedPhone is not true")


@rule("EMBEDDED_PHONE_DECLARED_UNUSED", "ATTR-05", E, DESCRIPTION_OR_ATTRIBUTES,
      "Add a sample with the phone number you will send, or set embeddedPhone to false.", "twilio:30889")
def phone_unused(ctx: Context) -> Iterator[Hit]:
    if ctx.campaign.embedded_phone is True and not any(ctx.sample_phones.values()):
        yield Hit(("embeddedPhone",), "embeddedPhone is true but no sample contains a phone number")


@rule("FLAGS_CONTRADICT_DESCRIPTION", "ATTR-06", W, DESCRIPTION_OR_ATTRIBUTES,
      "Make embeddedLink/embeddedPhone agree with what the description says messages contain.",
      "microsoft:CampaignAttributesNotMatchingCampaignDescription")
def flags_vs_description(ctx: Context) -> Iterator[Hit]:
    for name, text in ctx.rendered(("description", "messageFlow")):
        if ctx.campaign.embedded_link is not True and tx.matches(_SAYS_LINKS, text):
            yield Hit((name, "embeddedLink"), f"{name} says messages contain links but embeddedLink is not true")
        if ctx.campaign.embedded_phone is not True and tx.matches(_SAYS_PHONES, text):
            yield Hit((name, "embeddedPhone"), f"{name} says messages contain phone numbers but embeddedPhone "
                                               "is not true")


@rule("EMBEDDED_LINK_SAMPLE_INVALID", "ATTR-03", W, DESCRIPTION_OR_ATTRIBUTES,
      "Set embeddedLinkSample to an https:// link like those in the samples (no public shortener).")
def link_sample(ctx: Context) -> Iterator[Hit]:
    if ctx.campaign.embedded_link is not True:
        return
    given = ln.links_in(ctx.text("embeddedLinkSample"))
    if not given:
        yield Hit(("embeddedLinkSample",), "embeddedLink is true but embeddedLinkSample is missing")
        return
    link = given[0]
    domains = {ln.registrable(x.host) for found in ctx.sample_links.values() for x in found}
    if link.scheme != "https":
        yield Hit(("embeddedLinkSample",), "embeddedLinkSample is not an https:// link")
    elif domains and ln.registrable(link.host) not in domains:
        yield Hit(("embeddedLinkSample",), f"embeddedLinkSample's domain {link.host} is in no sample")


@rule("PUBLIC_URL_SHORTENER", "URL-01", E, SAMPLE_MESSAGE,
      "Use full links on the brand's own domain, or a branded short domain the brand owns.",
      "twilio:30892", "microsoft:SampleMessageContainsPublicURLShortener",
      "sinch:SampleMessageContainsPublicURLShortener", "bandwidth:4771")
def shortener(ctx: Context) -> Iterator[Hit]:
    for name, text in ctx.rendered(("messageFlow", "embeddedLinkSample", *SAMPLES)):
        found = [link.host for link in ln.links_in(text) if ln.is_shortener(link.host)]
        if found:
            yield Hit((name,), f"{name} uses the public URL shortener {found[0]}")


@rule("INSECURE_URL", "URL-03", W, SAMPLE_MESSAGE, "Use https:// links.", "twilio:30892")
def insecure(ctx: Context) -> Iterator[Hit]:
    for name, found in ctx.sample_links.items():
        if any(link.scheme == "http" for link in found):
            yield Hit((name,), f"{name} has an unsecured http:// link")


@rule("URL_RAW_IP_ADDRESS", "URL-04", W, SAMPLE_MESSAGE, "Link to a domain name, not an IP address.")
def raw_ip(ctx: Context) -> Iterator[Hit]:
    for name, found in ctx.sample_links.items():
        if any(link.is_ip for link in found):
            yield Hit((name,), f"{name} links to a raw IP address")


@rule("SAMPLE_MULTIPLE_LINKS", "URL-04", W, SAMPLE_MESSAGE, "Keep to one link per message.")
def many_links(ctx: Context) -> Iterator[Hit]:
    for name, found in ctx.sample_links.items():
        if len({link.host for link in found}) > 1:
            yield Hit((name,), f"{name} has links to more than one site")


def _policy_link(ctx: Context, wire: str) -> Iterator[Hit]:
    value = ctx.text(wire).strip()
    if not value:
        return
    found = ln.links_in(value)
    if len(value) > ctx.profile.link_max:
        yield Hit((wire,), f"{wire} is {len(value)} characters; at most {ctx.profile.link_max} are allowed")
    if not found or found[0].scheme != "https" or found[0].text != value:
        yield Hit((wire,), f"{wire} is not an absolute https:// address")


@rule("POLICY_LINK_INVALID", "LEN-07", E, PRIVACY_POLICY, "Give the policies as absolute https:// addresses.",
      "twilio:30908")
def policy_links_valid(ctx: Context) -> Iterator[Hit]:
    yield from _policy_link(ctx, "privacyPolicyLink")
    yield from _policy_link(ctx, "termsAndConditionsLink")


@rule("PRIVACY_POLICY_MISSING", "POL-01", E, PRIVACY_POLICY,
      "Link a privacy policy that says mobile numbers and consent are not shared for marketing.",
      "twilio:30908", "microsoft:PrivacyPolicyMissing")
def privacy_present(ctx: Context) -> Iterator[Hit]:
    if not ctx.present("privacyPolicyLink"):
        yield Hit(("privacyPolicyLink",), "there is no privacy policy link")


@rule("TERMS_LINK_MISSING", "POL-04", E, TERMS,
      "Link the program's terms and conditions.", "microsoft:TermsAndConditionsMissing")
def terms_present(ctx: Context) -> Iterator[Hit]:
    if not ctx.present("termsAndConditionsLink"):
        yield Hit(("termsAndConditionsLink",), "there is no terms and conditions link")
