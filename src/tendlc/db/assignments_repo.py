"""Number assignment storage (implements ``core.numbers.assignment_ports.AssignmentRepository``).

Set-based: a batch of numbers is read with one join, and written with one statement per kind of change
(the batch's numbers bound as one list parameter: ``json_each`` on SQLite, an array on PostgreSQL); the
odd outcomes that differ from the rest (their own failure reasons) go by ``executemany``. A number row
changes only if its campaign and status are still those read; when any did not (rowcounts), the batch
raises ConcurrentUpdate and its unit of work rolls back, to be retried. A number's assignment is its
columns (``numbers_repo`` reads them over the document's copies): bulk jobs never rewrite the document.
A task's item counts are kept on its row: the worker adds what each batch moved (from the rowcounts).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import (
    ARRAY,
    ColumnElement,
    Connection,
    DateTime,
    String,
    any_,
    bindparam,
    delete,
    func,
    insert,
    literal,
    null,
    or_,
    select,
    true,
    update,
)
from sqlalchemy.dialects import postgresql, sqlite

from tendlc.core.errors import ConcurrentUpdate
from tendlc.core.model import Page, PageRequest
from tendlc.core.numbers.assignment import HOLDING, Held, ItemStatus, Outcome, TaskStatus
from tendlc.core.numbers.assignment_ports import AssignmentTask, OsrPhone, TaskItem
from tendlc.core.numbers.model import AssignmentStatus
from tendlc.db.convert import aware, naive_utc
from tendlc.db.prepared import Prepared
from tendlc.db.tables_assignments import (
    forced_number_failures,
    number_provisioning,
    number_task_items,
    number_tasks,
)
from tendlc.db.tables_numbers import phone_numbers

N = phone_numbers.c
T = number_tasks.c
I = number_task_items.c  # noqa: E741
P = number_provisioning.c
COUNTED = tuple(s.value for s in ItemStatus)
OPEN_ITEMS = (ItemStatus.PENDING.value, ItemStatus.WAITING.value)
OPEN_TASKS = (TaskStatus.PENDING.value, TaskStatus.PROCESSING.value)
SET_MIN = 8
"""Outcomes alike (same change, same reason) from this many on are one statement over a list; fewer go by
``executemany``."""
FAILED_STATUSES = (AssignmentStatus.FAILED_ASSIGNMENT, AssignmentStatus.FAILED_UNASSIGNMENT)


STATUS_OF: dict[str | None, AssignmentStatus | None] = {None: None, **{s.value: s for s in AssignmentStatus}}


def _status(value: str | None) -> AssignmentStatus | None:
    return AssignmentStatus(value) if value else None


def _task(row: Any) -> AssignmentTask:
    return AssignmentTask(
        task_id=row.task_id, cnp_id=row.cnp_id, project_id=row.project_id, campaign_id=row.campaign_id,
        messaging_profile_id=row.messaging_profile_id, source=row.source, idempotency_key=row.idempotency_key,
        fingerprint=row.fingerprint, status=TaskStatus(row.status),
        counts={s: getattr(row, s) for s in COUNTED}, started=row.started,
        created_at=aware(row.created_at), updated_at=aware(row.updated_at))


class SqlAssignments:
    def __init__(self, conn: Connection) -> None:
        self._conn = conn
        self._pg = conn.dialect.name == "postgresql"

    # --- tasks ------------------------------------------------------------------------------------------

    def add_task(self, task: AssignmentTask) -> None:
        self._conn.execute(insert(number_tasks).values(
            task_id=task.task_id, cnp_id=task.cnp_id, project_id=task.project_id, campaign_id=task.campaign_id,
            messaging_profile_id=task.messaging_profile_id, source=task.source,
            idempotency_key=task.idempotency_key, fingerprint=task.fingerprint, status=task.status.value,
            pending=0, waiting=0, assigned=0, failed=0, started=task.started,
            created_at=naive_utc(task.created_at), updated_at=naive_utc(task.updated_at)))

    def get_task(self, task_id: str) -> AssignmentTask | None:
        row = self._conn.execute(select(number_tasks).where(T.task_id == task_id)).first()
        return _task(row) if row is not None else None

    def task_by_key(self, cnp_id: str, key: str) -> AssignmentTask | None:
        row = self._conn.execute(select(number_tasks).where(T.cnp_id == cnp_id, T.idempotency_key == key)).first()
        return _task(row) if row is not None else None

    def add_profile_items(self, task_id: str, cnp_id: str, project_id: str | None, profile_id: str) -> int:
        where = [N.messaging_profile_id == profile_id, N.cnp_id == cnp_id]
        if project_id is not None:
            where.append(N.project_id == project_id)
        chosen = select(literal(task_id, String), N.e164, func.row_number().over(order_by=N.e164),
                        literal(ItemStatus.PENDING.value, String)).where(*where)
        self._conn.execute(insert(number_task_items).from_select(["task_id", "e164", "seq", "status"], chosen))
        # (rowcount of INSERT … SELECT is not reported by every driver: count what was made)
        return int(self._conn.execute(select(func.count()).where(I.task_id == task_id)).scalar_one())

    def add_items(self, task_id: str, e164s: Sequence[str]) -> None:
        if e164s:
            self._conn.execute(insert(number_task_items), [
                {"task_id": task_id, "e164": e, "seq": i, "status": ItemStatus.PENDING.value, "reason": None}
                for i, e in enumerate(sorted(e164s), start=1)])

    def item_counts(self, task_id: str) -> dict[str, int]:
        rows = self._conn.execute(select(I.status, func.count()).where(I.task_id == task_id).group_by(I.status))
        counts = dict.fromkeys(COUNTED, 0)
        counts.update({status: int(n) for status, n in rows})
        return counts

    def save_task_status(self, task_id: str, counts: Mapping[str, int], status: TaskStatus, started: bool,
                         at: datetime) -> None:
        self._conn.execute(update(number_tasks).where(T.task_id == task_id).values(
            status=status.value, started=started, updated_at=naive_utc(at),
            **{s: int(counts.get(s, 0)) for s in COUNTED}))

    def items(self, task_id: str, page: PageRequest) -> Page[TaskItem]:
        total = self._conn.execute(select(T.pending + T.waiting + T.assigned + T.failed)
                                   .where(T.task_id == task_id)).scalar()
        first = page.offset + 1  # items are numbered 1… in number order: a page is a range of the index
        rows = self._conn.execute(select(I.e164, I.status, I.reason)
                                  .where(I.task_id == task_id, I.seq >= first, I.seq < first + page.per_page)
                                  .order_by(I.seq))
        return Page(int(total or 0), [TaskItem(task_id=task_id, e164=e, status=s, reason=r) for e, s, r in rows])

    def requeue_failed(self, task_id: str) -> int:
        done = self._conn.execute(update(number_task_items).where(
            I.task_id == task_id, I.status == ItemStatus.FAILED.value).values(status=ItemStatus.PENDING.value,
                                                                              reason=None))
        return int(done.rowcount)

    # --- claims -------------------------------------------------------------------------------------------

    def task_claimable(self, now: datetime) -> bool:
        return self._claimable.scalar(self._conn, now=naive_utc(now)) is not None

    _claimable = Prepared(select(T.task_id).where(  # (a prepared statement takes no expanding IN list)
        or_(*(T.status == status for status in OPEN_TASKS)), T.pending > 0,
        or_(T.lease_until.is_(None), T.lease_until <= bindparam("now"))).limit(1))

    def claim_task(self, now: datetime, lease_until: datetime, token: str,
                   task_id: str | None = None) -> AssignmentTask | None:
        free = or_(T.lease_until.is_(None), T.lease_until <= naive_utc(now))
        which = [T.task_id == task_id] if task_id is not None else []
        candidate = self._conn.execute(
            select(T.task_id).where(T.status.in_(OPEN_TASKS), T.pending > 0, free, *which)
            .order_by(T.created_at, T.task_id).limit(1).with_for_update(skip_locked=True)).scalar()
        if candidate is None:
            return None
        done = self._conn.execute(update(number_tasks).where(T.task_id == candidate, free).values(
            claim_token=token, lease_until=naive_utc(lease_until)))
        return self.get_task(candidate) if done.rowcount == 1 else None

    def renew_claim(self, task_id: str, token: str, lease_until: datetime) -> bool:
        done = self._conn.execute(update(number_tasks).where(T.task_id == task_id, T.claim_token == token)
                                  .values(lease_until=naive_utc(lease_until)))
        return bool(done.rowcount == 1)

    def drop_claim(self, task_id: str, token: str) -> None:
        self._conn.execute(update(number_tasks).where(T.task_id == task_id, T.claim_token == token)
                           .values(claim_token=None, lease_until=None))

    # --- numbers --------------------------------------------------------------------------------------------

    def pending_items(self, task_id: str, limit: int) -> list[tuple[str, Held | None]]:
        rows = self._conn.execute(
            select(I.e164, N.e164.label("held"), N.cnp_id, N.project_id, N.campaign_id, N.assignment_status)
            .select_from(number_task_items.outerjoin(phone_numbers, N.e164 == I.e164))
            .where(I.task_id == task_id, I.status == ItemStatus.PENDING.value).order_by(I.e164).limit(limit)).all()
        status = STATUS_OF  # (rows unpacked by position, statuses looked up: 20,000 rows a batch)
        return [(e, Held(e, cnp, project, campaign, status[s]) if held is not None else None)
                for e, held, cnp, project, campaign, s in rows]

    def held(self, e164s: Sequence[str]) -> dict[str, Held]:
        found: dict[str, Held] = {}
        wanted = list(dict.fromkeys(e164s))
        for start in range(0, len(wanted), 500):
            rows = self._conn.execute(select(N.e164, N.cnp_id, N.project_id, N.campaign_id, N.assignment_status)
                                      .where(N.e164.in_(wanted[start:start + 500])))
            for r in rows:
                found[r.e164] = Held(r.e164, r.cnp_id, r.project_id, r.campaign_id, _status(r.assignment_status))
        return found

    def holding_count(self, campaign_id: str) -> int:
        return int(self._conn.execute(select(func.count()).select_from(phone_numbers).where(
            N.campaign_id == campaign_id, N.assignment_status.in_([s.value for s in HOLDING]))).scalar_one())

    def numbers_in_status(self, campaign_id: str, status: str, limit: int) -> list[Held]:
        rows = self._conn.execute(select(N.e164, N.cnp_id, N.project_id, N.campaign_id, N.assignment_status)
                                  .where(N.campaign_id == campaign_id, N.assignment_status == status)
                                  .order_by(N.e164).limit(limit))
        return [Held(r.e164, r.cnp_id, r.project_id, r.campaign_id, _status(r.assignment_status)) for r in rows]

    def campaigns_in_flux(self, limit: int) -> list[str]:
        moving = [AssignmentStatus.PENDING_ASSIGNMENT.value, AssignmentStatus.PENDING_UNASSIGNMENT.value]
        rows = self._conn.execute(select(N.campaign_id).where(N.assignment_status.in_(moving))
                                  .group_by(N.campaign_id).order_by(N.campaign_id).limit(limit))
        return [c for (c,) in rows if c is not None]

    def open_tasks(self, campaign_id: str) -> list[str]:
        rows = self._conn.execute(select(T.task_id).where(T.campaign_id == campaign_id, T.status.in_(OPEN_TASKS))
                                  .order_by(T.created_at, T.task_id))
        return [t for (t,) in rows]

    def _values(self, values: Sequence[str]) -> Any:
        """A list bound as one parameter, read as a table with a ``value`` column (``json_each`` on SQLite,
        ``unnest`` on PostgreSQL): a batch of 20,000 numbers is one parameter, not 20,000."""
        if self._pg:
            return func.unnest(bindparam(None, list(values), type_=ARRAY(String))).table_valued(
                "value").render_derived()
        return func.json_each(bindparam(None, json.dumps(list(values)), type_=String)).table_valued("value")

    def _among(self, column: Any, values: Sequence[str]) -> ColumnElement[bool]:
        """``column`` is one of ``values``: ``= ANY(array)`` on PostgreSQL (index probes, whatever the
        planner guesses of the list; an ``IN (SELECT unnest …)`` could be planned as a nested loop over
        a sequential scan), ``IN (SELECT value FROM json_each(?))`` on SQLite (probes the index too)."""
        if self._pg:
            return column == any_(bindparam(None, list(values), type_=ARRAY(String)))  # type: ignore[no-any-return]
        listed = self._values(values)
        return column.in_(select(listed.c.value))  # type: ignore[no-any-return]

    def apply(self, outcomes: Sequence[Outcome], before: Mapping[str, Held], task_ids: Sequence[str],
              at: datetime, nnid: str | None, item_from: Sequence[str] = OPEN_ITEMS) -> dict[str, int]:
        changed = [o for o in outcomes if o.change]
        if changed:
            self._change_numbers(changed, before, at)
            self._provisioning(changed, before, at, nnid)
        moved: dict[str, int] = {}
        if outcomes:
            for task_id in task_ids:
                for status, n in self._change_items(task_id, outcomes, item_from).items():
                    moved[status] = moved.get(status, 0) + n
        return moved

    def _change_items(self, task_id: str, outcomes: Sequence[Outcome], item_from: Sequence[str]) -> dict[str, int]:
        """Items of the task still in ``item_from`` → their outcome; returns how many moved into each status.
        Outcomes sharing a status and reason (nearly all of a batch) are one statement; the rest one
        ``executemany`` per status."""
        groups: dict[tuple[str, str | None], list[str]] = {}
        for o in outcomes:
            groups.setdefault((o.item.value, o.reason), []).append(o.e164)
        moved: dict[str, int] = {}
        singles: dict[str, list[dict[str, Any]]] = {}
        still_open = or_(*(I.status == s for s in item_from))  # (not IN: executemany takes no expanding IN)
        for (status, reason), e164s in groups.items():
            if len(e164s) < SET_MIN:
                singles.setdefault(status, []).extend({"b_e": e, "b_r": reason} for e in e164s)
                continue
            done = self._conn.execute(update(number_task_items).where(
                I.task_id == task_id, self._among(I.e164, e164s), still_open).values(status=status, reason=reason))
            moved[status] = moved.get(status, 0) + int(done.rowcount)
        for status, rows in singles.items():
            done = self._conn.execute(update(number_task_items).where(
                I.task_id == task_id, I.e164 == bindparam("b_e"), still_open).values(
                status=status, reason=bindparam("b_r")), rows)
            moved[status] = moved.get(status, 0) + int(done.rowcount)
        return moved

    def _change_numbers(self, changed: Sequence[Outcome], before: Mapping[str, Held], at: datetime) -> None:
        """Each number → its outcome, only if its campaign and status are still those read (ConcurrentUpdate
        otherwise). The columns are the number's assignment; its document is not rewritten."""
        groups: dict[tuple[str | None, str | None, str | None, str | None], list[tuple[str, str | None]]] = {}
        for o in changed:
            old = before[o.e164]
            key = (old.campaign_id, old.status.value if old.status else None, o.campaign_id,
                   o.status.value if o.status else None)
            groups.setdefault(key, []).append((o.e164, o.reason if o.status in FAILED_STATUSES else None))
        mismatch = False
        for (old_c, old_s, new_c, new_s), rows in groups.items():
            same = (N.campaign_id.is_(None) if old_c is None else N.campaign_id == old_c,
                    N.assignment_status.is_(None) if old_s is None else N.assignment_status == old_s)
            values = {"campaign_id": new_c, "assignment_status": new_s, "assignment_changed_at": naive_utc(at),
                      "version": N.version + 1}
            if len({r for _, r in rows}) == 1 and len(rows) >= SET_MIN:
                done = self._conn.execute(update(phone_numbers).where(
                    self._among(N.e164, [e for e, _ in rows]), *same).values(failure_reason=rows[0][1], **values))
                mismatch |= done.rowcount != len(rows)
            else:
                done = self._conn.execute(
                    update(phone_numbers).where(N.e164 == bindparam("b_e"), *same)
                    .values(failure_reason=bindparam("b_r", type_=String), **values),
                    [{"b_e": e, "b_r": r} for e, r in rows])
                mismatch |= not self._conn.dialect.supports_sane_multi_rowcount or done.rowcount != len(rows)
        if not mismatch:
            return
        after = self.held([o.e164 for o in changed])
        lost = [o.e164 for o in changed if o.e164 not in after or after[o.e164].campaign_id != o.campaign_id
                or after[o.e164].status != o.status]
        if lost:
            raise ConcurrentUpdate(f"{len(lost)} number(s) changed meanwhile (e.g. {lost[0]}); the batch is retried",
                                   ["phoneNumber"])

    def _provisioning(self, changed: Sequence[Outcome], before: Mapping[str, Held], at: datetime,
                      nnid: str | None) -> None:
        provisioned: dict[str, list[str]] = {}
        for o in changed:
            if o.status is AssignmentStatus.ASSIGNED and o.campaign_id is not None:
                provisioned.setdefault(o.campaign_id, []).append(o.e164)
        if nnid is not None:
            for campaign_id, e164s in provisioned.items():
                listed = self._values(e164s)
                make = postgresql.insert if self._pg else sqlite.insert
                statement = make(number_provisioning).from_select(
                    ["campaign_id", "e164", "nnid", "provisioned_at", "released_at"],
                    select(literal(campaign_id, String), listed.c.value, literal(nnid, String),
                           literal(naive_utc(at), DateTime), null()).where(true()))  # WHERE: SQLite's upsert
                statement = statement.on_conflict_do_update(
                    index_elements=[P.campaign_id, P.e164],
                    set_={"nnid": statement.excluded.nnid, "provisioned_at": statement.excluded.provisioned_at,
                          "released_at": None})
                self._conn.execute(statement)
        released: dict[str, list[str]] = {}
        for o in changed:
            left = before[o.e164].campaign_id
            if o.campaign_id is None and left is not None:
                released.setdefault(left, []).append(o.e164)
        for campaign_id, e164s in released.items():
            self._conn.execute(update(number_provisioning).where(
                P.campaign_id == campaign_id, self._among(P.e164, e164s), P.released_at.is_(None))
                .values(released_at=naive_utc(at)))

    def add_counts(self, task_id: str, deltas: Mapping[str, int], at: datetime) -> AssignmentTask:
        changes: dict[str, Any] = {s: getattr(T, s) + n for s, n in deltas.items() if n}
        self._conn.execute(update(number_tasks).where(T.task_id == task_id).values(
            started=True, updated_at=naive_utc(at), **changes))
        task = self.get_task(task_id)
        assert task is not None
        return task

    def set_task_status(self, task_id: str, status: TaskStatus) -> None:
        self._conn.execute(update(number_tasks).where(T.task_id == task_id).values(status=status.value))

    def fail_open_items(self, task_ids: Sequence[str], reason: str) -> int:
        if not task_ids:
            return 0
        done = self._conn.execute(update(number_task_items).where(
            I.task_id.in_(list(task_ids)), I.status.in_(OPEN_ITEMS)).values(status=ItemStatus.FAILED.value,
                                                                            reason=reason))
        return int(done.rowcount)

    def release_campaign(self, campaign_id: str, at: datetime) -> int:
        done = self._conn.execute(update(phone_numbers).where(N.campaign_id == campaign_id).values(
            campaign_id=None, assignment_status=None, failure_reason=None, assignment_changed_at=naive_utc(at),
            version=N.version + 1))
        self._conn.execute(update(number_provisioning).where(P.campaign_id == campaign_id, P.released_at.is_(None))
                           .values(released_at=naive_utc(at)))
        return int(done.rowcount)

    # --- sandbox -------------------------------------------------------------------------------------------

    def forced_failures(self) -> dict[str, str]:
        F = forced_number_failures.c
        return {e: r for e, r in self._conn.execute(select(F.e164, F.reason))}

    def force_failure(self, e164: str, reason: str, at: datetime) -> None:
        F = forced_number_failures.c
        self._conn.execute(delete(forced_number_failures).where(F.e164 == e164))
        self._conn.execute(insert(forced_number_failures).values(e164=e164, reason=reason, created_at=naive_utc(at)))

    def clear_forced(self, e164s: Sequence[str]) -> None:
        F = forced_number_failures.c
        for start in range(0, len(e164s), 500):
            self._conn.execute(delete(forced_number_failures).where(F.e164.in_(list(e164s[start:start + 500]))))

    # --- nnSR -------------------------------------------------------------------------------------------------

    def osr_phones(self, campaign_id: str, current: bool | None, page: PageRequest) -> Page[OsrPhone]:
        where = [P.campaign_id == campaign_id]
        if current is True:
            where.append(P.released_at.is_(None))
        elif current is False:
            where.append(P.released_at.is_not(None))
        total = self._conn.execute(select(func.count()).select_from(number_provisioning).where(*where)).scalar_one()
        rows = self._conn.execute(select(number_provisioning).where(*where).order_by(P.e164)
                                  .limit(page.per_page).offset(page.offset))
        return Page(int(total), [OsrPhone(e164=r.e164, campaign_id=r.campaign_id, nnid=r.nnid,
                                          provisioned_at=aware(r.provisioned_at), released_at=aware(r.released_at))
                                 for r in rows])
