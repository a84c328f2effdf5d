"""Finding links, phone numbers and e-mail addresses in message text.

Hosts are parsed with ``urllib.parse`` and compared whole: a host is a shortener when it *is* one of
``SHORTENER_HOSTS`` or a subdomain of one, never when it merely ends with the same letters
(``target.com`` is not ``t.co``; ``bit.ly.example.com`` is not ``bit.ly``) — the two bugs of the checkers
reviewed in ``reference/compliance-rules.md`` §5. Links without a scheme count (``acme.com/track``).
Phone numbers follow the NANP shape and need a separator, a ``+1`` or a nearby call/text word, so
one-time codes, order numbers and dates are not taken for phone numbers (§1.F ATTR-04).
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlsplit

from tendlc.core.compliance.text import RECENT_TEXTS

# §1.H URL-01: public URL shorteners (Twilio 30892; Microsoft SampleMessageContainsPublicURLShortener;
# Sinch schema; Bandwidth 4771), plus a few more of the same kind.
SHORTENER_HOSTS: frozenset[str] = frozenset({
    "bit.ly", "bitly.com", "bitly.is", "tinyurl.com", "t.co", "goo.gl", "ow.ly", "is.gd", "buff.ly", "cutt.ly",
    "rebrand.ly", "shorturl.at", "rb.gy", "tiny.cc", "bl.ink", "short.io", "s.id", "v.gd", "x.co", "t.ly",
    "tiny.one", "shorte.st", "adf.ly", "lnkd.in", "db.tt", "qr.ae", "cli.gs", "soo.gd", "clck.ru", "u.to",
    "tr.im", "po.st", "bc.vc", "trib.al", "snip.ly", "shorturl.com", "surl.li", "urlz.fr", "2u.pm", "gg.gg",
})

# Top-level domains a link without scheme or www. must end in (keeps "e.g." and "St.Louis" out).
COMMON_TLDS: frozenset[str] = frozenset({
    "com", "net", "org", "edu", "gov", "us", "io", "co", "ly", "gl", "gd", "at", "cc", "ink", "id", "gy", "me",
    "info", "biz", "app", "dev", "link", "site", "online", "shop", "store", "health", "care", "ai", "tv", "ca",
    "uk", "in", "to", "ru", "fr", "de", "is", "ae", "st", "al", "li", "pm", "tt", "one", "example", "test", "xyz",
})

_SCHEMED = re.compile(r"\b(?:https?://|www\.)[^\s<>\"']+", re.IGNORECASE)
_BARE = re.compile(r"(?<![@\w.\-/])((?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+([a-z]{2,24}))(?::\d{2,5})?"
                   r"(/[^\s<>\"']*)?(?![\w@-])", re.IGNORECASE)
_TRAILING = ".,;:!?)]}'\""
EMAIL = re.compile(r"\b[a-z0-9._%+\-]+@([a-z0-9.\-]+\.[a-z]{2,24})\b", re.IGNORECASE)
_PHONE = re.compile(r"(?<![\d\w])(\+?1[\s.\-]?)?(\(\s*[2-9]\d{2}\s*\)|[2-9]\d{2})([\s.\-]?)([2-9]\d{2})([\s.\-]?)"
                    r"(\d{4})(?![\d\w])")
_DIGITS = b"0123456789"
_PHONE_WORDS = re.compile(r"\b(call|text|phone|tel|dial|contact|reach|at|us|number|ph)\b\W{0,3}$", re.IGNORECASE)


@dataclass(frozen=True)
class Link:
    text: str  # as written
    host: str  # lower case, no port
    scheme: str  # "https", "http", or "" when written without one

    @property
    def is_ip(self) -> bool:
        if ":" not in self.host and self.host.strip("0123456789."):
            return False  # an IPv4 address is ASCII digits and dots; an IPv6 one has colons
        try:
            ipaddress.ip_address(self.host)
        except ValueError:
            return False
        return True


# A link's host as urlsplit reads it in the common case: ASCII letters, digits, dots and hyphens up to the
# first "/", "?" or "#" (or the end), after an optional http(s) scheme. Anything else (user info, a port, an IPv6
# address, other characters) takes urlsplit.
_PLAIN_HOST = re.compile(r"(?:https?://)?([A-Za-z0-9.\-]+)(?:[/?#]|\Z)", re.IGNORECASE)
# _PLAIN_HOST's host and end, matched after the scheme _link has already found (on ASCII text the case-blind
# pattern matches what this one does). Without the optional scheme to try first and back out of, and without case
# folding, it is about three times faster.
_HOST_AFTER = re.compile(r"([A-Za-z0-9.\-]+)(?:[/?#]|\Z)")


_NEW = object.__new__


def _new_link(text: str, host: str, scheme: str) -> Link:
    """``Link(text, host, scheme)``, twice as fast: a frozen dataclass's ``__init__`` sets each field through
    ``object.__setattr__``; this fills the new instance's ``__dict__`` with the same fields, in the same order."""
    link = _NEW(Link)
    fields = link.__dict__
    fields["text"] = text
    fields["host"] = host
    fields["scheme"] = scheme
    return link


