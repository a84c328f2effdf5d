"""Project use cases: create, read, change and delete a provider's customer projects, their API keys,
their CSP id associations and the campaigns attributed to them.

Only the account's own keys manage projects; a project key may read its own project and its campaigns.
"""

from __future__ import annotations

from typing import Any

from pydantic import Field

from tendlc.core.accounts.model import ApiKey
from tendlc.core.accounts.projects import Project, ProjectCampaign, ProjectStatus
from tendlc.core.accounts.service import IssuedKey, hash_secret
from tendlc.core.actor import Actor
from tendlc.core.clock import Clock
from tendlc.core.errors import Duplicate, FieldProblem, InvalidInput, NotFound, OperationDeclined
from tendlc.core.ids import CSP_ID, IdGenerator
from tendlc.core.model import InputModel, Page, check_page, parse_input
from tendlc.core.ports import UnitOfWork

MAX_NAME = 100
MAX_CSP_IDS = 100
PROJECTS_MAX_PER_PAGE = 100


class ProjectInput(InputModel):
    name: str = Field(min_length=1, max_length=MAX_NAME)
    external_csp_ids: list[str] = Field(default=[], max_length=MAX_CSP_IDS)


class ProjectChange(InputModel):
    name: str | None = Field(default=None, min_length=1, max_length=MAX_NAME)
    status: str | None = None


class CspIdsInput(InputModel):
    csp_ids: list[str] = Field(min_length=1, max_length=MAX_CSP_IDS)


class KeyInput(InputModel):
    label: str = Field(default="", max_length=MAX_NAME)


def require_account_key(actor: Actor) -> None:
    """Refuse a project key: projects, their keys and associations are managed by the account's own keys."""
    if actor.project_id is not None:
        raise OperationDeclined("a project key cannot manage projects; use one of the account's own keys",
                                ["projectId"])


def _record(uow: UnitOfWork, project: Project, action: str, actor: Actor) -> None:
    uow.record_history("project", project.project_id, project.version, action, actor.label, project.updated_at,
                       project.model_dump(mode="json", by_alias=True))


def visible_project(uow: UnitOfWork, actor: Actor, project_id: str, field: str = "projectId") -> Project:
    """The caller's live project (a project key sees only its own), or NotFound naming ``field``."""
    project = uow.projects.get(project_id) if "\x00" not in project_id else None
    if (project is None or project.cnp_id != actor.cnp_id or project.status is ProjectStatus.DELETED
            or (actor.project_id is not None and actor.project_id != project_id)):
        raise NotFound(f"project {project_id} not found", [field])
    return project


def _check_csp_ids(uow: UnitOfWork, actor: Actor, project_id: str | None, csp_ids: list[str],
                   field: str) -> list[str]:
    """Valid, de-duplicated CSP ids that no other project of the account is associated with."""
    problems = []
    for i, csp_id in enumerate(csp_ids):
        if not CSP_ID.fullmatch(csp_id):
            problems.append(FieldProblem(f"{field}[{i}]", f"{csp_id!r} is not a CSP id (S and 6 letters or digits)"))
        elif csp_id == actor.cnp_id:
            problems.append(FieldProblem(f"{field}[{i}]", "is the account's own CSP id"))
    if problems:
        raise InvalidInput.of(problems)
    taken = []
    for i, csp_id in enumerate(csp_ids):
        owner = uow.projects.csp_owner(actor.cnp_id, csp_id)
        if owner is not None and owner != project_id:
            taken.append((f"{field}[{i}]", f"{csp_id} is already associated with project {owner}"))
    if taken:
        raise Duplicate("; ".join(f"{name}: {msg}" for name, msg in taken), [name for name, _ in taken])
    return list(dict.fromkeys(csp_ids))


def create_project(uow: UnitOfWork, ids: IdGenerator, clock: Clock, actor: Actor, body: Any) -> Project:
    """``{"name", "externalCspIds"?: [...]}``: a new ACTIVE project of the caller's account."""
    require_account_key(actor)
    data = parse_input(ProjectInput, body)
    name = data.name.strip()
    if not name:
        raise InvalidInput.of([FieldProblem("name", "must not be blank")])
    project_id = ids.ulid()
    csp_ids = _check_csp_ids(uow, actor, project_id, data.external_csp_ids, "externalCspIds")
    now = clock.now()
    project = Project(project_id=project_id, cnp_id=actor.cnp_id, name=name, external_csp_ids=csp_ids,
                      created_at=now, updated_at=now)
    uow.projects.add(project)
    _record(uow, project, "create", actor)
    return project


