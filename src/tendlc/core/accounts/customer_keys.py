"""RumbleUp's credential, HTTP Basic ``cid:apikey``, on tendlc's keys.

``cid`` is a project id (a provider's customer: a ULID, no ``:``) or an account id (S + 6, or a DCA code);
``apikey`` is the secret of one of its keys, exactly as issued (``ts_…``): a project key of that project, or
one of the account's own keys. ``keyId:secret`` is accepted as the apikey too (Basic keeps everything after
the first ``:`` as the password), for callers that hold both parts.
"""

from __future__ import annotations

import hmac

from tendlc.core.accounts.model import Account, ApiKey
from tendlc.core.accounts.service import authenticate, hash_secret
from tendlc.core.ports import UnitOfWork


def _keys_of(uow: UnitOfWork, cid: str) -> list[ApiKey]:
    project = uow.projects.get(cid)
    if project is not None:
        return [k for k in uow.accounts.list_keys(project.cnp_id) if k.project_id == cid]
    if uow.accounts.get(cid) is not None:
        return [k for k in uow.accounts.list_keys(cid) if k.project_id is None]
    return []


def _belongs(key: ApiKey, cid: str) -> bool:
    return key.project_id == cid or (key.project_id is None and key.cnp_id == cid)


def authenticate_cid(uow: UnitOfWork, cid: str, apikey: str) -> tuple[Account, ApiKey] | None:
    """The account and key behind ``cid:apikey``, or None (never saying which part was wrong). A key of a
    DISABLED or DELETED project, or a revoked key, is refused as elsewhere."""
    if not cid or "\x00" in cid or "\x00" in apikey:
        return None
    key_id, sep, secret = apikey.partition(":")
    if sep:
        found = authenticate(uow, key_id, secret)
        return found if found is not None and _belongs(found[1], cid) else None
    presented = hash_secret(apikey)
    match = None
    for key in _keys_of(uow, cid):
        if hmac.compare_digest(key.secret_hash, presented) and key.active:
            match = key
    return authenticate(uow, match.key_id, apikey) if match is not None else None
