"""Field shape, use case and sub use cases, sample count, keyword fields and subscriber flags
(``reference/compliance-rules.md`` §1.A, §1.B, §1.D KW-01…KW-06)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from tendlc.core.catalog.usecases import SUB_USECASES
from tendlc.core.compliance.context import KEYWORDS, REPLIES, SAMPLES, TEXT_FIELDS, Context
from tendlc.core.compliance.model import Severity
from tendlc.core.compliance.ruleset import (
    DESCRIPTION_OR_ATTRIBUTES,
    OTHER,
    SAMPLE_MESSAGE,
    TERMINOLOGY,
    Hit,
    rule,
)

E, W = Severity.ERROR, Severity.WARNING
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_KEYWORD_LIST = re.compile(r"[A-Z0-9]+(,[A-Z0-9]+)*")
OPT_OUT_DEFAULTS = ("STOP", "QUIT", "END", "CANCEL", "UNSUBSCRIBE")
STOP_FAMILY = frozenset({*OPT_OUT_DEFAULTS, "STOPALL", "OPTOUT", "REMOVE", "HELP", "INFO"})


def _length(ctx: Context, wire: str, low: int, high: int) -> Iterator[Hit]:
    n = len(ctx.text(wire).strip())
    if n and not low <= n <= high:
        yield Hit((wire,), f"{wire} is {n} characters; it must be {low}-{high}")


@rule("DESCRIPTION_LENGTH", "LEN-01", E, DESCRIPTION_OR_ATTRIBUTES,
      "Describe who sends, who receives, why and what triggers the messages in 40-4096 characters.",
      "twilio:30886", "microsoft:CampaignDescriptionTooShort")
def description_length(ctx: Context) -> Iterator[Hit]:
    if not ctx.present("description"):
        yield Hit(("description",), "the description is missing")
    yield from _length(ctx, "description", 40, 4096)


@rule("DESCRIPTION_TOO_VAGUE", "LEN-02", W, DESCRIPTION_OR_ATTRIBUTES,
      "Add who sends, who receives, why and what triggers the messages; 100+ characters is typical.",
      "twilio:30886")
def description_short(ctx: Context) -> Iterator[Hit]:
    n = len(ctx.text("description").strip())
    if 40 <= n < 100:
        yield Hit(("description",), f"the description is only {n} characters: probably too vague")


@rule("MESSAGE_FLOW_LENGTH", "LEN-03", E, DESCRIPTION_OR_ATTRIBUTES,
      "Describe every opt-in method in 40 characters or more (at most the profile's limit).", "twilio:30896")
def message_flow_length(ctx: Context) -> Iterator[Hit]:
    if not ctx.present("messageFlow"):
        yield Hit(("messageFlow",), "the message flow (call to action) is missing")
    yield from _length(ctx, "messageFlow", 40, ctx.profile.message_flow_max)


@rule("SAMPLE_LENGTH", "LEN-04", E, SAMPLE_MESSAGE, "Write each sample as the real message: 20-1024 characters.",
      "twilio:30893")
def sample_length(ctx: Context) -> Iterator[Hit]:
    for name in SAMPLES:
        yield from _length(ctx, name, 20, 1024)


@rule("REPLY_MESSAGE_LENGTH", "LEN-05", E, TERMINOLOGY,
      "Keep the opt-in, opt-out and HELP replies between 20 characters and the profile's limit.",
      "microsoft:OptInMessageInvalidLength")
def reply_length(ctx: Context) -> Iterator[Hit]:
    for name in REPLIES:
        yield from _length(ctx, name, 20, ctx.profile.reply_max)


@rule("KEYWORDS_TOO_LONG", "LEN-06", E, TERMINOLOGY, "Keep each keyword list to 255 characters.")
def keywords_length(ctx: Context) -> Iterator[Hit]:
    for name in KEYWORDS:
        if len(ctx.text(name)) > 255:
            yield Hit((name,), f"{name} is {len(ctx.text(name))} characters; at most 255 are allowed")


@rule("TEXT_NOT_CLEAN", "LEN-08", W, OTHER, "Remove leading/trailing spaces and control characters.")
def text_clean(ctx: Context) -> Iterator[Hit]:
    for wire in TEXT_FIELDS:
        value = ctx.text(wire)
        # A printable text holds none of _CONTROL's characters (all of them are unprintable).
        if value and (value != value.strip() or (not value.isprintable() and _CONTROL.search(value))):
            yield Hit((wire,), f"{wire} has surrounding whitespace or control characters")


@rule("USECASE_UNKNOWN", "UC-01", E, DESCRIPTION_OR_ATTRIBUTES, "Use a use case from /v2/enum/usecase.",
      "twilio:30900")
def usecase_known(ctx: Context) -> Iterator[Hit]:
    if ctx.usecase is None:
        given = ctx.campaign.usecase
        yield Hit(("usecase",), f"{given!r} is not a use case" if given else "the use case is missing")


@rule("SUB_USECASE_COUNT", "UC-03", E, DESCRIPTION_OR_ATTRIBUTES,
      "Declare as many sub use cases as the use case takes (MIXED 2-5, LOW_VOLUME 1-5, most others none).",
      "twilio:30900")
def sub_usecase_count(ctx: Context) -> Iterator[Hit]:
    uc = ctx.usecase
    n = len(ctx.sub_usecases)
    if uc is not None and not uc.min_sub_usecases <= n <= uc.max_sub_usecases:
        yield Hit(("subUsecases",), f"{uc.name} takes {uc.min_sub_usecases}-{uc.max_sub_usecases} sub use cases; "
                                    f"{n} given")


@rule("SUB_USECASE_INVALID", "UC-04", E, DESCRIPTION_OR_ATTRIBUTES,
      f"Use each of {', '.join(SUB_USECASES)} at most once.", "twilio:30900")
def sub_usecase_valid(ctx: Context) -> Iterator[Hit]:
    bad = [s for s in ctx.sub_usecases if s not in SUB_USECASES]
    if bad:
        yield Hit(("subUsecases",), f"{bad[0]!r} is not a standard sub use case")
    if len(set(ctx.sub_usecases)) != len(ctx.sub_usecases):
        yield Hit(("subUsecases",), "a sub use case is listed twice")


def required_samples(ctx: Context) -> int:
    """The carriers' ``minMsgSamples`` (the highest of the campaign's carriers), raised to the profile's floor."""
    return ctx.memo("required_samples", lambda: max(
        max((int(m["minMsgSamples"]) for m in ctx.carrier_terms.values()), default=1), ctx.profile.min_samples, 1))


