"""Authentication of callers: HTTP Basic ``key:secret`` (TCR) and Bearer ``key:secret`` (Telnyx)."""

from __future__ import annotations

import base64
import binascii
import hmac
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from fastapi import Request
from starlette.concurrency import run_in_threadpool

from tendlc.api.deps import container
from tendlc.bootstrap import Container
from tendlc.core.accounts import customer_keys
from tendlc.core.accounts import service as accounts
from tendlc.core.accounts.model import Account, AccountKind, ApiKey
from tendlc.core.actor import Actor


class Unauthenticated(Exception):
    """No credentials, or credentials that do not match an active key (never says which)."""


class RateLimited(Exception):
    def __init__(self, retry_after: int) -> None:
        super().__init__(f"rate limit exceeded; retry after {retry_after} s")
        self.retry_after = retry_after


@dataclass(frozen=True)
class _Verified:
    secret_hash: str
    account: Account
    key: ApiKey
    expires: float


class AuthCache:
    """Credentials verified against the database in the last ``ttl`` seconds: key id → account.

    Only successes are kept, and a hit needs the presented secret to hash to the hash stored for the key,
    so a wrong secret is always checked against the database (and refused). A commit in this process that
    changes an account or a key (a revocation) clears the cache at once; changes made by other processes
    (``tendlc keys revoke``, another server) are seen once the entry expires, ``ttl`` seconds at most.
    """

    def __init__(self, ttl: float, max_entries: int = 10_000, now: Callable[[], float] = time.monotonic) -> None:
        self.ttl = ttl
        self.max_entries = max_entries
        self._now = now
        self._entries: dict[str, _Verified] = {}
        self._generation = 0
        self._lock = threading.Lock()

    @property
    def generation(self) -> int:
        """Read before verifying against the database and pass to :meth:`store`."""
        return self._generation

    def lookup(self, key_id: str, secret_hash: str) -> tuple[Account, ApiKey] | None:
        entry = self._entries.get(key_id)
        if entry is None or entry.expires <= self._now():
            return None
        if not hmac.compare_digest(entry.secret_hash, secret_hash):
            return None
        return entry.account, entry.key

    def store(self, generation: int, secret_hash: str, account: Account, key: ApiKey) -> None:
        """Remember a verification, unless the cache was cleared since it began (it may have read a key
        just before its revocation committed)."""
        if self.ttl <= 0:
            return
        with self._lock:
            if generation != self._generation:
                return
            if len(self._entries) >= self.max_entries:
                self._entries.clear()
            self._entries[key.key_id] = _Verified(secret_hash, account, key, self._now() + self.ttl)

    def clear(self) -> None:
        with self._lock:
            self._generation += 1
            self._entries.clear()


def auth_cache_for(c: Container) -> AuthCache:
    """A cache that forgets everything whenever ``c`` commits a change to an account or a key."""
    cache = AuthCache(c.settings.auth_cache_seconds)
    c.uow.on_accounts_changed(cache.clear)
    return cache


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


def actor_of(account: Account, via: str, project_id: str | None = None) -> Actor:
    kind = "DCA" if account.kind is AccountKind.DCA else "CSP"
    return Actor(cnp_id=account.cnp_id, kind=kind, name=account.name, via=via, project_id=project_id)


def _verify(c: Container, cache: AuthCache | None, key_id: str, secret: str,
            secret_hash: str) -> tuple[Account, ApiKey] | None:
    generation = cache.generation if cache is not None else 0
    with c.uow() as uow:
        found = accounts.authenticate(uow, key_id, secret)
    if found is not None and cache is not None:
        cache.store(generation, secret_hash, *found)
    return found


async def _key_actor(request: Request, key_id: str, secret: str) -> Actor:
    """The account behind an API key id and secret (the credential cache first), rate-limited per account."""
    cache: AuthCache | None = getattr(request.app.state, "auth_cache", None)
    secret_hash = accounts.hash_secret(secret)
    found = cache.lookup(key_id, secret_hash) if cache is not None else None
    if found is None:
        found = await run_in_threadpool(_verify, container(request), cache, key_id, secret, secret_hash)
    return _admitted(request, found)


def _admitted(request: Request, found: tuple[Account, ApiKey] | None) -> Actor:
    """The caller of a verified key, once the per-account rate limit lets it in."""
    if found is None:
        raise Unauthenticated()
    account, key = found
    limiter = getattr(request.app.state, "rate_limiter", None)
    if limiter is not None:
        wait = limiter.check(account.cnp_id, request.method)
        if wait:
            raise RateLimited(wait)
    return actor_of(account, key.key_id[:8], key.project_id)


async def basic_actor(request: Request) -> Actor:
    """The account calling with HTTP Basic ``key:secret``, rate-limited per account."""
    return await _key_actor(request, *basic_credentials(request))


def bearer_credentials(request: Request) -> tuple[str, str]:
    """``Authorization: Bearer <keyId>:<secret>`` (the Telnyx door): the same API key as TCR's Basic
    ``keyId:secret``, written as one token, so ``telnyx.Telnyx(api_key=f"{key_id}:{secret}")`` works."""
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    key, sep, secret = value.strip().partition(":")
    if scheme.lower() != "bearer" or not sep or not key or not secret:
        raise Unauthenticated()
    return key, secret


async def bearer_actor(request: Request) -> Actor:
    """The account calling with ``Authorization: Bearer keyId:secret``, rate-limited per account."""
    return await _key_actor(request, *bearer_credentials(request))


def _verify_cid(c: Container, cid: str, apikey: str) -> tuple[Account, ApiKey] | None:
    with c.uow() as uow:
        return customer_keys.authenticate_cid(uow, cid, apikey)


async def cid_actor(request: Request) -> Actor:
    """The caller of the RumbleUp door, HTTP Basic ``cid:apikey`` (``core/accounts/customer_keys.py``): a
    project key acts as its account scoped to the project, an account key as the account. Rate-limited per
    account."""
    cid, apikey = basic_credentials(request)
    return _admitted(request, await run_in_threadpool(_verify_cid, container(request), cid, apikey))
