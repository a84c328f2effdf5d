"""What the project use cases need from storage (``db/projects_repo.py`` implements it)."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from tendlc.core.accounts.projects import Project, ProjectCampaign
from tendlc.core.model import Page, PageRequest


class ProjectRepository(Protocol):
    def get(self, project_id: str) -> Project | None: ...
    def add(self, project: Project) -> None: ...

    def save(self, project: Project) -> Project:
        """Store a changed project whose ``version`` is the one read (and its CSP id associations); return
        it with the next version. Raises ConcurrentUpdate when somebody else saved it first."""
        ...

    def search(self, cnp_id: str, status: str | None, page: PageRequest) -> Page[Project]:
        """The account's projects (never DELETED ones), oldest first."""
        ...

    def csp_owner(self, cnp_id: str, csp_id: str) -> str | None:
        """The project of account ``cnp_id`` associated with ``csp_id``, if any."""
        ...

    def registered_project(self, campaign_id: str) -> str | None:
        """The project a campaign was registered for by its owner, if any."""
        ...

    def attribute(self, cnp_id: str, campaign_id: str, project_id: str, at: datetime) -> None: ...
    def detach(self, campaign_id: str) -> None: ...

    def campaigns(self, cnp_id: str, project_id: str, page: PageRequest) -> Page[ProjectCampaign]:
        """The campaigns attributed to a project, newest first: those registered for it, and those shared
        with ``cnp_id`` (live chain, current link) by a CSP associated with it."""
        ...
