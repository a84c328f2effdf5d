"""Number use cases: add numbers (one, a list, or — in the sandbox — a generated range), list, move
between messaging profiles and projects, delete.

Adding is all or nothing: every bad number is reported at once, each named by its place in the request
(``numbers[3]``). A number held by another account (or, for a project key, another project) is refused as a
DUPLICATE; re-adding a number the caller holds changes nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from pydantic import Field

from tendlc.core.actor import Actor
from tendlc.core.clock import Clock
from tendlc.core.errors import Duplicate, FieldProblem, InvalidInput, OperationDeclined
from tendlc.core.model import InputModel, Page, check_page, parse_input
from tendlc.core.numbers import scope
from tendlc.core.numbers.e164 import area_code_usable, nanp_e164
from tendlc.core.numbers.model import UNASSIGNED, AssignmentStatus, NumberFilter, PhoneNumber
from tendlc.core.ports import UnitOfWork

MAX_NUMBERS = 1000
NUMBERS_MAX_PER_PAGE = 500


class AddInput(InputModel):
    numbers: list[Any] | None = Field(default=None, min_length=1, max_length=MAX_NUMBERS)
    phone_number: Any = None
    messaging_profile_id: str | None = None
    project_id: str | None = None


class GenerateInput(InputModel):
    npa: str = Field(pattern=r"^[2-9][0-9]{2}$")
    count: int = Field(ge=1, le=MAX_NUMBERS)
    messaging_profile_id: str | None = None
    project_id: str | None = None


class NumberChange(InputModel):
    messaging_profile_id: str | None = None
    project_id: str | None = None


@dataclass(frozen=True)
class Added:
    """The numbers of an add request in request order; which were new and which the caller already held."""

    numbers: list[PhoneNumber]
    added: list[str]
    already_held: list[str]


def record(uow: UnitOfWork, number: PhoneNumber, action: str, actor: Actor) -> None:
    uow.record_history("phone_number", number.e164, number.version, action, actor.label, number.updated_at,
                       number.model_dump(mode="json", by_alias=True))


def _requested(data: AddInput) -> list[tuple[str, Any]]:
    if data.numbers is not None and data.phone_number is not None:
        raise InvalidInput.of([FieldProblem("numbers", "give either numbers or phoneNumber, not both")])
    if data.numbers is not None:
        return [(f"numbers[{i}]", value) for i, value in enumerate(data.numbers)]
    if data.phone_number is not None:
        return [("phoneNumber", data.phone_number)]
    raise InvalidInput.of([FieldProblem("numbers", "is required (a list of E.164 numbers), or phoneNumber")])


def _add(uow: UnitOfWork, clock: Clock, actor: Actor, wanted: list[tuple[str, str]], project_id: str | None,
         profile_id: str | None) -> Added:
    held = uow.numbers.get_many([e164 for _, e164 in wanted])
    conflicts = []
    for field, e164 in wanted:
        number = held.get(e164)
        if number is None:
            continue
        if number.cnp_id != actor.cnp_id:
            conflicts.append((field, f"{e164} is held by another account"))
        elif actor.project_id is not None and number.project_id != actor.project_id:
            conflicts.append((field, f"{e164} is held by another project of the account"))
        elif actor.project_id is None and project_id is not None and number.project_id != project_id:
            conflicts.append((field, f"{e164} is held for another project (move it with PATCH)"))
    if conflicts:
        raise Duplicate("; ".join(f"{f}: {m}" for f, m in conflicts), [f for f, _ in conflicts])
    now = clock.now()
    new: dict[str, PhoneNumber] = {}
    for _, e164 in wanted:
        if e164 not in held and e164 not in new:
            new[e164] = PhoneNumber(e164=e164, cnp_id=actor.cnp_id, project_id=project_id,
                                    messaging_profile_id=profile_id, created_at=now, updated_at=now)
    uow.numbers.add_many(list(new.values()))
    for number in new.values():
        record(uow, number, "add", actor)
    everything = {**held, **new}
    ordered = list(dict.fromkeys(e164 for _, e164 in wanted))
    return Added([everything[e] for e in ordered], list(new), [e for e in ordered if e in held])


def _placement(uow: UnitOfWork, actor: Actor, project_id: str | None, profile_id: str | None
               ) -> tuple[str | None, str | None]:
    project = scope.target_project(uow, actor, project_id)
    if profile_id is not None:
        scope.profile_for(uow, actor, profile_id, project)
    return project, profile_id


def add_numbers(uow: UnitOfWork, clock: Clock, actor: Actor, body: Any) -> Added:
    """``{"numbers": [...]}`` or ``{"phoneNumber": "+1…"}``, with ``messagingProfileId`` and (account keys)
    ``projectId`` optional."""
    data = parse_input(AddInput, body)
    requested = _requested(data)
    wanted, problems = [], []
    for field, value in requested:
        e164, problem = nanp_e164(value, field)
        if problem is not None:
            problems.append(problem)
        else:
            assert e164 is not None
            wanted.append((field, e164))
    if problems:
        raise InvalidInput.of(problems)
    project, profile = _placement(uow, actor, data.project_id, data.messaging_profile_id)
    return _add(uow, clock, actor, wanted, project, profile)


EXCHANGES = tuple(nxx for nxx in range(200, 1000) if nxx != 555 and nxx % 100 != 11)
"""The exchanges generated numbers are taken from after 555-01XX (no N11 service codes)."""


def _candidates(npa: str) -> Iterator[str]:
    """Numbers of area code ``npa`` in a fixed order: the fictional 555-0100…0199 first, then every
    exchange (no N11) from 200 up."""
    for line in range(100, 200):
        yield f"+1{npa}555{line:04d}"
    for nxx in EXCHANGES:
        for line in range(10000):
            yield f"+1{npa}{nxx:03d}{line:04d}"


def generate_numbers(uow: UnitOfWork, clock: Clock, actor: Actor, body: Any, *, sandbox: bool) -> Added:
    """Sandbox only: ``{"npa": "212", "count": 10}`` adds ``count`` free valid numbers of area code ``npa``."""
    if not sandbox:
        raise OperationDeclined("generating numbers is a sandbox feature (start tendlc with TENDLC_SANDBOX=true)",
                                ["sandbox"])
    data = parse_input(GenerateInput, body)
    if not area_code_usable(data.npa):
        raise InvalidInput.of([FieldProblem("npa", f"{data.npa} is not a NANP area code in use")])
    project, profile = _placement(uow, actor, data.project_id, data.messaging_profile_id)
    taken = uow.numbers.held_with_prefix(f"+1{data.npa}")
    wanted: list[tuple[str, str]] = []
    for candidate in _candidates(data.npa):
        if candidate in taken or nanp_e164(candidate, "npa")[0] is None:
            continue
        wanted.append((f"numbers[{len(wanted)}]", candidate))
        if len(wanted) == data.count:
            break
    else:
        raise OperationDeclined(f"area code {data.npa} has no {data.count} free numbers left", ["count"])
    return _add(uow, clock, actor, wanted, project, profile)


def number_filter(uow: UnitOfWork, actor: Actor, project_id: str | None, profile_id: str | None,
                  campaign_id: str | None, status: str | None) -> NumberFilter:
    if status is not None and status != UNASSIGNED and status not in AssignmentStatus.__members__:
        allowed = ", ".join([UNASSIGNED, *AssignmentStatus.__members__])
        raise InvalidInput.of([FieldProblem("status", f"must be one of {allowed}")])
    project = scope.list_project(uow, actor, project_id)
    if profile_id is not None:
        scope.visible_profile(uow, actor, profile_id)
    return NumberFilter(project_id=project, messaging_profile_id=profile_id, campaign_id=campaign_id,
                        status=status)


def list_numbers(uow: UnitOfWork, actor: Actor, where: NumberFilter, page: int, per_page: int) -> Page[PhoneNumber]:
    """The caller's numbers (a project key: its project's), in number order."""
    return uow.numbers.search(actor.cnp_id, where, check_page(page, per_page, NUMBERS_MAX_PER_PAGE))


def get_number(uow: UnitOfWork, actor: Actor, e164: str) -> PhoneNumber:
    return scope.visible_number(uow, actor, e164)


def update_number(uow: UnitOfWork, clock: Clock, actor: Actor, e164: str, body: Any) -> PhoneNumber:
    """``{"messagingProfileId": id | null, "projectId": id | null}`` (``projectId``: account keys only;
    moving a number to another project takes it out of its profile unless a profile of that project is given)."""
    number = scope.visible_number(uow, actor, e164)
    data = parse_input(NumberChange, body)
    sent = data.model_fields_set
    project = number.project_id
    profile = number.messaging_profile_id
    if "project_id" in sent and data.project_id != number.project_id:
        if actor.project_id is not None:
            raise OperationDeclined("a project key cannot move numbers between projects", ["projectId"])
        project = scope.target_project(uow, actor, data.project_id)
        profile = None
    if "messaging_profile_id" in sent:
        profile = data.messaging_profile_id
    if profile is not None:
        scope.profile_for(uow, actor, profile, project)
    if (project, profile) == (number.project_id, number.messaging_profile_id):
        return number
    saved = uow.numbers.save(number.model_copy(update={"project_id": project, "messaging_profile_id": profile,
                                                      "updated_at": clock.now()}))
    record(uow, saved, "update", actor)
    return saved


def delete_number(uow: UnitOfWork, clock: Clock, actor: Actor, e164: str) -> PhoneNumber:
    """Release a number the caller holds (not while it is assigned to a campaign)."""
    number = scope.visible_number(uow, actor, e164)
    if number.campaign_id is not None or number.assignment_status is not None:
        raise OperationDeclined(f"{number.e164} is assigned to campaign {number.campaign_id}; unassign it first",
                                ["phoneNumber"])
    uow.numbers.delete(number)
    gone = number.model_copy(update={"updated_at": clock.now()})
    record(uow, gone, "delete", actor)
    return gone
