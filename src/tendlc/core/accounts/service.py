"""Account use cases: create accounts, issue and revoke keys, authenticate callers."""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass

from tendlc.core.accounts.model import Account, AccountKind, ApiKey
from tendlc.core.accounts.projects import ProjectStatus
from tendlc.core.clock import Clock
from tendlc.core.errors import Duplicate, FieldProblem, InvalidInput, NotFound
from tendlc.core.ids import DCA_CODE, IdGenerator
from tendlc.core.ports import UnitOfWork

MAX_NAME = 100


@dataclass(frozen=True)
class IssuedKey:
    """A new key as shown to its owner once: the secret is not stored and cannot be shown again."""

    key: ApiKey
    secret: str


def hash_secret(secret: str) -> str:
    # Secrets are 256-bit random tokens, so a fast hash is enough: there is nothing to brute-force.
    return hashlib.sha256(secret.encode()).hexdigest()


def create_account(
    uow: UnitOfWork, ids: IdGenerator, clock: Clock, kind: str, name: str, code: str | None = None
) -> Account:
    """Create a CSP (id generated) or a DCA (``code`` given, 2–7 upper alphanumerics)."""
    problems = []
    try:
        account_kind = AccountKind(kind.upper())
    except ValueError:
        problems.append(FieldProblem("kind", "must be csp or dca"))
        account_kind = AccountKind.CSP
    name = name.strip()
    if not 1 <= len(name) <= MAX_NAME:
        problems.append(FieldProblem("name", f"must be 1-{MAX_NAME} characters"))
    if account_kind is AccountKind.DCA:
        if code is None or not DCA_CODE.fullmatch(code):
            problems.append(FieldProblem("id", "a DCA needs a code of 2-7 upper-case letters or digits"))
    elif code is not None:
        problems.append(FieldProblem("id", "a CSP id is generated; do not give one"))
    if problems:
        raise InvalidInput.of(problems)
    if account_kind is AccountKind.DCA:
        assert code is not None
        if uow.accounts.get(code) is not None:
            raise Duplicate(f"an account with id {code} already exists", ["id"])
        cnp_id = code
    else:
        cnp_id = ids.tcr_id("S")
        while uow.accounts.get(cnp_id) is not None:
            cnp_id = ids.tcr_id("S")
    account = Account(cnp_id=cnp_id, kind=account_kind, name=name, created_at=clock.now())
    uow.accounts.add(account)
    return account


def issue_key(uow: UnitOfWork, ids: IdGenerator, clock: Clock, cnp_id: str, label: str = "") -> IssuedKey:
    """Issue a new API key for an account."""
    if uow.accounts.get(cnp_id) is None:
        raise NotFound(f"account {cnp_id} not found", ["cnpId"])
    secret = f"ts_{ids.token(32)}"
    key = ApiKey(
        key_id=f"tk_{ids.token(12)}",
        cnp_id=cnp_id,
        secret_hash=hash_secret(secret),
        label=label,
        created_at=clock.now(),
    )
    uow.accounts.add_key(key)
    return IssuedKey(key=key, secret=secret)


def revoke_key(uow: UnitOfWork, clock: Clock, key_id: str) -> ApiKey:
    """Revoke a key; revoking a revoked key changes nothing."""
    key = uow.accounts.get_key(key_id)
    if key is None:
        raise NotFound(f"API key {key_id} not found", ["keyId"])
    if key.revoked_at is None:
        key = key.model_copy(update={"revoked_at": clock.now()})
        uow.accounts.save_key(key)
    return key


def authenticate(uow: UnitOfWork, key_id: str, secret: str) -> tuple[Account, ApiKey] | None:
    """The account behind a key id and secret, or None — never saying which part was wrong. A key id
    holding a NUL character is no key (and is not looked up: PostgreSQL refuses such text)."""
    key = uow.accounts.get_key(key_id) if "\x00" not in key_id else None
    expected = key.secret_hash if key is not None else hash_secret("")
    matches = hmac.compare_digest(expected, hash_secret(secret))
    if key is None or not matches or not key.active or not _project_active(uow, key):
        return None
    account = uow.accounts.get(key.cnp_id)
    return (account, key) if account is not None else None


def _project_active(uow: UnitOfWork, key: ApiKey) -> bool:
    """An account key is always usable; a project key while its project is ACTIVE."""
    if key.project_id is None:
        return True
    project = uow.projects.get(key.project_id)
    return project is not None and project.cnp_id == key.cnp_id and project.status is ProjectStatus.ACTIVE


def partners(uow: UnitOfWork, actor_cnp_id: str, kind: AccountKind | None = None) -> list[Account]:
    """The accounts a caller can share campaigns with (every CSP and DCA but itself)."""
    return [a for a in uow.accounts.all() if a.cnp_id != actor_cnp_id and (kind is None or a.kind is kind)]
