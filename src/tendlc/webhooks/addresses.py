"""Refuse webhook endpoints on private, loopback, link-local and other non-public addresses.

An IP literal is judged as it is; ``localhost`` (and ``*.localhost``) always counts as loopback; any
other name is resolved and refused if any of its addresses is not public. Checked when an endpoint is
saved and again before every attempt (the name may resolve elsewhere by then). A name that does not
resolve is let through: sending will fail and be retried like any network error.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable
from urllib.parse import urlsplit

from tendlc.config import Settings

Resolver = Callable[[str], list[str]]

HINT = "set TENDLC_WEBHOOK_ALLOW_PRIVATE=true to allow it"


def system_resolver(host: str) -> list[str]:
    try:
        infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except (OSError, UnicodeError):
        return []
    return [str(info[4][0]) for info in infos]


def _not_public(address: str) -> bool:
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return True
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return not ip.is_global or ip.is_multicast


def address_problem(url: str, *, allow_private: bool, resolve: Resolver = system_resolver) -> str | None:
    """Why the server may not call ``url``, or None when it may."""
    if allow_private:
        return None
    try:
        host = (urlsplit(url).hostname or "").rstrip(".").lower()
    except ValueError:
        return "is not a valid URL"
    if not host:
        return "has no host"
    if host == "localhost" or host.endswith(".localhost"):
        return f"points at a loopback address ({host}); {HINT}"
    try:
        ipaddress.ip_address(host)
        literal = True
    except ValueError:
        literal = False
    addresses = [host] if literal else resolve(host)
    bad = [a for a in addresses if _not_public(a)]
    if bad:
        where = host if literal else f"{host} resolves to {bad[0]}"
        return f"points at a private, loopback or link-local address ({where}); {HINT}"
    return None


def url_check(allow_private: bool, resolve: Resolver = system_resolver) -> Callable[[str], str | None]:
    """The check the use cases call when an endpoint is saved."""
    return lambda url: address_problem(url, allow_private=allow_private, resolve=resolve)


def private_allowed(settings: Settings) -> bool:
    """Private addresses are allowed when configured, and always in the sandbox."""
    return settings.webhook_allow_private or settings.sandbox
