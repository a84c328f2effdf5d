"""Native number assignment: ``/api/v1/number-assignments`` (bulk jobs by messaging profile or by list, as
JSON or a CSV upload; 202 with a task id; task status; per-number status; retry),
``/api/v1/numbers/{e164}/campaign`` (one number) and the sandbox's forced provisioning failure."""

from __future__ import annotations

import json
from typing import Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from tendlc.api.auth import basic_actor
from tendlc.api.deps import container, json_body, nul_fields, read_handler
from tendlc.api.native_errors import NativeRoute
from tendlc.api.native_numbers import number_json
from tendlc.api.native_projects import PageQuery, page_json
from tendlc.api.sandbox import operator
from tendlc.core.actor import Actor
from tendlc.core.errors import FieldProblem, InvalidInput
from tendlc.core.model import iso_millis
from tendlc.core.numbers import assigning, provisioning
from tendlc.core.numbers.assignment_ports import AssignmentTask, TaskItem
from tendlc.core.sandbox.model import OperatorKey

router = APIRouter(prefix="/api/v1", route_class=NativeRoute, tags=["native: number assignment"])
sandbox_router = APIRouter(prefix="/api/v1/sandbox", route_class=NativeRoute, tags=["sandbox"])

MAX_UPLOAD_BYTES = 8 * 1024 * 1024  # 100,000 numbers as JSON or CSV, with room to spare
ItemsPerPage = Query(20, ge=1, le=1_000_000_000)


def task_json(task: AssignmentTask) -> dict[str, Any]:
    return {"taskId": task.task_id, "status": task.status.value, "campaignId": task.campaign_id,
            "messagingProfileId": task.messaging_profile_id, "source": task.source,
            "idempotencyKey": task.idempotency_key, "projectId": task.project_id,
            "counts": {k: task.counts.get(k, 0) for k in ("pending", "waiting", "assigned", "failed")},
            "totalNumbers": sum(task.counts.values()),
            "createdAt": iso_millis(task.created_at), "updatedAt": iso_millis(task.updated_at)}


def item_json(item: TaskItem) -> dict[str, Any]:
    return {"taskId": item.task_id, "phoneNumber": item.e164, "status": item.status, "reason": item.reason}


async def _upload(request: Request) -> Any:
    """The job request: a JSON object, or (``Content-Type: text/csv``) a CSV of numbers with the campaign
    and profile in the query."""
    raw = bytearray()
    async for chunk in request.stream():
        raw += chunk
        if len(raw) > MAX_UPLOAD_BYTES:
            raise InvalidInput.of([FieldProblem("body", f"the body is larger than {MAX_UPLOAD_BYTES:,} bytes")])
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    try:
        text = bytes(raw).decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InvalidInput.of([FieldProblem("body", "the body is not UTF-8 text")]) from None
    if "\x00" in text:
        raise InvalidInput.of([FieldProblem("body", "must not contain NUL characters")])
    if kind in ("text/csv", "text/plain", "application/csv"):
        body: dict[str, Any] = {"numbers": assigning.parse_csv(text)}
        for name in ("campaignId", "tcrCampaignId", "idempotencyKey"):
            if request.query_params.get(name):
                body[name] = request.query_params[name]
        if not body["numbers"]:
            raise InvalidInput.of([FieldProblem("numbers", "the CSV holds no numbers")])
        return body
    try:
        data = json.loads(text) if text.strip() else {}
    except ValueError as exc:
        raise InvalidInput.of([FieldProblem("body", f"the body is not valid JSON ({exc})")]) from None
    bad = nul_fields(data)
    if bad:
        raise InvalidInput.of([FieldProblem(name, "must not contain NUL characters") for name in bad])
    return data


def _wake(request: Request) -> None:
    runner = getattr(request.app.state, "workers", None)
    if runner is not None:
        runner.wake()


@router.post("/number-assignments")
async def submit(request: Request, actor: Actor = Depends(basic_actor)) -> JSONResponse:
    """``{"campaignId", "messagingProfileId"}`` or ``{"campaignId", "numbers": [...]}`` (or a ``text/csv``
    body with ``?campaignId=``); ``Idempotency-Key`` header or ``idempotencyKey``. 202 with the task."""
    body = await _upload(request)
    key = request.headers.get("idempotency-key")
    c = container(request)

    def work() -> tuple[AssignmentTask, bool]:
        with c.uow(write=True) as uow:
            return assigning.submit(uow, c.ids, c.clock, actor, body, key)

    task, new = await run_in_threadpool(work)
    if new:
        _wake(request)
    headers = {} if new else {"Idempotent-Replayed": "true"}
    return JSONResponse(task_json(task), status_code=202, headers=headers)


@router.get("/number-assignments/{taskId}")
@read_handler
def get_task(taskId: str, request: Request, actor: Actor = Depends(basic_actor)) -> dict[str, Any]:
    with container(request).uow() as uow:
        return task_json(assigning.visible_task(uow, actor, taskId))


@router.get("/number-assignments/{taskId}/numbers")
@read_handler
def task_numbers(taskId: str, request: Request, page: int = PageQuery, recordsPerPage: int = ItemsPerPage,
                 actor: Actor = Depends(basic_actor)) -> dict[str, Any]:
    """Per-number status in number order: pending, waiting (with why), assigned, failed (with why)."""
    with container(request).uow() as uow:
        found = assigning.task_items(uow, actor, taskId, page, recordsPerPage)
    return page_json(page, recordsPerPage, found, item_json)


@router.post("/number-assignments/{taskId}/retry")
def retry(taskId: str, request: Request, actor: Actor = Depends(basic_actor)) -> JSONResponse:
    """Queue the task's failed numbers again (assigned ones are left alone)."""
    c = container(request)
    with c.uow(write=True) as uow:
        task = assigning.retry(uow, c.clock, actor, taskId)
    _wake(request)
    return JSONResponse(task_json(task), status_code=202)


@router.put("/numbers/{phoneNumber}/campaign")
def assign_number(phoneNumber: str, request: Request, body: Any = Depends(json_body),
                  actor: Actor = Depends(basic_actor)) -> dict[str, Any]:
    """``{"campaignId"}``: the number goes PENDING_ASSIGNMENT; the worker provisions it (ASSIGNED) once the
    campaign is accepted by a DCA and registered by a carrier. Refusals say why."""
    c = container(request)
    with c.uow(write=True) as uow:
        number = assigning.assign_number(uow, c.clock, actor, phoneNumber, body)
    _wake(request)
    return number_json(number)


@router.delete("/numbers/{phoneNumber}/campaign")
def unassign_number(phoneNumber: str, request: Request, actor: Actor = Depends(basic_actor)) -> dict[str, Any]:
    """Unassign: an ASSIGNED number goes PENDING_UNASSIGNMENT and the worker releases it."""
    c = container(request)
    with c.uow(write=True) as uow:
        number = assigning.unassign_number(uow, c.clock, actor, phoneNumber)
    _wake(request)
    return number_json(number)


@sandbox_router.post("/numbers/{phoneNumber}/fail")
def force_failure(phoneNumber: str, request: Request, body: Any = Depends(json_body),
                  key: OperatorKey = Depends(operator)) -> dict[str, Any]:
    """``{"reason"}``: the number's next provisioning (assignment or unassignment) fails with the reason."""
    c = container(request)
    with c.uow(write=True) as uow:
        return provisioning.force_failure(uow, c.clock, f"operator:{key.key_id}", phoneNumber, body)
