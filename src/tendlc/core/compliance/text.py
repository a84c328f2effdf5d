"""Text matching shared by the rules: whole-word term lists, brand names, and the disclosures reviewers
look for (opt-out and HELP instructions, frequency, "Msg & data rates may apply").

Patterns follow ``reference/compliance-rules.md`` §1.C (SMP-03, SMP-05, SMP-06) and §1.D (MSG-03 … MSG-09).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from tendlc.core.compliance.wordlists import terms_found as terms_found  # re-exported: the rules call tx.terms_found

OPT_OUT_WORDS = r"(?:stop|end|cancel|unsubscribe|quit|stopall|optout|opt out|opt-out)"
OPT_OUT = re.compile(
    rf"\b(?:reply|text|txt|send|respond(?: with)?)\s+[\"'“]?{OPT_OUT_WORDS}[\"'”]?(?![\w=+])"
    rf"|\b{OPT_OUT_WORDS}[\"'”]?\s+(?:to|2)\s+(?:opt[\s-]?out|unsubscribe|cancel|end|stop|quit)\b",
    re.IGNORECASE)
# SMP-05: an opt-out keyword glued to another word (STOP2END, STOP=END, stop2quit).
GLUED_KEYWORD = re.compile(r"\b(?:stop|end|quit|cancel|unsubscribe|help)(?:[2=+_/]|to)"
                           r"(?:stop|end|quit|cancel|unsubscribe|optout|out|help)\b", re.IGNORECASE)
HELP = re.compile(r"\b(?:reply|text|txt|send|respond(?: with)?)\s+[\"'“]?(?:help|info)[\"'”]?(?![\w=+])"
                  r"|\bhelp[\"'”]?\s+(?:for|4)\s+(?:help|info|more|support|assistance)\b", re.IGNORECASE)
FREQUENCY = re.compile(
    r"\bmsgs?\.?\s*freq|\bmessage\s+frequency|\bfrequency\s+var|\bvaries\b|\brecurring\b"
    r"|\b(?:up\s+to\s+)?\d+\s*(?:msgs?|messages|texts?|alerts?)\s*(?:/|per|a|each|every)\s*"
    r"(?:day|week|wk|month|mo|year|yr)\b|\b(?:one|two|three|\d+)\s+(?:msgs?|messages|texts)\s+(?:per|a)\s+\w+",
    re.IGNORECASE)
RATES = re.compile(r"\b(?:msg|message|messaging|sms)s?\s*(?:&|and|\+|&amp;)\s*data\s+rates?\s+(?:may|will|might)\s+"
                   r"apply", re.IGNORECASE)
UNSUBSCRIBED = re.compile(r"\b(?:unsubscribed|opted[\s-]out|removed|cancell?ed|no longer subscribed|"
                          r"stopped)\b", re.IGNORECASE)
NO_MORE = re.compile(r"\b(?:no|not receive any|won't receive any|will not receive any)\s+(?:more|further|other|"
                     r"additional)?\s*(?:messages|msgs|texts|alerts|notifications|sms)\b"
                     r"|\bwill\s+(?:no\s+longer|not)\s+receive\b|\bwon't\s+receive\b", re.IGNORECASE)
SUBSCRIBED = re.compile(r"\b(?:subscribed|enrolled|registered|signed\s+up|opted[\s-]in|welcome|joined|"
                        r"you\s+will\s+(?:now\s+)?receive)\b", re.IGNORECASE)
OTP = re.compile(r"\b(?:code|otp|passcode|pin|verification)\b\D{0,20}\b\d{4,8}\b", re.IGNORECASE)
QUOTED = re.compile(r"[\"“][^\"”]{15,}[\"”]")
DATE_OF_BIRTH = re.compile(r"\b(?:date\s+of\s+birth|dob|birth\s*date|birthday)\b", re.IGNORECASE)
REQUEST_VERB = r"(?:reply|send|text|provide|confirm|verify|enter|share|update)\s+(?:with\s+|us\s+)?(?:your\s+)?"
_SPACE = re.compile(r"[\s\-]+")
_ADDRESSES = re.compile(r"\S*(?:@|://|www\.)\S*|\S+\.[a-z]{2,24}(?:/\S*)?(?=[\s,;!?)]|\.?$)", re.IGNORECASE)
# _ADDRESSES with its matches' starts narrowed to where they can be, which makes the scan linear: the first
# branch matches only from the start of a run of non-spaces (if a run holds an address marker, the match from
# its start takes the whole run), the second only there or where its previous match stopped inside the run,
# at one of ",;!?)" (a later start in the same run sees a subset of the same ends). The plain pattern tries
# \S* from every character of every run: quadratic in the length of a link.
_ADDRESSES_FAST = re.compile(r"(?<!\S)\S*(?:@|://|www\.)\S*"
                             r"|(?:(?<!\S)|(?=[,;!?)]))\S+\.[a-z]{2,24}(?:/\S*)?(?=[\s,;!?)]|\.?$)", re.IGNORECASE)
_NON_WORD = re.compile(r"[^0-9a-z%]+")
# Byte table of _NON_WORD for ASCII text: every byte it matches becomes a space.
_NON_WORD_TO_SPACE = bytes(b if _NON_WORD.fullmatch(chr(b)) is None else 32 for b in range(256))
# The same for ASCII text not yet lower-cased: letters are lowered on the way.
_LOWER_NON_WORD_TO_SPACE = bytes(_NON_WORD_TO_SPACE[ord(chr(b).lower())] if b < 128 else 32 for b in range(256))
LEGAL_SUFFIXES = frozenset({"inc", "llc", "ltd", "corp", "corporation", "co", "company", "incorporated", "pllc",
                            "llp", "lp", "plc", "l l c", "gmbh", "the"})

# SMP-06: a bracketed token; the second group is its inner text.
BRACKETED = re.compile(r"(\{\{\s*([^{}]{1,60}?)\s*\}\}|\{([^{}]{1,60})\}|\[([^\[\]]{1,60})\]|<([^<>]{1,60})>)")
# Merge fields of mail/SMS tools that are not brackets: @name@, %name%, *|NAME|*, ##name##, $name$.
MERGE_FIELD = re.compile(r"@([A-Za-z_][\w .-]{0,30})@|%([A-Za-z_][\w.-]{0,30})%|\*\|([A-Za-z_][\w-]{0,30})\|\*"
                         r"|##([A-Za-z_][\w.-]{0,30})##|\$([A-Za-z_][\w.-]{0,30})\$")
# Inner texts of a placeholder that should have been filled in with the brand's own details.
UNFILLED = re.compile(r"\b(?:brand|company|business|organi[sz]ation|url|link|website|web\s*site|insert|your\s+\w+|"
                      r"phone\s*number|phone|email|e-mail|address|keyword|lead\s+magnet|opt-?in\s+mechanism|"
                      r"program\s+name|name\s+of)\b", re.IGNORECASE)


def lowered(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """``pattern`` (case-insensitive, every letter it names lower case) made case-sensitive: on ASCII text it
    matches ``text.lower()`` exactly where ``pattern`` matches ``text`` (ASCII letters fold to their lower case
    only), and sre scans a case-sensitive pattern several times faster. See :func:`search`."""
    source = pattern.pattern
    if not pattern.flags & re.IGNORECASE or "\\\\" in source or re.search(r"[A-Z]", re.sub(r"\\.", "", source)):
        raise ValueError(f"{source!r} cannot be lowered")
    return re.compile(source, pattern.flags & ~re.IGNORECASE)


# id of a pattern → (its lowered form, the strings one of which each of its matches starts with, or () when
# unknown, the strings one of which each of its matches holds, or () when unknown, the pattern). Keyed by id:
# a Pattern hashes its whole compiled program on every lookup (about a microsecond, on every search); the
# entry holds the pattern, so the id stays its own.
_Fast = tuple[re.Pattern[str], tuple[str, ...], tuple[str, ...], tuple[str, ...], re.Pattern[str]]
_LOWERED: dict[int, _Fast] = {}


def search(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    """``pattern.search(text)``. For a pattern registered with :func:`hinted` and ASCII text, the lowered pattern
    finds where the first match starts in ``text.lower()`` (or that there is none), from the first of its
    start strings (none found: no match; none of the strings every match holds: no match either), and the
    match is taken from ``text`` there, so that its groups keep their case."""
    fast = _LOWERED.get(id(pattern))
    if fast is None or not text.isascii():
        return pattern.search(text)
    lowered_pattern, starts, needs, also, _ = fast
    lower = text.lower()
    if (needs and not _holds_one(lower, needs)) or (also and not _holds_one(lower, also)):
        return None
    begin = _first_start(lower, starts)
    if begin < 0:
        return None
    first = lowered_pattern.search(lower, begin)
    return None if first is None else pattern.search(text, first.start())


def matches(pattern: re.Pattern[str], text: str) -> bool:
    """``pattern.search(text) is not None``, the same as ``search(pattern, text) is not None``. Any match will do,
    so for a pattern with ``needs`` (see :func:`hinted`) on ASCII text the lowered pattern is first run from a
    little before the last occurrence of the first of them (or, when the text lacks that one, of any of them:
    disclosures mostly close a message), and from the start only when it finds nothing there."""
    fast = _LOWERED.get(id(pattern))
    if fast is None or not text.isascii():
        return pattern.search(text) is not None
    lowered_pattern, starts, needs, also, _ = fast
    lower = text.lower()
    if also and not _holds_one(lower, also):
        return False
    if needs:
        # Where to look first: the last of the first string (the usual one), else the last of any of them.
        last = lower.rfind(needs[0])
        if last < 0 and len(needs) > 1:
            last = max(map(lower.rfind, needs))
        if last < 0:
            return False  # none of them
        if last > _NEAR and lowered_pattern.search(lower, last - _NEAR) is not None:
            return True
    begin = _first_start(lower, starts)
    return begin >= 0 and lowered_pattern.search(lower, begin) is not None


def _first_start(lower: str, starts: tuple[str, ...]) -> int:
    """Where the first of ``starts`` is in ``lower`` (-1: none of them; 0 when there are none to look for)."""
    if not starts:
        return 0
    return min((i for i in map(lower.find, starts) if i >= 0), default=-1)


def _holds_one(lower: str, strings: tuple[str, ...]) -> bool:
    for string in strings:  # noqa: SIM110 (a loop: any() over a generator costs a frame more on every test)
        if string in lower:
            return True
    return False


# How far before the last string a match holds matches() looks first.
_NEAR = 24


def hinted(pattern: re.Pattern[str], *starts: str, needs: tuple[str, ...] = (), also: tuple[str, ...] = (),
           fast: re.Pattern[str] | None = None) -> re.Pattern[str]:
    """``pattern``, registered so that :func:`search` takes its fast path (see :func:`lowered`). ``starts``:
    lower-case strings one of which every match of ``pattern`` starts with (on lower-cased text), when known;
    ``needs``: lower-case strings one of which every match holds (on lower-cased text), when known, the usual one
    first (:func:`matches` looks near it first); ``also``: more lower-case strings one of which every match holds,
    when known (a second test, as cheap, for a text that holds one of ``needs``); ``fast``:
    a case-sensitive pattern written to match lower-cased ASCII text exactly where ``lowered(pattern)`` does,
    but that sre scans faster (``lowered(pattern)`` when None).
    ``tests/unit/test_compliance_fast_paths.py`` checks that the fast path finds what the pattern finds."""
    _LOWERED[id(pattern)] = (fast or lowered(pattern), starts, needs, also, pattern)
    return pattern


# Start strings pay (a str.find each) only when they are few and rare; the others scan the whole text.
hinted(UNFILLED)
hinted(SUBSCRIBED, needs=("subscribed", "enrolled", "registered", "signed", "opted", "welcome", "joined", "receive"))
hinted(OPT_OUT, needs=("stop", "opt", "end", "cancel", "unsubscribe", "quit"))
# A leading \b keeps sre from skipping ahead to the characters a match can start with; written after the first
# letter instead (a word character: \b before it is no word character before it), sre scans only for those.
hinted(GLUED_KEYWORD, needs=("stop", "end", "quit", "cancel", "unsubscribe", "help"), fast=re.compile(
    r"(?:s(?<!\w.)top|e(?<!\w.)nd|q(?<!\w.)uit|c(?<!\w.)ancel|u(?<!\w.)nsubscribe|h(?<!\w.)elp)(?:[2=+_/]|to)"
    r"(?:stop|end|quit|cancel|unsubscribe|optout|out|help)\b"))
hinted(HELP, needs=("help", "info"))
# What every match of GLUED_KEYWORD holds on lower-cased ASCII text: the keyword's last letter, then the glue.
_GLUED_JOINT = re.compile(r"[pdtle](?:[2=+_/]|to)")


def glued_keyword(text: str) -> re.Match[str] | None:
    """``search(GLUED_KEYWORD, text)``; none at once for ASCII text without the joint of a glued keyword (most
    texts: the scan for the joint is faster than the pattern's)."""
    if text.isascii() and _GLUED_JOINT.search(text.lower()) is None:
        return None
    return search(GLUED_KEYWORD, text)


hinted(FREQUENCY, needs=("freq", "varies", "recurring", "msg", "message", "text", "alert"))
hinted(RATES, "msg", "messag", "sms", needs=("data",))
hinted(UNSUBSCRIBED, "unsubscribed", "opted", "removed", "cancelled", "canceled", "no longer", "stopped",
       needs=("unsubscribed", "opted", "removed", "cancelled", "canceled", "no longer", "stopped"))
hinted(NO_MORE, "no", "won't", "will", needs=("messages", "msgs", "texts", "alerts", "notifications", "sms", "receive"))
hinted(OTP, "code", "otp", "passcode", "pin", "verification")
hinted(DATE_OF_BIRTH, "date", "dob", "birth")


# The texts of a few lints: a larger cache keeps texts that are rarely linted again, and is slower to work in.
RECENT_TEXTS = 256


@lru_cache(maxsize=RECENT_TEXTS)
def normalise(text: str) -> str:
    """Lower case, punctuation to spaces, single spaces, padded with one space at each end (remembered: the
    rules compare the same samples and replies many times)."""
    if text.isascii():  # lower-casing and the pattern's substitution at once, by a byte table
        return f" {b' '.join(text.encode('ascii').translate(_LOWER_NON_WORD_TO_SPACE).split()).decode('ascii')} "
    lowered = text.lower()
    if lowered.isascii():  # the same as the pattern's substitution, done by a byte table
        return f" {' '.join(lowered.encode('ascii').translate(_NON_WORD_TO_SPACE).decode('ascii').split())} "
    return f" {' '.join(_NON_WORD.sub(' ', lowered).split())} "


def core_name(name: str) -> str:
    """A brand name without legal suffixes and punctuation ("Acme Dental, LLC" → "acme dental")."""
    words = normalise(name).split()
    while words and words[-1] in LEGAL_SUFFIXES:
        words.pop()
    while words and words[0] == "the":
        words.pop(0)
    return " ".join(words)


def names_in(text: str | None, names: Iterable[str]) -> bool:
    """Whether any of ``names`` occurs in ``text`` as whole words (case and punctuation ignored)."""
    if not text:
        return False
    if not isinstance(names, (list, tuple)):
        names = list(names)  # read twice below
    if text.isascii() and _names_plainly_in(text.lower(), names):
        return True
    haystack, squeezed = _name_haystack(text)
    for name in names:
        if name and (f" {name} " in haystack or (len(name) > 5 and name.replace(" ", "") in squeezed)):
            return True
    return False


_NAME_CHARS = frozenset("0123456789abcdefghijklmnopqrstuvwxyz%")


def _names_plainly_in(lower: str, names: Iterable[str]) -> bool:
    """True only when :func:`names_in` is (False says nothing), without building the haystack: one of
    ``names`` is written as is in ``lower`` (lower-cased ASCII text), between characters that are no word
    characters of :func:`normalise`, in space-separated pieces of the text holding no address mark ("@", "://",
    "www." or a dot and two letters). Every match of :data:`_ADDRESSES` lies in a run of non-spaces holding
    one, so no address removal touches those pieces (their runs of non-spaces lie inside), and the haystack
    shows the name's words there, one space apart, as " name "."""
    for name in names:
        plain = _PLAIN_NAMES.get(name)
        if plain is None:
            if len(_PLAIN_NAMES) >= RECENT_TEXTS:
                _PLAIN_NAMES.clear()
            plain = _PLAIN_NAMES[name] = bool(name) and name[0] != " " and name[-1] != " " and "  " not in name \
                and _NAME_CHARS.issuperset(name.replace(" ", ""))
        if not plain:
            continue  # not a name as core_name makes them
        i = lower.find(name)
        while i >= 0:
            end = i + len(name)
            if (i == 0 or lower[i - 1] not in _NAME_CHARS) and (end == len(lower) or lower[end] not in _NAME_CHARS):
                stop = lower.find(" ", end)
                piece = lower[lower.rfind(" ", 0, i) + 1:len(lower) if stop < 0 else stop]
                if "@" not in piece and "://" not in piece and ("." not in piece or (
                        "www." not in piece and _DOT_LETTERS.search(piece) is None)):
                    return True
            i = lower.find(name, i + 1)
    return False


_DOT_LETTERS = re.compile(r"\.[a-z]{2}", re.IGNORECASE)
# name → whether it is a name as core_name makes them (the brand's few names are asked about on every text).
_PLAIN_NAMES: dict[str, bool] = {}


def _may_hold_address(text: str) -> bool:
    """False only when :data:`_ADDRESSES` has no match in ``text``: each match holds ``@``, ``://``, ``www.``
    or a dot followed by two letters (case as the pattern ignores it)."""
    return "@" in text or "://" in text or "www." in text.lower() or _DOT_LETTERS.search(text) is not None


def _without_addresses(text: str) -> str:
    """``_ADDRESSES.sub(" ", text)``. Every match lies in a run of non-spaces holding an address mark ("@",
    "://", "www." or a dot and two letters), so for ASCII text the scan runs only from the run of the first
    mark to the run of the last (ending two characters past it: ``$`` then means there what it means in the
    whole text, and no match fits in those two)."""
    if not text.isascii():
        return _ADDRESSES_FAST.sub(" ", text) if _may_hold_address(text) else text
    lower = text.lower()
    dots = [m.start() for m in _DOT_LETTERS.finditer(text)]
    firsts = [i for i in (text.find("@"), text.find("://"), lower.find("www.")) if i >= 0]
    if dots:
        firsts.append(dots[0])
    if not firsts:
        return text
    first = min(firsts)
    last = max(text.rfind("@"), text.rfind("://"), lower.rfind("www."), dots[-1] if dots else -1)
    head = text[:first]
    start = first if not head or head[-1].isspace() else first - len(head.rsplit(None, 1)[-1])
    end = last + len(text[last:].split(None, 1)[0])
    found = _ADDRESSES_FAST.finditer(text, start, end + 2) if end + 2 <= len(text) else \
        _ADDRESSES_FAST.finditer(text, start)
    parts: list[str] = []
    done = 0
    for m in found:
        parts += (text[done:m.start()], " ")
        done = m.end()
    if not parts:
        return text
    parts.append(text[done:])
    return "".join(parts)


@lru_cache(maxsize=RECENT_TEXTS)
def _name_haystack(text: str) -> tuple[str, str]:
    """``text`` as :func:`names_in` searches it, without its addresses (a name inside an address or link does
    not count): normalised, and the same without spaces."""
    haystack = normalise(_without_addresses(text))
    return haystack, haystack.replace(" ", "")


def placeholders(text: str | None) -> list[str]:
    """Bracketed tokens whose inner text names something the sender should have filled in."""
    found: list[str] = []
    if not text or ("{" not in text and "[" not in text and "<" not in text):
        return found  # every bracketed token starts with one of them
    for m in BRACKETED.finditer(text):
        inner = next(g for g in m.groups()[1:] if g is not None)
        if search(UNFILLED, inner.replace("_", " ")):
            found.append(m.group(0))
    return found


def merge_fields(text: str | None) -> list[str]:
    """Names of non-bracket merge fields (``@name@``, ``%name%`` …) in ``text``."""
    if not text or ("@" not in text and "%" not in text and "*" not in text and "#" not in text
                    and "$" not in text):
        return []  # every merge field starts with one of them
    return [next(g for g in m.groups() if g is not None).strip() for m in MERGE_FIELD.finditer(text)]
