"""Message flow / call to action (``reference/compliance-rules.md`` §1.E CTA-01…CTA-13)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from tendlc.core.compliance import links as ln
from tendlc.core.compliance import terms
from tendlc.core.compliance import text as tx
from tendlc.core.compliance.context import Context
from tendlc.core.compliance.model import Severity
from tendlc.core.compliance.ruleset import CALL_TO_ACTION, Hit, rule

E, W = Severity.ERROR, Severity.WARNING
FLOW = "messageFlow"


def opt_in_methods(ctx: Context) -> frozenset[str]:
    """The kinds of opt-in the message flow names (worked out once per lint)."""
    return ctx.opt_in_methods


def _https_links(ctx: Context) -> list[ln.Link]:
    return [link for link in ln.links_in(ctx.text(FLOW)) if link.scheme == "https"]


@rule("MESSAGE_FLOW_NO_OPT_IN_METHOD", "CTA-01", E, CALL_TO_ACTION,
      "Name how people opt in: web form, text-to-join keyword, point of sale, paper form, IVR, verbal or app.",
      "twilio:30896", "twilio:30909", "bandwidth:2100")
def opt_in_method(ctx: Context) -> Iterator[Hit]:
    if ctx.present(FLOW) and not opt_in_methods(ctx):
        yield Hit((FLOW,), "the message flow names no opt-in method")


@rule("MESSAGE_FLOW_WEB_OPT_IN_NO_URL", "CTA-02", E, CALL_TO_ACTION,
      "Give the https:// address of the page with the opt-in form.",
      "twilio:30891", "bandwidth:2103", "microsoft:CallToActionMissingOptInForm")
def web_url(ctx: Context) -> Iterator[Hit]:
    if "web" in opt_in_methods(ctx) and not _https_links(ctx):
        yield Hit((FLOW,), "web opt-in is described but no https:// link to the form is given")


@rule("MESSAGE_FLOW_NO_PROOF_LINK", "CTA-04", E, CALL_TO_ACTION,
      "Link a publicly hosted screenshot or copy of the form, script or app screen where consent is given.",
      "twilio:30896", "twilio:30891")
def proof_link(ctx: Context) -> Iterator[Hit]:
    hidden = opt_in_methods(ctx) & {"paper", "verbal", "app", "in_person"}
    if hidden and "web" not in opt_in_methods(ctx) and not _https_links(ctx):
        yield Hit((FLOW,), f"{', '.join(sorted(hidden))} opt-in needs a public link to a screenshot or copy")


@rule("MESSAGE_FLOW_VERBAL_NO_SCRIPT", "CTA-05", E, CALL_TO_ACTION,
      "Quote the script agents read to obtain consent.", "bandwidth:2105",
      "microsoft:CallToActionMissingVerbalScript")
def verbal_script(ctx: Context) -> Iterator[Hit]:
    if "verbal" in opt_in_methods(ctx) and not tx.QUOTED.search(ctx.text(FLOW)):
        yield Hit((FLOW,), "verbal opt-in is described without the quoted script")


def _disclosure(code: str, what: str, pattern: re.Pattern[str] | None, severity: Severity, fix: str,
                provider: str, *, brand: bool = False) -> None:
    @rule(code, "CTA-07", severity, CALL_TO_ACTION, fix, provider, needs_brand=brand)
    def check(ctx: Context) -> Iterator[Hit]:
        if not ctx.present(FLOW):
            return
        flow = ctx.text(FLOW)
        found = tx.names_in(flow, ctx.brand_names) if pattern is None else tx.matches(pattern, flow)
        if not found:
            yield Hit((FLOW,), f"the call to action does not show {what}")


_disclosure("MESSAGE_FLOW_MISSING_BRAND_NAME", "the brand name", None, E,
            "Name the brand in the call to action as registered.", "microsoft:CallToActionMissingBrandName",
            brand=True)
_disclosure("MESSAGE_FLOW_MISSING_STOP", "the opt-out instruction", tx.OPT_OUT, E,
            "Show 'Reply STOP to opt out' at the call to action.", "microsoft:CallToActionMissingOptOutInstructions")
_disclosure("MESSAGE_FLOW_MISSING_HELP", "the HELP instruction", tx.HELP, E,
            "Show 'Reply HELP for help' at the call to action.", "microsoft:CallToActionMissingHelpInstructions")
_disclosure("MESSAGE_FLOW_MISSING_RATES", "'Msg & data rates may apply'", tx.RATES, E,
            "Show 'Msg & data rates may apply' at the call to action.",
            "microsoft:CallToActionMissingDataRatesDisclosure")
_disclosure("MESSAGE_FLOW_MISSING_FREQUENCY", "the message frequency", tx.FREQUENCY, E,
            "Show the message frequency at the call to action.", "microsoft:CallToActionMissingMessageFrequency")
_disclosure("MESSAGE_FLOW_MISSING_POLICY_LINKS", "the privacy policy and terms", tx.hinted(re.compile(
    r"privacy", re.I)), W, "Show (or link) the privacy policy and terms at the call to action.",
            "microsoft:CallToActionMissingPrivacyPolicy")


@rule("MESSAGE_FLOW_CONSENT_NOT_OPTIONAL", "CTA-08", E, CALL_TO_ACTION,
      "Make SMS consent a separate, unticked, optional choice, not part of other terms.",
      "microsoft:CallToActionConsentNotOptional")
def consent_optional(ctx: Context) -> Iterator[Hit]:
    found = ctx.terms_in(FLOW, terms.CONSENT_NOT_OPTIONAL)
    if found:
        yield Hit((FLOW,), f"consent is not optional or is bundled ({found[0]!r})")


@rule("MESSAGE_FLOW_MARKETING_VERBAL_ONLY", "CTA-09", E, CALL_TO_ACTION,
      "Collect written consent (form, checkbox, keyword or paper) for marketing messages.",
      "bandwidth:2101", "microsoft:CallToActionMissingExpressWrittenConsent")
def marketing_written(ctx: Context) -> Iterator[Hit]:
    methods = opt_in_methods(ctx)
    if ctx.has_purpose("MARKETING") and methods and not methods & terms.WRITTEN_METHODS:
        yield Hit((FLOW,), "marketing consent is collected without a written method")


@rule("CONSENT_SHARED_WITH_THIRD_PARTIES", "CTA-10", E, CALL_TO_ACTION,
      "Use consent only for this brand's program; never share, buy or rent lists.",
      "twilio:30896", "dca2:708")
def consent_shared(ctx: Context) -> Iterator[Hit]:
    for name, _ in ctx.rendered(("messageFlow", "description")):
        found = ctx.terms_in(name, terms.CONSENT_SHARED)
        if found:
            yield Hit((name,), f"{name} suggests consent is shared or lists are bought ({found[0]!r})")


@rule("MESSAGE_FLOW_COURT_ORDERED", "CTA-11", E, CALL_TO_ACTION,
      "Consent must be given by the recipient, not by a court order or legal obligation.",
      "microsoft:CallToActionCourtOrderedOptIn")
def court_ordered(ctx: Context) -> Iterator[Hit]:
    found = ctx.terms_in(FLOW, terms.COURT_ORDERED)
    if found:
        yield Hit((FLOW,), f"the message flow relies on {found[0]!r}")
