"""``/v1/projects/{projectId}/campaignRegistrations…``: parse → translate → core → translate. HTTP Basic with a
project key (or one of the provider account's own keys)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Query, Request
from pydantic import ValidationError

from tendlc.api.auth import basic_actor
from tendlc.api.deps import container, json_body, read_handler
from tendlc.core.actor import Actor
from tendlc.core.errors import FieldProblem, InvalidInput
from tendlc.core.model import problems_from
from tendlc.core.registrations import service, views
from tendlc.core.registrations.ports import RegistrationFilter
from tendlc.dialects.sinch import translate
from tendlc.dialects.sinch.errors import SinchRoute
from tendlc.dialects.sinch.schemas import MNOS, ResubmitRequest, SubmitRequest

router = APIRouter(prefix="/v1/projects/{projectId}", route_class=SinchRoute, tags=["sinch"])
BASE = "/campaignRegistrations"


def _parse(model: type[Any], body: Any) -> Any:
    if not isinstance(body, dict):
        raise InvalidInput.of([FieldProblem("body", "must be a JSON object")])
    try:
        return model.model_validate(body)
    except ValidationError as exc:
        raise InvalidInput.of(problems_from(exc)) from None


def _sinch_names(call: Any) -> Any:
    try:
        return call()
    except InvalidInput as exc:
        raise translate.sinch_problems(exc) from None


@router.post(f"{BASE}:submit")
def submit(projectId: str, request: Request, body: Any = Depends(json_body),
           actor: Actor = Depends(basic_actor)) -> dict[str, Any]:
    """Submit a campaign for Sinch's review → ``{campaignRegistrationId}``."""
    parsed: SubmitRequest = _parse(SubmitRequest, body)
    if parsed.useCase == "MIXED" and not 2 <= len(parsed.subUseCases or []) <= 5:
        raise InvalidInput.of([FieldProblem("subUseCases", "a MIXED campaign takes between 2 and 5 sub use cases")])
    data = translate.to_core(parsed.model_dump(exclude_unset=False))
    c = container(request)
    with c.uow(write=True) as uow:
        made = _sinch_names(lambda: service.submit(uow, c.ids, c.clock, actor, projectId, parsed.campaignName, data))
        return {"campaignRegistrationId": made.registration_id}


@router.get(f"{BASE}:fetchByTcrCampaignId")
@read_handler
def fetch_by_tcr_campaign_id(projectId: str, request: Request, campaignId: str | None = Query(None),
                             campaignRegistrationIdQuery: str | None = Query(None),
                             actor: Actor = Depends(basic_actor)) -> dict[str, Any]:
    """The registration of a TCR campaign id (``campaignId``; ``campaignRegistrationIdQuery`` as the reference
    names the parameter)."""
    wanted = campaignId or campaignRegistrationIdQuery
    if not wanted:
        raise InvalidInput.of([FieldProblem("campaignId", "the TCR campaign id is required")])
    c = container(request)
    with c.uow() as uow:
        return translate.campaign(views.by_campaign(uow, c.clock, actor, projectId, wanted))


@router.get(f"{BASE}:qualify")
@read_handler
def qualify(projectId: str, request: Request, brandId: str = Query(...), useCase: str | None = Query(None),
            actor: Actor = Depends(basic_actor)) -> dict[str, Any]:
    """Fees, sub use case counts and per-MNO terms the brand gets for the use case."""
    if not useCase:
        raise InvalidInput.of([FieldProblem("useCase", "is required")])
    c = container(request)
    with c.uow() as uow:
        try:
            meta = views.qualify(uow, c.clock, actor, projectId, brandId, useCase)
        except InvalidInput as exc:
            raise translate.sinch_problems(exc) from None
        return translate.qualification(meta)


@router.get(BASE)
@read_handler
def list_registrations(projectId: str, request: Request, status: list[str] = Query([]),
                       mock: bool | None = Query(None), useCase: str | None = Query(None),
                       brand: str | None = Query(None), pageSize: int | None = Query(None),
                       pageToken: str | None = Query(None), orderBy: str | None = Query(None),
                       actor: Actor = Depends(basic_actor)) -> dict[str, Any]:
    words = [w for item in status for w in item.split(",") if w]
    unknown = [w for w in words if w not in translate.CORE_STATUSES]
    if unknown:
        raise InvalidInput.of([FieldProblem("status", f"unknown status {unknown[0]!r}; one of "
                                                      f"{', '.join(translate.CORE_STATUSES)}")])
    c = container(request)
    with c.uow() as uow:
        found = views.listing(uow, c.clock, actor, projectId, [translate.CORE_STATUSES[w] for w in words],
                              RegistrationFilter(usecase=useCase, brand_id=brand, mock=mock), pageSize,
                              pageToken, orderBy)
        return {"campaignRegistrations": [translate.campaign(v) for v in found.items],
                "nextPageToken": found.next_token, "totalSize": found.total}


@router.get(BASE + "/{campaignRegistrationId}")
@read_handler
def get_registration(projectId: str, campaignRegistrationId: str, request: Request,
                     actor: Actor = Depends(basic_actor)) -> dict[str, Any]:
    c = container(request)
    with c.uow() as uow:
        return translate.campaign(views.get(uow, c.clock, actor, projectId, campaignRegistrationId))


@router.get(BASE + "/{campaignRegistrationId}/feedback")
@read_handler
def feedback(projectId: str, campaignRegistrationId: str, request: Request,
             actor: Actor = Depends(basic_actor)) -> dict[str, Any]:
    c = container(request)
    with c.uow() as uow:
        v = views.get(uow, c.clock, actor, projectId, campaignRegistrationId)
        return translate.feedback(v, *views.feedback(v))


@router.put(BASE + "/{campaignRegistrationId}/resubmit")
def resubmit(projectId: str, campaignRegistrationId: str, request: Request, body: Any = Depends(json_body),
             actor: Actor = Depends(basic_actor)) -> dict[str, Any]:
    """Resubmit to the carriers of ``mnos`` (all when empty); a registration Sinch rejected goes back to
    review, corrected by the campaign fields sent with it."""
    parsed: ResubmitRequest = _parse(ResubmitRequest, body)
    changes = translate.to_core(parsed.model_dump(exclude_unset=True, exclude={"mnos"}))
    c = container(request)
    with c.uow(write=True) as uow:
        _sinch_names(lambda: service.resubmit(uow, c.clock, actor, projectId, campaignRegistrationId, changes,
                                              sorted({MNOS[m] for m in parsed.mnos})))
    return {}


@router.delete("/campaignRegistration/{campaignRegistrationId}")
def delete(projectId: str, campaignRegistrationId: str, request: Request,
           actor: Actor = Depends(basic_actor)) -> dict[str, Any]:
    """Deactivate the campaign (EXPIRED; it cannot be restored)."""
    c = container(request)
    with c.uow(write=True) as uow:
        service.delete(uow, c.clock, actor, projectId, campaignRegistrationId)
    return {}
