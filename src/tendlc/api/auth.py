"""Authentication of callers: HTTP Basic ``key:secret`` (TCR) and Bearer (for later dialects)."""

from __future__ import annotations

import base64
import binascii

from fastapi import Request

from tendlc.api.deps import container
from tendlc.core.accounts import service as accounts
from tendlc.core.accounts.model import Account, AccountKind
from tendlc.core.actor import Actor


class Unauthenticated(Exception):
    """No credentials, or credentials that do not match an active key (never says which)."""


class RateLimited(Exception):
    def __init__(self, retry_after: int) -> None:
        super().__init__(f"rate limit exceeded; retry after {retry_after} s")
        self.retry_after = retry_after


def basic_credentials(request: Request) -> tuple[str, str]:
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() != "basic" or not value:
        raise Unauthenticated()
    try:
        decoded = base64.b64decode(value, validate=True).decode()
    except (binascii.Error, UnicodeDecodeError):
        raise Unauthenticated() from None
    key, sep, secret = decoded.partition(":")
    if not sep:
        raise Unauthenticated()
    return key, secret


def actor_of(account: Account, via: str) -> Actor:
    kind = "DCA" if account.kind is AccountKind.DCA else "CSP"
    return Actor(cnp_id=account.cnp_id, kind=kind, name=account.name, via=via)


def basic_actor(request: Request) -> Actor:
    """The account calling with HTTP Basic ``key:secret``, rate-limited per account."""
    key_id, secret = basic_credentials(request)
    c = container(request)
    with c.uow() as uow:
        found = accounts.authenticate(uow, key_id, secret)
    if found is None:
        raise Unauthenticated()
    account, key = found
    limiter = getattr(request.app.state, "rate_limiter", None)
    if limiter is not None:
        wait = limiter.check(account.cnp_id, request.method)
        if wait:
            raise RateLimited(wait)
    return actor_of(account, key.key_id[:8])