@rule("SAMPLE_COUNT_TOO_LOW", "UC-05", E, SAMPLE_MESSAGE,
      "Add sample messages until there are as many as the carriers (and the provider) require.",
      "twilio:30893", "microsoft:SampleMessageMissing")
def sample_count(ctx: Context) -> Iterator[Hit]:
    need, have = required_samples(ctx), len(ctx.samples)
    if have < need:
        yield Hit(tuple(SAMPLES[have:need]), f"{have} sample message(s) given; at least {need} are required")


@rule("SAMPLE_COUNT_LOW", "UC-05", W, SAMPLE_MESSAGE, "Give at least three samples; reviewers expect them.")
def sample_count_low(ctx: Context) -> Iterator[Hit]:
    have = len(ctx.samples)
    if required_samples(ctx) <= have < 3:
        yield Hit(tuple(SAMPLES[have:3]), f"only {have} sample message(s); three are recommended")


@rule("SAMPLES_FEWER_THAN_SUB_USECASES", "UC-06", W, SAMPLE_MESSAGE,
      "Give at least one sample per sub use case.", "sinch:SampleMessage")
def samples_per_sub_usecase(ctx: Context) -> Iterator[Hit]:
    n = len(set(ctx.sub_usecases))
    if ctx.usecase is not None and n and len(ctx.samples) < n:
        yield Hit(("subUsecases", *SAMPLES[len(ctx.samples):n]),
                  f"{n} sub use cases but only {len(ctx.samples)} sample(s)")


@rule("SPECIAL_USECASE_REVIEW", "UC-13", W, OTHER,
      "Expect vetting and carrier review; explain in the description why the brand is eligible.")
def special_usecase(ctx: Context) -> Iterator[Hit]:
    uc = ctx.usecase
    if uc is not None and uc.classification == "SPECIAL" and uc.name != "SOLE_PROPRIETOR":
        yield Hit(("usecase",), f"{uc.name} is a special use case: carriers review it before or after "
                                "registration and it may need vetting")


@rule("KEYWORDS_FORMAT", "KW-01", E, TERMINOLOGY,
      "Write keywords as letters and digits separated by commas, without spaces (e.g. STOP,QUIT).",
      "sinch:OptOutKeywords")
def keywords_format(ctx: Context) -> Iterator[Hit]:
    for name in KEYWORDS:
        value = ctx.text(name)
        if value and not _KEYWORD_LIST.fullmatch(value.upper()):
            fixed = ",".join(k for k in (re.sub(r"[^A-Z0-9]", "", p.upper()) for p in value.split(",")) if k)
            yield Hit((name,), f"{name} {value!r} is not a comma-separated list of letters and digits",
                      f"Write it as {fixed!r}." if fixed else None)