def list_projects(uow: UnitOfWork, actor: Actor, status: str | None, page: int, per_page: int) -> Page[Project]:
    """The caller's projects, oldest first (a project key sees its own only)."""
    request = check_page(page, per_page, PROJECTS_MAX_PER_PAGE)
    if status is not None and status not in (ProjectStatus.ACTIVE, ProjectStatus.DISABLED):
        raise InvalidInput.of([FieldProblem("status", "must be ACTIVE or DISABLED")])
    if actor.project_id is not None:
        own = uow.projects.get(actor.project_id)
        items = [own] if own is not None and (status is None or own.status == status) else []
        return Page(len(items), items if request.offset == 0 else [])
    return uow.projects.search(actor.cnp_id, status, request)


def update_project(uow: UnitOfWork, clock: Clock, actor: Actor, project_id: str, body: Any) -> Project:
    """``{"name"?, "status"?: "ACTIVE" | "DISABLED"}``. A DISABLED project's keys are refused."""
    require_account_key(actor)
    project = visible_project(uow, actor, project_id)
    data = parse_input(ProjectChange, body)
    changes: dict[str, Any] = {}
    if data.name is not None:
        if not data.name.strip():
            raise InvalidInput.of([FieldProblem("name", "must not be blank")])
        changes["name"] = data.name.strip()
    if data.status is not None:
        if data.status not in (ProjectStatus.ACTIVE, ProjectStatus.DISABLED):
            raise InvalidInput.of([FieldProblem("status", "must be ACTIVE or DISABLED")])
        changes["status"] = ProjectStatus(data.status)
    if all(getattr(project, k) == v for k, v in changes.items()):
        return project
    saved = uow.projects.save(project.model_copy(update={**changes, "updated_at": clock.now()}))
    _record(uow, saved, "update", actor)
    return saved


def delete_project(uow: UnitOfWork, clock: Clock, actor: Actor, project_id: str) -> Project:
    """Delete a project that holds no numbers and no messaging profiles: its keys are revoked and its CSP
    ids released (the record stays, DELETED, for the history)."""
    require_account_key(actor)
    project = visible_project(uow, actor, project_id)
    numbers, profiles = uow.numbers.project_holdings(actor.cnp_id, project_id)
    if numbers or profiles:
        raise OperationDeclined(f"project {project_id} still holds {numbers} number(s) and {profiles} messaging "
                                "profile(s); delete or move them first", ["projectId"])
    now = clock.now()
    for key in uow.accounts.list_keys(actor.cnp_id):
        if key.project_id == project_id and key.revoked_at is None:
            uow.accounts.save_key(key.model_copy(update={"revoked_at": now}))
    saved = uow.projects.save(project.model_copy(update={"status": ProjectStatus.DELETED, "external_csp_ids": [],
                                                         "updated_at": now}))
    _record(uow, saved, "delete", actor)
    return saved


def associate(uow: UnitOfWork, clock: Clock, actor: Actor, project_id: str, body: Any) -> Project:
    """``{"cspIds": [...]}``: campaigns these CSPs share with the account are attributed to the project. A
    CSP id maps to at most one project of an account; associating it again with the same one changes nothing."""
    require_account_key(actor)
    project = visible_project(uow, actor, project_id)
    data = parse_input(CspIdsInput, body)
    csp_ids = _check_csp_ids(uow, actor, project_id, data.csp_ids, "cspIds")
    merged = list(dict.fromkeys([*project.external_csp_ids, *csp_ids]))
    if len(merged) > MAX_CSP_IDS:
        raise InvalidInput.of([FieldProblem("cspIds", f"a project has at most {MAX_CSP_IDS} CSP ids")])
    if merged == project.external_csp_ids:
        return project
    saved = uow.projects.save(project.model_copy(update={"external_csp_ids": merged, "updated_at": clock.now()}))
    _record(uow, saved, "associate", actor)
    return saved


def dissociate(uow: UnitOfWork, clock: Clock, actor: Actor, project_id: str, csp_id: str) -> Project:
    """Remove one CSP id from the project (NotFound when it is not associated with it)."""
    require_account_key(actor)
    project = visible_project(uow, actor, project_id)
    if csp_id not in project.external_csp_ids:
        raise NotFound(f"{csp_id} is not associated with project {project_id}", ["cspId"])
    kept = [c for c in project.external_csp_ids if c != csp_id]
    saved = uow.projects.save(project.model_copy(update={"external_csp_ids": kept, "updated_at": clock.now()}))
    _record(uow, saved, "dissociate", actor)
    return saved


