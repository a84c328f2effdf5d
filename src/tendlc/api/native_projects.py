"""Native ``/api/v1/projects``: a provider's customer projects, their API keys, the CSP ids associated
with them and the campaigns attributed to them. Managed with the account's own keys; a project key may
read its own project and its campaigns."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Query, Request, Response

from tendlc.api.auth import basic_actor
from tendlc.api.deps import container, json_body, read_handler
from tendlc.api.native_errors import NativeRoute
from tendlc.core.accounts import project_service as service
from tendlc.core.accounts.model import ApiKey
from tendlc.core.accounts.projects import Project, ProjectCampaign
from tendlc.core.actor import Actor
from tendlc.core.model import Page, iso_millis, parse_input

router = APIRouter(prefix="/api/v1/projects", route_class=NativeRoute, tags=["native: projects"])

PageQuery = Query(1, ge=1, le=1_000_000_000)
PerPageQuery = Query(20, ge=1, le=1_000_000_000)


def project_json(p: Project) -> dict[str, Any]:
    return {"id": p.project_id, "cnpId": p.cnp_id, "name": p.name, "status": p.status.value,
            "externalCspIds": list(p.external_csp_ids), "createdAt": iso_millis(p.created_at),
            "updatedAt": iso_millis(p.updated_at)}


def key_json(k: ApiKey) -> dict[str, Any]:
    return {"apiKey": k.key_id, "projectId": k.project_id, "label": k.label, "createdAt": iso_millis(k.created_at),
            "revokedAt": iso_millis(k.revoked_at) if k.revoked_at else None}


def attribution_json(a: ProjectCampaign) -> dict[str, Any]:
    return {"campaignId": a.campaign_id, "projectId": a.project_id, "source": a.source.value,
            "at": iso_millis(a.at), "downstreamCnpId": a.downstream_cnp_id, "sharingStatus": a.sharing_status}


def page_json(page: int, per_page: int, found: Page[Any], render: Any) -> dict[str, Any]:
    return {"page": page, "recordsPerPage": per_page, "totalRecords": found.total,
            "records": [render(item) for item in found.items]}


@router.post("", status_code=201)
def create_project(request: Request, body: Any = Depends(json_body), actor: Actor = Depends(basic_actor)
                   ) -> dict[str, Any]:
    """``{"name", "externalCspIds"?: ["S…"]}``: a new customer project of the caller's account."""
    c = container(request)
    with c.uow(write=True) as uow:
        return project_json(service.create_project(uow, c.ids, c.clock, actor, body))


@router.get("")
@read_handler
def list_projects(request: Request, status: str | None = None, page: int = PageQuery,
                  recordsPerPage: int = PerPageQuery, actor: Actor = Depends(basic_actor)) -> dict[str, Any]:
    """The account's projects, oldest first (``status``: ACTIVE or DISABLED; deleted ones are never listed)."""
    with container(request).uow() as uow:
        found = service.list_projects(uow, actor, status, page, recordsPerPage)
    return page_json(page, recordsPerPage, found, project_json)


@router.get("/{projectId}")
@read_handler
def get_project(projectId: str, request: Request, actor: Actor = Depends(basic_actor)) -> dict[str, Any]:
    with container(request).uow() as uow:
        return project_json(service.visible_project(uow, actor, projectId))


@router.patch("/{projectId}")
def update_project(projectId: str, request: Request, body: Any = Depends(json_body),
                   actor: Actor = Depends(basic_actor)) -> dict[str, Any]:
    """``{"name"?, "status"?: "ACTIVE" | "DISABLED"}``: a DISABLED project's keys are refused."""
    c = container(request)
    with c.uow(write=True) as uow:
        return project_json(service.update_project(uow, c.clock, actor, projectId, body))


@router.delete("/{projectId}", status_code=204)
def delete_project(projectId: str, request: Request, actor: Actor = Depends(basic_actor)) -> Response:
    """Delete a project holding no numbers or profiles: its keys are revoked, its CSP ids released."""
    c = container(request)
    with c.uow(write=True) as uow:
        service.delete_project(uow, c.clock, actor, projectId)
    return Response(status_code=204)


@router.post("/{projectId}/keys", status_code=201)
def create_key(projectId: str, request: Request, body: Any = Depends(json_body),
               actor: Actor = Depends(basic_actor)) -> dict[str, Any]:
    """``{"label"?}``: a key of the project. The secret is in this answer only."""
    c = container(request)
    label = parse_input(service.KeyInput, body).label
    with c.uow(write=True) as uow:
        issued = service.issue_project_key(uow, c.ids, c.clock, actor, projectId, label)
    return {**key_json(issued.key), "apiSecret": issued.secret}


@router.get("/{projectId}/keys")
@read_handler
def list_keys(projectId: str, request: Request, actor: Actor = Depends(basic_actor)) -> dict[str, Any]:
    with container(request).uow() as uow:
        return {"keys": [key_json(k) for k in service.project_keys(uow, actor, projectId)]}


@router.delete("/{projectId}/keys/{keyId}")
def revoke_key(projectId: str, keyId: str, request: Request, actor: Actor = Depends(basic_actor)) -> dict[str, Any]:
    c = container(request)
    with c.uow(write=True) as uow:
        return key_json(service.revoke_project_key(uow, c.clock, actor, projectId, keyId))


@router.post("/{projectId}/csp-associations")
def associate(projectId: str, request: Request, body: Any = Depends(json_body),
              actor: Actor = Depends(basic_actor)) -> dict[str, Any]:
    """``{"cspIds": ["S…"]}``: campaigns these CSPs share with the account are the project's. A CSP id
    belongs to at most one project of the account (DUPLICATE otherwise)."""
    c = container(request)
    with c.uow(write=True) as uow:
        return project_json(service.associate(uow, c.clock, actor, projectId, body))


@router.delete("/{projectId}/csp-associations/{cspId}")
def dissociate(projectId: str, cspId: str, request: Request, actor: Actor = Depends(basic_actor)) -> dict[str, Any]:
    c = container(request)
    with c.uow(write=True) as uow:
        return project_json(service.dissociate(uow, c.clock, actor, projectId, cspId))


@router.get("/{projectId}/campaigns")
@read_handler
def project_campaigns(projectId: str, request: Request, page: int = PageQuery, recordsPerPage: int = PerPageQuery,
                      actor: Actor = Depends(basic_actor)) -> dict[str, Any]:
    """The campaigns attributed to the project, newest first: registered for it (``REGISTERED``) or shared
    with the account by one of its CSP ids (``SHARED``, with the link's status)."""
    with container(request).uow() as uow:
        found = service.project_campaigns(uow, actor, projectId, page, recordsPerPage)
    return page_json(page, recordsPerPage, found, attribution_json)


@router.put("/{projectId}/campaigns/{campaignId}", status_code=204)
def attribute_campaign(projectId: str, campaignId: str, request: Request,
                       actor: Actor = Depends(basic_actor)) -> Response:
    """Record that the account registered one of its campaigns for the project."""
    c = container(request)
    with c.uow(write=True) as uow:
        service.attribute_campaign(uow, c.clock, actor, projectId, campaignId)
    return Response(status_code=204)


@router.delete("/{projectId}/campaigns/{campaignId}", status_code=204)
def detach_campaign(projectId: str, campaignId: str, request: Request,
                    actor: Actor = Depends(basic_actor)) -> Response:
    c = container(request)
    with c.uow(write=True) as uow:
        service.detach_campaign(uow, actor, projectId, campaignId)
    return Response(status_code=204)
