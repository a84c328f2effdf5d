"""Native ``/api/v1/numbers`` and ``/api/v1/messaging-profiles``: the number inventory. A project key
sees and changes only its project's numbers and profiles."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.responses import JSONResponse

from tendlc.api.auth import basic_actor
from tendlc.api.deps import container, json_body, read_handler
from tendlc.api.native_errors import NativeRoute
from tendlc.api.native_projects import PageQuery, page_json
from tendlc.core.actor import Actor
from tendlc.core.model import iso_millis
from tendlc.core.numbers import profiles, service
from tendlc.core.numbers.model import MessagingProfile, PhoneNumber

router = APIRouter(prefix="/api/v1", route_class=NativeRoute, tags=["native: numbers"])

NumbersPerPage = Query(50, ge=1, le=1_000_000_000)
ProfilesPerPage = Query(20, ge=1, le=1_000_000_000)


def number_json(n: PhoneNumber) -> dict[str, Any]:
    return {"phoneNumber": n.e164, "projectId": n.project_id, "messagingProfileId": n.messaging_profile_id,
            "campaignId": n.campaign_id,
            "assignmentStatus": n.assignment_status.value if n.assignment_status else None,
            "failureReasons": n.failure_reason,
            "createdAt": iso_millis(n.created_at),
            "updatedAt": iso_millis(max(n.updated_at, n.assignment_changed_at or n.updated_at))}


def profile_json(p: MessagingProfile, number_count: int | None = None) -> dict[str, Any]:
    doc = {"id": p.profile_id, "name": p.name, "projectId": p.project_id, "createdAt": iso_millis(p.created_at),
           "updatedAt": iso_millis(p.updated_at)}
    return doc if number_count is None else {**doc, "numberCount": number_count}


def _added(result: service.Added) -> JSONResponse:
    return JSONResponse({"records": [number_json(n) for n in result.numbers], "added": result.added,
                         "alreadyHeld": result.already_held}, status_code=201 if result.added else 200)


@router.post("/numbers")
def add_numbers(request: Request, body: Any = Depends(json_body), actor: Actor = Depends(basic_actor)
                ) -> JSONResponse:
    """``{"numbers": ["+1…", …]}`` or ``{"phoneNumber": "+1…"}``, ``messagingProfileId``? and ``projectId``?
    (account keys). All or nothing; 201 when a number was added, 200 when all were already held."""
    c = container(request)
    with c.uow(write=True) as uow:
        result = service.add_numbers(uow, c.clock, actor, body)
    return _added(result)


@router.post("/numbers/generate")
def generate_numbers(request: Request, body: Any = Depends(json_body), actor: Actor = Depends(basic_actor)
                     ) -> JSONResponse:
    """Sandbox only: ``{"npa": "212", "count": 10}`` adds free valid numbers of the area code."""
    c = container(request)
    with c.uow(write=True) as uow:
        result = service.generate_numbers(uow, c.clock, actor, body, sandbox=c.settings.sandbox)
    return _added(result)


@router.get("/numbers")
@read_handler
def list_numbers(request: Request, projectId: str | None = None, messagingProfileId: str | None = None,
                 campaignId: str | None = None, status: str | None = None, page: int = PageQuery,
                 recordsPerPage: int = NumbersPerPage, actor: Actor = Depends(basic_actor)) -> dict[str, Any]:
    """The caller's numbers in number order; ``status`` is an assignment status or UNASSIGNED."""
    with container(request).uow() as uow:
        where = service.number_filter(uow, actor, projectId, messagingProfileId, campaignId, status)
        found = service.list_numbers(uow, actor, where, page, recordsPerPage)
    return page_json(page, recordsPerPage, found, number_json)


@router.get("/numbers/{phoneNumber}")
@read_handler
def get_number(phoneNumber: str, request: Request, actor: Actor = Depends(basic_actor)) -> dict[str, Any]:
    with container(request).uow() as uow:
        return number_json(service.get_number(uow, actor, phoneNumber))


@router.patch("/numbers/{phoneNumber}")
def update_number(phoneNumber: str, request: Request, body: Any = Depends(json_body),
                  actor: Actor = Depends(basic_actor)) -> dict[str, Any]:
    """``{"messagingProfileId": id | null, "projectId": id | null}`` (projectId: account keys only)."""
    c = container(request)
    with c.uow(write=True) as uow:
        return number_json(service.update_number(uow, c.clock, actor, phoneNumber, body))


@router.delete("/numbers/{phoneNumber}", status_code=204)
def delete_number(phoneNumber: str, request: Request, actor: Actor = Depends(basic_actor)) -> Response:
    c = container(request)
    with c.uow(write=True) as uow:
        service.delete_number(uow, c.clock, actor, phoneNumber)
    return Response(status_code=204)


@router.post("/messaging-profiles", status_code=201)
def create_profile(request: Request, body: Any = Depends(json_body), actor: Actor = Depends(basic_actor)
                   ) -> dict[str, Any]:
    """``{"name", "projectId"?}``."""
    c = container(request)
    with c.uow(write=True) as uow:
        return profile_json(profiles.create_profile(uow, c.ids, c.clock, actor, body), 0)


@router.get("/messaging-profiles")
@read_handler
def list_profiles(request: Request, projectId: str | None = None, page: int = PageQuery,
                  recordsPerPage: int = ProfilesPerPage, actor: Actor = Depends(basic_actor)) -> dict[str, Any]:
    with container(request).uow() as uow:
        found = profiles.list_profiles(uow, actor, projectId, page, recordsPerPage)
    return page_json(page, recordsPerPage, found, profile_json)


@router.get("/messaging-profiles/{profileId}")
@read_handler
def get_profile(profileId: str, request: Request, actor: Actor = Depends(basic_actor)) -> dict[str, Any]:
    with container(request).uow() as uow:
        return profile_json(*profiles.get_profile(uow, actor, profileId))


@router.patch("/messaging-profiles/{profileId}")
def rename_profile(profileId: str, request: Request, body: Any = Depends(json_body),
                   actor: Actor = Depends(basic_actor)) -> dict[str, Any]:
    """``{"name"}``."""
    c = container(request)
    with c.uow(write=True) as uow:
        return profile_json(profiles.rename_profile(uow, c.clock, actor, profileId, body))


@router.delete("/messaging-profiles/{profileId}", status_code=204)
def delete_profile(profileId: str, request: Request, actor: Actor = Depends(basic_actor)) -> Response:
    """Delete an empty profile."""
    c = container(request)
    with c.uow(write=True) as uow:
        profiles.delete_profile(uow, c.clock, actor, profileId)
    return Response(status_code=204)


@router.post("/messaging-profiles/{profileId}/numbers")
def move_into_profile(profileId: str, request: Request, body: Any = Depends(json_body),
                      actor: Actor = Depends(basic_actor)) -> dict[str, Any]:
    """``{"numbers": [...]}``: put held numbers of the profile's project into it (all or nothing)."""
    c = container(request)
    with c.uow(write=True) as uow:
        moved = profiles.move_into(uow, c.clock, actor, profileId, body)
    return {"records": [number_json(n) for n in moved]}


@router.delete("/messaging-profiles/{profileId}/numbers/{phoneNumber}")
def take_out_of_profile(profileId: str, phoneNumber: str, request: Request,
                        actor: Actor = Depends(basic_actor)) -> dict[str, Any]:
    c = container(request)
    with c.uow(write=True) as uow:
        return number_json(profiles.take_out(uow, c.clock, actor, profileId, phoneNumber))
