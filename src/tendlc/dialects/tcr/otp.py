"""``/v2/brand/{brandId}/smsOtp`` (trigger, verify) and ``/v2/brand/smsOtp/{referenceId}`` (status): sole-proprietor
SMS OTP verification, parse → core → translate."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request, Response

from tendlc.api.auth import basic_actor
from tendlc.api.deps import container, json_body, read_handler
from tendlc.api.responses import json_response
from tendlc.core.actor import Actor
from tendlc.core.brands import otp_service as service
from tendlc.dialects.tcr.errors import TcrRoute
from tendlc.dialects.tcr.translate_otp import otp_status, sent

router = APIRouter(prefix="/v2", route_class=TcrRoute, tags=["TCR brand SMS OTP"])


@router.post("/brand/{brandId}/smsOtp")
def trigger_sms_otp(brandId: str, request: Request, body: Any = Depends(json_body),
                    actor: Actor = Depends(basic_actor)) -> Response:
    c = container(request)
    with c.uow(write=True) as uow:
        made = service.trigger(uow, c.ids, c.clock, actor, brandId, body)
    return json_response(sent(made))


@router.put("/brand/{brandId}/smsOtp", status_code=204)
def verify_sms_otp(brandId: str, request: Request, body: Any = Depends(json_body),
                   actor: Actor = Depends(basic_actor)) -> Response:
    c = container(request)
    with c.uow(write=True) as uow:
        outcome = service.verify(uow, c.clock, actor, brandId, body)
    outcome.raise_refusal()  # after the commit: a wrong PIN stays counted
    return Response(status_code=204)


@router.get("/brand/smsOtp/{referenceId}")
@read_handler
def sms_otp_status(referenceId: str, request: Request, actor: Actor = Depends(basic_actor)) -> Response:
    with container(request).uow() as uow:
        found = service.status_by_reference(uow, actor, referenceId)
    return json_response(otp_status(found))