def issue_project_key(uow: UnitOfWork, ids: IdGenerator, clock: Clock, actor: Actor, project_id: str,
                      label: str = "") -> IssuedKey:
    """A key of the account scoped to the project (the secret is shown once)."""
    require_account_key(actor)
    project = visible_project(uow, actor, project_id)
    if len(label) > MAX_NAME:
        raise InvalidInput.of([FieldProblem("label", f"must be at most {MAX_NAME} characters")])
    secret = f"ts_{ids.token(32)}"
    key = ApiKey(key_id=f"tk_{ids.token(12)}", cnp_id=project.cnp_id, secret_hash=hash_secret(secret), label=label,
                 created_at=clock.now(), project_id=project.project_id)
    uow.accounts.add_key(key)
    return IssuedKey(key=key, secret=secret)


def project_keys(uow: UnitOfWork, actor: Actor, project_id: str) -> list[ApiKey]:
    require_account_key(actor)
    visible_project(uow, actor, project_id)
    return [k for k in uow.accounts.list_keys(actor.cnp_id) if k.project_id == project_id]


def revoke_project_key(uow: UnitOfWork, clock: Clock, actor: Actor, project_id: str, key_id: str) -> ApiKey:
    require_account_key(actor)
    visible_project(uow, actor, project_id)
    key = uow.accounts.get_key(key_id) if "\x00" not in key_id else None
    if key is None or key.cnp_id != actor.cnp_id or key.project_id != project_id:
        raise NotFound(f"API key {key_id} not found", ["keyId"])
    if key.revoked_at is None:
        key = key.model_copy(update={"revoked_at": clock.now()})
        uow.accounts.save_key(key)
    return key


def attribute_campaign(uow: UnitOfWork, clock: Clock, actor: Actor, project_id: str, campaign_id: str) -> None:
    """Attribute a campaign the account registered to one of its projects (again: no change; to another
    project: DUPLICATE, detach it first). Campaigns shared with the account are attributed by CSP id."""
    require_account_key(actor)
    visible_project(uow, actor, project_id)
    campaign = uow.campaigns.get(campaign_id) if "\x00" not in campaign_id else None
    if campaign is None or campaign.csp_id != actor.cnp_id:
        raise NotFound(f"campaign {campaign_id} not found", ["campaignId"])
    current = uow.projects.registered_project(campaign_id)
    if current == project_id:
        return
    if current is not None:
        raise Duplicate(f"campaign {campaign_id} belongs to project {current}; detach it first", ["campaignId"])
    uow.projects.attribute(actor.cnp_id, campaign_id, project_id, clock.now())


def detach_campaign(uow: UnitOfWork, actor: Actor, project_id: str, campaign_id: str) -> None:
    require_account_key(actor)
    visible_project(uow, actor, project_id)
    if "\x00" in campaign_id or uow.projects.registered_project(campaign_id) != project_id:
        raise NotFound(f"campaign {campaign_id} is not registered for project {project_id}", ["campaignId"])
    uow.projects.detach(campaign_id)


def project_campaigns(uow: UnitOfWork, actor: Actor, project_id: str, page: int,
                      per_page: int) -> Page[ProjectCampaign]:
    """The campaigns attributed to the project, newest first (a project key: its own project only)."""
    request = check_page(page, per_page, PROJECTS_MAX_PER_PAGE)
    visible_project(uow, actor, project_id)
    return uow.projects.campaigns(actor.cnp_id, project_id, request)


def project_of_campaign(uow: UnitOfWork, cnp_id: str, campaign_id: str) -> str | None:
    """The project of account ``cnp_id`` a campaign is attributed to: the one the account registered it
    for, else — when the campaign is shared with the account on its live chain — the project associated
    with the CSP id of the party that shared it (the campaign's CSP at hop 1)."""
    campaign = uow.campaigns.get(campaign_id)
    if campaign is None:
        return None
    if campaign.csp_id == cnp_id:
        return uow.projects.registered_project(campaign_id)
    for link in uow.sharing.chain_links(campaign_id, False):
        if link.upstream_cnp_id == cnp_id:
            return uow.projects.csp_owner(cnp_id, link.downstream_cnp_id)
    return None
