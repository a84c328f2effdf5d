"""Whole-word matching of the term lists (``terms.py``): :func:`terms_found`.

A term matches as whole words, case-insensitively, hyphens and spaces alike, once the innocent phrases of
``NOT_RESTRICTED`` are removed (``reference/compliance-rules.md`` §1.G CNT-12). The exact match is one
alternation per list; running it for every list on every text is what made the lint slow, so a text is
first read once for every list together: its lower-cased word runs are looked up in one index of every
list's keys, which gives the lists that *can* match it (a bit mask). Only those run their alternation.

A term's key is the sequence of its word runs (``"you've won"``: you, ve, won). Every match of the term shows
them as consecutive whole word runs of the text (the pieces are literal, the separators are not word
characters, and the match is bounded by non-word characters), so a text without the key has no match of the
term. That holds for ASCII text; other text tries every list, as Unicode case folding can match an ASCII
term to other letters.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from tendlc.core.compliance.terms import NOT_RESTRICTED

_SPACE = re.compile(r"[\s\-]+")
# Byte table for ASCII text: letters are lowered, what ``\w`` matches (letters, digits, _) is kept and every other
# byte is a space, so that ``split()`` gives the word runs ``re.findall(r"\w+", text.lower())`` would, several
# times faster.
_WORD_BYTES = bytes(ord(chr(b).lower()) if b < 128 and re.fullmatch(r"\w", chr(b)) else 32 for b in range(256))
_Key = bytes | tuple[bytes, ...]  # one run, or the runs of a term of several
_Entry = tuple[tuple[str, ...], int, tuple[tuple[str, _Key | None], ...]]  # (terms, bit, (term, key) pairs)


@lru_cache(maxsize=1024)
def terms_pattern(terms: tuple[str, ...]) -> re.Pattern[str]:
    """The alternation of ``terms`` as whole words, longest first, hyphens and spaces alike."""
    parts = sorted({r"[\s\-]+".join(re.escape(piece) for piece in _SPACE.split(t.lower()) if piece)
                    for t in terms}, key=len, reverse=True)
    return re.compile(rf"(?<!\w)(?:{'|'.join(parts)})(?!\w)", re.IGNORECASE)


def _runs(ascii_text: str) -> list[bytes]:
    """The lower-cased word runs of ASCII text."""
    return ascii_text.encode("ascii").translate(_WORD_BYTES).split()


def _key(term: str) -> _Key | None:
    """The term's key (see the module note); None when it has none and is always tried."""
    if not term.isascii():
        return None
    runs = _runs(term)
    if not runs:
        return None
    return runs[0] if len(runs) == 1 else tuple(runs)


# Words too common in messages to look a key of several runs up by (see _anchor): most texts hold them.
_COMMON = frozenset(b"""a about account all an and are as at be by call can check do e for form free from front get
have help here in is it line make me message messages more msg msgs my new no not now of on online opt or our out
over per phone place point reply share sign sms stop team text the this to today up us web will with work you
your""".split())


def _anchor(key: tuple[bytes, ...]) -> int:
    """Where in ``key`` to look it up from: its longest run that is not a common word (a rare word has few
    occurrences to check; any run of the key would do)."""
    return max(range(len(key)), key=lambda i: (key[i] not in _COMMON, len(key[i]), -i))


@dataclass
class _Index:
    """Every list seen so far, each with a bit; the keys of all their terms, each with the bits of its lists.
    Keys of several runs are filed under their anchor run, as key → bits."""

    lists: dict[int, _Entry] = field(default_factory=dict)
    singles: dict[bytes, int] = field(default_factory=dict)
    single_keys: frozenset[bytes] = frozenset()
    runs: dict[bytes, dict[tuple[bytes, ...], int]] = field(default_factory=dict)
    anchors: frozenset[bytes] = frozenset()
    spaced: dict[tuple[bytes, ...], bytes] = field(default_factory=dict)  # key of several runs → b" run run "
    looked_up: frozenset[bytes] = frozenset()  # single_keys | anchors
    always: int = 0  # lists with a term that has no key


_INDEX = _Index()
_MAX_LISTS = 256  # lists past these are matched without the index (a caller making new tuples on every call)


