"""Opt-in, opt-out and HELP replies (``reference/compliance-rules.md`` §1.D MSG-01…MSG-15)."""

from __future__ import annotations

from collections.abc import Iterator

from tendlc.core.compliance import links as ln
from tendlc.core.compliance import terms
from tendlc.core.compliance import text as tx
from tendlc.core.compliance.context import Context
from tendlc.core.compliance.model import Severity
from tendlc.core.compliance.ruleset import TERMINOLOGY, Hit, rule

E, W = Severity.ERROR, Severity.WARNING
IN, OUT, HELP = "optinMessage", "optoutMessage", "helpMessage"


@rule("OPT_IN_MESSAGE_MISSING", "MSG-01", E, TERMINOLOGY,
      "Write the confirmation sent after opt-in (brand, frequency, rates, HELP, STOP).", "twilio:30896")
def optin_present(ctx: Context) -> Iterator[Hit]:
    if ctx.campaign.subscriber_optin is not False and not ctx.present(IN):
        yield Hit((IN,), "there is no opt-in confirmation message")


@rule("OPT_IN_MESSAGE_MISSING_BRAND_NAME", "MSG-02", E, TERMINOLOGY, "Name the brand in the opt-in message.",
      "microsoft:OptInMessageMissingBrandName", needs_brand=True)
def optin_brand(ctx: Context) -> Iterator[Hit]:
    if ctx.present(IN) and not tx.names_in(ctx.text(IN), ctx.brand_names):
        yield Hit((IN,), "the opt-in message does not name the brand")


@rule("OPT_IN_MESSAGE_MISSING_FREQUENCY", "MSG-03", E, TERMINOLOGY,
      "State the message frequency ('Msg frequency varies' or '4 msgs/month').",
      "microsoft:OptInMessageMissingMessageFrequency", "callharbor:851")
def optin_frequency(ctx: Context) -> Iterator[Hit]:
    if ctx.present(IN) and not tx.matches(tx.FREQUENCY, ctx.text(IN)):
        yield Hit((IN,), "the opt-in message does not state the message frequency")


@rule("OPT_IN_MESSAGE_MISSING_RATES", "MSG-04", E, TERMINOLOGY, "Add 'Msg & data rates may apply'.",
      "microsoft:OptInMessageMissingDataRatesDisclosure")
def optin_rates(ctx: Context) -> Iterator[Hit]:
    if ctx.present(IN) and not tx.matches(tx.RATES, ctx.text(IN)):
        yield Hit((IN,), "the opt-in message lacks 'Msg & data rates may apply'")


@rule("OPT_IN_MESSAGE_MISSING_HELP", "MSG-05", E, TERMINOLOGY, "Add 'Reply HELP for help'.",
      "microsoft:OptInMessageMissingHelpInstructions")
def optin_help(ctx: Context) -> Iterator[Hit]:
    if ctx.present(IN) and not tx.matches(tx.HELP, ctx.text(IN)):
        yield Hit((IN,), "the opt-in message does not say how to get help")


@rule("OPT_IN_MESSAGE_MISSING_STOP", "MSG-06", E, TERMINOLOGY, "Add 'Reply STOP to opt out'.",
      "microsoft:OptInMessageMissingOptOutInstructions")
def optin_stop(ctx: Context) -> Iterator[Hit]:
    if ctx.present(IN) and not tx.matches(tx.OPT_OUT, ctx.text(IN)):
        yield Hit((IN,), "the opt-in message does not say how to opt out")


@rule("OPT_IN_MESSAGE_NO_CONFIRMATION", "MSG-07", W, TERMINOLOGY,
      "Confirm the enrolment ('You are subscribed to …').")
def optin_confirms(ctx: Context) -> Iterator[Hit]:
    if ctx.present(IN) and not tx.matches(tx.SUBSCRIBED, ctx.text(IN)):
        yield Hit((IN,), "the opt-in message does not confirm the enrolment")


