"""Messaging profile use cases: create, list, rename, delete, and move numbers in and out.

A profile belongs to the account, or to one of its projects; only numbers of the same project (or of
none) join it. Moving a list of numbers into a profile is all or nothing, every bad number named.
"""

from __future__ import annotations

from typing import Any

from pydantic import Field

from tendlc.core.actor import Actor
from tendlc.core.clock import Clock
from tendlc.core.errors import FieldProblem, InvalidInput, NotFound, OperationDeclined
from tendlc.core.ids import IdGenerator
from tendlc.core.model import InputModel, Page, check_page, parse_input
from tendlc.core.numbers import scope
from tendlc.core.numbers.e164 import nanp_e164
from tendlc.core.numbers.model import MessagingProfile, PhoneNumber
from tendlc.core.numbers.service import MAX_NUMBERS, record
from tendlc.core.ports import UnitOfWork

MAX_NAME = 100
PROFILES_MAX_PER_PAGE = 100


class ProfileInput(InputModel):
    name: str = Field(min_length=1, max_length=MAX_NAME)
    project_id: str | None = None


class ProfileChange(InputModel):
    name: str = Field(min_length=1, max_length=MAX_NAME)


class NumbersInput(InputModel):
    numbers: list[Any] = Field(min_length=1, max_length=MAX_NUMBERS)


def _record(uow: UnitOfWork, profile: MessagingProfile, action: str, actor: Actor) -> None:
    uow.record_history("messaging_profile", profile.profile_id, profile.version, action, actor.label,
                       profile.updated_at, profile.model_dump(mode="json", by_alias=True))


def _name(value: str) -> str:
    name = value.strip()
    if not name:
        raise InvalidInput.of([FieldProblem("name", "must not be blank")])
    return name


def create_profile(uow: UnitOfWork, ids: IdGenerator, clock: Clock, actor: Actor, body: Any) -> MessagingProfile:
    """``{"name", "projectId"?}`` (a project key's profiles are its project's)."""
    data = parse_input(ProfileInput, body)
    name = _name(data.name)
    project = scope.target_project(uow, actor, data.project_id)
    now = clock.now()
    profile = MessagingProfile(profile_id=ids.ulid(), cnp_id=actor.cnp_id, project_id=project, name=name,
                               created_at=now, updated_at=now)
    uow.numbers.add_profile(profile)
    _record(uow, profile, "create", actor)
    return profile


def list_profiles(uow: UnitOfWork, actor: Actor, project_id: str | None, page: int,
                  per_page: int) -> Page[MessagingProfile]:
    request = check_page(page, per_page, PROFILES_MAX_PER_PAGE)
    return uow.numbers.search_profiles(actor.cnp_id, scope.list_project(uow, actor, project_id), request)


def get_profile(uow: UnitOfWork, actor: Actor, profile_id: str) -> tuple[MessagingProfile, int]:
    """The profile and how many numbers it holds."""
    profile = scope.visible_profile(uow, actor, profile_id, "profileId")
    return profile, uow.numbers.count_in_profile(profile_id)


def rename_profile(uow: UnitOfWork, clock: Clock, actor: Actor, profile_id: str, body: Any) -> MessagingProfile:
    profile = scope.visible_profile(uow, actor, profile_id, "profileId")
    name = _name(parse_input(ProfileChange, body).name)
    if name == profile.name:
        return profile
    saved = uow.numbers.save_profile(profile.model_copy(update={"name": name, "updated_at": clock.now()}))
    _record(uow, saved, "update", actor)
    return saved


def delete_profile(uow: UnitOfWork, clock: Clock, actor: Actor, profile_id: str) -> None:
    """Delete an empty profile (move its numbers out first)."""
    profile = scope.visible_profile(uow, actor, profile_id, "profileId")
    held = uow.numbers.count_in_profile(profile_id)
    if held:
        raise OperationDeclined(f"messaging profile {profile_id} still holds {held} number(s); move them out first",
                                ["profileId"])
    uow.numbers.delete_profile(profile)
    _record(uow, profile.model_copy(update={"updated_at": clock.now()}), "delete", actor)


def move_into(uow: UnitOfWork, clock: Clock, actor: Actor, profile_id: str, body: Any) -> list[PhoneNumber]:
    """``{"numbers": [...]}``: put numbers the caller holds (of the profile's project) into the profile."""
    profile = scope.visible_profile(uow, actor, profile_id, "profileId")
    data = parse_input(NumbersInput, body)
    problems, wanted = [], []
    for i, value in enumerate(data.numbers):
        e164, problem = nanp_e164(value, f"numbers[{i}]")
        if problem is not None:
            problems.append(problem)
        else:
            assert e164 is not None
            wanted.append((f"numbers[{i}]", e164))
    if problems:
        raise InvalidInput.of(problems)
    held = uow.numbers.get_many([e for _, e in wanted])
    missing = [(f, e) for f, e in wanted if e not in held or not scope.sees(actor, held[e].cnp_id,
                                                                           held[e].project_id)]
    if missing:
        raise NotFound("; ".join(f"{f}: {e} not found" for f, e in missing), [f for f, _ in missing])
    other = [FieldProblem(f, f"{e} is not of the profile's project") for f, e in wanted
             if held[e].project_id != profile.project_id]
    if other:
        raise InvalidInput.of(other)
    now = clock.now()
    moved = []
    for e164 in dict.fromkeys(e for _, e in wanted):
        number = held[e164]
        if number.messaging_profile_id != profile_id:
            number = uow.numbers.save(number.model_copy(update={"messaging_profile_id": profile_id, "updated_at": now}))
            record(uow, number, "update", actor)
        moved.append(number)
    return moved


def take_out(uow: UnitOfWork, clock: Clock, actor: Actor, profile_id: str, e164: str) -> PhoneNumber:
    """Take one number out of the profile (it stays held, in no profile)."""
    scope.visible_profile(uow, actor, profile_id, "profileId")
    number = scope.visible_number(uow, actor, e164)
    if number.messaging_profile_id != profile_id:
        raise NotFound(f"{number.e164} is not in messaging profile {profile_id}", ["phoneNumber"])
    saved = uow.numbers.save(number.model_copy(update={"messaging_profile_id": None, "updated_at": clock.now()}))
    record(uow, saved, "update", actor)
    return saved