@lru_cache(maxsize=RECENT_TEXTS)
def _link(raw: str) -> Link | None:
    raw = raw.rstrip(_TRAILING)
    if not raw:
        return None
    if raw.isascii():
        # On ASCII text the first 8 characters lowered are the first 8 of the text lowered, and the scheme as
        # written lowered is "http" or "https" by the prefix found.
        head = raw[:8].lower()
        scheme = "https" if head == "https://" else "http" if head.startswith("http://") else ""
        plain = _HOST_AFTER.match(raw, len(scheme) + 3 if scheme else 0)
        if plain is not None:
            host = plain.group(1).rstrip(".").lower()
            return _new_link(raw, host, scheme) if host and "." in host else None
        has_scheme = bool(scheme)
    else:
        has_scheme = raw.lower().startswith(("http://", "https://"))
    try:
        parts = urlsplit(raw if has_scheme else f"//{raw}")
        host = (parts.hostname or "").rstrip(".").lower()
    except ValueError:
        return None
    scheme = parts.scheme.lower() if has_scheme else ""
    if not host or "." not in host:
        return None
    return _new_link(raw, host, scheme)


def links_in(text: str | None) -> list[Link]:
    """Every link in ``text``: with a scheme, starting with www., or a bare domain with a common TLD."""
    if not text:
        return []
    return list(_links_in(text))


# A run of non-spaces holding a dot, whole. No link pattern matches across a space, and each sees the spaces
# around a run as it sees the ends of the run on its own, so the links of a text are those of these runs
# (a link without a dot has no host with one, and is dropped). The definition _link_runs follows, faster.
_DOTTED_RUN = re.compile(r"(?<!\S)[^\s.]*\.\S*")
_DOT_LETTERS = re.compile(r"\.[a-z]{2}", re.IGNORECASE)
# A run whose first 8 characters lowered start with one of these starts with it, in either case (the lower case of
# a non-ASCII character is never an ASCII h, t, p, s, ":" or "/").
_SCHEMES = ("http://", "https://")
_INNER_DOT = re.compile(r"\.[^.\s]")  # a dot that does not end its run with the dots after it


def _link_runs(text: str) -> list[str]:
    """The runs of ``_DOTTED_RUN.findall(text)`` that can hold a link: those with a dot followed by a character
    other than a dot (in the others, the dots all end the run, as at the end of a sentence: ``_BARE`` needs letters
    after a dot, and ``_link`` cuts every match of ``_SCHEMED`` back to no dot, dots being trailing characters).
    Found from those dots outwards, the pattern being slow (a look-behind tried at every position): in printable
    text the only whitespace is the space (every other whitespace character is a separator or control one, none
    printable), and a stretch between spaces that is printable is a run. Otherwise, by ``str.split()``, which
    tests whitespace as re's ``\\s`` does (``str.isspace``)."""
    if " " not in text and text.isprintable():  # no whitespace: one run (a lone link, as in the policy fields)
        return [text] if "." in text.rstrip(".") else []
    runs = []
    found = _INNER_DOT.search(text)
    while found is not None:
        dot = found.start()
        start = text.rfind(" ", 0, dot) + 1
        stop = text.find(" ", dot)
        if stop < 0:
            runs.append(text[start:])
            break
        runs.append(text[start:stop])
        found = _INNER_DOT.search(text, stop)
    if all(map(str.isprintable, runs)):
        return runs
    return [run for run in text.split() if "." in run and "." in run.rstrip(".")]


