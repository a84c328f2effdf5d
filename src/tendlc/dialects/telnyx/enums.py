"""``GET /v2/10dlc/enum/{endpoint}``: the registry's enumerations in Telnyx's names."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import APIRouter, Depends, Response

from tendlc.api.auth import bearer_actor
from tendlc.api.responses import json_response
from tendlc.core.actor import Actor
from tendlc.core.catalog import brands as b
from tendlc.core.catalog import registry as r
from tendlc.core.catalog.usecases import USECASES
from tendlc.core.catalog.vetting import PROVIDERS
from tendlc.core.errors import NotFound
from tendlc.dialects.telnyx.errors import TelnyxRoute
from tendlc.dialects.telnyx.status import TELNYX_CAMPAIGN_STATUSES

router = APIRouter(prefix="/v2/10dlc", route_class=TelnyxRoute, tags=["Telnyx enumerations"])

BRAND_STATUSES = ("OK", "REGISTRATION_PENDING", "REGISTRATION_FAILED")


def _usecases() -> dict[str, Any]:
    return {u.name: {"classification": u.classification, "description": u.description,
                     "displayName": u.display_name, "maxSubUsecases": u.max_sub_usecases,
                     "minSubUsecases": u.min_sub_usecases, "validSubUsecase": u.valid_sub_usecase}
            for u in USECASES.values()}


ENUMS: dict[str, Callable[[], Any]] = {
    "mno": lambda: [{"networkId": n, "displayName": name, "osrBitmaskIndex": bit} for n, (name, bit) in r.MNOS.items()],
    "optionalAttributes": lambda: [{"id": i, "dataType": t, "description": d}
                                   for i, t, d in b.OPTIONAL_ATTRIBUTE_NAMES],
    "usecase": _usecases,
    "vertical": lambda: {n: {"industryId": i, "displayName": d, "description": x}
                         for n, (i, d, x) in b.VERTICALS.items()},
    "altBusinessIdType": lambda: list(b.ALT_BUSINESS_ID_TYPES),
    "brandIdentityStatus": lambda: list(b.IDENTITY_STATUSES),
    "brandRelationship": lambda: list(b.BRAND_RELATIONSHIPS),
    "campaignStatus": lambda: list(TELNYX_CAMPAIGN_STATUSES),
    "entityType": lambda: list(b.ENTITY_TYPES),
    "extVettingProvider": lambda: [{"evpId": p.evp_id, "displayName": p.display_name,
                                    "vettingClasses": list(p.vetting_classes)} for p in PROVIDERS.values()],
    "vettingStatus": lambda: list(r.VETTING_STATUSES),
    "brandStatus": lambda: list(BRAND_STATUSES),
    "operationStatus": lambda: list(r.OPERATION_STATUSES),
    "approvedPublicCompany": lambda: [],  # tendlc keeps no list of pre-approved public companies
    "stockExchange": lambda: list(b.STOCK_EXCHANGES),
    "vettingClass": lambda: [{"id": i, "enabled": True, "displayName": d, "description": x, "validityMonths": m}
                             for i, (d, x, m) in r.VETTING_CLASSES.items()],
}


@router.get("/enum/{endpoint}")
def get_enum(endpoint: str, _: Actor = Depends(bearer_actor)) -> Response:
    render = ENUMS.get(endpoint)
    if render is None:
        raise NotFound(f"no enumeration {endpoint!r}; one of {', '.join(ENUMS)}", ["endpoint"])
    return json_response(render())
