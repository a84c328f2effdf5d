"""Text matching shared by the rules: whole-word term lists, brand names, and the disclosures reviewers
look for (opt-out and HELP instructions, frequency, "Msg & data rates may apply").

Patterns follow ``reference/compliance-rules.md`` §1.C (SMP-03, SMP-05, SMP-06) and §1.D (MSG-03 … MSG-09).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from itertools import pairwise

from tendlc.core.compliance.terms import NOT_RESTRICTED

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
_NON_WORD = re.compile(r"[^0-9a-z%]+")
# Byte table of _NON_WORD for ASCII text: every byte it matches becomes a space.
_NON_WORD_TO_SPACE = bytes(b if _NON_WORD.fullmatch(chr(b)) is None else 32 for b in range(256))
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


def hint_of(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """A pattern that matches lower-cased ASCII text wherever ``pattern`` (case-insensitive, all its letters
    lower case) matches the text: the same without its word boundaries. Being case-sensitive, it is scanned
    for far faster when it starts with letters; see :func:`search`."""
    source = pattern.pattern
    if not pattern.flags & re.IGNORECASE or "\\\\" in source or re.search(r"[A-Z]", re.sub(r"\\.", "", source)):
        raise ValueError(f"no hint for {source!r}")
    return re.compile(source.replace(r"\b", ""))


_HINTS: dict[re.Pattern[str], re.Pattern[str]] = {}


def search(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    """``pattern.search(text)``. For a pattern with a hint (:func:`hinted`) and ASCII text, the hint finds
    where the first match can start first (or that there is none): no match starts before the hint's."""
    hint = _HINTS.get(pattern)
    if hint is None or not text.isascii():
        return pattern.search(text)
    first = hint.search(text.lower())
    return None if first is None else pattern.search(text, first.start())


