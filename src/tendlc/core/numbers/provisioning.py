"""The number worker's steps (simulated provisioning) and the release of a campaign's numbers.

- :func:`task_step` takes the next batch of a claimed task's pending numbers and decides them all at once
  (``assignment.decide``); the batch's writes are set-based (``uow.assignments.apply``), and what it moved is
  added to the task's counts (no recount of 100,000 items per batch; the task's last step recounts).
- :func:`provision_step` provisions numbers waiting in PENDING_ASSIGNMENT once their campaign can take them
  and releases those in PENDING_UNASSIGNMENT.
- :func:`release_campaign` (from ``campaigns/hooks.on_campaign_expired``) releases every number of a
  deactivated or expired campaign and fails what its open tasks still wait for.

Every batch is one unit of work: a crash loses at most the batch in flight, and the next worker that
claims the task (once the lease ran out) resumes with the items still pending. A number is changed only if
it is still as it was read, so no interleaving assigns a number twice.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta

from tendlc.core.campaigns.model import Campaign
from tendlc.core.carriers.reviews import campaign_mnos
from tendlc.core.clock import Clock
from tendlc.core.errors import FieldProblem, InvalidInput
from tendlc.core.numbers.assignment import (
    MAX_REASON,
    Assigner,
    ItemStatus,
    Provisioning,
    cap_of,
    decide,
    provision_outcome,
    provisioning,
    task_status,
    unassign_outcome,
)
from tendlc.core.numbers.assignment_ports import AssignmentTask
from tendlc.core.numbers.e164 import nanp_e164
from tendlc.core.numbers.model import AssignmentStatus
from tendlc.core.ports import UnitOfWork
from tendlc.core.sharing.chains import live_chain

BATCH = 20_000
LEASE = timedelta(seconds=5)


def provisioning_of(uow: UnitOfWork, campaign: Campaign) -> Provisioning:
    return provisioning(campaign, live_chain(uow, campaign), uow.reviews.for_campaign(campaign.campaign_id))


def cap_for(uow: UnitOfWork, campaign: Campaign) -> tuple[int, str] | None:
    return cap_of(campaign, campaign_mnos(campaign))


def nnid_of(uow: UnitOfWork, campaign: Campaign) -> str | None:
    """The id numbers are provisioned under in nnSR: the accepting DCA's."""
    top = live_chain(uow, campaign).top
    return top.upstream_cnp_id if top is not None else None


def save_status(uow: UnitOfWork, task: AssignmentTask, at: datetime, started: bool | None = None) -> AssignmentTask:
    """Count the task's items again and store the status they give (after the less frequent changes, and
    when a task's last batch is done; the batches themselves add to the counts)."""
    counts = uow.assignments.item_counts(task.task_id)
    now_started = task.started if started is None else started
    status = task_status(counts, now_started)
    uow.assignments.save_task_status(task.task_id, counts, status, now_started, at)
    return task.model_copy(update={"counts": counts, "status": status, "started": now_started, "updated_at": at})


# --- the task worker ----------------------------------------------------------------------------------------


def claim(uow: UnitOfWork, clock: Clock, token: str, task_id: str | None = None) -> AssignmentTask | None:
    """Lease the oldest unfinished task with pending numbers (or ``task_id``) to ``token``."""
    now = clock.now()
    return uow.assignments.claim_task(now, now + LEASE, token, task_id)


def task_step(uow: UnitOfWork, clock: Clock, task_id: str, token: str, batch: int = BATCH) -> int:
    """Decide the next ``batch`` pending numbers of the task (which ``token`` holds). Returns how many were
    decided; 0 when none is left (or the lease was lost), and the claim is dropped."""
    now = clock.now()
    task = uow.assignments.get_task(task_id)
    if task is None or not uow.assignments.renew_claim(task_id, token, now + LEASE):
        return 0
    pending = uow.assignments.pending_items(task_id, batch)
    if not pending:
        save_status(uow, task, now, started=True)
        uow.assignments.drop_claim(task_id, token)
        return 0
    campaign = uow.campaigns.get(task.campaign_id)
    assert campaign is not None
    ready = provisioning_of(uow, campaign)
    cap = cap_for(uow, campaign)
    forced = uow.assignments.forced_failures()
    numbers = dict(pending)
    holding = uow.assignments.holding_count(campaign.campaign_id) if cap is not None else 0
    outcomes, _ = decide(numbers, [e for e, _ in pending], Assigner(task.cnp_id, task.project_id), campaign, ready,
                         holding, cap, forced)
    before = {e: h for e, h in numbers.items() if h is not None}
    moved = uow.assignments.apply(outcomes, before, [task_id], now, nnid_of(uow, campaign) if ready.ready else None,
                                  item_from=(ItemStatus.PENDING.value,))
    used = [o.e164 for o in outcomes
            if o.change and o.e164 in forced and o.status is not AssignmentStatus.PENDING_ASSIGNMENT]
    if used:
        uow.assignments.clear_forced(used)
    done = uow.assignments.add_counts(task_id, moved_from(ItemStatus.PENDING, moved), now)
    status = task_status(done.counts, True)
    if status is not done.status:
        uow.assignments.set_task_status(task_id, status)
        done = done.model_copy(update={"status": status})
    if done.status.value in ("completed", "failed"):
        uow.record_history("number_task", task_id, 1, done.status.value, "worker", now,
                           done.model_dump(mode="json", exclude={"fingerprint"}))
    return len(pending)


