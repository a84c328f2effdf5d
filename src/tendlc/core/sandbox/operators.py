"""Operator credentials: created on the command line (``tendlc operator create``), they drive
``/api/v1/sandbox``. They belong to no account and see no account's data through the dialects."""

from __future__ import annotations

import hmac

from tendlc.core.accounts.service import IssuedKey, hash_secret
from tendlc.core.clock import Clock
from tendlc.core.ids import IdGenerator
from tendlc.core.ports import UnitOfWork
from tendlc.core.sandbox.model import OperatorKey


def create_operator_key(uow: UnitOfWork, ids: IdGenerator, clock: Clock, label: str = "") -> tuple[OperatorKey, str]:
    """A new operator key and its secret (shown once, never stored)."""
    secret = f"os_{ids.token(32)}"
    key = OperatorKey(key_id=f"op_{ids.token(12)}", secret_hash=hash_secret(secret), label=label,
                      created_at=clock.now())
    uow.sandbox.add_operator_key(key)
    return key, secret


def authenticate_operator(uow: UnitOfWork, key_id: str, secret: str) -> OperatorKey | None:
    """The operator key matching id and secret, or None (never saying which part was wrong)."""
    key = uow.sandbox.get_operator_key(key_id) if "\x00" not in key_id else None
    expected = key.secret_hash if key is not None else hash_secret("")
    if not hmac.compare_digest(expected, hash_secret(secret)) or key is None or not key.active:
        return None
    return key


__all__ = ["IssuedKey", "authenticate_operator", "create_operator_key"]
