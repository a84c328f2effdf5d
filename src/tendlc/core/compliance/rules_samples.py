"""Sample message content (``reference/compliance-rules.md`` §1.C), placeholders in every text."""

from __future__ import annotations

import re
from collections.abc import Iterator

from tendlc.core.compliance import similarity as sim
from tendlc.core.compliance import terms
from tendlc.core.compliance import text as tx
from tendlc.core.compliance import wordlists as wl
from tendlc.core.compliance.context import CONTENT_FIELDS, REPLIES, SAMPLES, Context
from tendlc.core.compliance.model import Severity
from tendlc.core.compliance.ruleset import SAMPLE_MESSAGE, TERMINOLOGY, Hit, rule

E, W = Severity.ERROR, Severity.WARNING
_SENSITIVE_REQUEST = re.compile(
    rf"\b{tx.REQUEST_VERB}(?:{'|'.join(re.escape(t) for t in sorted(terms.SENSITIVE_DATA, key=len, reverse=True))})"
    r"\b", re.IGNORECASE)
tx.hinted(_SENSITIVE_REQUEST, needs=tuple(t.lower() for t in terms.SENSITIVE_DATA))
_NOW_SUBSCRIBED = tx.hinted(re.compile(r"\b(?:you\s+(?:have|are)\s+(?:now\s+)?(?:subscribed|opted[\s-]in|enrolled))\b",
                                       re.I), "you", needs=("subscribed", "opted", "enrolled"))


@rule("SAMPLE_MISSING_BRAND_NAME", "SMP-01", E, SAMPLE_MESSAGE,
      "Start at least one sample (ideally each) with the brand name as registered.",
      "twilio:30893", "dca2:603", "microsoft:SampleMessageMissingBrandName", needs_brand=True)
def sample_brand(ctx: Context) -> Iterator[Hit]:
    if ctx.samples and not any(tx.names_in(t, ctx.brand_names) for _, t in ctx.samples):
        yield Hit(tuple(n for n, _ in ctx.samples), "no sample names the brand")


@rule("SAMPLE_BRAND_NAME_NOT_IN_EVERY", "SMP-02", W, SAMPLE_MESSAGE, "Name the brand in every sample.",
      "microsoft:SampleMessageMissingBrandName", needs_brand=True)
def sample_brand_every(ctx: Context) -> Iterator[Hit]:
    missing = tuple(n for n, t in ctx.samples if not tx.names_in(t, ctx.brand_names))
    if missing and len(missing) < len(ctx.samples):
        yield Hit(missing, f"{', '.join(missing)} do(es) not name the brand")


def _opt_outs(ctx: Context) -> dict[str, bool]:
    """Whether each sample (by wire name) has opt-out language."""
    return ctx.memo("sample_opt_outs", lambda: {n: tx.matches(tx.OPT_OUT, t) for n, t in ctx.samples})


@rule("SAMPLE_MISSING_OPT_OUT", "SMP-03", E, SAMPLE_MESSAGE, "Add 'Reply STOP to opt out' to at least one sample.",
      "twilio:30893", "microsoft:SampleMessageMissingOptOutInstructions")
def sample_optout(ctx: Context) -> Iterator[Hit]:
    if ctx.samples and not any(_opt_outs(ctx).values()):
        yield Hit(tuple(n for n, _ in ctx.samples), "no sample tells the recipient how to opt out")


@rule("SAMPLE_OPT_OUT_NOT_IN_EVERY", "SMP-04", W, SAMPLE_MESSAGE, "Add 'Reply STOP to opt out' to every sample.",
      "telnyx:OptOutLanguage")
def sample_optout_every(ctx: Context) -> Iterator[Hit]:
    missing = tuple(n for n, has in _opt_outs(ctx).items() if not has)
    if missing and len(missing) < len(ctx.samples):
        yield Hit(missing, f"{', '.join(missing)} do(es) not include opt-out language")


@rule("OPT_OUT_KEYWORD_NOT_SEPARATE", "SMP-05", E, TERMINOLOGY,
      "Write the keyword as its own word: 'Reply STOP to end', not 'STOP2END'.", "twilio:30887")
def glued_keyword(ctx: Context) -> Iterator[Hit]:
    for name, text in ctx.rendered(("messageFlow", *SAMPLES, *REPLIES)):
        m = tx.glued_keyword(text)
        if m:
            yield Hit((name,), f"{name} writes the keyword as {m.group(0)!r}")


@rule("PLACEHOLDER_UNFILLED", "SMP-06", E, SAMPLE_MESSAGE,
      "Replace template placeholders with the brand's real name, link, phone number or e-mail.",
      "twilio:30893", "telnyx:GenericSample")
def unfilled(ctx: Context) -> Iterator[Hit]:
    for name, text in ctx.rendered(CONTENT_FIELDS):
        found = tx.placeholders(text)
        if found:
            yield Hit((name,), f"{name} has unfilled placeholder(s): {', '.join(found[:3])}")


@rule("MERGE_FIELD_UNDECLARED", "SMP-06", E, SAMPLE_MESSAGE,
      "Write variable parts in brackets ([first name]) or declare the merge fields the platform fills in.",
      "twilio:30893")
def undeclared_merge_fields(ctx: Context) -> Iterator[Hit]:
    declared = {d.strip().lower() for d in ctx.declared_merge_fields}
    for name, text in ctx.rendered(CONTENT_FIELDS):
        found = [f for f in tx.merge_fields(text) if f.lower() not in declared]
        if found:
            yield Hit((name,), f"{name} has undeclared merge field(s): {', '.join(found[:3])}")