@rule("OPT_OUT_KEYWORDS_MISSING_STOP", "KW-02", E, TERMINOLOGY, "Include STOP in optoutKeywords.",
      "twilio:30887", "microsoft:OptOutKeywordsMissingStop")
def optout_has_stop(ctx: Context) -> Iterator[Hit]:
    if "STOP" not in ctx.keywords["optoutKeywords"]:
        yield Hit(("optoutKeywords",), "the opt-out keywords do not include STOP")


@rule("OPT_OUT_KEYWORDS_INCOMPLETE", "KW-02", W, TERMINOLOGY,
      f"Honour the usual opt-out keywords: {', '.join(OPT_OUT_DEFAULTS)}.", "twilio:30887")
def optout_defaults(ctx: Context) -> Iterator[Hit]:
    have = ctx.keywords["optoutKeywords"]
    missing = [k for k in OPT_OUT_DEFAULTS if k not in have]
    if "STOP" in have and missing:
        yield Hit(("optoutKeywords",), f"the opt-out keywords lack {', '.join(missing)}")


@rule("HELP_KEYWORDS_MISSING_HELP", "KW-03", E, TERMINOLOGY, "Include HELP in helpKeywords.",
      "microsoft:HelpKeywordsMissingHelp")
def help_has_help(ctx: Context) -> Iterator[Hit]:
    if "HELP" not in ctx.keywords["helpKeywords"]:
        yield Hit(("helpKeywords",), "the help keywords do not include HELP")


@rule("KEYWORDS_OVERLAP", "KW-04", E, TERMINOLOGY,
      "Use each keyword in one list only; opt-in keywords must not be STOP or HELP words.")
def keywords_disjoint(ctx: Context) -> Iterator[Hit]:
    kw = {name: set(words) for name, words in ctx.keywords.items()}
    names = list(kw)
    for i, a in enumerate(names):
        for b in names[i + 1:]:
            if not kw[a].isdisjoint(kw[b]):
                yield Hit((a, b), f"{', '.join(sorted(kw[a] & kw[b]))} is in both {a} and {b}")
    bad = sorted(kw["optinKeywords"] & STOP_FAMILY - kw["optoutKeywords"] - kw["helpKeywords"])
    if bad:
        yield Hit(("optinKeywords",), f"opt-in keyword {', '.join(bad)} is an opt-out or help word")


_ALNUM = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")


def _named(text: str, word: str) -> bool:
    """Whether ``word`` occurs in ``text`` with no ASCII capital or digit on either side (what
    ``(?<![A-Z0-9])word(?![A-Z0-9])`` finds, without compiling a pattern for every keyword)."""
    i = text.find(word)
    while i >= 0:
        end = i + len(word)
        if (i == 0 or text[i - 1] not in _ALNUM) and (end == len(text) or text[end] not in _ALNUM):
            return True
        i = text.find(word, i + 1)
    return False


@rule("OPT_IN_KEYWORD_NOT_DESCRIBED", "KW-05", E, TERMINOLOGY,
      "Say in messageFlow which keyword to text to join, and set the opt-in reply.", "twilio:30896")
def optin_keyword_described(ctx: Context) -> Iterator[Hit]:
    words = ctx.keywords["optinKeywords"]
    if not words:
        return
    flow = ctx.text("messageFlow").upper()
    if not any(_named(flow, w) for w in words):
        yield Hit(("optinKeywords", "messageFlow"), "opt-in keywords are set but messageFlow does not name them")


def _required_flags(ctx: Context) -> dict[str, str]:
    """Subscriber flag (wire name) → why it is required."""
    flags = {"subscriberOptin": "reqSubscriberOptin", "subscriberOptout": "reqSubscriberOptout",
             "subscriberHelp": "reqSubscriberHelp"}
    if ctx.profile.all_subscriber_flags and (ctx.usecase is None or ctx.usecase.name != "M2M"):
        return {f: f"the {ctx.profile.name} profile" for f in flags}
    need: dict[str, str] = {}
    for meta in ctx.carrier_terms.values():
        for wire, key in flags.items():
            if meta.get(key):
                need.setdefault(wire, str(meta["mno"]))
    return need


@rule("SUBSCRIBER_FLAGS", "KW-06", E, TERMINOLOGY,
      "Set subscriberOptin, subscriberOptout and subscriberHelp to true and handle them.", "twilio:30887")
def subscriber_flags(ctx: Context) -> Iterator[Hit]:
    values = {"subscriberOptin": ctx.campaign.subscriber_optin, "subscriberOptout": ctx.campaign.subscriber_optout,
              "subscriberHelp": ctx.campaign.subscriber_help}
    for wire, why in _required_flags(ctx).items():
        if values[wire] is not True:
            yield Hit((wire,), f"{wire} must be true ({why} requires it)")


