"""A provider's numbers: its inventory and messaging profiles, and putting numbers on campaigns — one number,
a list, a CSV upload or a whole messaging profile. A bulk job is a task of the core (``numbers.assigning``,
with an idempotency key from the form so a double submit gives the same task); its page shows a progress bar
(followed by ``portal.js`` through a small JSON status, or refreshed by the browser when JavaScript is off)
and the per-number results, paged."""

from __future__ import annotations

import secrets
from typing import Any

from fastapi import APIRouter, Depends, Request, Response
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData, UploadFile

from tendlc.core.campaigns import service as campaigns
from tendlc.core.errors import DomainError, FieldProblem, InvalidInput
from tendlc.core.numbers import assigning, profiles
from tendlc.core.numbers import service as numbers
from tendlc.core.numbers.assignment import ItemStatus, TaskStatus
from tendlc.core.numbers.assignment_ports import AssignmentTask
from tendlc.core.numbers.model import UNASSIGNED, AssignmentStatus
from tendlc.portal.web import (
    Pager,
    PortalRoute,
    Viewer,
    account_viewer,
    container,
    csrf_form,
    page_number,
    redirect,
    render,
)

router = APIRouter(prefix="/portal/numbers", route_class=PortalRoute)
PER_PAGE = 50
ITEMS_PER_PAGE = 50
MAX_UPLOAD_BYTES = 8 * 1024 * 1024
KINDS = ("one", "list", "csv", "profile")
MAIN_FIELD = {"one": "phoneNumber", "list": "numbers", "csv": "csv", "profile": "messagingProfileId",
              "add": "numbers", "generate": "npa", "newprofile": "name"}
NOTICES = {"added": "Numbers added to your inventory.", "generated": "Numbers generated into your inventory.",
           "profile": "Messaging profile created.", "assigned": "The number is being put on the campaign.",
           "retried": "The failed numbers were queued again."}
FINISHED = (TaskStatus.COMPLETED, TaskStatus.FAILED)


def _split(raw: Any) -> list[str]:
    """Numbers typed in a text area: one per line, or separated by commas, semicolons or spaces."""
    text = raw if isinstance(raw, str) else ""
    return [x.strip() for x in text.replace(",", " ").replace(";", " ").split() if x.strip()]


def _text(form: FormData, name: str) -> str:
    value = form.get(name)
    return value.strip() if isinstance(value, str) else ""


def _errors(exc: DomainError, kind: str) -> dict[str, str]:
    """The core's problems as ``"{form}:{field}"`` → message, so each shows next to its field in its form.
    ``numbers[3]`` (a number of a list or a CSV) becomes the list's (or the upload's) field, naming the number."""
    main = MAIN_FIELD[kind]
    if isinstance(exc, InvalidInput) and exc.problems:
        problems = list(exc.problems)
    else:
        problems = [FieldProblem(f, exc.message) for f in exc.fields[:1]] or [FieldProblem("", exc.message)]
    out: dict[str, str] = {}
    for p in problems:
        field, message = p.field, p.message
        if field.startswith("numbers[") and field.endswith("]") and field[8:-1].isdigit():
            field, message = main, f"number {int(field[8:-1]) + 1}: {message}"
        elif field in ("numbers", "body", "phoneNumber"):
            field = main
        elif field == "tcrCampaignId":
            field = "campaignId"
        elif field in ("idempotencyKey", "sandbox"):
            field = ""
        key = f"{kind}:{field}" if field else ""
        out[key] = f"{out[key]}; {message}" if key in out else message
    return out


def _wake(request: Request) -> None:
    runner = getattr(request.app.state, "workers", None)
    if runner is not None:
        runner.wake()


def _page(request: Request, v: Viewer, errors: dict[str, str] | None = None, values: dict[str, str] | None = None,
          code: int = 200) -> Response:
    actor = v.as_actor()
    page = page_number(request.query_params.get("page"))
    profile_id = request.query_params.get("profile") or None
    status = request.query_params.get("status") or None
    if status not in (None, UNASSIGNED, *AssignmentStatus.__members__):
        status = None
    with container(request).uow() as uow:
        if profile_id is not None:
            try:
                profiles.get_profile(uow, actor, profile_id)
            except DomainError:
                profile_id = None
        where = numbers.number_filter(uow, actor, None, profile_id, None, status)
        found = numbers.list_numbers(uow, actor, where, page, PER_PAGE)
        owned = profiles.list_profiles(uow, actor, None, 1, profiles.PROFILES_MAX_PER_PAGE).items
        counted = [profiles.get_profile(uow, actor, p.profile_id) for p in owned]
    shown = dict(values or {})
    for kind in KINDS:
        shown.setdefault(f"{kind}:campaignId", request.query_params.get("campaignId", ""))
        shown[f"{kind}:idempotencyKey"] = secrets.token_urlsafe(16)
    return render(request, "numbers.html", code, numbers=found.items, pager=Pager(page, PER_PAGE, found.total),
                  profiles=counted, profile_options=[(p.profile_id, f"{p.name} ({n} numbers)") for p, n in counted],
                  profile=profile_id or "", status=status or "", statuses=[UNASSIGNED, *AssignmentStatus.__members__],
                  errors=errors or {}, values=shown, notice=NOTICES.get(request.query_params.get("done", "")))