@rule("OPT_OUT_MESSAGE_MISSING", "MSG-08", E, TERMINOLOGY, "Write the reply sent on STOP.", "twilio:30887")
def optout_present(ctx: Context) -> Iterator[Hit]:
    if ctx.campaign.subscriber_optout is not False and not ctx.present(OUT):
        yield Hit((OUT,), "there is no opt-out confirmation message")


@rule("OPT_OUT_MESSAGE_NO_CONFIRMATION", "MSG-09", E, TERMINOLOGY,
      "Confirm the unsubscribe and that no further messages will be sent.",
      "twilio:30887", "microsoft:OptOutMessageMissingConfirmation")
def optout_confirms(ctx: Context) -> Iterator[Hit]:
    text = ctx.text(OUT)
    if ctx.present(OUT) and not (tx.matches(tx.UNSUBSCRIBED, text) and tx.matches(tx.NO_MORE, text)):
        yield Hit((OUT,), "the opt-out message does not confirm the unsubscribe and the end of messages")


@rule("OPT_OUT_MESSAGE_MISSING_BRAND_NAME", "MSG-10", W, TERMINOLOGY, "Name the brand in the opt-out message.",
      "microsoft:OptOutMessageMissingBrandName", "callharbor:851", needs_brand=True)
def optout_brand(ctx: Context) -> Iterator[Hit]:
    if ctx.present(OUT) and not tx.names_in(ctx.text(OUT), ctx.brand_names):
        yield Hit((OUT,), "the opt-out message does not name the brand")


@rule("OPT_OUT_MESSAGE_PROMOTIONAL", "MSG-11", W, TERMINOLOGY,
      "Send one plain confirmation on STOP: no offers, no links.")
def optout_plain(ctx: Context) -> Iterator[Hit]:
    text = ctx.text(OUT)
    if ctx.present(OUT) and (ln.links_in(text) or ctx.terms_in(OUT, terms.PROMOTIONAL)):
        yield Hit((OUT,), "the opt-out message carries promotion or a link")


@rule("HELP_MESSAGE_MISSING", "MSG-12", E, TERMINOLOGY, "Write the reply sent on HELP.", "twilio:30890")
def help_present(ctx: Context) -> Iterator[Hit]:
    if ctx.campaign.subscriber_help is not False and not ctx.present(HELP):
        yield Hit((HELP,), "there is no HELP message")


@rule("HELP_MESSAGE_MISSING_BRAND_NAME", "MSG-13", E, TERMINOLOGY, "Name the brand in the HELP message.",
      "twilio:30890", "microsoft:HelpMessageMissingBrandName", needs_brand=True)
def help_brand(ctx: Context) -> Iterator[Hit]:
    if ctx.present(HELP) and not tx.names_in(ctx.text(HELP), ctx.brand_names):
        yield Hit((HELP,), "the HELP message does not name the brand")


@rule("HELP_MESSAGE_MISSING_CONTACT", "MSG-14", E, TERMINOLOGY,
      "Give a support phone number, e-mail address or web address in the HELP message.",
      "twilio:30890", "microsoft:HelpMessageMissingSupportContact", "callharbor:851")
def help_contact(ctx: Context) -> Iterator[Hit]:
    text = ctx.text(HELP)
    if ctx.present(HELP) and not (ln.emails_in(text) or ln.phones_in(text) or ln.links_in(text)):
        yield Hit((HELP,), "the HELP message gives no support contact")


@rule("HELP_MESSAGE_EMAIL_DOMAIN_MISMATCH", "MSG-15", W, TERMINOLOGY,
      "Use a support address on the brand's own domain.",
      "microsoft:HelpMessageNotMatchingBrandSupportContactEmail", needs_brand=True)
def help_email_domain(ctx: Context) -> Iterator[Hit]:
    assert ctx.brand is not None
    own = {ln.registrable(d) for d in (ln.website_host(ctx.brand.website),
                                       *ln.email_domains_in(ctx.brand.email)) if d}
    found = [d for d in ln.email_domains_in(ctx.text(HELP)) if ln.registrable(d) not in own]
    if own and found:
        yield Hit((HELP,), f"the HELP message's e-mail domain {found[0]} is not the brand's")
