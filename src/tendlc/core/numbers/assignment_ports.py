"""What number assignment needs from storage (``db/assignments_repo.py`` implements it). Bulk by design:
a task of 100,000 numbers is read and written in batches of set-based statements, never number by number."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Protocol

from tendlc.core.model import CoreModel, Page, PageRequest
from tendlc.core.numbers.assignment import Held, Outcome, TaskStatus


class AssignmentTask(CoreModel):
    """A bulk assignment job: the numbers of a messaging profile (taken when it was submitted) or of a list,
    assigned to one campaign. ``counts``: items by ItemStatus value."""

    task_id: str
    cnp_id: str
    project_id: str | None = None
    campaign_id: str
    messaging_profile_id: str | None = None
    source: str  # "profile" | "list"
    idempotency_key: str | None = None
    fingerprint: str
    status: TaskStatus
    counts: dict[str, int] = {}
    started: bool = False
    created_at: datetime
    updated_at: datetime


class TaskItem(CoreModel):
    task_id: str
    e164: str
    status: str
    reason: str | None = None


class OsrPhone(CoreModel):
    e164: str
    campaign_id: str
    nnid: str
    provisioned_at: datetime
    released_at: datetime | None = None


class AssignmentRepository(Protocol):
    # tasks
    def add_task(self, task: AssignmentTask) -> None: ...
    def get_task(self, task_id: str) -> AssignmentTask | None: ...
    def task_by_key(self, cnp_id: str, key: str) -> AssignmentTask | None: ...

    def add_profile_items(self, task_id: str, cnp_id: str, project_id: str | None, profile_id: str) -> int:
        """Make one pending item per number of the profile (the caller's, of its project); returns how many."""
        ...

    def add_items(self, task_id: str, e164s: Sequence[str]) -> None: ...
    def item_counts(self, task_id: str) -> dict[str, int]: ...

    def save_task_status(self, task_id: str, counts: Mapping[str, int], status: TaskStatus, started: bool,
                         at: datetime) -> None: ...

    def items(self, task_id: str, page: PageRequest) -> Page[TaskItem]:
        """The task's items in number order."""
        ...

    def requeue_failed(self, task_id: str) -> int:
        """Failed items back to pending; returns how many."""
        ...

    # work
    def task_claimable(self, now: datetime) -> bool:
        """Whether some unfinished task with pending items is free to claim (a read: lets the worker skip
        the write transaction of :meth:`claim_task` when there is nothing to do)."""
        ...

    def claim_task(self, now: datetime, lease_until: datetime, token: str,
                   task_id: str | None = None) -> AssignmentTask | None:
        """An unfinished task (``task_id``, or the oldest) with pending items that nobody holds (no lease, or
        an expired one), leased to ``token`` until ``lease_until`` (``FOR UPDATE SKIP LOCKED`` where the
        database has it)."""
        ...

    def renew_claim(self, task_id: str, token: str, lease_until: datetime) -> bool:
        """Extend the lease if ``token`` still holds it (False: it was lost; stop)."""
        ...

    def drop_claim(self, task_id: str, token: str) -> None: ...

    def pending_items(self, task_id: str, limit: int) -> list[tuple[str, Held | None]]:
        """Up to ``limit`` pending items in number order, with the number's present state (None: nobody
        holds it)."""
        ...

    def held(self, e164s: Sequence[str]) -> dict[str, Held]: ...

    def holding_count(self, campaign_id: str) -> int:
        """How many numbers belong to the campaign (statuses in ``assignment.HOLDING``)."""
        ...

    def apply(self, outcomes: Sequence[Outcome], before: Mapping[str, Held], task_ids: Sequence[str],
              at: datetime, nnid: str | None, item_from: Sequence[str] = ...) -> dict[str, int]:
        """Write the outcomes: each changed number only if it is still as ``before`` says (ConcurrentUpdate
        otherwise: the whole batch is retried), the items of ``task_ids`` for those numbers that are still in
        ``item_from`` (default: pending or waiting), and the nnSR record (provisioned with ``nnid`` when
        ASSIGNED, released when it leaves the campaign). Returns how many items moved into each status."""
        ...

    def add_counts(self, task_id: str, deltas: Mapping[str, int], at: datetime) -> AssignmentTask:
        """Add ``deltas`` (by item status) to the task's counts, mark it started; returns the task."""
        ...

    def set_task_status(self, task_id: str, status: TaskStatus) -> None: ...

    def campaigns_in_flux(self, limit: int) -> list[str]:
        """Campaigns with numbers in PENDING_ASSIGNMENT or PENDING_UNASSIGNMENT."""
        ...

    def numbers_in_status(self, campaign_id: str, status: str, limit: int) -> list[Held]: ...

    def open_tasks(self, campaign_id: str) -> list[str]:
        """Unfinished tasks of the campaign."""
        ...

    def fail_open_items(self, task_ids: Sequence[str], reason: str) -> int:
        """Pending and waiting items of the tasks → failed with ``reason``."""
        ...

    def release_campaign(self, campaign_id: str, at: datetime) -> int:
        """Every number of the campaign unassigned, its nnSR records released; returns how many."""
        ...

    # sandbox
    def forced_failures(self) -> dict[str, str]: ...
    def force_failure(self, e164: str, reason: str, at: datetime) -> None: ...
    def clear_forced(self, e164s: Sequence[str]) -> None: ...

    # nnSR
    def osr_phones(self, campaign_id: str, current: bool | None, page: PageRequest) -> Page[OsrPhone]: ...
