"""Who sees which numbers and profiles: an account's own keys see all of the account's, a project key
only its project's. What a caller may not see does not exist for it (NOT_FOUND, never "forbidden")."""

from __future__ import annotations

from tendlc.core.accounts.project_service import visible_project
from tendlc.core.actor import Actor
from tendlc.core.errors import FieldProblem, InvalidInput, NotFound
from tendlc.core.numbers.e164 import nanp_e164
from tendlc.core.numbers.model import MessagingProfile, PhoneNumber
from tendlc.core.ports import UnitOfWork


def target_project(uow: UnitOfWork, actor: Actor, project_id: str | None, field: str = "projectId") -> str | None:
    """The project new records go to: a project key's own, or the one an account key names (or none)."""
    if actor.project_id is not None:
        if project_id is not None and project_id != actor.project_id:
            raise NotFound(f"project {project_id} not found", [field])
        return actor.project_id
    if project_id is None:
        return None
    return visible_project(uow, actor, project_id, field).project_id


def list_project(uow: UnitOfWork, actor: Actor, project_id: str | None) -> str | None:
    """The project a list is restricted to (a project key's own always)."""
    return target_project(uow, actor, project_id)


def sees(actor: Actor, cnp_id: str, project_id: str | None) -> bool:
    return cnp_id == actor.cnp_id and (actor.project_id is None or actor.project_id == project_id)


def visible_profile(uow: UnitOfWork, actor: Actor, profile_id: str, field: str = "messagingProfileId"
                    ) -> MessagingProfile:
    profile = uow.numbers.get_profile(profile_id) if "\x00" not in profile_id else None
    if profile is None or not sees(actor, profile.cnp_id, profile.project_id):
        raise NotFound(f"messaging profile {profile_id} not found", [field])
    return profile


def profile_for(uow: UnitOfWork, actor: Actor, profile_id: str, project_id: str | None,
                field: str = "messagingProfileId") -> MessagingProfile:
    """A visible profile that numbers of ``project_id`` may join (a number and its profile belong to the
    same project, or both to none)."""
    profile = visible_profile(uow, actor, profile_id, field)
    if profile.project_id != project_id:
        where = f"project {project_id}" if project_id else "no project"
        raise InvalidInput.of([FieldProblem(field, f"messaging profile {profile_id} is not one of {where}'s")])
    return profile


def visible_number(uow: UnitOfWork, actor: Actor, e164: str, field: str = "phoneNumber") -> PhoneNumber:
    normal, problem = nanp_e164(e164, field)
    if problem is not None:
        raise InvalidInput.of([problem])
    assert normal is not None
    number = uow.numbers.get(normal)
    if number is None or not sees(actor, number.cnp_id, number.project_id):
        raise NotFound(f"phone number {normal} not found", [field])
    return number