@router.get("")
def list_numbers(request: Request, v: Viewer = Depends(account_viewer)) -> Response:
    return _page(request, v)


@router.post("/add")
def add_numbers(request: Request, v: Viewer = Depends(account_viewer), form: FormData = Depends(csrf_form)
                ) -> Response:
    c = container(request)
    values = {"add:numbers": _text(form, "numbers"), "add:messagingProfileId": _text(form, "messagingProfileId")}
    body: dict[str, Any] = {"numbers": _split(values["add:numbers"])}
    if values["add:messagingProfileId"]:
        body["messagingProfileId"] = values["add:messagingProfileId"]
    try:
        if not body["numbers"]:
            raise InvalidInput.of([FieldProblem("numbers", "type at least one number")])
        with c.uow(write=True) as uow:
            numbers.add_numbers(uow, c.clock, v.as_actor(), body)
    except DomainError as exc:
        return _page(request, v, _errors(exc, "add"), values, 422)
    return redirect("/portal/numbers?done=added")


@router.post("/generate")
def generate_numbers(request: Request, v: Viewer = Depends(account_viewer), form: FormData = Depends(csrf_form)
                     ) -> Response:
    c = container(request)
    values = {"generate:npa": _text(form, "npa"), "generate:count": _text(form, "count"),
              "generate:messagingProfileId": _text(form, "messagingProfileId")}
    count = values["generate:count"]
    body: dict[str, Any] = {"npa": values["generate:npa"], "count": int(count) if count.isdigit() else count}
    if values["generate:messagingProfileId"]:
        body["messagingProfileId"] = values["generate:messagingProfileId"]
    try:
        with c.uow(write=True) as uow:
            numbers.generate_numbers(uow, c.clock, v.as_actor(), body, sandbox=c.settings.sandbox)
    except DomainError as exc:
        return _page(request, v, _errors(exc, "generate"), values, 422)
    return redirect("/portal/numbers?done=generated")


@router.post("/profiles")
def create_profile(request: Request, v: Viewer = Depends(account_viewer), form: FormData = Depends(csrf_form)
                   ) -> Response:
    c = container(request)
    values = {"newprofile:name": _text(form, "name")}
    try:
        with c.uow(write=True) as uow:
            profiles.create_profile(uow, c.ids, c.clock, v.as_actor(), {"name": values["newprofile:name"]})
    except DomainError as exc:
        return _page(request, v, _errors(exc, "newprofile"), values, 422)
    return redirect("/portal/numbers?done=profile")


async def _csv_numbers(upload: Any) -> list[str]:
    if not isinstance(upload, UploadFile) or not upload.filename:
        raise InvalidInput.of([FieldProblem("csv", "choose a CSV file of numbers")])
    raw = await upload.read(MAX_UPLOAD_BYTES + 1)
    if len(raw) > MAX_UPLOAD_BYTES:
        raise InvalidInput.of([FieldProblem("csv", f"the file is larger than {MAX_UPLOAD_BYTES:,} bytes")])
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InvalidInput.of([FieldProblem("csv", "the file is not UTF-8 text")]) from None
    if "\x00" in text:
        raise InvalidInput.of([FieldProblem("csv", "the file must not contain NUL characters")])
    found = assigning.parse_csv(text)
    if not found:
        raise InvalidInput.of([FieldProblem("csv", "the CSV holds no numbers")])
    return found


