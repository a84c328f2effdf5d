"""Native routes of provider registrations and campaign compliance:

- ``GET /api/v1/campaigns/{id}/compliance``: the report kept from the submission, with the registry-wide
  checks run now (the campaign's CSP and the parties of its chain).
- ``GET|PUT /api/v1/provider/settings``: the provider's upstream DCA, review policy and compliance profile.
- ``GET /api/v1/registrations`` (``status``, ``projectId``), ``GET /api/v1/registrations/{id}`` (every review
  round: what was submitted, the report, the decision and its reason), ``POST …/{id}/review``
  ``{"decision": "approve"|"reject", "reason"}`` (a reviewer: the account's own keys), ``POST …/{id}/resubmit``
  (corrected fields, back to review) and ``POST …/{id}/corrections`` (a new registration correcting it).
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Query, Request

from tendlc.api.auth import basic_actor
from tendlc.api.deps import container, json_body, read_handler
from tendlc.api.native_errors import NativeRoute
from tendlc.core.actor import Actor
from tendlc.core.campaigns import compliance
from tendlc.core.errors import FieldProblem, InvalidInput
from tendlc.core.model import iso_millis
from tendlc.core.registrations import review, service, views
from tendlc.core.registrations.model import RegistrationStatus
from tendlc.core.registrations.ports import RegistrationFilter
from tendlc.db.compliance_lookups import SqlComplianceLookups

router = APIRouter(prefix="/api/v1", route_class=NativeRoute, tags=["native: provider registrations"])


@router.get("/campaigns/{campaignId}/compliance")
@read_handler
def campaign_compliance(campaignId: str, request: Request, registry: bool = Query(True),
                        actor: Actor = Depends(basic_actor)) -> dict[str, Any]:
    """The campaign's compliance report; ``registry=false`` skips the registry-wide checks."""
    c = container(request)
    with c.uow() as uow:
        return compliance.report(uow, actor, campaignId, SqlComplianceLookups(uow.conn) if registry else None,
                                 c.clock.now())


@router.get("/provider/settings")
@read_handler
def get_settings(request: Request, actor: Actor = Depends(basic_actor)) -> dict[str, Any]:
    with container(request).uow() as uow:
        return service.settings(uow, actor)


@router.put("/provider/settings")
def put_settings(request: Request, body: Any = Depends(json_body), actor: Actor = Depends(basic_actor)
                 ) -> dict[str, Any]:
    """``{"upstreamDcaId"?, "review"?: "auto"|"manual", "profile"?}``."""
    with container(request).uow(write=True) as uow:
        return service.change_settings(uow, actor, body)


def registration_json(v: views.RegistrationView) -> dict[str, Any]:
    r = v.registration
    registry, internal = views.feedback(v)
    return {
        "id": r.registration_id, "projectId": r.project_id, "name": r.name, "brandId": r.brand_id,
        "usecase": r.usecase, "status": v.status.value, "storedStatus": r.status.value,
        "lastActionStatus": r.last_action_status.value if r.last_action_status else None,
        "campaignId": r.campaign_id, "mock": r.mock, "supersedes": r.supersedes, "supersededBy": r.superseded_by,
        "createdAt": iso_millis(r.created_at), "updatedAt": iso_millis(r.updated_at),
        "campaign": r.request,
        "rounds": [{"submittedAt": iso_millis(x.submitted_at), "campaign": x.request, "compliance": x.compliance,
                    "decision": x.decision.value if x.decision else None, "reason": x.reason,
                    "decidedBy": x.decided_by, "decidedAt": iso_millis(x.decided_at) if x.decided_at else None,
                    "problems": [p.model_dump(mode="json", by_alias=True) for p in x.problems]} for x in r.rounds],
        "feedback": {"registry": [p.model_dump(mode="json", by_alias=True) for p in registry],
                     "internal": [p.model_dump(mode="json", by_alias=True) for p in internal]},
    }