def moved_from(source: ItemStatus, moved: Mapping[str, int]) -> dict[str, int]:
    """What items moving out of ``source`` (``moved``: how many went into each status) add to the counts."""
    deltas = {status: n for status, n in moved.items() if status != source.value}
    deltas[source.value] = -sum(deltas.values())
    return deltas


# --- the provisioning worker ---------------------------------------------------------------------------------


def provision_step(uow: UnitOfWork, clock: Clock, campaign_id: str, batch: int = BATCH) -> int:
    """Release the campaign's numbers waiting for unassignment; provision those waiting for assignment
    when the campaign can take them. Returns how many numbers changed."""
    now = clock.now()
    campaign = uow.campaigns.get(campaign_id)
    if campaign is None:
        return 0
    ready = provisioning_of(uow, campaign)
    if ready.ended:
        return release_campaign(uow, now, campaign)
    forced = uow.assignments.forced_failures()
    leaving = uow.assignments.numbers_in_status(campaign_id, AssignmentStatus.PENDING_UNASSIGNMENT.value, batch)
    outcomes = [unassign_outcome(h.e164, campaign_id, forced) for h in leaving]
    before = {h.e164: h for h in leaving}
    if ready.ready:
        waiting = uow.assignments.numbers_in_status(campaign_id, AssignmentStatus.PENDING_ASSIGNMENT.value, batch)
        outcomes += [provision_outcome(h.e164, campaign_id, ready, forced) for h in waiting]
        before.update({h.e164: h for h in waiting})
    if not outcomes:
        return 0
    tasks = uow.assignments.open_tasks(campaign_id)
    uow.assignments.apply(outcomes, before, tasks, now, nnid_of(uow, campaign))
    used = [o.e164 for o in outcomes if o.e164 in forced]
    if used:
        uow.assignments.clear_forced(used)
    for task_id in tasks:
        task = uow.assignments.get_task(task_id)
        if task is not None:
            save_status(uow, task, now)
    return len(outcomes)


def release_campaign(uow: UnitOfWork, at: datetime, campaign: Campaign) -> int:
    """Every number of the campaign is released (unassigned, out of nnSR); what its open tasks still waited
    for fails with the reason. Returns how many numbers were released."""
    tasks = uow.assignments.open_tasks(campaign.campaign_id)
    reason = (f"CAMPAIGN_EXPIRED: campaign {campaign.campaign_id} was deactivated or expired; its numbers "
              "were released")
    uow.assignments.fail_open_items(tasks, reason)
    released = uow.assignments.release_campaign(campaign.campaign_id, at)
    for task_id in tasks:
        task = uow.assignments.get_task(task_id)
        if task is not None:
            save_status(uow, task, at)
    if released or tasks:
        uow.record_history("campaign_numbers", campaign.campaign_id, 1, f"release {released} numbers", "system", at,
                           {"campaignId": campaign.campaign_id, "released": released, "failedTasks": tasks})
    return released


# --- sandbox ------------------------------------------------------------------------------------------------


def force_failure(uow: UnitOfWork, clock: Clock, operator: str, e164: str, body: object) -> dict[str, str]:
    """Sandbox: the next provisioning of ``e164`` (assignment or unassignment) fails with ``reason``."""
    normal, problem = nanp_e164(e164, "phoneNumber")
    if problem is not None:
        raise InvalidInput.of([problem])
    assert normal is not None
    reason = body.get("reason") if isinstance(body, dict) else None
    if not isinstance(reason, str) or not reason.strip():
        raise InvalidInput.of([FieldProblem("reason", "say why provisioning fails (the number's owner reads it)")])
    if len(reason) > MAX_REASON:
        raise InvalidInput.of([FieldProblem("reason", f"must be at most {MAX_REASON} characters")])
    uow.assignments.force_failure(normal, reason.strip(), clock.now())
    uow.record_history("phone_number", normal, 0, "sandbox: force provisioning failure", operator, clock.now(),
                       {"phoneNumber": normal, "reason": reason.strip()})
    return {"phoneNumber": normal, "reason": reason.strip()}
