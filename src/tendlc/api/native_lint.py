"""``POST /api/v1/lint``: the compliance lint of a campaign, with the registry-wide checks.

Body: ``{"campaign": {...}, "brand": {...}?, "profile": "tcr"?, "mergeFields": [...]?}``, or the campaign
itself (then ``?profile=``). Without a ``brand``, the caller's own brand named by the campaign's
``brandId`` is used when there is one. The answer is the report; registry-wide findings say that a
description, samples or EIN are used elsewhere, never by whom.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Query, Request
from pydantic import ValidationError

from tendlc.api.auth import basic_actor
from tendlc.api.deps import container, json_body
from tendlc.api.native_errors import NativeRoute
from tendlc.core.actor import Actor
from tendlc.core.compliance import BrandInput, CampaignInput, check, profile_named
from tendlc.core.errors import FieldProblem, InvalidInput
from tendlc.core.model import problems_from
from tendlc.db.compliance_lookups import SqlComplianceLookups

router = APIRouter(prefix="/api/v1", route_class=NativeRoute, tags=["native: compliance"])


def _parse(model: type[CampaignInput] | type[BrandInput], data: Any, where: str) -> Any:
    if not isinstance(data, dict):
        raise InvalidInput.of([FieldProblem(where, "must be a JSON object")])
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise InvalidInput.of([FieldProblem(f"{where}.{p.field}", p.message) for p in problems_from(exc)]) from None


def _strings(value: Any, where: str) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise InvalidInput.of([FieldProblem(where, "must be a list of strings")])
    return list(value)


@router.post("/lint")
def lint(request: Request, profile: str | None = Query(None), body: Any = Depends(json_body),
         actor: Actor = Depends(basic_actor)) -> dict[str, Any]:
    """Lint a campaign (and optionally its brand) under a profile: tcr, sinch, telnyx, twilio or strict."""
    enveloped = isinstance(body, dict) and "campaign" in body
    campaign = _parse(CampaignInput, body["campaign"] if enveloped else body, "campaign")
    brand = _parse(BrandInput, body["brand"], "brand") if enveloped and body.get("brand") is not None else None
    chosen = profile_named(body.get("profile") if enveloped and body.get("profile") is not None else profile)
    merge_fields = _strings(body.get("mergeFields"), "mergeFields") if enveloped else []
    with container(request).uow() as uow:
        if brand is None and campaign.brand_id:
            own = uow.brands.get(campaign.brand_id)
            if own is not None and own.csp_id == actor.cnp_id:
                brand = BrandInput.model_validate(own.model_dump())
        report = check(campaign, brand, chosen, SqlComplianceLookups(uow.conn), merge_fields=merge_fields)
    return report.model_dump(mode="json", by_alias=True)
