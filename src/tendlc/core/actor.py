"""Who is acting: an account (through one of its keys) or the system itself."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Actor:
    """The caller of a use case. ``cnp_id`` is the account; ``via`` names the key or process."""

    cnp_id: str
    kind: str  # "CSP" | "DCA" | "SYSTEM"
    name: str = ""
    via: str = ""
    project_id: str | None = None  # set when a project key acts: the account, scoped to that project

    @property
    def label(self) -> str:
        return f"{self.cnp_id}/{self.via}" if self.via else self.cnp_id


SYSTEM = Actor(cnp_id="SYSTEM", kind="SYSTEM", name="tendlc", via="system")
