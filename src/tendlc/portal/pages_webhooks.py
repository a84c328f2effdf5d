"""Webhooks of an account: its endpoints, the deliveries with every attempt, redelivery."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request, Response
from starlette.datastructures import FormData

from tendlc.core.errors import DomainError
from tendlc.core.webhooks import service
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
from tendlc.webhooks.addresses import private_allowed, url_check

router = APIRouter(prefix="/portal/webhooks", route_class=PortalRoute)
PER_PAGE = 20
DELIVERY_STATUSES = ("pending", "succeeded", "failed", "cancelled")
NOTICES = {"deleted": "Endpoint deleted.", "redelivered": "Delivery queued to be sent again."}


def _page(request: Request, v: Viewer, status: int = 200, **extra: Any) -> Response:
    c = container(request)
    page = page_number(request.query_params.get("page"))
    wanted = request.query_params.get("status", "")
    wanted = wanted if wanted in DELIVERY_STATUSES else ""
    with c.uow() as uow:
        endpoints = service.endpoints(uow, v.as_actor())
        found = service.deliveries(uow, v.as_actor(), service.delivery_filter(wanted or None, None, None, None), page,
                                   PER_PAGE)
    context: dict[str, Any] = {"errors": {}, "values": {}, "secret": None,
                               "notice": NOTICES.get(request.query_params.get("done", ""))}
    context.update(extra)
    return render(request, "webhooks.html", status, endpoints=endpoints, deliveries=found.items, status=wanted,
                  statuses=DELIVERY_STATUSES, pager=Pager(page, PER_PAGE, found.total), **context)


@router.get("")
def webhooks(request: Request, v: Viewer = Depends(account_viewer)) -> Response:
    return _page(request, v)


@router.post("/endpoints")
def add_endpoint(request: Request, v: Viewer = Depends(account_viewer), form: FormData = Depends(csrf_form)
                 ) -> Response:
    c = container(request)
    url = str(form.get("url") or "").strip()
    types = [t.strip() for t in str(form.get("eventTypes") or "").split(",") if t.strip()]
    body: dict[str, Any] = {"url": url, **({"eventTypes": types} if types else {})}
    try:
        with c.uow(write=True) as uow:
            endpoint, secret = service.create_endpoint(uow, c.ids, c.clock, v.as_actor(), body,
                                                       check_url=url_check(private_allowed(c.settings)))
    except DomainError as exc:
        values = {"url": url, "eventTypes": form.get("eventTypes")}
        return _page(request, v, 422, errors=field_errors(exc), values=values)
    return _page(request, v, secret=secret, notice=f"Endpoint {endpoint.id} added.")


@router.post("/endpoints/{endpoint_id}/delete")
def delete_endpoint(endpoint_id: str, request: Request, v: Viewer = Depends(account_viewer),
                    form: FormData = Depends(csrf_form)) -> Response:
    c = container(request)
    with c.uow(write=True) as uow:
        service.delete_endpoint(uow, c.clock, v.as_actor(), endpoint_id)
    return redirect("/portal/webhooks?done=deleted")


@router.post("/deliveries/{delivery_id}/redeliver")
def redeliver(delivery_id: str, request: Request, v: Viewer = Depends(account_viewer),
              form: FormData = Depends(csrf_form)) -> Response:
    c = container(request)
    with c.uow(write=True) as uow:
        service.redeliver(uow, c.clock, v.as_actor(), delivery_id)
    runner = getattr(request.app.state, "workers", None)
    if runner is not None:
        runner.wake()
    return redirect("/portal/webhooks?done=redelivered")