def hinted(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """``pattern``, registered so that :func:`search` takes its hint."""
    _HINTS[pattern] = hint_of(pattern)
    return pattern


for _pattern in (OPT_OUT, GLUED_KEYWORD, HELP, RATES, UNSUBSCRIBED, NO_MORE, SUBSCRIBED):
    hinted(_pattern)


@lru_cache(maxsize=4096)
def normalise(text: str) -> str:
    """Lower case, punctuation to spaces, single spaces, padded with one space at each end (remembered: the
    rules compare the same samples and replies many times)."""
    lowered = text.lower()
    if lowered.isascii():  # the same as the pattern's substitution, done by a byte table
        return f" {' '.join(lowered.encode('ascii').translate(_NON_WORD_TO_SPACE).decode('ascii').split())} "
    return f" {' '.join(_NON_WORD.sub(' ', lowered).split())} "


@lru_cache(maxsize=1024)
def _terms_pattern(terms: tuple[str, ...]) -> re.Pattern[str]:
    parts = sorted({r"[\s\-]+".join(re.escape(piece) for piece in _SPACE.split(t.lower()) if piece)
                    for t in terms}, key=len, reverse=True)
    return re.compile(rf"(?<!\w)(?:{'|'.join(parts)})(?!\w)", re.IGNORECASE)


_WORD_RUN = re.compile(r"\w+")
_Index = dict[str, tuple[str, ...]]


@lru_cache(maxsize=256)
def _term_keys(terms: tuple[str, ...]) -> tuple[_Index, _Index, tuple[str, ...]]:
    """Index of ``terms`` by what a match of each must show in the text's lower-cased word runs (ASCII text):
    the term itself when it is one word, its first two words (as ``"a b"``, consecutive runs) when its pieces
    are all words, else the first word run of its first piece; terms starting with another character
    (``% off``) are always tried. Returns (by single run, by pair of runs, always)."""
    singles: dict[str, list[str]] = {}
    pairs: dict[str, list[str]] = {}
    always: list[str] = []
    for t in terms:
        pieces = [p for p in _SPACE.split(t.lower()) if p]
        if not pieces or not all(p.isascii() for p in pieces):
            always.append(t)
        elif all(_WORD_RUN.fullmatch(p) for p in pieces):
            if len(pieces) == 1:
                singles.setdefault(pieces[0], []).append(t)
            else:
                pairs.setdefault(f"{pieces[0]} {pieces[1]}", []).append(t)
        elif (lead := _WORD_RUN.match(pieces[0])) is not None:
            singles.setdefault(lead.group(0), []).append(t)
        else:
            always.append(t)
    return ({k: tuple(v) for k, v in singles.items()}, {k: tuple(v) for k, v in pairs.items()}, tuple(always))


@lru_cache(maxsize=1024)
def _words(text: str) -> tuple[frozenset[str], frozenset[str]] | None:
    """The lower-cased word runs of an ASCII ``text`` and its pairs of consecutive runs; None when it is not
    ASCII (Unicode case folding can match an ASCII term to other letters, so such text takes the full match)."""
    return _runs_and_pairs(text)


def _runs_and_pairs(text: str) -> tuple[frozenset[str], frozenset[str]] | None:
    """:func:`_words`, not remembered."""
    if not text.isascii():
        return None
    runs = _WORD_RUN.findall(text.lower())
    return frozenset(runs), frozenset(map(" ".join, pairwise(runs)))


def _candidates(text: str, terms: tuple[str, ...]) -> tuple[str, ...]:
    """The terms that can match somewhere in ``text`` (all of them for non-ASCII text). A term left out has no
    match, so leaving it out of the alternation changes no match: the fast path of :func:`terms_found`."""
    words = _words(text)
    if words is None:
        return terms
    singles, pairs, always = _term_keys(terms)
    runs, run_pairs = words
    if runs.isdisjoint(singles) and run_pairs.isdisjoint(pairs):
        return always
    keys = singles.keys() & runs
    pair_keys = pairs.keys() & run_pairs
    if not keys and not pair_keys:
        return always
    possible = {t for k in keys for t in singles[k]} | {t for k in pair_keys for t in pairs[k]} | set(always)
    return tuple(t for t in terms if t in possible)


@lru_cache(maxsize=1024)
def _without_innocent(text: str) -> str:
    words = _words(text)
    if words is not None:
        wanted, always = term_keys(NOT_RESTRICTED)
        if not always and words[0].isdisjoint(wanted) and words[1].isdisjoint(wanted):
            return text  # what _candidates finds then: nothing
    if not _candidates(text, NOT_RESTRICTED):
        return text
    return _terms_pattern(NOT_RESTRICTED).sub(" ", text)


@lru_cache(maxsize=4096)
def _found(text: str, terms: tuple[str, ...]) -> tuple[str, ...]:
    searched = _without_innocent(text)
    candidates = _candidates(searched, terms)
    if not candidates:
        return ()
    hits = [m.group(0).lower() for m in _terms_pattern(candidates).finditer(searched)]
    return tuple(dict.fromkeys(hits))


@lru_cache(maxsize=4096)
def word_keys(text: str) -> frozenset[str] | None:
    """What :func:`terms_found` indexes ``text`` by, once its innocent phrases are removed: its lower-cased word
    runs and pairs of consecutive runs (``"a b"``); None when that text is not ASCII (every term is then tried).
    A term list none of whose :func:`term_keys` is among them finds nothing in ``text``."""
    words = _words(_without_innocent(text))
    return None if words is None else words[0] | words[1]


def word_keys_of_all(texts: Iterable[str]) -> frozenset[str] | None:
    """Keys holding the :func:`word_keys` of every one of ``texts``, found in one pass, or None when they cannot
    be (a text is not ASCII, or innocent phrases are to be removed: ask each text then). The texts are read
    together, so a pair of runs across two of them counts too: more keys, never fewer."""
    words = _runs_and_pairs("\n".join(texts))
    if words is None:
        return None
    wanted, always = term_keys(NOT_RESTRICTED)
    if always or not (words[0].isdisjoint(wanted) and words[1].isdisjoint(wanted)):
        return None
    return words[0] | words[1]  # no text loses a phrase, so each text's keys are among these


# id(terms) → (terms, its keys, whether it has terms that are always tried). The entry keeps ``terms`` alive,
# so its id is not reused while the entry exists; the identity check makes that explicit.
_TERM_KEYS: dict[int, tuple[tuple[str, ...], frozenset[str], bool]] = {}


def term_keys(terms: tuple[str, ...]) -> tuple[frozenset[str], bool]:
    """The keys (see :func:`word_keys`) one of which a text must hold for a term of ``terms`` to occur in it,
    and whether some terms are tried whatever the keys (those not made of ASCII word runs only)."""
    entry = _TERM_KEYS.get(id(terms))
    if entry is None or entry[0] is not terms:
        singles, pairs, always = _term_keys(terms)
        entry = (terms, frozenset(singles) | frozenset(pairs), bool(always))
        if len(_TERM_KEYS) > 1024:
            _TERM_KEYS.clear()
        _TERM_KEYS[id(terms)] = entry
    return entry[1], entry[2]


def terms_found(text: str | None, terms: tuple[str, ...]) -> list[str]:
    """The listed terms that occur in ``text`` as whole words (innocent phrases removed first)."""
    if not text:
        return []
    keys = word_keys(text)
    if keys is not None:
        wanted, always = term_keys(terms)
        if not always and keys.isdisjoint(wanted):
            return []
    return list(_found(text, terms))


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
    haystack, squeezed = _name_haystack(text)
    for name in names:
        if name and (f" {name} " in haystack or (len(name) > 5 and name.replace(" ", "") in squeezed)):
            return True
    return False


_DOT_LETTERS = re.compile(r"\.[a-z]{2}", re.IGNORECASE)


def _may_hold_address(text: str) -> bool:
    """False only when :data:`_ADDRESSES` has no match in ``text``: each match holds ``@``, ``://``, ``www.``
    or a dot followed by two letters (case as the pattern ignores it)."""
    return "@" in text or "://" in text or "www." in text.lower() or _DOT_LETTERS.search(text) is not None


@lru_cache(maxsize=4096)
def _name_haystack(text: str) -> tuple[str, str]:
    """``text`` as :func:`names_in` searches it, without its addresses (a name inside an address or link does
    not count): normalised, and the same without spaces."""
    haystack = normalise(_ADDRESSES.sub(" ", text) if _may_hold_address(text) else text)
    return haystack, haystack.replace(" ", "")


def placeholders(text: str | None) -> list[str]:
    """Bracketed tokens whose inner text names something the sender should have filled in."""
    found: list[str] = []
    if not text or ("{" not in text and "[" not in text and "<" not in text):
        return found  # every bracketed token starts with one of them
    for m in BRACKETED.finditer(text):
        inner = next(g for g in m.groups()[1:] if g is not None)
        if UNFILLED.search(inner.replace("_", " ")):
            found.append(m.group(0))
    return found


def merge_fields(text: str | None) -> list[str]:
    """Names of non-bracket merge fields (``@name@``, ``%name%`` …) in ``text``."""
    if not text or ("@" not in text and "%" not in text and "*" not in text and "#" not in text
                    and "$" not in text):
        return []  # every merge field starts with one of them
    return [next(g for g in m.groups() if g is not None).strip() for m in MERGE_FIELD.finditer(text)]


def _lcs_length(a: str, b: str) -> int:
    """Length of the longest common subsequence (bit-parallel, Hyyrö 2004)."""
    if not a or not b:
        return 0
    masks: dict[str, int] = {}
    for j, ch in enumerate(b):
        masks[ch] = masks.get(ch, 0) | (1 << j)
    full = (1 << len(b)) - 1
    v = full
    for ch in a:
        u = v & masks.get(ch, 0)
        v = ((v + u) | (v - u)) & full
    return len(b) - v.bit_count()


_NORMALISED_ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz% "


@lru_cache(maxsize=4096)
def _letter_counts(norm: str) -> tuple[int, ...]:
    """How many times each character of the normalised alphabet occurs in ``norm``, then how many others do."""
    counts = [norm.count(ch) for ch in _NORMALISED_ALPHABET]
    counts.append(len(norm) - sum(counts))
    return tuple(counts)


def _common_letters(na: str, nb: str) -> int:
    """An upper bound on the LCS of ``na`` and ``nb``: a common subsequence uses each character at most as many
    times as the text holding fewer of it (every character outside the alphabet counts as one kind)."""
    return sum(map(min, _letter_counts(na), _letter_counts(nb)))


def similar(a: str, b: str, threshold: float) -> bool:
    """``similarity(a, b) >= threshold``, without the slow exact ratio when a cheap upper bound settles it:
    difflib's matching blocks form a common subsequence, so its ratio is at most 2·LCS / (|a| + |b|), and the
    LCS is at most the number of characters the two have in common (counted with repeats)."""
    na, nb = normalise(a), normalise(b)
    bound = threshold * (len(na) + len(nb)) - 1e-6  # a hair lower, so float rounding never decides
    if 2 * min(len(na), len(nb)) < bound or 2 * _common_letters(na, nb) < bound \
            or 2 * _lcs_length(na, nb) < bound:
        return False
    return similarity(a, b) >= threshold


def similarity(a: str, b: str) -> float:
    from difflib import SequenceMatcher

    return SequenceMatcher(None, normalise(a), normalise(b), autojunk=False).ratio()
