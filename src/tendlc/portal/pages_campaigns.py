"""Campaigns of a CSP: the list with each one's readiness, the create form with its live compliance check and
carrier terms, the campaign page (fields, report, chain picture, carriers, numbers, timeline) and its actions:
share, fix (edit), nudge, deactivate."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request, Response
from fastapi.responses import JSONResponse
from starlette.datastructures import FormData

from tendlc.core.accounts import service as accounts
from tendlc.core.actor import Actor
from tendlc.core.brands import service as brands
from tendlc.core.campaigns import service
from tendlc.core.carriers import reviews
from tendlc.core.catalog.registry import NUDGE_INTENTS
from tendlc.core.catalog.usecases import SUB_USECASES, USECASES
from tendlc.core.errors import DomainError
from tendlc.core.ports import BrandFilter, CampaignFilter, UnitOfWork
from tendlc.core.sharing import service as sharing
from tendlc.core.sharing import views
from tendlc.portal import forms
from tendlc.portal.campaign_reads import (
    campaign_numbers,
    campaign_readiness,
    campaign_report,
    live_report,
    live_terms,
    readiness_of,
    timeline,
)
from tendlc.portal.pictures import chain_picture
from tendlc.portal.web import (
    Pager,
    PortalRoute,
    Viewer,
    account_viewer,
    container,
    csrf_form,
    field_errors,
    form_dict,
    page_number,
    redirect,
    render,
    templates,
)

router = APIRouter(prefix="/portal/campaigns", route_class=PortalRoute)
PER_PAGE = 20
NOTICES = {"created": "Campaign registered.", "shared": "Campaign shared.", "updated": "Campaign updated.",
           "nudged": "Your partner was nudged.", "deactivated": "Campaign deactivated."}


def _options(uow: UnitOfWork, actor: Actor) -> dict[str, Any]:
    own = brands.search(uow, actor, BrandFilter(status="ACTIVE"), 1, 500).items
    return {
        "brand_options": [(b.brand_id, f"{b.display_name} ({b.brand_id}, {b.identity_status})") for b in own],
        "usecase_options": [(u.name, u.display_name) for u in USECASES.values()],
        "sub_usecase_options": [(name, USECASES[name].display_name) for name in SUB_USECASES],
        "flag_labels": forms.FLAG_LABELS,
        "new_flags": forms.NEW_FLAGS,
        "content_flags": forms.CONTENT_FLAGS,
    }


def _live(request: Request, v: Viewer, values: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any] | None]:
    c = container(request)
    body = forms.new_campaign_body(values)
    with c.uow() as uow:
        report = live_report(uow, v.as_actor(), body)
        terms = live_terms(uow, c, v.as_actor(), body.get("brandId", ""), body.get("usecase", ""))
    return report, terms


def _builder(request: Request, v: Viewer, values: dict[str, Any], errors: dict[str, str], status: int = 200
             ) -> Response:
    report, terms = _live(request, v, values)
    with container(request).uow() as uow:
        options = _options(uow, v.as_actor())
    return render(request, "campaign_new.html", status, values=values, errors=errors, report=report, terms=terms,
                  **options)


@router.get("")
def list_campaigns(request: Request, v: Viewer = Depends(account_viewer)) -> Response:
    page = page_number(request.query_params.get("page"))
    status = request.query_params.get("status") or None
    status = status if status in ("ACTIVE", "EXPIRED") else None
    c = container(request)
    actor = v.as_actor()
    with c.uow() as uow:
        found = service.search(uow, actor, CampaignFilter(status=status), page, PER_PAGE)
        ready = readiness_of(uow, actor, found.items)
        rows = [(campaign, ready[campaign.campaign_id]) for campaign in found.items]
    return render(request, "campaigns.html", rows=rows, status=status or "", pager=Pager(page, PER_PAGE, found.total))


@router.get("/new")
def new_campaign(request: Request, v: Viewer = Depends(account_viewer)) -> Response:
    values: dict[str, Any] = {"brandId": request.query_params.get("brandId", ""), "subscriberOptin": "true",
                              "subscriberOptout": "true", "subscriberHelp": "true", "autoRenewal": "true",
                              "optoutKeywords": "STOP", "helpKeywords": "HELP", "subUsecases": []}
    return _builder(request, v, values, {})


@router.post("/check")
def check_campaign(request: Request, v: Viewer = Depends(account_viewer), form: FormData = Depends(csrf_form)
                   ) -> JSONResponse:
    """The live check of the create form (JSON): the findings and the carrier terms, and both as HTML."""
    values = form_dict(form)
    report, terms = _live(request, v, values)
    html = templates.get_template("campaign_live.html").render(report=report, terms=terms)
    return JSONResponse({"report": report, "terms": terms, "html": html})


@router.post("")
def create_campaign(request: Request, v: Viewer = Depends(account_viewer), form: FormData = Depends(csrf_form)
                    ) -> Response:
    values = form_dict(form)
    values["subUsecases"] = [s for s in form.getlist("subUsecases") if isinstance(s, str)]
    if values.get("action") == "check":
        return _builder(request, v, values, {})
    c = container(request)
    try:
        with c.uow(write=True) as uow:
            campaign = service.register(uow, c.ids, c.clock, v.as_actor(), forms.new_campaign_body(values))
    except DomainError as exc:
        return _builder(request, v, values, field_errors(exc), 422)
    return redirect(f"/portal/campaigns/{campaign.campaign_id}?done=created")


@router.get("/{campaign_id}")
def show_campaign(campaign_id: str, request: Request, v: Viewer = Depends(account_viewer)) -> Response:
    return _campaign_page(request, v, campaign_id, {}, 200)


def _campaign_page(request: Request, v: Viewer, campaign_id: str, errors: dict[str, str], status: int) -> Response:
    c = container(request)
    actor = v.as_actor()
    with c.uow() as uow:
        campaign = service.get(uow, actor, campaign_id)
        brand = uow.brands.get(campaign.brand_id)
        chain = views.chain_view(uow, c.clock, actor, campaign_id)
        mno_reviews = reviews.reviews_of(uow, actor, campaign_id)
        report = campaign_report(uow, campaign)
        events = timeline(uow, actor.cnp_id, campaign_id)
        numbers = campaign_numbers(uow, actor, campaign_id)
        readiness = campaign_readiness(uow, actor, campaign_id)
        partners = [(a.cnp_id, f"{a.name} ({a.cnp_id}, {a.kind.value})") for a in accounts.partners(uow, actor.cnp_id)]
    top = chain.hops[-1].link if chain.hops else None
    notice = NOTICES.get(request.query_params.get("done", ""))
    return render(request, "campaign.html", status, campaign=campaign, brand=brand, chain=chain,
                  picture=chain_picture(chain, actor.cnp_id), reviews=mno_reviews, report=report, events=events,
                  numbers=numbers, partners=partners, readiness=readiness, top=top,
                  can_share=campaign.status == "ACTIVE" and (top is None or top.sharing_status.value == "DECLINED"),
                  nudge_intents=NUDGE_INTENTS, errors=errors, notice=notice, flag_labels=forms.FLAG_LABELS)


@router.get("/{campaign_id}/edit")
def edit_campaign(campaign_id: str, request: Request, v: Viewer = Depends(account_viewer)) -> Response:
    with container(request).uow() as uow:
        campaign = service.get(uow, v.as_actor(), campaign_id)
    return render(request, "campaign_edit.html", campaign=campaign, values=forms.campaign_values(campaign), errors={},
                  flag_labels=forms.FLAG_LABELS, flags=(*forms.CONTENT_FLAGS, "autoRenewal"))


@router.post("/{campaign_id}/edit")
def save_campaign(campaign_id: str, request: Request, v: Viewer = Depends(account_viewer),
                  form: FormData = Depends(csrf_form)) -> Response:
    c = container(request)
    values = form_dict(form)
    try:
        with c.uow(write=True) as uow:
            service.update(uow, c.clock, v.as_actor(), campaign_id, forms.edit_body(values))
    except DomainError as exc:
        with c.uow() as uow:
            campaign = service.get(uow, v.as_actor(), campaign_id)
        return render(request, "campaign_edit.html", 422, campaign=campaign, values=values, errors=field_errors(exc),
                      flag_labels=forms.FLAG_LABELS, flags=(*forms.CONTENT_FLAGS, "autoRenewal"))
    return redirect(f"/portal/campaigns/{campaign_id}?done=updated")


def _act(request: Request, v: Viewer, campaign_id: str, done: str, action: Any) -> Response:
    c = container(request)
    try:
        with c.uow(write=True) as uow:
            action(uow, c)
    except DomainError as exc:
        if exc.code == "NOT_FOUND" and "campaignId" in exc.fields:
            raise
        return _campaign_page(request, v, campaign_id, field_errors(exc), 422)
    return redirect(f"/portal/campaigns/{campaign_id}?done={done}")


@router.post("/{campaign_id}/share")
def share_campaign(campaign_id: str, request: Request, v: Viewer = Depends(account_viewer),
                   form: FormData = Depends(csrf_form)) -> Response:
    upstream = str(form.get("upstreamCnpId") or "")
    return _act(request, v, campaign_id, "shared",
                lambda uow, c: sharing.share(uow, c.ids, c.clock, v.as_actor(), campaign_id, upstream))


@router.post("/{campaign_id}/nudge")
def nudge_campaign(campaign_id: str, request: Request, v: Viewer = Depends(account_viewer),
                   form: FormData = Depends(csrf_form)) -> Response:
    body = {"nudgeIntent": str(form.get("nudgeIntent") or ""), "description": str(form.get("description") or "")
            or None}
    return _act(request, v, campaign_id, "nudged",
                lambda uow, c: sharing.nudge(uow, c.clock, v.as_actor(), campaign_id, body))


@router.post("/{campaign_id}/deactivate")
def deactivate_campaign(campaign_id: str, request: Request, v: Viewer = Depends(account_viewer),
                        form: FormData = Depends(csrf_form)) -> Response:
    if form.get("confirm") != "yes":
        return _campaign_page(request, v, campaign_id, {"confirm": "Tick the box to confirm."}, 422)
    return _act(request, v, campaign_id, "deactivated",
                lambda uow, c: service.deactivate(uow, c.clock, v.as_actor(), campaign_id))
