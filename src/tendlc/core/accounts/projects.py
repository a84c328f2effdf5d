"""Customer projects of a provider account (RumbleUp's ``cid``, Sinch's ``projectId``).

A CSP or DCA that acts as a provider has projects, one per customer. A project has its own API keys
(which authenticate as the owning account, scoped to the project) and may be associated with the CSP
ids its customer registers campaigns under elsewhere ("provide your CSP ID"): a campaign that such a
CSP shares with the provider is attributed to the project. Project ids are ULIDs: unique without a
lookup, sortable by creation time (lists page in a stable order), and free of ``:`` so that they can
stand as the user name of an HTTP Basic credential (RumbleUp ``cid:key``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from tendlc.core.model import CoreModel


class ProjectStatus(StrEnum):
    ACTIVE = "ACTIVE"
    DISABLED = "DISABLED"  # its keys are refused until it is active again
    DELETED = "DELETED"  # kept for the history; its keys are revoked and its CSP ids released


class Project(CoreModel):
    project_id: str
    cnp_id: str  # the provider account that owns it
    name: str
    status: ProjectStatus = ProjectStatus.ACTIVE
    external_csp_ids: list[str] = []
    created_at: datetime
    updated_at: datetime
    version: int = 1


class AttributionSource(StrEnum):
    REGISTERED = "REGISTERED"  # the provider registered the campaign for the project
    SHARED = "SHARED"  # shared with the provider by a CSP associated with the project


@dataclass(frozen=True)
class ProjectCampaign:
    """A campaign attributed to a project. For a shared one, who shared it and the link's status."""

    campaign_id: str
    project_id: str
    source: AttributionSource
    at: datetime  # when it was attributed (REGISTERED) or shared (SHARED)
    downstream_cnp_id: str | None = None
    sharing_status: str | None = None
