"""An account's upstream DCA: where a CSP-type account's Telnyx ``acceptSharing`` forwards a campaign."""

from __future__ import annotations

from typing import Any

from tendlc.core.accounts.model import Account, AccountKind
from tendlc.core.actor import Actor
from tendlc.core.clock import Clock
from tendlc.core.errors import FieldProblem, InvalidInput, NotFound
from tendlc.core.ports import UnitOfWork


def get(uow: UnitOfWork, actor: Actor) -> Account:
    account = uow.accounts.get(actor.cnp_id)
    if account is None:
        raise NotFound(f"account {actor.cnp_id} not found", ["cnpId"])
    return account


def set_upstream_dca(uow: UnitOfWork, clock: Clock, actor: Actor, body: Any) -> Account:
    """``{"upstreamDcaId": "DCA123"}`` (null clears it). It must be a DCA account other than the caller."""
    if not isinstance(body, dict) or "upstreamDcaId" not in body:
        raise InvalidInput.of([FieldProblem("upstreamDcaId", "is required (null clears it)")])
    value = body["upstreamDcaId"]
    account = get(uow, actor)
    if value is not None:
        target = uow.accounts.get(value) if isinstance(value, str) and "\x00" not in value else None
        if target is None or target.kind is not AccountKind.DCA or target.cnp_id == actor.cnp_id:
            raise InvalidInput.of([FieldProblem("upstreamDcaId", f"{value!r} is not a DCA account")])
    updated = account.model_copy(update={"upstream_dca_id": value})
    uow.accounts.save(updated)
    uow.record_history("account", account.cnp_id, 0, "upstream DCA", actor.label, clock.now(),
                       updated.model_dump(mode="json"))
    return updated