@router.get("/registrations")
@read_handler
def list_registrations(request: Request, status: str | None = None, projectId: str | None = None,
                       actor: Actor = Depends(basic_actor)) -> dict[str, Any]:
    """The account's registrations (a project key: its project's), oldest first; ``status`` on the status the
    customer reads (PROVIDER_REVIEW lists what waits for a reviewer)."""
    if status is not None and status not in tuple(RegistrationStatus):
        raise InvalidInput.of([FieldProblem("status", f"must be one of {', '.join(RegistrationStatus)}")])
    c = container(request)
    with c.uow() as uow:
        found = uow.registrations.search(actor.cnp_id, RegistrationFilter(project_id=actor.project_id or projectId))
        shown = [views.view(uow, c.clock, r) for r in found]
        shown = [v for v in shown if status is None or v.status.value == status]
        return {"totalRecords": len(shown), "records": [registration_json(v) for v in shown]}


@router.get("/registrations/{registrationId}")
@read_handler
def get_registration(registrationId: str, request: Request, actor: Actor = Depends(basic_actor)) -> dict[str, Any]:
    c = container(request)
    with c.uow() as uow:
        return registration_json(views.get(uow, c.clock, actor, None, registrationId))


@router.post("/registrations/{registrationId}/review")
def review_registration(registrationId: str, request: Request, body: Any = Depends(json_body),
                        actor: Actor = Depends(basic_actor)) -> dict[str, Any]:
    if not isinstance(body, dict):
        raise InvalidInput.of([FieldProblem("body", "must be a JSON object")])
    c = container(request)
    with c.uow(write=True) as uow:
        saved = review.decide(uow, c.clock, actor, registrationId, str(body.get("decision", "")), body.get("reason"))
        return registration_json(views.view(uow, c.clock, saved))


def _changes(body: Any) -> dict[str, Any]:
    if not isinstance(body, dict) or not isinstance(body.get("campaign", {}), dict):
        raise InvalidInput.of([FieldProblem("campaign", "must be a JSON object of campaign fields")])
    return dict(body.get("campaign", {}))


@router.post("/registrations/{registrationId}/resubmit")
def resubmit_registration(registrationId: str, request: Request, body: Any = Depends(json_body),
                          actor: Actor = Depends(basic_actor)) -> dict[str, Any]:
    """``{"campaign": {...changed fields, TCR names}}``: back to the provider's review."""
    changes = _core_names(_changes(body))
    c = container(request)
    with c.uow(write=True) as uow:
        saved = service.resubmit(uow, c.clock, actor, None, registrationId, changes, [])
        return registration_json(views.view(uow, c.clock, saved))


@router.post("/registrations/{registrationId}/corrections", status_code=201)
def correct_registration(registrationId: str, request: Request, body: Any = Depends(json_body),
                         actor: Actor = Depends(basic_actor)) -> dict[str, Any]:
    """``{"campaign": {...changed fields}, "name"?}``: a new registration that corrects a rejected one."""
    changes = _core_names(_changes(body))
    name = body.get("name") if isinstance(body.get("name"), str) else None
    c = container(request)
    with c.uow(write=True) as uow:
        made = service.correct(uow, c.ids, c.clock, actor, None, registrationId, changes, name)
        return registration_json(views.view(uow, c.clock, made))


def _core_names(fields: dict[str, Any]) -> dict[str, Any]:
    """TCR wire names (camelCase) to core names, as CampaignRequest reads them."""
    from tendlc.core.campaigns.model import CampaignRequest

    by_alias = {(f.alias or name): name for name, f in CampaignRequest.model_fields.items()}
    unknown = [k for k in fields if k not in by_alias]
    if unknown:
        raise InvalidInput.of([FieldProblem(f"campaign.{k}", "is not a campaign field") for k in unknown])
    return {by_alias[k]: v for k, v in fields.items()}