@rule("SAMPLE_FILLER_TEXT", "SMP-06", E, SAMPLE_MESSAGE, "Replace filler text with a real message of the program.",
      "twilio:30893")
def filler(ctx: Context) -> Iterator[Hit]:
    for name, _ in ctx.samples:
        found = ctx.terms_in(name, terms.FILLER)
        if found:
            yield Hit((name,), f"{name} is filler text ({found[0]!r})")


def _auto_reply(ctx: Context, sample: str) -> bool:
    """A sample that is one of the campaign's replies, or only confirms, unsubscribes or gives help."""
    replies = ctx.memo("normalised_replies", lambda: frozenset(tx.normalise(t) for _, t in ctx.rendered(REPLIES)))
    if tx.normalise(sample) in replies:
        return True
    return (tx.matches(tx.UNSUBSCRIBED, sample) and tx.matches(tx.NO_MORE, sample)) or tx.matches(_NOW_SUBSCRIBED,
                                                                                                   sample)


@rule("SAMPLES_ONLY_AUTO_REPLIES", "SMP-08", E, SAMPLE_MESSAGE,
      "Give samples of the program's real messages, not only its opt-in, opt-out or HELP replies.",
      "swivel:SAMPLE_ONLY_OPTIN")
def only_auto_replies(ctx: Context) -> Iterator[Hit]:
    if ctx.samples and all(_auto_reply(ctx, t) for _, t in ctx.samples):
        yield Hit(tuple(n for n, _ in ctx.samples), "every sample is an opt-in, opt-out or HELP reply")


@rule("SAMPLES_NEAR_IDENTICAL", "SMP-09", W, SAMPLE_MESSAGE,
      "Make each sample show a different message of the program.", "swivel:SAMPLE_GENERIC")
def near_identical(ctx: Context) -> Iterator[Hit]:
    s = ctx.samples
    for i, (a, ta) in enumerate(s):
        for b, tb in s[i + 1:]:
            if sim.similar(ta, tb, 0.9):
                yield Hit((a, b), f"{a} and {b} are nearly identical")


@rule("SAMPLE_MISSING_MARKETING_DISCLOSURES", "SMP-11", W, SAMPLE_MESSAGE,
      "Add 'Msg & data rates may apply' and the message frequency to a marketing sample.",
      "microsoft:SampleMessageMissingDataRatesDisclosure", "microsoft:SampleMessageMissingMessageFrequencyDisclosure")
def marketing_disclosures(ctx: Context) -> Iterator[Hit]:
    if not ctx.samples or not ctx.has_purpose("MARKETING"):
        return
    texts = [t for _, t in ctx.samples]
    missing = [what for what, pattern in (("'Msg & data rates may apply'", tx.RATES), ("message frequency",
               tx.FREQUENCY)) if not any(tx.matches(pattern, t) for t in texts)]
    if missing:
        yield Hit(tuple(n for n, _ in ctx.samples), f"no marketing sample states {' or '.join(missing)}")


@rule("SAMPLE_REQUESTS_SENSITIVE_DATA", "SMP-12", W, SAMPLE_MESSAGE,
      "Never ask for SSNs, card numbers, passwords or PINs by text.", "tmobile:Sev0Tier1")
def sensitive_request(ctx: Context) -> Iterator[Hit]:
    for name, text in ctx.samples:
        # Every match ends with one of the terms as whole words: most samples are settled by their word runs.
        m = tx.search(_SENSITIVE_REQUEST, text) if wl.may_be_written(text, terms.SENSITIVE_DATA) else None
        if m:
            yield Hit((name,), f"{name} asks for sensitive data ({m.group(0)!r})")


@rule("SAMPLE_DECEPTIVE_PATTERN", "SMP-13", W, SAMPLE_MESSAGE,
      "Remove prize, urgency and account-suspension wording typical of phishing.", "twilio:30884", "twilio:30885")
def deceptive(ctx: Context) -> Iterator[Hit]:
    for name, _ in ctx.samples:
        found = ctx.terms_in(name, terms.DECEPTIVE)
        if found:
            yield Hit((name,), f"{name} reads like phishing or deceptive urgency ({found[0]!r})")


_TRANSACTIONAL = ("2FA", "ACCOUNT_NOTIFICATION", "DELIVERY_NOTIFICATION", "FRAUD_ALERT", "SECURITY_ALERT")


@rule("SAMPLE_USECASE_MISMATCH", "UC-07", W, SAMPLE_MESSAGE,
      "Make the samples match the use case, or declare the use case they show (e.g. MARKETING or MIXED).",
      "twilio:30893", "dca2:602", "microsoft:SampleMessageUseCaseMismatch")
def usecase_mismatch(ctx: Context) -> Iterator[Hit]:
    uc = ctx.usecase
    if uc is None:
        return
    for name, text in ctx.samples:
        if uc.name in _TRANSACTIONAL and not ctx.has_purpose("MARKETING"):
            found = ctx.terms_in(name, terms.PROMOTIONAL)
            if found:
                yield Hit((name,), f"{name} is promotional ({found[0]!r}) but the use case is {uc.name}")
        if uc.name == "MARKETING" and tx.matches(tx.OTP, text):
            yield Hit((name,), f"{name} looks like a one-time code, not marketing")
