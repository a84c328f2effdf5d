"""The partner's side (a CNP or a DCA): the "shared with me" queue, a campaign in the view the role allows
with its compliance report, and the decision: accept (DCA), forward (CNP) or decline with an explanation."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from fastapi import APIRouter, Depends, Request, Response
from starlette.datastructures import FormData

from tendlc.core.accounts import service as accounts
from tendlc.core.carriers import reviews
from tendlc.core.catalog.registry import MNOS, REJECTION_CATEGORIES
from tendlc.core.errors import DomainError
from tendlc.core.sharing import service as sharing
from tendlc.core.sharing import views
from tendlc.core.sharing.ports import SharedFilter, SharedRole
from tendlc.portal.campaign_reads import campaign_report
from tendlc.portal.pictures import chain_picture
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

router = APIRouter(prefix="/portal/shared", route_class=PortalRoute)
PER_PAGE = 20
STATUSES = ("PENDING", "ACCEPTED", "DECLINED")
AGES = (("", "Any age"), ("1", "Older than a day"), ("7", "Older than a week"), ("30", "Older than 30 days"))
NOTICES = {"accepted": "Campaign accepted: the chain is complete and carrier review starts.",
           "forwarded": "Campaign forwarded upstream.", "declined": "Campaign declined; its CSP was told why."}
CATEGORY_OPTIONS = [(x, x.replace("_", " ").capitalize()) for x in REJECTION_CATEGORIES]
HIDDEN_FIELDS = frozenset({"compliance", "mno_metadata", "version", "mno_ids"})


@router.get("")
def shared_with_me(request: Request, v: Viewer = Depends(account_viewer)) -> Response:
    c = container(request)
    page = page_number(request.query_params.get("page"))
    status = request.query_params.get("status", "")
    status = status if status in STATUSES else ""
    age = request.query_params.get("age", "")
    age = age if age in dict(AGES) else ""
    end = (c.clock.now() - timedelta(days=int(age))).date() if age else None
    where = SharedFilter(sharing_statuses=(status,) if status else (), end_date=end)
    with c.uow() as uow:
        found = views.search_shared(uow, c.clock, v.as_actor(), SharedRole.WITH_ME, where, page, PER_PAGE)
    now = c.clock.now()
    rows = [(r, (now - r.link.shared_date).days) for r in found.items]
    return render(request, "shared.html", rows=rows, status=status, age=age, statuses=STATUSES, ages=AGES,
                  pager=Pager(page, PER_PAGE, found.total))


def _fields(view: views.PartnerView) -> tuple[dict[str, Any], dict[str, Any] | None]:
    if view.full:
        campaign = {k: v for k, v in view.campaign.model_dump().items() if k not in HIDDEN_FIELDS}
        brand = view.brand.model_dump() if view.brand is not None else None
        return campaign, brand
    return view.fields, view.brand_fields


def _page(request: Request, v: Viewer, campaign_id: str, errors: dict[str, str], status: int) -> Response:
    c = container(request)
    actor = v.as_actor()
    with c.uow() as uow:
        view = views.partner_campaign(uow, c.clock, actor, campaign_id)
        chain = views.chain_view(uow, c.clock, actor, campaign_id)
        report = campaign_report(uow, view.campaign)
        carriers = reviews.partner_operation_status(uow, c.clock, actor, campaign_id) if view.full else {}
        partners = [(a.cnp_id, f"{a.name} ({a.cnp_id}, {a.kind.value})") for a in accounts.partners(uow, actor.cnp_id)
                    if a.cnp_id != view.campaign.csp_id]
    incoming = view.chain.incoming(actor.cnp_id)
    fields, brand_fields = _fields(view)
    return render(request, "partner_campaign.html", status, view=view, fields=fields, brand_fields=brand_fields,
                  chain=chain, picture=chain_picture(chain, actor.cnp_id), report=report, carriers=carriers,
                  incoming=incoming, partners=partners, categories=CATEGORY_OPTIONS,
                  mnos=[(str(k), v[0]) for k, v in MNOS.items()], errors=errors,
                  notice=NOTICES.get(request.query_params.get("done", "")), campaign_id=campaign_id,
                  mno_names={str(k): v[0] for k, v in MNOS.items()})


@router.get("/{campaign_id}")
def partner_campaign(campaign_id: str, request: Request, v: Viewer = Depends(account_viewer)) -> Response:
    return _page(request, v, campaign_id, {}, 200)


def _decide(request: Request, v: Viewer, campaign_id: str, done: str, action: Any) -> Response:
    c = container(request)
    try:
        with c.uow(write=True) as uow:
            action(uow, c)
    except DomainError as exc:
        if exc.code == "NOT_FOUND" and "campaignId" in exc.fields:
            raise
        return _page(request, v, campaign_id, field_errors(exc), 422)
    return redirect(f"/portal/shared/{campaign_id}?done={done}")


@router.post("/{campaign_id}/accept")
def accept(campaign_id: str, request: Request, v: Viewer = Depends(account_viewer),
           form: FormData = Depends(csrf_form)) -> Response:
    excluded = [int(x) for x in form.getlist("excludedMnoIds") if isinstance(x, str) and x.isdigit()]
    return _decide(request, v, campaign_id, "accepted",
                   lambda uow, c: sharing.accept(uow, c.ids, c.clock, v.as_actor(), campaign_id, excluded))


@router.post("/{campaign_id}/forward")
def forward(campaign_id: str, request: Request, v: Viewer = Depends(account_viewer),
            form: FormData = Depends(csrf_form)) -> Response:
    upstream = str(form.get("upstreamCnpId") or "")
    return _decide(request, v, campaign_id, "forwarded",
                   lambda uow, c: sharing.forward(uow, c.ids, c.clock, v.as_actor(), campaign_id, upstream))


@router.post("/{campaign_id}/decline")
def decline(campaign_id: str, request: Request, v: Viewer = Depends(account_viewer),
            form: FormData = Depends(csrf_form)) -> Response:
    explanation = str(form.get("explanation") or "").strip() or None
    categories = [x for x in form.getlist("rejectionCategory") if isinstance(x, str)]
    return _decide(request, v, campaign_id, "declined",
                   lambda uow, c: sharing.decline(uow, c.clock, v.as_actor(), campaign_id, explanation, categories))