def _entry(terms: tuple[str, ...]) -> _Entry | None:
    """The list's index entry, adding it on first sight; None when the index is full. Keyed by id: the entry
    holds the tuple, so the id stays its own while the entry exists."""
    entry = _INDEX.lists.get(id(terms))
    if entry is not None and entry[0] is terms:
        return entry
    if len(_INDEX.lists) >= _MAX_LISTS:
        return None
    bit = 1 << len(_INDEX.lists)
    keyed = tuple((t, _key(t)) for t in terms)
    for _, key in keyed:
        if key is None:
            _INDEX.always |= bit
        elif isinstance(key, tuple):
            keys = _INDEX.runs.setdefault(key[_anchor(key)], {})
            keys[key] = keys.get(key, 0) | bit
            _INDEX.spaced[key] = b" %b " % b" ".join(key)
        else:
            _INDEX.singles[key] = _INDEX.singles.get(key, 0) | bit
    _INDEX.single_keys = frozenset(_INDEX.singles)
    _INDEX.anchors = frozenset(_INDEX.runs)
    _INDEX.looked_up = _INDEX.single_keys | _INDEX.anchors
    entry = _INDEX.lists[id(terms)] = (terms, bit, keyed)
    _TEXTS.clear()  # their masks do not know the new list
    return entry


def _keys_of(runs: list[bytes]) -> tuple[int, set[_Key]]:
    """The bits of the lists whose keys ``runs`` hold, and those keys."""
    index = _INDEX
    mask = index.always
    found = index.looked_up.intersection(runs)  # the same as set(runs) & looked_up, without that set
    if not found:
        return mask, set()
    singles = found & index.single_keys
    for single in singles:
        mask |= index.singles[single]
    keys: set[_Key] = set(singles)
    # A key of several runs holds its anchor: only those filed under an anchor the text holds can be there, and
    # they are there when the runs, one space apart, show them (runs hold no spaces).
    hit = found & index.anchors
    if hit:
        spaced = b" %b " % b" ".join(runs)
        for anchor in hit:
            for key, bits in index.runs[anchor].items():
                if index.spaced[key] in spaced:
                    mask |= bits
                    keys.add(key)
    return mask, keys


@dataclass(slots=True)
class _Words:
    """A text as the lists see it: without its innocent phrases, the bits of the lists whose keys it holds
    (every bit for non-ASCII text), the keys it holds (None: every key), the bits of the lists whose keys the
    text holds before its innocent phrases are removed, and the terms found per list."""

    searched: str
    mask: int
    keys: set[_Key] | None
    raw_mask: int
    found: dict[int, tuple[str, ...]] | None = None  # made on the first list looked up (most texts have none)


# text → its words under the current index; emptied when the index grows (a new list); the oldest goes first. It serves
# the rules of one lint (a few texts, each read by many lists) and the next few: a larger one keeps texts that
# are rarely linted again and spreads the working set over memory (2,048 entries made the lint 7% slower).
_TEXTS: dict[str, _Words] = {}
_MAX_TEXTS = 64


def _innocent_bit() -> int:
    entry = _entry(NOT_RESTRICTED)
    assert entry is not None  # the first list the index holds
    return entry[1]


def _words(text: str) -> _Words:
    found = _TEXTS.get(text)
    if found is not None:
        return found
    innocent = _innocent_bit()
    if not text.isascii():
        words = _Words(terms_pattern(NOT_RESTRICTED).sub(" ", text), -1, None, -1)
    else:
        mask, keys = _keys_of(_runs(text))
        raw_mask, searched = mask, text
        if mask & innocent:
            searched = terms_pattern(NOT_RESTRICTED).sub(" ", text)
            if searched != text:
                mask, keys = _keys_of(_runs(searched))
        words = _Words(searched, mask, keys, raw_mask)
    if len(_TEXTS) >= _MAX_TEXTS:
        del _TEXTS[next(iter(_TEXTS))]  # the oldest: the lint under way keeps its texts
    _TEXTS[text] = words
    return words


