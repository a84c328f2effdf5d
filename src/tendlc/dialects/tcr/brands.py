"""``/v2/brand…`` routes: parse → core → translate."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request, Response

from tendlc.api.auth import basic_actor
from tendlc.api.deps import container, json_body, read_handler, write_handler
from tendlc.core.actor import Actor
from tendlc.core.brands import service
from tendlc.core.catalog import brands as catalog
from tendlc.core.ports import BrandFilter
from tendlc.dialects.tcr import translate
from tendlc.dialects.tcr.errors import TcrRoute
from tendlc.dialects.tcr.params import PageNumber, RecordsPerPage, check_enum_filters

router = APIRouter(prefix="/v2", route_class=TcrRoute, tags=["TCR brands"])


@router.post("/brand/nonBlocking")
@write_handler
def create_brand(request: Request, body: Any = Depends(json_body),
                 actor: Actor = Depends(basic_actor)) -> dict[str, Any]:
    c = container(request)
    with c.uow(write=True) as uow:
        brand = service.register(uow, c.ids, c.clock, actor, body, c.identity_policy)
    return translate.brand(brand)


@router.get("/brand")
@read_handler
def list_brands(
    request: Request,
    actor: Actor = Depends(basic_actor),
    referenceId: str | None = None,
    displayName: str | None = None,
    entityType: str | None = None,
    identityStatus: str | None = None,
    status: str = "ACTIVE",
    state: str | None = None,
    country: str | None = None,
    ein: str | None = None,
    universalEin: str | None = None,
    resellerId: str | None = None,
    tag: Annotated[list[str] | None, Query()] = None,
    mock: bool | None = None,
    authenticationPlusCompliant: bool | None = None,
    page: PageNumber = 1,
    recordsPerPage: RecordsPerPage = 10,
) -> dict[str, Any]:
    check_enum_filters(entityType=(entityType, catalog.ENTITY_TYPES),
                       identityStatus=(identityStatus, catalog.IDENTITY_STATUSES),
                       status=(status, catalog.BRAND_STATUSES))
    where = BrandFilter(reference_id=referenceId, display_name=displayName, entity_type=entityType,
                        identity_status=identityStatus, status=status, state=state, country=country, ein=ein,
                        universal_ein=universalEin, tags=tuple(tag or ()), mock=mock, reseller_id=resellerId,
                        authentication_plus_compliant=authenticationPlusCompliant)
    with container(request).uow() as uow:
        found = service.search(uow, actor, where, page, recordsPerPage)
    return translate.record_set(page, found, translate.brand)


@router.get("/brand/feedback/{brandId}")
@read_handler
def brand_feedback(brandId: str, request: Request, actor: Actor = Depends(basic_actor)) -> dict[str, Any]:
    with container(request).uow() as uow:
        brand = service.get(uow, actor, brandId)
    return translate.brand_feedback(brand)


@router.get("/brand/{brandId}")
@read_handler
def get_brand(brandId: str, request: Request, actor: Actor = Depends(basic_actor)) -> dict[str, Any]:
    with container(request).uow() as uow:
        brand = service.get(uow, actor, brandId)
    return translate.brand(brand)


@router.put("/brand/{brandId}")
@write_handler
def update_brand(brandId: str, request: Request, body: Any = Depends(json_body),
                 actor: Actor = Depends(basic_actor)) -> dict[str, Any]:
    c = container(request)
    with c.uow(write=True) as uow:
        brand = service.update(uow, c.clock, actor, brandId, body, c.identity_policy)
    return translate.brand(brand)


@router.delete("/brand/{brandId}", status_code=204)
@write_handler
def delete_brand(brandId: str, request: Request, actor: Actor = Depends(basic_actor)) -> Response:
    c = container(request)
    with c.uow(write=True) as uow:
        service.delete(uow, c.clock, actor, brandId)
    return Response(status_code=204)
