"""``GET /v2/enum/…``: the registry's enumerations, rendered from the core catalogue."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request

from tendlc.api.auth import basic_actor
from tendlc.api.deps import container, read_handler
from tendlc.core.accounts import service as accounts
from tendlc.core.accounts.model import AccountKind
from tendlc.core.actor import Actor
from tendlc.core.catalog import brands as b
from tendlc.core.catalog import registry as r
from tendlc.core.catalog.geography import countries, us_states
from tendlc.core.catalog.usecases import USECASES
from tendlc.dialects.tcr.errors import TCR_DESCRIPTIONS, TcrRoute

router = APIRouter(prefix="/v2", route_class=TcrRoute, tags=["TCR enumerations"])

SIMPLE_LISTS: dict[str, tuple[str, ...]] = {
    "altBusinessIdType": b.ALT_BUSINESS_ID_TYPES,
    "brandIdentityStatus": b.IDENTITY_STATUSES,
    "brandRelationship": b.BRAND_RELATIONSHIPS,
    "brandStatus": b.BRAND_STATUSES,
    "campaignStatus": r.CAMPAIGN_STATUSES,
    "entityType": b.ENTITY_TYPES,
    "nudgeIntent": r.NUDGE_INTENTS,
    "operationStatus": r.OPERATION_STATUSES,
    "rejectionCategory": r.REJECTION_CATEGORIES,
    "stockExchange": b.STOCK_EXCHANGES,
    "suspensionCategory": r.SUSPENSION_CATEGORIES,
    "vettingStatus": r.VETTING_STATUSES,
}


def _simple(values: tuple[str, ...]) -> Any:
    def endpoint(_: Actor = Depends(basic_actor)) -> list[str]:
        return list(values)

    return endpoint


for _name, _values in SIMPLE_LISTS.items():
    router.add_api_route(f"/enum/{_name}", _simple(_values), methods=["GET"], name=f"enum_{_name}")


@router.get("/enum/usecase")
def usecases(validSubUsecase: bool | None = None, _: Actor = Depends(basic_actor)) -> dict[str, Any]:
    return {
        u.name: {"classification": u.classification, "description": u.description, "displayName": u.display_name,
                 "maxSubUsecases": u.max_sub_usecases, "minSubUsecases": u.min_sub_usecases,
                 "validSubUsecase": u.valid_sub_usecase}
        for u in USECASES.values()
        if validSubUsecase is None or u.valid_sub_usecase == validSubUsecase
    }


@router.get("/enum/vertical")
def verticals(_: Actor = Depends(basic_actor)) -> dict[str, Any]:
    return {name: {"industryId": i, "displayName": d, "description": desc}
            for name, (i, d, desc) in b.VERTICALS.items()}


@router.get("/enum/country")
def country(_: Actor = Depends(basic_actor)) -> dict[str, str]:
    return countries()


@router.get("/enum/usState")
def us_state(_: Actor = Depends(basic_actor)) -> dict[str, str]:
    return us_states()


@router.get("/enum/mno")
def mno(_: Actor = Depends(basic_actor)) -> list[dict[str, Any]]:
    return [{"networkId": nid, "displayName": name, "osrBitmaskIndex": bit} for nid, (name, bit) in r.MNOS.items()]


@router.get("/enum/optionalAttributeNames")
def optional_attribute_names(_: Actor = Depends(basic_actor)) -> list[dict[str, str]]:
    return [{"id": i, "dataType": t, "description": d} for i, t, d in b.OPTIONAL_ATTRIBUTE_NAMES]


@router.get("/enum/vettingClass")
def vetting_class(_: Actor = Depends(basic_actor)) -> list[dict[str, Any]]:
    return [{"id": i, "enabled": True, "displayName": d, "description": desc, "validityMonths": months}
            for i, (d, desc, months) in r.VETTING_CLASSES.items()]


@router.get("/enum/cnp")
@read_handler
def cnp(request: Request, soleProprietorEnabled: bool | None = None, cnpMigrationSupported: bool | None = None,
        actor: Actor = Depends(basic_actor)) -> dict[str, str]:
    """The accounts the caller can share a campaign with: ``{cnpId: displayName}``."""
    with container(request).uow() as uow:
        found = accounts.partners(uow, actor.cnp_id)
    return {a.cnp_id: a.name for a in found
            if (soleProprietorEnabled is None or a.sole_proprietor_enabled == soleProprietorEnabled)
            and (cnpMigrationSupported is None or a.cnp_migration_supported == cnpMigrationSupported)}


@router.get("/enum/dca")
@read_handler
def dca(request: Request, soleProprietorEnabled: bool | None = None, cnpMigrationSupported: bool | None = None,
        actor: Actor = Depends(basic_actor)) -> list[dict[str, Any]]:
    with container(request).uow() as uow:
        found = accounts.partners(uow, actor.cnp_id, AccountKind.DCA)
    return [{"id": a.cnp_id, "displayName": a.name, "escalateEmail": None, "dpaSigned": True,
             "soleProprietorEnabled": a.sole_proprietor_enabled, "dca2AutoAccept": False} for a in found
            if (soleProprietorEnabled is None or a.sole_proprietor_enabled == soleProprietorEnabled)
            and (cnpMigrationSupported is None or a.cnp_migration_supported == cnpMigrationSupported)]


@router.get("/error")
def error_codes(_: Actor = Depends(basic_actor)) -> dict[str, str]:
    return {str(code): text for code, text in sorted(TCR_DESCRIPTIONS.items())}