@router.post("/assign")
async def assign(request: Request, v: Viewer = Depends(account_viewer), form: FormData = Depends(csrf_form)
                 ) -> Response:
    """One form per way of choosing numbers (``kind``): one number, a list, a CSV upload, a messaging profile.
    The bulk ones submit a task and open its progress page."""
    kind = _text(form, "kind")
    if kind not in KINDS:
        kind = "list"
    values = {f"{kind}:{name}": _text(form, name) for name in ("campaignId", "phoneNumber", "numbers",
                                                               "messagingProfileId")}
    campaign_id = values[f"{kind}:campaignId"]
    key = _text(form, "idempotencyKey") or None
    c = container(request)
    actor = v.as_actor()
    try:
        if kind == "one":
            def one() -> None:
                with c.uow(write=True) as uow:
                    assigning.assign_number(uow, c.clock, actor, values["one:phoneNumber"],
                                            {"campaignId": campaign_id})

            await _threaded(one)
            _wake(request)
            return redirect(f"/portal/numbers?done=assigned&campaignId={campaign_id}")
        body: dict[str, Any] = {"campaignId": campaign_id} if campaign_id else {}
        if kind == "profile":
            body["messagingProfileId"] = values["profile:messagingProfileId"] or None
            if body["messagingProfileId"] is None:
                raise InvalidInput.of([FieldProblem("messagingProfileId", "choose a messaging profile")])
        elif kind == "csv":
            body["numbers"] = await _csv_numbers(form.get("csv"))
        else:
            body["numbers"] = _split(values["list:numbers"])
            if not body["numbers"]:
                raise InvalidInput.of([FieldProblem("numbers", "type at least one number")])

        def submit() -> tuple[AssignmentTask, bool]:
            with c.uow(write=True) as uow:
                return assigning.submit(uow, c.ids, c.clock, actor, body, key)

        task, new = await _threaded(submit)
    except DomainError as exc:
        errors = _errors(exc, kind)
        page: Response = await _threaded(lambda: _page(request, v, errors, values, 422))
        return page
    if new:
        _wake(request)
    return redirect(f"/portal/numbers/jobs/{task.task_id}")


async def _threaded(work: Any) -> Any:
    return await run_in_threadpool(work)


def progress(task: AssignmentTask) -> dict[str, Any]:
    """What the progress bar shows (also the JSON that ``portal.js`` polls)."""
    counts = {s.value: task.counts.get(s.value, 0) for s in ItemStatus}
    total = sum(counts.values())
    done = counts[ItemStatus.ASSIGNED.value] + counts[ItemStatus.FAILED.value]
    finished = task.status in FINISHED
    text = (f"{task.status.value.capitalize()}: {done} of {total} number{'s' if total != 1 else ''} done — "
            f"{counts['assigned']} assigned, {counts['failed']} failed"
            + (f", {counts['waiting']} waiting for the campaign" if counts["waiting"] else "")
            + (f", {counts['pending']} not looked at yet" if counts["pending"] else ""))
    return {"taskId": task.task_id, "status": task.status.value, "campaignId": task.campaign_id, "counts": counts,
            "total": total, "done": done, "finished": finished, "text": text}


@router.get("/jobs/{task_id}")
def show_job(task_id: str, request: Request, v: Viewer = Depends(account_viewer)) -> Response:
    page = page_number(request.query_params.get("page"))
    actor = v.as_actor()
    with container(request).uow() as uow:
        task = assigning.visible_task(uow, actor, task_id)
        items = assigning.task_items(uow, actor, task_id, page, ITEMS_PER_PAGE)
        try:
            campaigns.get(uow, actor, task.campaign_id)
            where = "campaigns"
        except DomainError:
            where = "shared"
    return render(request, "number_job.html", task=task, job=progress(task), items=items.items,
                  campaign_url=f"/portal/{where}/{task.campaign_id}",
                  pager=Pager(page, ITEMS_PER_PAGE, items.total),
                  notice=NOTICES.get(request.query_params.get("done", "")))


@router.get("/jobs/{task_id}/status")
def job_status(task_id: str, request: Request, v: Viewer = Depends(account_viewer)) -> JSONResponse:
    """The job's progress as JSON, for the progress bar's poller."""
    with container(request).uow() as uow:
        task = assigning.visible_task(uow, v.as_actor(), task_id)
    return JSONResponse(progress(task))


@router.post("/jobs/{task_id}/retry")
def retry_job(task_id: str, request: Request, v: Viewer = Depends(account_viewer),
              form: FormData = Depends(csrf_form)) -> Response:
    c = container(request)
    with c.uow(write=True) as uow:
        assigning.retry(uow, c.clock, v.as_actor(), task_id)
    _wake(request)
    return redirect(f"/portal/numbers/jobs/{task_id}?done=retried")
