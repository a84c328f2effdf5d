"""The in-process cache of verified API keys: it never lets a wrong secret through, a revocation in the same
process applies to the very next request, and other processes' changes are seen once an entry expires.
Time is injected into the cache, so nothing here waits."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from tendlc.api.app import create_app
from tendlc.api.auth import AuthCache
from tendlc.bootstrap import Container, build
from tendlc.config import Settings
from tendlc.core.accounts import service as accounts
from tendlc.core.accounts.model import Account, ApiKey


class FakeTime:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def enums(http: TestClient, auth: tuple[str, str] | None = None) -> int:
    """The status of an authenticated read that touches nothing but the credentials."""
    if auth is None:
        return http.get("/v2/enum/entityType").status_code
    return http.get("/v2/enum/entityType", auth=auth).status_code


@pytest.fixture
def party(make_party: Any) -> Any:
    csp = make_party()
    assert enums(csp.http) == 200  # verified once: now in the cache
    return csp


def revoke(container: Container, key_id: str) -> None:
    with container.uow(write=True) as uow:
        accounts.revoke_key(uow, container.clock, key_id)


def test_a_wrong_secret_is_refused_while_the_right_one_is_cached(party):
    assert enums(party.http, (party.key, party.secret + "x")) == 401
    assert enums(party.http, (party.key, "")) == 401
    assert enums(party.http, (party.key, party.secret[:-1])) == 401
    assert enums(party.http) == 200  # the failures changed nothing for the right secret


def test_a_key_revoked_in_this_process_is_refused_at_once(party, container):
    revoke(container, party.key)
    assert enums(party.http) == 401


def test_revocation_also_stops_a_verification_that_was_under_way(container):
    cache = AuthCache(ttl=60, now=FakeTime())
    key, account = _key_and_account()
    generation = cache.generation  # a request read the key from the database…
    cache.clear()  # …and meanwhile a revocation committed
    cache.store(generation, key.secret_hash, account, key)
    assert cache.lookup(key.key_id, key.secret_hash) is None


def test_changing_the_account_clears_the_cache(party, container, app):
    cache: AuthCache = app.state.auth_cache
    assert cache.lookup(party.key, accounts.hash_secret(party.secret)) is not None
    with container.uow(write=True) as uow:
        account = uow.accounts.get(party.cnp_id)
        assert account is not None
        uow.accounts.save(account.model_copy(update={"name": "Renamed Messaging"}))
    assert cache.lookup(party.key, accounts.hash_secret(party.secret)) is None
    assert enums(party.http) == 200


def test_a_failed_change_leaves_the_cache_alone(party, container, app):
    cache: AuthCache = app.state.auth_cache
    with pytest.raises(RuntimeError), container.uow(write=True) as uow:
        accounts.revoke_key(uow, container.clock, party.key)
        raise RuntimeError("rolled back")
    assert cache.lookup(party.key, accounts.hash_secret(party.secret)) is not None
    assert enums(party.http) == 200


@pytest.fixture
def other_process(settings: Settings) -> Any:
    """A second container on the same database, standing for another process (the CLI, another server)."""
    c = build(settings, migrate=False)
    yield c
    c.dispose()


def test_another_process_revocation_is_seen_when_the_entry_expires(party, app, other_process):
    fake = FakeTime()
    app.state.auth_cache = AuthCache(ttl=2.0, now=fake)
    assert enums(party.http) == 200
    revoke(other_process, party.key)
    fake.now += 1.9
    assert enums(party.http) == 200  # still trusted, within the documented delay
    fake.now += 0.2
    assert enums(party.http) == 401


def test_without_a_cache_every_request_reads_the_database(party, settings, other_process):
    c = build(settings.model_copy(update={"auth_cache_seconds": 0}), migrate=False)
    try:
        with TestClient(create_app(c)) as http:
            http.auth = (party.key, party.secret)
            assert enums(http) == 200
            revoke(other_process, party.key)
            assert enums(http) == 401
    finally:
        c.dispose()


def test_entries_expire_and_the_cache_stays_bounded():
    fake = FakeTime()
    cache = AuthCache(ttl=2.0, max_entries=3, now=fake)
    key, account = _key_and_account()
    cache.store(cache.generation, key.secret_hash, account, key)
    assert cache.lookup(key.key_id, key.secret_hash) == (account, key)
    assert cache.lookup(key.key_id, accounts.hash_secret("wrong")) is None
    fake.now += 2.0
    assert cache.lookup(key.key_id, key.secret_hash) is None
    for n in range(10):
        other = key.model_copy(update={"key_id": f"tk_{n}"})
        cache.store(cache.generation, key.secret_hash, account, other)
        assert len(cache._entries) <= 3


def test_a_zero_ttl_stores_nothing():
    cache = AuthCache(ttl=0)
    key, account = _key_and_account()
    cache.store(cache.generation, key.secret_hash, account, key)
    assert cache.lookup(key.key_id, key.secret_hash) is None


def _key_and_account() -> tuple[ApiKey, Account]:
    from datetime import UTC, datetime

    at = datetime(2026, 1, 1, tzinfo=UTC)
    account = Account(cnp_id="SABCDEF", kind="CSP", name="Acme", created_at=at)
    key = ApiKey(key_id="tk_test", cnp_id="SABCDEF", secret_hash=accounts.hash_secret("ts_secret"), created_at=at)
    return key, account
