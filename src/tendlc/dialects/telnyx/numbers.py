"""``/v2/10dlc/phone_number_campaigns…`` (one number's campaign) and ``/v2/10dlc/phoneNumberAssignmentByProfile…``
(a messaging profile's numbers assigned as one task): parse → core number assignment → translate.

Numbers are provisioned by the number worker: an assignment answers PENDING_ASSIGNMENT and becomes ASSIGNED
once the campaign is accepted by a DCA and registered by a carrier (``core/numbers/assignment.py``)."""

from __future__ import annotations

import dataclasses
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Request, Response

from tendlc.api.auth import bearer_actor
from tendlc.api.deps import container, json_body, read_handler
from tendlc.api.responses import json_response
from tendlc.core.actor import Actor
from tendlc.core.campaigns.model import Campaign
from tendlc.core.errors import FieldProblem, InvalidInput, NotFound
from tendlc.core.model import Page as Found
from tendlc.core.numbers import assigning
from tendlc.core.numbers import service as numbers
from tendlc.core.numbers.e164 import nanp_e164
from tendlc.core.numbers.model import AssignmentStatus, PhoneNumber
from tendlc.dialects.telnyx import translate
from tendlc.dialects.telnyx.common import Page, PerPage
from tendlc.dialects.telnyx.errors import TelnyxRoute

router = APIRouter(prefix="/v2/10dlc", route_class=TelnyxRoute, tags=["Telnyx phone number campaigns"])

Sort = Literal["assignmentStatus", "-assignmentStatus", "createdAt", "-createdAt", "phoneNumber", "-phoneNumber"]


def _wake(request: Request) -> None:
    """Nudge the background workers (the number worker provisions what was just queued)."""
    runner = getattr(request.app.state, "workers", None)
    if runner is not None:
        runner.wake()


def _strings(body: Any, names: tuple[str, ...], required: tuple[str, ...]) -> dict[str, str]:
    """The named string fields of a JSON object body; each missing required or non-string one is named."""
    if not isinstance(body, dict):
        raise InvalidInput.of([FieldProblem("body", "must be a JSON object")])
    problems, found = [], {}
    for name in names:
        value = body.get(name)
        if value is None or value == "":
            if name in required:
                problems.append(FieldProblem(name, "is required"))
        elif not isinstance(value, str):
            problems.append(FieldProblem(name, "must be a string"))
        else:
            found[name] = value
    if problems:
        raise InvalidInput.of(problems)
    return found


def _render(uow: Any, actor: Actor, number: PhoneNumber, former: str | None = None,
            cache: dict[str, Campaign | None] | None = None) -> dict[str, Any]:
    campaign_id = number.campaign_id or former
    seen = cache if cache is not None else {}
    if campaign_id is not None and campaign_id not in seen:
        seen[campaign_id] = uow.campaigns.get(campaign_id)
    campaign = seen.get(campaign_id) if campaign_id is not None else None
    return translate.phone_number_campaign(number, campaign, actor.cnp_id, former)


def _assigned(uow: Any, actor: Actor, phone_number: str) -> PhoneNumber:
    number = numbers.get_number(uow, actor, phone_number)
    if number.campaign_id is None:
        raise NotFound(f"phone number {number.e164} is not assigned to a campaign", ["phoneNumber"])
    return number


# --- phone_number_campaigns -------------------------------------------------------------------------------


@router.post("/phone_number_campaigns")
def assign_number(request: Request, body: Any = Depends(json_body), actor: Actor = Depends(bearer_actor)) -> Response:
    """``{"phoneNumber", "campaignId"}`` (for a campaign shared with the caller, its TCR id — the same id in
    tendlc): the caller's number goes PENDING_ASSIGNMENT; the worker provisions it."""
    c = container(request)
    data = _strings(body, ("phoneNumber", "campaignId"), ("phoneNumber", "campaignId"))
    with c.uow(write=True) as uow:
        number = assigning.assign_number(uow, c.clock, actor, data["phoneNumber"], {"campaignId": data["campaignId"]})
        answer = _render(uow, actor, number)
    _wake(request)
    return json_response(answer)


@router.get("/phone_number_campaigns")
@read_handler
def list_assignments(
    request: Request, actor: Actor = Depends(bearer_actor), page: Page = 1, recordsPerPage: PerPage = 20,
    sort: Sort | None = None,
    telnyx_campaign_id: Annotated[str | None, Query(alias="filter[telnyx_campaign_id]")] = None,
    telnyx_brand_id: Annotated[str | None, Query(alias="filter[telnyx_brand_id]")] = None,
    tcr_campaign_id: Annotated[str | None, Query(alias="filter[tcr_campaign_id]")] = None,
    tcr_brand_id: Annotated[str | None, Query(alias="filter[tcr_brand_id]")] = None,
) -> Response:
    """The caller's numbers that have a campaign (any assignment status), in number order (``sort`` is
    checked and otherwise ignored). tendlc has one id per record: the telnyx_ and tcr_ filters of a kind
    are the same filter (both given and different: nothing matches)."""
    campaign_ids = {x for x in (telnyx_campaign_id, tcr_campaign_id) if x}
    brand_ids = {x for x in (telnyx_brand_id, tcr_brand_id) if x}
    with container(request).uow() as uow:
        if len(campaign_ids) > 1 or len(brand_ids) > 1:
            found: Found[PhoneNumber] = Found(total=0, items=[])
        else:
            where = numbers.number_filter(uow, actor, None, None, next(iter(campaign_ids), None), None)
            where = dataclasses.replace(where, assigned=True, brand_id=next(iter(brand_ids), None))
            found = numbers.list_numbers(uow, actor, where, page, recordsPerPage)
        cache: dict[str, Campaign | None] = {}
        return json_response(translate.page_of(page, found, lambda n: _render(uow, actor, n, cache=cache)))


