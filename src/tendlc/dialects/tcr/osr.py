"""nnSR views of a campaign (TCR): ``GET /v2/campaign/{id}/osr/phones`` (the numbers provisioned to it,
``current`` or earlier, ≤ 500 a page) and ``GET /v2/campaign/{id}/osr/attributes``."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request, Response

from tendlc.api.auth import basic_actor
from tendlc.api.deps import container, read_handler
from tendlc.api.responses import json_response
from tendlc.core.actor import Actor
from tendlc.core.model import iso_millis
from tendlc.core.numbers import osr
from tendlc.core.numbers.assignment_ports import OsrPhone
from tendlc.dialects.tcr.errors import TcrRoute
from tendlc.dialects.tcr.params import PageNumber, RecordsPerPage

router = APIRouter(prefix="/v2", route_class=TcrRoute, tags=["TCR campaign nnSR"])


def osr_phone_json(p: OsrPhone) -> dict[str, object]:
    return {"phoneNumber": p.e164, "campaignUid": p.campaign_id, "nnid": p.nnid,
            "provisionedDate": iso_millis(p.provisioned_at), "current": p.released_at is None}


@router.get("/campaign/{campaignId}/osr/phones")
@read_handler
def osr_phones(campaignId: str, request: Request, current: bool | None = None,
               page: PageNumber = 1, recordsPerPage: RecordsPerPage = 10,
               actor: Actor = Depends(basic_actor)) -> Response:
    with container(request).uow() as uow:
        found = osr.osr_phones(uow, actor, campaignId, current, page, recordsPerPage)
    return json_response({"page": page, "totalRecords": found.total,
                          "records": [osr_phone_json(p) for p in found.items]})


@router.get("/campaign/{campaignId}/osr/attributes")
@read_handler
def osr_attributes(campaignId: str, request: Request, actor: Actor = Depends(basic_actor)) -> Response:
    with container(request).uow() as uow:
        return json_response(osr.osr_attributes(uow, actor, campaignId))
