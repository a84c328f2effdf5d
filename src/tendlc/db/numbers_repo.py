"""Phone numbers and messaging profiles (implements ``core.numbers.ports.NumberRepository``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, Table, delete, func, insert, select, update

from tendlc.core.errors import ConcurrentUpdate
from tendlc.core.model import Page, PageRequest
from tendlc.core.numbers.model import UNASSIGNED, AssignmentStatus, MessagingProfile, NumberFilter, PhoneNumber
from tendlc.db.convert import aware, naive_utc
from tendlc.db.tables import campaigns
from tendlc.db.tables_numbers import messaging_profiles, phone_numbers

N = phone_numbers.c
M = messaging_profiles.c
CHUNK = 500  # numbers per IN (...) lookup


def _doc_number(doc: Any) -> PhoneNumber:
    return PhoneNumber.model_validate_json(doc) if isinstance(doc, str | bytes) else PhoneNumber.model_validate(doc)


NUMBER_COLUMNS = (N.doc, N.campaign_id, N.assignment_status, N.failure_reason, N.assignment_changed_at, N.version)
"""What a number is read from: the document, and the assignment columns that bulk jobs change without
rewriting it (they win over the document's copies, which may be stale: read a number through these)."""


def number_of_row(row: Any) -> PhoneNumber:
    """The number of a row of :data:`NUMBER_COLUMNS`."""
    return _number(row)


def _number(row: Any) -> PhoneNumber:
    number = _doc_number(row[0])
    status = row[2]
    return number.model_copy(update={
        "campaign_id": row[1], "assignment_status": AssignmentStatus(status) if status else None,
        "failure_reason": row[3], "assignment_changed_at": aware(row[4]), "version": row[5]})


def _profile(doc: Any) -> MessagingProfile:
    if isinstance(doc, str | bytes):
        return MessagingProfile.model_validate_json(doc)
    return MessagingProfile.model_validate(doc)


def _number_columns(n: PhoneNumber) -> dict[str, Any]:
    return {"cnp_id": n.cnp_id, "project_id": n.project_id, "messaging_profile_id": n.messaging_profile_id,
            "campaign_id": n.campaign_id,
            "assignment_status": n.assignment_status.value if n.assignment_status else None,
            "failure_reason": n.failure_reason, "assignment_changed_at": naive_utc(n.assignment_changed_at),
            "version": n.version, "doc": n.model_dump(mode="json")}


class SqlNumbers:
    def __init__(self, conn: Connection) -> None:
        self._conn = conn

    def get(self, e164: str) -> PhoneNumber | None:
        row = self._conn.execute(select(*NUMBER_COLUMNS).where(N.e164 == e164)).first()
        return _number(row) if row is not None else None

    def get_many(self, e164s: Sequence[str]) -> dict[str, PhoneNumber]:
        wanted = list(dict.fromkeys(e164s))
        found: dict[str, PhoneNumber] = {}
        for start in range(0, len(wanted), CHUNK):
            rows = self._conn.execute(select(*NUMBER_COLUMNS).where(N.e164.in_(wanted[start:start + CHUNK])))
            for row in rows:
                number = _number(row)
                found[number.e164] = number
        return found

    def add_many(self, numbers: Sequence[PhoneNumber]) -> None:
        if numbers:
            self._conn.execute(insert(phone_numbers), [{"e164": n.e164, **_number_columns(n)} for n in numbers])

    def _versioned(self, table: Table, key: Any, ident: str, expected: int, values: dict[str, Any] | None) -> None:
        where = (key == ident, table.c.version == expected)
        statement = update(table).where(*where).values(**values) if values is not None else delete(table).where(*where)
        if self._conn.execute(statement).rowcount != 1:
            raise ConcurrentUpdate(f"{ident} was changed by another request; read it again and retry", [])

    def save(self, number: PhoneNumber) -> PhoneNumber:
        saved = number.model_copy(update={"version": number.version + 1})
        self._versioned(phone_numbers, N.e164, number.e164, number.version, _number_columns(saved))
        return saved

    def delete(self, number: PhoneNumber) -> None:
        self._versioned(phone_numbers, N.e164, number.e164, number.version, None)

    def search(self, cnp_id: str, where: NumberFilter, page: PageRequest) -> Page[PhoneNumber]:
        conditions = [N.cnp_id == cnp_id]
        if where.project_id is not None:
            conditions.append(N.project_id == where.project_id)
        if where.messaging_profile_id is not None:
            conditions.append(N.messaging_profile_id == where.messaging_profile_id)
        if where.campaign_id is not None:
            conditions.append(N.campaign_id == where.campaign_id)
        if where.status == UNASSIGNED:
            conditions.append(N.assignment_status.is_(None))
        elif where.status is not None:
            conditions.append(N.assignment_status == where.status)
        if where.assigned:
            conditions.append(N.campaign_id.is_not(None))
        if where.brand_id is not None:
            conditions.append(N.campaign_id.in_(select(campaigns.c.campaign_id).where(
                campaigns.c.brand_id == where.brand_id)))
        total = self._conn.execute(select(func.count()).select_from(phone_numbers).where(*conditions)).scalar_one()
        rows = self._conn.execute(select(*NUMBER_COLUMNS).where(*conditions).order_by(N.e164)
                                  .limit(page.per_page).offset(page.offset))
        return Page(total, [_number(row) for row in rows])

    def held_with_prefix(self, prefix: str) -> set[str]:
        rows = self._conn.execute(select(N.e164).where(N.e164.startswith(prefix, autoescape=True)))
        return {e164 for (e164,) in rows}

    def project_holdings(self, cnp_id: str, project_id: str) -> tuple[int, int]:
        numbers = self._conn.execute(select(func.count()).select_from(phone_numbers).where(
            N.cnp_id == cnp_id, N.project_id == project_id)).scalar_one()
        profiles = self._conn.execute(select(func.count()).select_from(messaging_profiles).where(
            M.cnp_id == cnp_id, M.project_id == project_id)).scalar_one()
        return int(numbers), int(profiles)

    def count_in_profile(self, profile_id: str) -> int:
        return int(self._conn.execute(select(func.count()).select_from(phone_numbers).where(
            N.messaging_profile_id == profile_id)).scalar_one())

    def get_profile(self, profile_id: str) -> MessagingProfile | None:
        doc = self._conn.execute(select(M.doc).where(M.profile_id == profile_id)).scalar()
        return _profile(doc) if doc is not None else None

    def add_profile(self, profile: MessagingProfile) -> None:
        self._conn.execute(insert(messaging_profiles).values(
            profile_id=profile.profile_id, cnp_id=profile.cnp_id, project_id=profile.project_id,
            created_at=naive_utc(profile.created_at), version=profile.version, doc=profile.model_dump(mode="json")))

    def save_profile(self, profile: MessagingProfile) -> MessagingProfile:
        saved = profile.model_copy(update={"version": profile.version + 1})
        self._versioned(messaging_profiles, M.profile_id, profile.profile_id, profile.version,
                        {"version": saved.version, "doc": saved.model_dump(mode="json")})
        return saved

    def delete_profile(self, profile: MessagingProfile) -> None:
        self._versioned(messaging_profiles, M.profile_id, profile.profile_id, profile.version, None)

    def search_profiles(self, cnp_id: str, project_id: str | None, page: PageRequest) -> Page[MessagingProfile]:
        conditions = [M.cnp_id == cnp_id]
        if project_id is not None:
            conditions.append(M.project_id == project_id)
        total = self._conn.execute(select(func.count()).select_from(messaging_profiles).where(*conditions)).scalar_one()
        rows = self._conn.execute(select(M.doc).where(*conditions).order_by(M.created_at, M.profile_id)
                                  .limit(page.per_page).offset(page.offset))
        return Page(total, [_profile(doc) for (doc,) in rows])
