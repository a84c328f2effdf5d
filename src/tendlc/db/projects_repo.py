"""Projects, their CSP id associations and the campaigns registered for them (implements
``core.accounts.ports.ProjectRepository``)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from sqlalchemy import (
    Connection,
    String,
    and_,
    cast,
    delete,
    false,
    func,
    insert,
    literal,
    null,
    select,
    true,
    union_all,
    update,
)

from tendlc.core.accounts.projects import AttributionSource, Project, ProjectCampaign, ProjectStatus
from tendlc.core.errors import ConcurrentUpdate
from tendlc.core.model import Page, PageRequest
from tendlc.db.convert import aware, naive_utc
from tendlc.db.tables_numbers import project_campaigns, project_csp_ids, projects
from tendlc.db.tables_sharing import sharing_links

P = projects.c


def _load(doc: Any) -> Project:
    return Project.model_validate_json(doc) if isinstance(doc, str | bytes) else Project.model_validate(doc)


class SqlProjects:
    def __init__(self, conn: Connection, on_change: Callable[[], None] | None = None) -> None:
        self._conn = conn
        self._on_change = on_change  # a project's status decides whether its keys work: credential caches forget

    def get(self, project_id: str) -> Project | None:
        doc = self._conn.execute(select(P.doc).where(P.project_id == project_id)).scalar()
        return _load(doc) if doc is not None else None

    def add(self, project: Project) -> None:
        self._conn.execute(insert(projects).values(
            project_id=project.project_id, cnp_id=project.cnp_id, status=project.status.value,
            created_at=naive_utc(project.created_at), version=project.version,
            doc=project.model_dump(mode="json")))
        self._associate(project)

    def save(self, project: Project) -> Project:
        saved = project.model_copy(update={"version": project.version + 1})
        result = self._conn.execute(update(projects).where(
            P.project_id == project.project_id, P.version == project.version).values(
            status=saved.status.value, version=saved.version, doc=saved.model_dump(mode="json")))
        if result.rowcount != 1:
            raise ConcurrentUpdate(f"project {project.project_id} was changed by another request; retry", [])
        self._conn.execute(delete(project_csp_ids).where(project_csp_ids.c.project_id == project.project_id))
        self._associate(saved)
        if self._on_change is not None:
            self._on_change()
        return saved

    def _associate(self, project: Project) -> None:
        if project.external_csp_ids:
            self._conn.execute(insert(project_csp_ids), [
                {"cnp_id": project.cnp_id, "csp_id": csp_id, "project_id": project.project_id}
                for csp_id in project.external_csp_ids])

    def search(self, cnp_id: str, status: str | None, page: PageRequest) -> Page[Project]:
        where = [P.cnp_id == cnp_id, P.status == status] if status else [
            P.cnp_id == cnp_id, P.status != ProjectStatus.DELETED.value]
        total = self._conn.execute(select(func.count()).select_from(projects).where(*where)).scalar_one()
        rows = self._conn.execute(select(P.doc).where(*where).order_by(P.created_at, P.project_id)
                                  .limit(page.per_page).offset(page.offset))
        return Page(total, [_load(doc) for (doc,) in rows])

    def csp_owner(self, cnp_id: str, csp_id: str) -> str | None:
        c = project_csp_ids.c
        return self._conn.execute(select(c.project_id).where(c.cnp_id == cnp_id, c.csp_id == csp_id)).scalar()

    def registered_project(self, campaign_id: str) -> str | None:
        c = project_campaigns.c
        return self._conn.execute(select(c.project_id).where(c.campaign_id == campaign_id)).scalar()

    def attribute(self, cnp_id: str, campaign_id: str, project_id: str, at: datetime) -> None:
        self._conn.execute(insert(project_campaigns).values(
            campaign_id=campaign_id, cnp_id=cnp_id, project_id=project_id, attributed_at=naive_utc(at)))

    def detach(self, campaign_id: str) -> None:
        self._conn.execute(delete(project_campaigns).where(project_campaigns.c.campaign_id == campaign_id))

    def campaigns(self, cnp_id: str, project_id: str, page: PageRequest) -> Page[ProjectCampaign]:
        pc, link, assoc = project_campaigns.c, sharing_links.c, project_csp_ids.c
        registered = select(
            pc.campaign_id.label("campaign_id"),
            literal(AttributionSource.REGISTERED.value, String(10)).label("source"),
            pc.attributed_at.label("at"), cast(null(), String(7)).label("downstream"),
            cast(null(), String(10)).label("sharing_status"),
        ).where(pc.cnp_id == cnp_id, pc.project_id == project_id)
        shared = select(
            link.campaign_id, literal(AttributionSource.SHARED.value, String(10)), link.shared_date,
            link.downstream_cnp_id, link.sharing_status,
        ).join(sharing_links, and_(assoc.cnp_id == link.upstream_cnp_id, assoc.csp_id == link.downstream_cnp_id)
               ).where(assoc.cnp_id == cnp_id, assoc.project_id == project_id, link.is_current == true(),
                       link.cnp_migration == false())
        both = union_all(registered, shared).subquery()
        total = self._conn.execute(select(func.count()).select_from(both)).scalar_one()
        rows = self._conn.execute(select(both).order_by(both.c.at.desc(), both.c.campaign_id)
                                  .limit(page.per_page).offset(page.offset)).mappings()
        return Page(total, [ProjectCampaign(
            campaign_id=r["campaign_id"], project_id=project_id, source=AttributionSource(r["source"]),
            at=aware(r["at"]), downstream_cnp_id=r["downstream"],  # type: ignore[arg-type]
            sharing_status=r["sharing_status"]) for r in rows])
