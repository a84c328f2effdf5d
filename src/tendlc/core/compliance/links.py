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


@lru_cache(maxsize=1024)
def _link(raw: str) -> Link | None:
    raw = raw.rstrip(_TRAILING)
    if not raw:
        return None
    has_scheme = raw.lower().startswith(("http://", "https://"))
    plain = _PLAIN_HOST.match(raw) if raw.isascii() else None
    if plain is not None:
        host = plain.group(1).rstrip(".").lower()
        scheme = raw[:raw.index(":")].lower() if has_scheme else ""
    else:
        try:
            parts = urlsplit(raw if has_scheme else f"//{raw}")
            host = (parts.hostname or "").rstrip(".").lower()
        except ValueError:
            return None
        scheme = parts.scheme.lower() if has_scheme else ""
    if not host or "." not in host:
        return None
    return Link(raw, host, scheme)


def links_in(text: str | None) -> list[Link]:
    """Every link in ``text``: with a scheme, starting with www., or a bare domain with a common TLD."""
    if not text:
        return []
    return list(_links_in(text))


# A run of non-spaces holding a dot, whole. No link pattern matches across a space, and each sees the spaces
# around a run as it sees the ends of the run on its own, so the links of a text are those of these runs
# (a link without a dot has no host with one, and is dropped). Anchored at the run's start to stay linear.
_DOTTED_RUN = re.compile(r"(?<!\S)[^\s.]*\.\S*")
_DOT_LETTERS = re.compile(r"\.[a-z]{2}", re.IGNORECASE)


@lru_cache(maxsize=1024)
def _links_in(text: str) -> tuple[Link, ...]:
    """:func:`links_in`, remembered: several rules read the links of the same field. Those with a scheme or www.
    first, then the bare ones, each in the order of the text."""
    if "://" not in text and "www." not in text.lower() and _DOT_LETTERS.search(text) is None:
        return ()  # a link holds a scheme, www. or a dot and two letters (its top-level domain)
    schemed: list[Link] = []
    bare: list[Link] = []
    for run in _DOTTED_RUN.findall(text):
        taken: list[tuple[int, int]] = []
        if "://" in run or "www." in run.lower():
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


def is_shortener(host: str) -> bool:
    host = host.lower().rstrip(".")
    # The host, or any of its parent domains, is a shortener (the same as comparing with every entry).
    labels = host.split(".")
    return any(".".join(labels[i:]) in SHORTENER_HOSTS
               for i in range(max(0, len(labels) - _SHORTENER_LABELS), len(labels)))


def registrable(host: str) -> str:
    """The last two labels of a host (``go.acme.com`` → ``acme.com``), a cheap registrable domain."""
    labels = host.lower().rstrip(".").split(".")
    return ".".join(labels[-2:])


def phones_in(text: str | None) -> list[str]:
    """NANP phone numbers in ``text`` (see the module note on what is not one)."""
    if not text or (text.isascii() and len(text) - len(text.encode("ascii").translate(None, _DIGITS)) < 10):
        return []  # a number has ten digits (\d takes other scripts' digits too: non-ASCII text is scanned)
    found = []
    for m in _PHONE.finditer(text):
        plus_one, area, sep1, _, sep2, _ = m.groups()
        formatted = bool(plus_one) or area.startswith("(") or bool(sep1 and sep2)
        if formatted or _PHONE_WORDS.search(text[max(0, m.start() - 20):m.start()]):
            found.append(m.group(0))
    return found


def emails_in(text: str | None) -> list[str]:
    if not text or "@" not in text:
        return []
    return [m.group(0) for m in EMAIL.finditer(text)]


def email_domains_in(text: str | None) -> list[str]:
    if not text or "@" not in text:
        return []
    return [m.group(1).lower() for m in EMAIL.finditer(text)]


def website_host(url: str | None) -> str | None:
    """The host of a brand's website field (with or without scheme)."""
    found = links_in(url)
    return found[0].host if found else None
