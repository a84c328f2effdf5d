"""Native routes the Telnyx door needs: the public key its webhooks are signed with, and the account's
upstream DCA (where a CSP-type account's ``acceptSharing`` forwards a campaign)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request

from tendlc.api.auth import basic_actor
from tendlc.api.deps import container, json_body, read_handler
from tendlc.api.native_errors import NativeRoute
from tendlc.core.accounts import upstream
from tendlc.core.actor import Actor
from tendlc.webhooks.signing import telnyx_public_key

router = APIRouter(prefix="/api/v1/telnyx", route_class=NativeRoute, tags=["native: Telnyx"])


@router.get("/publicKey")
@read_handler
def public_key(request: Request) -> dict[str, str]:
    """``{"publicKey": base64}``: pass it as ``key=`` (or ``TELNYX_PUBLIC_KEY``) to ``client.webhooks.unwrap``."""
    return {"publicKey": telnyx_public_key(container(request).telnyx_signing_seed),
            "algorithm": "Ed25519"}


@router.get("/upstreamDca")
@read_handler
def get_upstream_dca(request: Request, actor: Actor = Depends(basic_actor)) -> dict[str, Any]:
    with container(request).uow() as uow:
        account = upstream.get(uow, actor)
    return {"upstreamDcaId": account.upstream_dca_id}


@router.put("/upstreamDca")
def put_upstream_dca(request: Request, body: Any = Depends(json_body),
                     actor: Actor = Depends(basic_actor)) -> dict[str, Any]:
    c = container(request)
    with c.uow(write=True) as uow:
        account = upstream.set_upstream_dca(uow, c.clock, actor, body)
    return {"upstreamDcaId": account.upstream_dca_id}