@lru_cache(maxsize=RECENT_TEXTS)
def _links_in(text: str) -> tuple[Link, ...]:
    """:func:`links_in`, remembered: several rules read the links of the same field. Those with a scheme or www.
    first, then the bare ones, each in the order of the text."""
    if "://" not in text and "www." not in text.lower() and _DOT_LETTERS.search(text) is None:
        return ()  # a link holds a scheme, www. or a dot and two letters (its top-level domain)
    schemed: list[Link] = []
    bare: list[Link] = []
    for run in _link_runs(text):
        has_scheme = "://" in run
        if has_scheme and (run.startswith(_SCHEMES) or run[:8].lower().startswith(_SCHEMES)) and '"' not in run \
                and "'" not in run and "<" not in run and ">" not in run and (link := _link(run)):
            # The common run, a whole link with a scheme: _SCHEMED matches from its start (a word boundary
            # before the h) to its end (no character stops [^\s<>"']+), once. Its link takes the whole run.
            schemed.append(link)
            continue
        taken: list[tuple[int, int]] = []
        if has_scheme or "www." in run.lower():
            for m in _SCHEMED.finditer(run):
                link = _link(m.group(0))
                if link:
                    schemed.append(link)
                    taken.append(m.span())
        if "." not in run.rstrip(_TRAILING):
            continue  # its dots all end it, followed by punctuation only: no top-level domain after any of them
        if taken and taken[0][0] == 0 and taken[0][1] == len(run):
            continue  # one link with a scheme takes the whole run: every bare match would start inside it
        for m in _BARE.finditer(run):
            if any(a <= m.start() < b for a, b in taken) or m.group(2).lower() not in COMMON_TLDS:
                continue
            link = _link(m.group(0))
            if link:
                bare.append(link)
    return (*schemed, *bare)


# The most labels a shortener host has: a parent domain with more is none of them.
_SHORTENER_LABELS = max(h.count(".") for h in SHORTENER_HOSTS) + 1


@lru_cache(maxsize=RECENT_TEXTS)
def is_shortener(host: str) -> bool:
    """Whether ``host`` is a public URL shortener or a subdomain of one (remembered: a campaign's links share
    a few hosts)."""
    host = host.lower().rstrip(".")
    # The host, or any of its parent domains, is a shortener (the same as comparing with every entry).
    labels = host.split(".")
    return any(".".join(labels[i:]) in SHORTENER_HOSTS
               for i in range(max(0, len(labels) - _SHORTENER_LABELS), len(labels)))


@lru_cache(maxsize=RECENT_TEXTS)
def registrable(host: str) -> str:
    """The last two labels of a host (``go.acme.com`` → ``acme.com``), a cheap registrable domain (remembered:
    the rules compare the same few hosts many times)."""
    labels = host.lower().rstrip(".").split(".")
    return ".".join(labels[-2:])


# Where a phone number can start: its "+1", "1", "(" or first digit of the area code (all ASCII).
_PHONE_START = re.compile(r"[+(1-9]")


def phones_in(text: str | None) -> list[str]:
    """NANP phone numbers in ``text`` (see the module note on what is not one)."""
    if not text or (text.isascii() and len(text) - len(text.encode("ascii").translate(None, _DIGITS)) < 10):
        return []  # a number has ten digits (\d takes other scripts' digits too: non-ASCII text is scanned)
    found = []
    # _PHONE.finditer(text), each search started where a number can first start (the look-behind still sees the
    # text before it): the scan skips the words before the digits.
    start = _PHONE_START.search(text)
    while start is not None:
        m = _PHONE.search(text, start.start())
        if m is None:
            break
        plus_one, area, sep1, _, sep2, _ = m.groups()
        formatted = bool(plus_one) or area.startswith("(") or bool(sep1 and sep2)
        if formatted or _PHONE_WORDS.search(text[max(0, m.start() - 20):m.start()]):
            found.append(m.group(0))
        start = _PHONE_START.search(text, m.end())
    return found


def emails_in(text: str | None) -> list[str]:
    """The e-mail addresses in ``text``."""
    if not text or "@" not in text:
        return []
    return [address for address, _ in _emails(text)]


def email_domains_in(text: str | None) -> list[str]:
    """The domains, lower case, of the e-mail addresses in ``text``."""
    if not text or "@" not in text:
        return []
    return [domain for _, domain in _emails(text)]


@lru_cache(maxsize=RECENT_TEXTS)
def _emails(text: str) -> tuple[tuple[str, str], ...]:
    """(address, domain lower case) of every ``EMAIL`` match in ``text``, as ``EMAIL.finditer`` finds them
    (remembered: the brand's address and the HELP message are read by several rules). Each search starts at the
    word holding the next "@": an address is the characters before its "@", none of them a space, so no match
    starts before that word."""
    found = []
    pos = 0
    at = text.find("@")
    while at >= 0:
        m = EMAIL.search(text, max(pos, text.rfind(" ", pos, at) + 1))
        if m is None:
            break
        found.append((m.group(0), m.group(1).lower()))
        pos = m.end()
        at = text.find("@", pos)
    return tuple(found)


def website_host(url: str | None) -> str | None:
    """The host of a brand's website field (with or without scheme)."""
    found = _links_in(url) if url else ()
    return found[0].host if found else None