@router.get("/phone_number_campaigns/{phoneNumber}")
@read_handler
def get_assignment(phoneNumber: str, request: Request, actor: Actor = Depends(bearer_actor)) -> Response:
    with container(request).uow() as uow:
        return json_response(_render(uow, actor, _assigned(uow, actor, phoneNumber)))


@router.put("/phone_number_campaigns/{phoneNumber}")
def reassign_number(phoneNumber: str, request: Request, body: Any = Depends(json_body),
                    actor: Actor = Depends(bearer_actor)) -> Response:
    """``{"phoneNumber", "campaignId"}``: put the number on the campaign. A number still waiting on another
    campaign (PENDING_ASSIGNMENT) is moved; one ASSIGNED elsewhere must be unassigned (DELETE) first."""
    c = container(request)
    data = _strings(body, ("phoneNumber", "campaignId"), ("phoneNumber", "campaignId"))
    path_number, _ = nanp_e164(phoneNumber, "phoneNumber")
    body_number, _ = nanp_e164(data["phoneNumber"], "phoneNumber")
    if path_number is not None and body_number != path_number:
        raise InvalidInput.of([FieldProblem("phoneNumber", f"must be the number of the path ({path_number})")])
    with c.uow(write=True) as uow:
        number = numbers.get_number(uow, actor, phoneNumber)
        if (number.campaign_id not in (None, data["campaignId"])
                and number.assignment_status is AssignmentStatus.PENDING_ASSIGNMENT):
            assigning.assignable_campaign(uow, actor, data["campaignId"])  # refuse before cancelling the old one
            assigning.unassign_number(uow, c.clock, actor, number.e164)
        number = assigning.assign_number(uow, c.clock, actor, number.e164, {"campaignId": data["campaignId"]})
        answer = _render(uow, actor, number)
    _wake(request)
    return json_response(answer)


@router.delete("/phone_number_campaigns/{phoneNumber}")
def unassign_number(phoneNumber: str, request: Request, actor: Actor = Depends(bearer_actor)) -> Response:
    """Unassign: an ASSIGNED number goes PENDING_UNASSIGNMENT (the worker releases it); one not provisioned
    yet is released at once (the answer then has no ``assignmentStatus``)."""
    c = container(request)
    with c.uow(write=True) as uow:
        before = _assigned(uow, actor, phoneNumber)
        number = assigning.unassign_number(uow, c.clock, actor, before.e164)
        answer = _render(uow, actor, number, before.campaign_id)
    _wake(request)
    return json_response(answer)


# --- phoneNumberAssignmentByProfile ---------------------------------------------------------------------


@router.post("/phoneNumberAssignmentByProfile", status_code=202)
def assign_profile(request: Request, body: Any = Depends(json_body), actor: Actor = Depends(bearer_actor)) -> Response:
    """``{"messagingProfileId", "campaignId" | "tcrCampaignId"}`` → 202 ``{messagingProfileId, taskId, …}``:
    every number of the profile (when submitted) assigned to the campaign by the number worker. An
    ``Idempotency-Key`` header makes a re-sent request answer the same task."""
    c = container(request)
    data = _strings(body, ("messagingProfileId", "campaignId", "tcrCampaignId"), ("messagingProfileId",))
    if "campaignId" in data and "tcrCampaignId" in data:
        raise InvalidInput.of([FieldProblem("tcrCampaignId", "give campaignId or tcrCampaignId, not both")])
    if "campaignId" not in data and "tcrCampaignId" not in data:
        raise InvalidInput.of([FieldProblem("campaignId", "is required (or tcrCampaignId for a campaign shared "
                                                          "with you)")])
    with c.uow(write=True) as uow:
        task, new = assigning.submit(uow, c.ids, c.clock, actor, data, request.headers.get("idempotency-key"))
    if new:
        _wake(request)
    answer = json_response(translate.assignment_task(task, "tcrCampaignId" in data), status_code=202)
    if not new:
        answer.headers["Idempotent-Replayed"] = "true"
    return answer


@router.get("/phoneNumberAssignmentByProfile/{taskId}")
@read_handler
def task_status(taskId: str, request: Request, actor: Actor = Depends(bearer_actor)) -> Response:
    with container(request).uow() as uow:
        return json_response(translate.task_status(assigning.visible_task(uow, actor, taskId)))


@router.get("/phoneNumberAssignmentByProfile/{taskId}/phoneNumbers")
@read_handler
def task_numbers(taskId: str, request: Request, actor: Actor = Depends(bearer_actor), page: Page = 1,
                 recordsPerPage: PerPage = 20) -> Response:
    """Each number of the task and where it stands, in number order; a page past the end is empty
    (``page`` and ``totalRecords`` are tendlc's additions to Telnyx's ``{records}``)."""
    with container(request).uow() as uow:
        found = assigning.task_items(uow, actor, taskId, page, recordsPerPage)
    return json_response(translate.page_of(page, found, translate.task_phone_number))
