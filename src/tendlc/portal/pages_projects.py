"""A provider's customer projects and the CSP ids associated with each (campaigns those CSPs share with the
provider are attributed to the project)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request, Response
from starlette.datastructures import FormData

from tendlc.core.accounts import project_service as projects
from tendlc.core.errors import DomainError
from tendlc.portal.web import (
    Pager,
    PortalRoute,
    Viewer,
    account_viewer,
    container,
    csrf_form,
    field_errors,
    page_number,
    redirect,
    render,
)

router = APIRouter(prefix="/portal/projects", route_class=PortalRoute)
PER_PAGE = 20
NOTICES = {"created": "Project created.", "associated": "CSP ids associated.", "dissociated": "CSP id removed."}


def _ids(raw: Any) -> list[str]:
    return [x.strip() for x in str(raw or "").replace(",", " ").split() if x.strip()]


def _list(request: Request, v: Viewer, errors: dict[str, str] | None = None, values: dict[str, Any] | None = None,
          code: int = 200) -> Response:
    page = page_number(request.query_params.get("page"))
    with container(request).uow() as uow:
        found = projects.list_projects(uow, v.as_actor(), None, page, PER_PAGE)
    return render(request, "projects.html", code, projects=found.items, pager=Pager(page, PER_PAGE, found.total),
                  errors=errors or {}, values=values or {}, notice=NOTICES.get(request.query_params.get("done", "")))


@router.get("")
def list_projects(request: Request, v: Viewer = Depends(account_viewer)) -> Response:
    return _list(request, v)


@router.post("")
def create_project(request: Request, v: Viewer = Depends(account_viewer), form: FormData = Depends(csrf_form)
                   ) -> Response:
    c = container(request)
    values = {"name": str(form.get("name") or ""), "externalCspIds": str(form.get("externalCspIds") or "")}
    try:
        with c.uow(write=True) as uow:
            projects.create_project(uow, c.ids, c.clock, v.as_actor(),
                                    {"name": values["name"].strip(), "externalCspIds": _ids(values["externalCspIds"])})
    except DomainError as exc:
        return _list(request, v, field_errors(exc), values, 422)
    return redirect("/portal/projects?done=created")


@router.post("/{project_id}/associate")
def associate(project_id: str, request: Request, v: Viewer = Depends(account_viewer),
              form: FormData = Depends(csrf_form)) -> Response:
    c = container(request)
    try:
        with c.uow(write=True) as uow:
            # The page has one form per project; each field is named "<projectId>:cspIds" so ids stay unique.
            given = form.get(f"{project_id}:cspIds", form.get("cspIds"))
            projects.associate(uow, c.clock, v.as_actor(), project_id, {"cspIds": _ids(given)})
    except DomainError as exc:
        if exc.code == "NOT_FOUND" and "projectId" in exc.fields:
            raise
        return _list(request, v, {f"{project_id}:{k}": m for k, m in field_errors(exc).items()}, None, 422)
    return redirect("/portal/projects?done=associated")


@router.post("/{project_id}/dissociate/{csp_id}")
def dissociate(project_id: str, csp_id: str, request: Request, v: Viewer = Depends(account_viewer),
               form: FormData = Depends(csrf_form)) -> Response:
    c = container(request)
    with c.uow(write=True) as uow:
        projects.dissociate(uow, c.clock, v.as_actor(), project_id, csp_id)
    return redirect("/portal/projects?done=dissociated")