def list_bits(texts: Sequence[str]) -> int:
    """The bits of the lists that can match one of ``texts``: a list whose :func:`list_bit` is not among them
    finds nothing in any of them (the bits of lists the index takes in later are all set). Each text is read
    on its own, as :func:`terms_found` reads it (remembered for it: the rules then look lists up in the same
    texts)."""
    _innocent_bit()
    later = -1 << len(_INDEX.lists)
    for text in texts:
        if not text.isascii():
            return -1
    mask = 0
    for text in texts:
        mask |= _words(text).mask
    return mask | later


def may_be_written(text: str | None, terms: tuple[str, ...]) -> bool:
    """False only when no term of the list is written in ``text`` as whole words (spaces, hyphens and other
    punctuation between its words as its key allows), innocent phrases left in: a pattern whose every match
    shows one of the terms that way finds nothing there either. For the rules' own patterns built on a list."""
    if not text:
        return False
    bit = list_bit(terms)  # first: a list new to the index empties the texts' cache, whose masks lack its bit
    return bit == -1 or bool(_words(text).raw_mask & bit)


def list_bit(terms: tuple[str, ...]) -> int:
    """The list's bit in :func:`list_bits` masks; -1 (every bit) for a list the index does not hold."""
    entry = _entry(terms)
    return -1 if entry is None else entry[1]


@lru_cache(maxsize=1024)
def _lowered_pattern(terms: tuple[str, ...]) -> re.Pattern[str]:
    """:func:`terms_pattern` made case-sensitive, for ASCII terms on lower-cased ASCII text: the same matches,
    lower-cased, found several times faster."""
    return re.compile(terms_pattern(terms).pattern)


@lru_cache(maxsize=4096)
def _first_piece(term: str) -> str:
    return next((piece for piece in _SPACE.split(term.lower()) if piece), "")


def _matches(searched: str, terms: tuple[str, ...]) -> tuple[str, ...]:
    """The terms found in ``searched``, lower-cased, each once, in order of first occurrence."""
    if searched.isascii() and all(t.isascii() for t in terms):
        lowered = searched.lower()
        # A match starts with its term's first piece: none starts before the first of them.
        starts = [i for i in (lowered.find(_first_piece(t)) for t in terms) if i >= 0]
        if not starts:
            return ()
        hits = _lowered_pattern(terms).findall(lowered, min(starts))
    else:
        hits = [m.group(0).lower() for m in terms_pattern(terms).finditer(searched)]
    return tuple(dict.fromkeys(hits))


_PLAIN_WORD = re.compile(r"[a-z0-9_]+")


@lru_cache(maxsize=1024)
def _plain_keys(terms: tuple[str, ...]) -> frozenset[bytes]:
    """The keys of the list's terms that are one plain word (lower-case ASCII letters, digits, ``_``): such a
    term matches a text exactly where the text's word runs show it, so a text that holds its key holds it."""
    return frozenset(t.encode("ascii") for t in terms if _PLAIN_WORD.fullmatch(t))


def terms_any(text: str | None, terms: tuple[str, ...]) -> bool:
    """``bool(terms_found(text, terms))``, settled without the list's pattern when the text holds the key of a
    term of one plain word."""
    if not text:
        return False
    entry = _entry(terms)
    if entry is not None:
        words = _words(text)
        if not words.mask & entry[1]:
            return False
        if words.keys and not _plain_keys(terms).isdisjoint(words.keys):
            return True
    return bool(terms_found(text, terms))


def terms_found(text: str | None, terms: tuple[str, ...]) -> list[str]:
    """The listed terms that occur in ``text`` as whole words (innocent phrases removed first), lower-cased,
    in order of first occurrence, each once."""
    if not text:
        return []
    entry = _entry(terms)
    words = _words(text)
    if entry is None:
        return list(_matches(words.searched, terms))
    _, bit, keyed = entry
    if not words.mask & bit:
        return []
    found = words.found
    hits = None if found is None else found.get(bit)
    if hits is None:
        # Only the terms whose key the text holds can match; leaving the others out of the alternation
        # changes no match.
        keys = words.keys
        candidates = terms if keys is None else tuple(t for t, k in keyed if k is None or k in keys)
        hits = _matches(words.searched, candidates) if candidates else ()
        if found is None:
            found = words.found = {}
        found[bit] = hits
    return list(hits)
