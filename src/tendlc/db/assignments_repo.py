"""Number assignment storage (implements ``core.numbers.assignment_ports.AssignmentRepository``).

Set-based: a batch of numbers is read with one join and written with one ``executemany`` per table. A
number row changes only if its campaign and status are still those read (``IS NOT DISTINCT FROM``); when
any did not, the batch raises ConcurrentUpdate and its unit of work rolls back, to be retried. The
number's document is kept in step (``json_set`` on SQLite, ``||`` on PostgreSQL) for readers of it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    String,
    bindparam,
    cast,
    delete,
    func,
    insert,
    literal,
    or_,
    select,
    update,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.dialects.postgresql import JSONB

from tendlc.core.errors import ConcurrentUpdate
from tendlc.core.model import Page, PageRequest
from tendlc.core.numbers.assignment import HOLDING, Held, ItemStatus, Outcome, TaskStatus
from tendlc.core.numbers.assignment_ports import AssignmentTask, OsrPhone, TaskItem
from tendlc.core.numbers.model import AssignmentStatus
from tendlc.db.convert import aware, naive_utc
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
FAILED_STATUSES = (AssignmentStatus.FAILED_ASSIGNMENT, AssignmentStatus.FAILED_UNASSIGNMENT)


def _status(value: str | None) -> AssignmentStatus | None:
    return AssignmentStatus(value) if value else None


def _task(row: Any) -> AssignmentTask:
    return AssignmentTask(
        task_id=row.task_id, cnp_id=row.cnp_id, project_id=row.project_id, campaign_id=row.campaign_id,
        messaging_profile_id=row.messaging_profile_id, source=row.source, idempotency_key=row.idempotency_key,
        fingerprint=row.fingerprint, status=TaskStatus(row.status),
        counts={s: getattr(row, s) for s in COUNTED}, started=row.started,
        created_at=aware(row.created_at), updated_at=aware(row.updated_at))


def _iso(at: datetime | None) -> str | None:
    return aware(at).isoformat().replace("+00:00", "Z") if at is not None else None  # type: ignore[union-attr]


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
            .where(I.task_id == task_id, I.status == ItemStatus.PENDING.value).order_by(I.e164).limit(limit))
        return [(r.e164, Held(r.e164, r.cnp_id, r.project_id, r.campaign_id, _status(r.assignment_status))
                 if r.held is not None else None) for r in rows]

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

    def _doc_values(self, campaign: Any, status: Any, reason: Any, at: datetime | None) -> ColumnElement[Any]:
        """The number's document with its assignment keys replaced (bound values or expressions)."""
        when = _iso(at)
        if self._pg:
            changes = func.jsonb_build_object(
                "campaign_id", cast(campaign, String), "assignment_status", cast(status, String),
                "failure_reason", cast(reason, String), "assignment_changed_at", cast(when, String),
                "version", N.version + 1)
            return N.doc.op("||")(cast(changes, JSONB))
        return func.json_set(N.doc, "$.campaign_id", campaign, "$.assignment_status", status,
                             "$.failure_reason", reason, "$.assignment_changed_at", when, "$.version", N.version + 1)

    def apply(self, outcomes: Sequence[Outcome], before: Mapping[str, Held], task_ids: Sequence[str],
              at: datetime, nnid: str | None) -> None:
        changed = [o for o in outcomes if o.change]
        if changed:
            self._change_numbers(changed, before, at)
            self._provisioning(changed, before, at, nnid)
        if outcomes:
            still_open = or_(I.status == ItemStatus.PENDING.value, I.status == ItemStatus.WAITING.value)
            statement = (update(number_task_items)
                         .where(I.task_id == bindparam("b_t"), I.e164 == bindparam("b_e"), still_open)
                         .values(status=bindparam("b_st"), reason=bindparam("b_r")))
            for task_id in task_ids:
                self._conn.execute(statement, [{"b_t": task_id, "b_e": o.e164, "b_st": o.item.value, "b_r": o.reason}
                                               for o in outcomes])

    def _change_numbers(self, changed: Sequence[Outcome], before: Mapping[str, Held], at: datetime) -> None:
        campaign, status, reason = (bindparam("b_c", type_=String), bindparam("b_s", type_=String),
                                    bindparam("b_r", type_=String))
        statement = (
            update(phone_numbers)
            .where(N.e164 == bindparam("b_e"),
                   N.campaign_id.is_not_distinct_from(bindparam("b_oc", type_=String)),
                   N.assignment_status.is_not_distinct_from(bindparam("b_os", type_=String)))
            .values(campaign_id=campaign, assignment_status=status, failure_reason=reason,
                    assignment_changed_at=naive_utc(at), version=N.version + 1,
                    doc=self._doc_values(campaign, status, reason, at)))
        rows = []
        for o in changed:
            old = before[o.e164]
            rows.append({"b_e": o.e164, "b_c": o.campaign_id, "b_s": o.status.value if o.status else None,
                         "b_r": o.reason if o.status in FAILED_STATUSES else None, "b_oc": old.campaign_id,
                         "b_os": old.status.value if old.status else None})
        done = self._conn.execute(statement, rows)
        if self._conn.dialect.supports_sane_multi_rowcount and done.rowcount == len(rows):
            return
        after = self.held([o.e164 for o in changed])
        lost = [o.e164 for o in changed if o.e164 not in after or after[o.e164].campaign_id != o.campaign_id
                or after[o.e164].status != o.status]
        if lost:
            raise ConcurrentUpdate(f"{len(lost)} number(s) changed meanwhile (e.g. {lost[0]}); the batch is retried",
                                   ["phoneNumber"])

    def _provisioning(self, changed: Sequence[Outcome], before: Mapping[str, Held], at: datetime,
                      nnid: str | None) -> None:
        provisioned = [o for o in changed if o.status is AssignmentStatus.ASSIGNED]
        if provisioned and nnid is not None:
            make = postgresql.insert if self._pg else sqlite.insert
            statement = make(number_provisioning)
            statement = statement.on_conflict_do_update(
                index_elements=[P.campaign_id, P.e164],
                set_={"nnid": statement.excluded.nnid, "provisioned_at": statement.excluded.provisioned_at,
                      "released_at": None})
            self._conn.execute(statement, [{"campaign_id": o.campaign_id, "e164": o.e164, "nnid": nnid,
                                            "provisioned_at": naive_utc(at), "released_at": None}
                                           for o in provisioned])
        released = [o for o in changed if o.campaign_id is None and before[o.e164].campaign_id is not None]
        if released:
            self._conn.execute(
                update(number_provisioning).where(P.campaign_id == bindparam("b_c"), P.e164 == bindparam("b_e"),
                                                  P.released_at.is_(None)).values(released_at=naive_utc(at)),
                [{"b_c": before[o.e164].campaign_id, "b_e": o.e164} for o in released])

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
            version=N.version + 1, doc=self._doc_values(None, None, None, at)))
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
