"""``/v2/brand/{brandId}/externalVetting`` (list, order, import), ``/v2/brand/{brandId}/revet`` and
``/v2/enum/extVettingProvider``: parse → core → translate."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request, Response

from tendlc.api.auth import basic_actor
from tendlc.api.deps import container, json_body, read_handler
from tendlc.api.responses import json_response
from tendlc.core.actor import Actor
from tendlc.core.brands import vetting_service as service
from tendlc.core.catalog.vetting import PROVIDERS
from tendlc.dialects.tcr import translate
from tendlc.dialects.tcr.errors import TcrRoute
from tendlc.dialects.tcr.translate_vetting import external_vetting, provider

router = APIRouter(prefix="/v2", route_class=TcrRoute, tags=["TCR brand vetting"])


def _statuses(values: list[str] | None) -> list[str]:
    """``vettingStatus=A&vettingStatus=B``, also ``vettingStatus=A,B``."""
    return [s.strip() for v in values or () for s in v.split(",") if s.strip()]


@router.get("/brand/{brandId}/externalVetting")
@read_handler
def list_external_vets(brandId: str, request: Request, actor: Actor = Depends(basic_actor),
                       vettingStatus: Annotated[list[str] | None, Query()] = None,
                       evpId: str | None = None, vettingClass: str | None = None) -> Response:
    with container(request).uow() as uow:
        found = service.list_vets(uow, actor, brandId, _statuses(vettingStatus), evpId, vettingClass)
    return json_response([external_vetting(v) for v in found])


@router.post("/brand/{brandId}/externalVetting")
def order_external_vet(brandId: str, request: Request, body: Any = Depends(json_body),
                       actor: Actor = Depends(basic_actor)) -> Response:
    c = container(request)
    with c.uow(write=True) as uow:
        vet = service.order(uow, c.ids, c.clock, actor, brandId, body, c.vetting_policy)
    return json_response(external_vetting(vet))


@router.put("/brand/{brandId}/externalVetting")
def import_external_vet(brandId: str, request: Request, body: Any = Depends(json_body),
                        actor: Actor = Depends(basic_actor)) -> Response:
    c = container(request)
    with c.uow(write=True) as uow:
        vet = service.import_vet(uow, c.ids, c.clock, actor, brandId, body)
    return json_response(external_vetting(vet))


@router.put("/brand/{brandId}/revet")
def revet_brand(brandId: str, request: Request, actor: Actor = Depends(basic_actor)) -> Response:
    """200 with the re-checked brand, or 202 with the brand while its identity check is pending."""
    c = container(request)
    with c.uow(write=True) as uow:
        brand, pending = service.revet(uow, c.clock, actor, brandId, c.identity_policy)
    return json_response(translate.brand(brand), status_code=202 if pending else 200)


@router.get("/enum/extVettingProvider")
def ext_vetting_provider(_: Actor = Depends(basic_actor)) -> list[dict[str, Any]]:
    return [provider(p) for p in PROVIDERS.values()]
