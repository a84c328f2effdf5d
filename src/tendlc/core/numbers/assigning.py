"""Assignment use cases for callers: submit a bulk job (by messaging profile or by list), read its status
and its per-number statuses, retry it; assign or unassign one number.

A job is one task with an idempotency key: the same key with the same request gives the same task (never a
second one), the same key with another request is refused. The work itself (``provisioning.py``) runs in
the number worker; a job's status is derived from its items.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from typing import Any

from pydantic import Field

from tendlc.core.actor import Actor
from tendlc.core.campaigns.model import Campaign
from tendlc.core.clock import Clock
from tendlc.core.errors import CampaignExpired, Duplicate, FieldProblem, InvalidInput, NotFound, OperationDeclined
from tendlc.core.ids import IdGenerator
from tendlc.core.model import InputModel, Page, check_page, parse_input
from tendlc.core.numbers import scope
from tendlc.core.numbers.assignment import (
    Assigner,
    Held,
    ItemStatus,
    NumberAction,
    Outcome,
    TaskStatus,
    decide,
    next_assignment_status,
    task_status,
)
from tendlc.core.numbers.assignment_ports import AssignmentTask, TaskItem
from tendlc.core.numbers.e164 import nanp_e164
from tendlc.core.numbers.model import AssignmentStatus, PhoneNumber
from tendlc.core.numbers.provisioning import cap_for, provisioning_of, save_status
from tendlc.core.numbers.service import record
from tendlc.core.ports import UnitOfWork
from tendlc.core.sharing.chains import live_chain

MAX_LIST = 100_000
MAX_KEY = 255
ITEMS_MAX_PER_PAGE = 1000


class JobInput(InputModel):
    campaign_id: str | None = Field(default=None, max_length=10)
    tcr_campaign_id: str | None = Field(default=None, max_length=10)
    messaging_profile_id: str | None = Field(default=None, max_length=26)
    numbers: list[Any] | None = Field(default=None, min_length=1, max_length=MAX_LIST)
    idempotency_key: str | None = Field(default=None, min_length=1, max_length=MAX_KEY)


class AssignInput(InputModel):
    campaign_id: str = Field(min_length=1, max_length=10)


def assignable_campaign(uow: UnitOfWork, actor: Actor, campaign_id: str, field: str = "campaignId") -> Campaign:
    """A campaign the caller may put numbers on: its own, or one shared with it (a party of the live
    chain). Any other does not exist for the caller; an expired one is refused."""
    campaign = uow.campaigns.get(campaign_id) if "\x00" not in campaign_id else None
    if campaign is None or live_chain(uow, campaign).position(actor.cnp_id) is None:
        raise NotFound(f"campaign {campaign_id} not found", [field])
    if not campaign.active:
        raise CampaignExpired(f"campaign {campaign_id} is expired; numbers cannot be assigned to it", [field])
    return campaign


def parse_csv(text: str) -> list[str]:
    """The numbers of a CSV upload: the first column of each row (a header row naming it is skipped,
    blank lines too); ``phoneNumber``/``phone_number``/``number`` columns are found by name."""
    rows = [r for r in csv.reader(io.StringIO(text)) if r and any(cell.strip() for cell in r)]
    if not rows:
        return []
    column = 0
    header = [cell.strip().lower() for cell in rows[0]]
    names = [i for i, h in enumerate(header) if h in ("phonenumber", "phone_number", "phone number", "number",
                                                      "e164")]
    if names:
        column, rows = names[0], rows[1:]
    return [r[column].strip() if column < len(r) else "" for r in rows]


def _fingerprint(campaign_id: str, profile_id: str | None, numbers: list[str] | None) -> str:
    doc = {"campaignId": campaign_id, "messagingProfileId": profile_id,
           "numbers": sorted(set(numbers)) if numbers is not None else None}
    return hashlib.sha256(json.dumps(doc, sort_keys=True).encode()).hexdigest()


def _valid_numbers(values: list[Any]) -> list[str]:
    problems, good = [], []
    for i, value in enumerate(values):
        e164, problem = nanp_e164(value, f"numbers[{i}]")
        if problem is not None:
            problems.append(problem)
        else:
            assert e164 is not None
            good.append(e164)
        if len(problems) >= 100:
            break
    if problems:
        raise InvalidInput.of(problems)
    return list(dict.fromkeys(good))


def submit(uow: UnitOfWork, ids: IdGenerator, clock: Clock, actor: Actor, body: Any,
           idempotency_key: str | None = None) -> tuple[AssignmentTask, bool]:
    """``{"campaignId" | "tcrCampaignId", "messagingProfileId"}`` or ``{"campaignId", "numbers": [...]}``
    (``idempotencyKey`` in the body or the header). Returns the task and whether it is new."""
    data = parse_input(JobInput, body)
    if data.campaign_id and data.tcr_campaign_id and data.campaign_id != data.tcr_campaign_id:
        raise InvalidInput.of([FieldProblem("tcrCampaignId", "give campaignId or tcrCampaignId, not both")])
    campaign_id = data.campaign_id or data.tcr_campaign_id
    if not campaign_id:
        raise InvalidInput.of([FieldProblem("campaignId", "is required")])
    if (data.messaging_profile_id is None) == (data.numbers is None):
        raise InvalidInput.of([FieldProblem("messagingProfileId", "give messagingProfileId or numbers (one of them)")])
    key = idempotency_key or data.idempotency_key
    if key is not None and not 1 <= len(key) <= MAX_KEY:
        raise InvalidInput.of([FieldProblem("idempotencyKey", f"must be 1 to {MAX_KEY} characters")])
    numbers = _valid_numbers(data.numbers) if data.numbers is not None else None
    fingerprint = _fingerprint(campaign_id, data.messaging_profile_id, numbers)
    if key is not None:
        earlier = uow.assignments.task_by_key(actor.cnp_id, key)
        if earlier is not None:
            if earlier.fingerprint != fingerprint or earlier.project_id != actor.project_id:
                raise Duplicate(f"idempotency key {key!r} was used for another request (task {earlier.task_id})",
                                ["idempotencyKey"])
            return earlier, False
    campaign = assignable_campaign(uow, actor, campaign_id, "tcrCampaignId" if data.tcr_campaign_id else "campaignId")
    if data.messaging_profile_id is not None:
        scope.visible_profile(uow, actor, data.messaging_profile_id)
    now = clock.now()
    task = AssignmentTask(task_id=ids.ulid(), cnp_id=actor.cnp_id, project_id=actor.project_id,
                          campaign_id=campaign.campaign_id, messaging_profile_id=data.messaging_profile_id,
                          source="profile" if numbers is None else "list", idempotency_key=key,
                          fingerprint=fingerprint, status=TaskStatus.PENDING, created_at=now, updated_at=now)
    uow.assignments.add_task(task)
    if numbers is None:
        assert data.messaging_profile_id is not None
        total = uow.assignments.add_profile_items(task.task_id, actor.cnp_id, actor.project_id,
                                                  data.messaging_profile_id)
    else:
        uow.assignments.add_items(task.task_id, numbers)
        total = len(numbers)
    counts = {ItemStatus.PENDING.value: total}
    status = task_status(counts, False)
    uow.assignments.save_task_status(task.task_id, counts, status, False, now)
    saved = task.model_copy(update={"counts": counts, "status": status})
    uow.record_history("number_task", task.task_id, 1, "submit", actor.label, now,
                       {**saved.model_dump(mode="json", exclude={"fingerprint"}), "numberCount": total})
    return saved, True


def visible_task(uow: UnitOfWork, actor: Actor, task_id: str) -> AssignmentTask:
    task = uow.assignments.get_task(task_id) if "\x00" not in task_id and len(task_id) <= 64 else None
    if task is None or not scope.sees(actor, task.cnp_id, task.project_id):
        raise NotFound(f"task {task_id} not found", ["taskId"])
    return task


def task_items(uow: UnitOfWork, actor: Actor, task_id: str, page: int, per_page: int) -> Page[TaskItem]:
    visible_task(uow, actor, task_id)
    return uow.assignments.items(task_id, check_page(page, per_page, ITEMS_MAX_PER_PAGE))


def retry(uow: UnitOfWork, clock: Clock, actor: Actor, task_id: str) -> AssignmentTask:
    """Put the task's failed numbers back in the queue (numbers already assigned are left alone, so a retry
    never assigns a number twice)."""
    task = visible_task(uow, actor, task_id)
    assignable_campaign(uow, actor, task.campaign_id)
    requeued = uow.assignments.requeue_failed(task_id)
    if not requeued:
        return task
    saved = save_status(uow, task, clock.now())
    uow.record_history("number_task", task_id, 1, f"retry {requeued} failed", actor.label, clock.now(),
                       saved.model_dump(mode="json", exclude={"fingerprint"}))
    return saved


# --- one number -------------------------------------------------------------------------------------------


def _held(number: PhoneNumber) -> Held:
    return Held(number.e164, number.cnp_id, number.project_id, number.campaign_id, number.assignment_status)


def assign_number(uow: UnitOfWork, clock: Clock, actor: Actor, e164: str, body: Any) -> PhoneNumber:
    """``PUT /numbers/{e164}/campaign {"campaignId"}``: the number goes PENDING_ASSIGNMENT (the worker
    provisions it once the campaign can take numbers). Refused, with the reason: a number on another
    campaign, a carrier's cap, a campaign that is not the caller's."""
    normal, problem = nanp_e164(e164, "phoneNumber")
    if problem is not None:
        raise InvalidInput.of([problem])
    assert normal is not None
    data = parse_input(AssignInput, body)
    number = scope.visible_number(uow, actor, normal)
    campaign = assignable_campaign(uow, actor, data.campaign_id)
    ready = provisioning_of(uow, campaign)
    cap = cap_for(uow, campaign)
    who = Assigner(actor.cnp_id, actor.project_id)
    before = _held(number)
    outcomes, _ = decide({normal: before}, [normal], who, campaign, ready,
                         uow.assignments.holding_count(campaign.campaign_id), cap, {}, defer=True)
    outcome = outcomes[0]
    if outcome.item is ItemStatus.FAILED:
        raise OperationDeclined(outcome.reason or f"{normal} cannot be assigned", ["phoneNumber"])
    if not outcome.change:
        return number
    now = clock.now()
    uow.assignments.apply([outcome], {normal: before}, [], now, None)
    saved = number.model_copy(update={"campaign_id": outcome.campaign_id, "assignment_status": outcome.status,
                                      "failure_reason": None, "assignment_changed_at": now,
                                      "version": number.version + 1})
    record(uow, saved, f"assign to {campaign.campaign_id}", actor)
    return saved


def unassign_number(uow: UnitOfWork, clock: Clock, actor: Actor, e164: str) -> PhoneNumber:
    """``DELETE /numbers/{e164}/campaign``: an ASSIGNED number goes PENDING_UNASSIGNMENT (the worker
    releases it); a number not provisioned yet (pending or failed) is released at once."""
    number = scope.visible_number(uow, actor, e164)
    if number.campaign_id is None or number.assignment_status is None:
        raise OperationDeclined(f"{number.e164} is not assigned to a campaign", ["phoneNumber"])
    if number.assignment_status is AssignmentStatus.PENDING_UNASSIGNMENT:
        return number
    status = next_assignment_status(number.e164, number.assignment_status, NumberAction.UNASSIGN)
    campaign_id = number.campaign_id if status is not None else None
    item = ItemStatus.FAILED
    reason = f"UNASSIGNED: {number.e164} was unassigned before it was provisioned"
    outcome = Outcome(number.e164, item, reason, True, campaign_id, status)
    now = clock.now()
    open_tasks = uow.assignments.open_tasks(number.campaign_id)
    uow.assignments.apply([outcome], {number.e164: _held(number)}, open_tasks, now, None)
    for task_id in open_tasks:
        task = uow.assignments.get_task(task_id)
        if task is not None:
            save_status(uow, task, now)
    saved = number.model_copy(update={"campaign_id": campaign_id, "assignment_status": status,
                                      "failure_reason": None, "assignment_changed_at": now,
                                      "version": number.version + 1})
    record(uow, saved, f"unassign from {number.campaign_id}", actor)
    return saved

