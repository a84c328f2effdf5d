"""The brand against the campaign, and the checks only a registry can make because it holds every brand
and campaign (``reference/compliance-rules.md`` §1.B UC-11/UC-12, §1.H POL-06, §1.I)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from tendlc.core.compliance import links as ln
from tendlc.core.compliance import terms
from tendlc.core.compliance import text as tx
from tendlc.core.compliance.context import Context
from tendlc.core.compliance.model import Severity
from tendlc.core.compliance.ruleset import BRAND_INCONSISTENCIES, DESCRIPTION_OR_ATTRIBUTES, PRIVACY_POLICY, Hit, rule

E, W = Severity.ERROR, Severity.WARNING
_PO_BOX = re.compile(r"\bP\.?\s*O\.?\s*Box\b|\bpost\s+office\s+box\b", re.I)
_OWN_OFFERING = tx.hinted(re.compile(
    r"\b(?:our\s+own|direct\s+offering|own\s+(?:customers|users|service|platform|product))\b", re.I),
    "our", "direct", "own")


@rule("CHARITY_BRAND_NOT_NONPROFIT", "UC-11", E, BRAND_INCONSISTENCIES,
      "Register CHARITY campaigns for NON_PROFIT (501(c)(3)) brands only.", "twilio:30900", needs_brand=True)
def charity_brand(ctx: Context) -> Iterator[Hit]:
    assert ctx.brand is not None
    if ctx.has_purpose("CHARITY") and (ctx.brand.entity_type or "").upper() != "NON_PROFIT":
        yield Hit(("usecase",), "CHARITY needs a NON_PROFIT brand")


@rule("SOLE_PROPRIETOR_MISMATCH", "UC-12", E, BRAND_INCONSISTENCIES,
      "Use SOLE_PROPRIETOR only for sole-proprietor brands without an EIN, and only for them.",
      "twilio:30903", needs_brand=True)
def sole_proprietor(ctx: Context) -> Iterator[Hit]:
    assert ctx.brand is not None
    sp_brand = (ctx.brand.entity_type or "").upper() == "SOLE_PROPRIETOR"
    sp_usecase = ctx.usecase is not None and ctx.usecase.name == "SOLE_PROPRIETOR"
    if sp_usecase and (not sp_brand or (ctx.brand.ein or "").strip()):
        yield Hit(("usecase",), "the SOLE_PROPRIETOR use case is for sole-proprietor brands without an EIN")
    elif sp_brand and ctx.usecase is not None and not sp_usecase:
        yield Hit(("usecase",), "a sole-proprietor brand can only register the SOLE_PROPRIETOR use case")


@rule("DESCRIPTION_MISSING_BRAND_NAME", "XF-01", W, DESCRIPTION_OR_ATTRIBUTES,
      "Say in the description who sends the messages, by the brand's name.", "twilio:30886", needs_brand=True)
def description_brand(ctx: Context) -> Iterator[Hit]:
    if ctx.present("description") and not tx.names_in(ctx.text("description"), ctx.brand_names):
        yield Hit(("description",), "the description does not name the brand")


@rule("DESCRIPTION_MISSING_FREQUENCY", "XF-04", W, DESCRIPTION_OR_ATTRIBUTES,
      "Mention how often messages are sent.")
def description_frequency(ctx: Context) -> Iterator[Hit]:
    if ctx.present("description") and not tx.matches(tx.FREQUENCY, ctx.text("description")):
        yield Hit(("description",), "the description does not state how often messages are sent")


@rule("BRAND_FREE_EMAIL", "BR-01", W, BRAND_INCONSISTENCIES,
      "Register the brand with an address on its own domain.", "twilio:30881", "sinch:CR2001",
      needs_brand=True)
def free_mail(ctx: Context) -> Iterator[Hit]:
    assert ctx.brand is not None
    domains = ln.email_domains_in(ctx.brand.email)
    if domains and domains[0] in terms.FREE_MAIL_DOMAINS:
        yield Hit(("email",), f"the brand's e-mail is on the free-mail domain {domains[0]}")


@rule("BRAND_PO_BOX_ADDRESS", "BR-05", W, BRAND_INCONSISTENCIES, "Give a physical street address.",
      "sinch:CR2002", needs_brand=True)
def po_box(ctx: Context) -> Iterator[Hit]:
    assert ctx.brand is not None
    if _PO_BOX.search(ctx.brand.street or ""):
        yield Hit(("street",), "the brand's address is a PO box")


@rule("POLICY_DOMAIN_MISMATCH", "POL-06", W, PRIVACY_POLICY,
      "Host the privacy policy and terms on the brand's website domain (or explain why not).", needs_brand=True)
def policy_domain(ctx: Context) -> Iterator[Hit]:
    assert ctx.brand is not None
    site = ln.website_host(ctx.brand.website)
    if site is None:
        return
    for wire in ("privacyPolicyLink", "termsAndConditionsLink"):
        found = ln.links_in(ctx.text(wire))
        if found and ln.registrable(found[0].host) != ln.registrable(site):
            yield Hit((wire,), f"{wire} is on {found[0].host}, not on the brand's website {site}")


@rule("DESCRIPTION_REUSED", "XF-02", E, DESCRIPTION_OR_ATTRIBUTES,
      "Write a description of this brand's own program; copied descriptions are rejected.",
      "microsoft:CampaignDescriptionNotUnique", "sangoma:2001", needs_registry=True)
def description_reused(ctx: Context) -> Iterator[Hit]:
    assert ctx.registry is not None
    text = ctx.text("description").strip()
    if len(text) >= 40 and ctx.registry.brands_with_description(text, ctx.brand_key) > 0:
        yield Hit(("description",), "this description is already used by an unrelated brand in the registry")


@rule("SAMPLES_REUSED", "XF-02", E, DESCRIPTION_OR_ATTRIBUTES,
      "Write samples of this brand's own messages; copied sample sets are rejected.", "swivel:DESC_BOILERPLATE",
      needs_registry=True)
def samples_reused(ctx: Context) -> Iterator[Hit]:
    assert ctx.registry is not None
    texts = [t.strip() for _, t in ctx.samples]
    if texts and ctx.registry.brands_with_samples(texts, ctx.brand_key) > 0:
        yield Hit(tuple(n for n, _ in ctx.samples), "these samples are already used by an unrelated brand")


@rule("EIN_REUSED", "BR-04", E, BRAND_INCONSISTENCIES,
      "Register each business once; a platform must not register its own EIN for its customers.",
      "twilio:30898", "dca2:711", "aws:BRAND_MULTI_USE", needs_brand=True, needs_registry=True)
def ein_reused(ctx: Context) -> Iterator[Hit]:
    assert ctx.brand is not None and ctx.registry is not None
    ein = re.sub(r"\D", "", ctx.brand.ein or "")
    if len(ein) >= 6 and ctx.registry.brands_with_ein(ein, ctx.brand_key) > 0:
        yield Hit(("ein",), "another brand in the registry is registered with this EIN")


@rule("BRAND_IS_PLATFORM", "XF-03", E, BRAND_INCONSISTENCIES,
      "Register the end business that sends the messages, not the messaging platform or reseller; a platform's "
      "own program must say so in the description.", "twilio:30894", "dca2:710", "sinch:CR2004",
      needs_brand=True, needs_registry=True)
def brand_is_platform(ctx: Context) -> Iterator[Hit]:
    assert ctx.registry is not None
    if ctx.brand_names and not tx.matches(_OWN_OFFERING, ctx.text("description")) and \
            ctx.registry.platform_named(ctx.brand_names):
        yield Hit(("displayName", "companyName"), "the brand is a messaging platform of this registry, not the "
                                                  "business that sends the messages")
