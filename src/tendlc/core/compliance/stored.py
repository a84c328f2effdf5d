"""The compliance report kept with a submission, and the registry-wide checks added when it is read.

Every campaign registration (through any dialect) runs the per-campaign rules and keeps the report with
the campaign: they read only the campaign and its brand, so they cost the same whatever the size of the
registry. The registry-wide rules (a description or samples reused by an unrelated brand, one EIN on
several brands) scan the registry; they run when somebody reads the report, never on the write path.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from tendlc.core.compliance.engine import check
from tendlc.core.compliance.model import BrandInput, CampaignInput, Report, Severity
from tendlc.core.compliance.ports import RegistryLookups
from tendlc.core.compliance.ruleset import RULES
from tendlc.core.model import iso_millis

REGISTRY_RULES = frozenset(code for code, r in RULES.items() if r.needs_registry)


def brand_input(brand: Any) -> BrandInput | None:
    """The lint's view of a stored brand (any model with the brand's attributes), or None."""
    return BrandInput.model_validate(brand.model_dump()) if brand is not None else None


def submission_report(campaign: Any, brand: Any, profile: str, at: datetime) -> dict[str, Any]:
    """The per-campaign report of ``campaign`` (a model or a dict in core names) under ``profile``, as
    stored: the report's wire form plus when it was made."""
    data = campaign.model_dump() if hasattr(campaign, "model_dump") else dict(campaign)
    report = check(CampaignInput.model_validate(data), brand_input(brand), profile)
    return {**report.model_dump(mode="json", by_alias=True), "checkedAt": iso_millis(at)}


def with_registry_checks(stored: dict[str, Any], campaign: Any, brand: Any,
                         registry: RegistryLookups) -> dict[str, Any]:
    """``stored`` with the findings of the registry-wide rules, run now, added (``registryChecked``)."""
    data = campaign.model_dump() if hasattr(campaign, "model_dump") else dict(campaign)
    fresh = check(CampaignInput.model_validate(data), brand_input(brand), stored.get("profile"), registry)
    added = [f.model_dump(mode="json", by_alias=True) for f in fresh.findings if f.code in REGISTRY_RULES]
    findings = [*stored.get("findings", []), *added]
    findings.sort(key=lambda f: (f["severity"] != Severity.ERROR.value, f["code"]))
    errors = sum(f["severity"] == Severity.ERROR.value for f in findings)
    skipped = [code for code in stored.get("skipped", []) if code not in REGISTRY_RULES]
    return {**stored, "ok": errors == 0, "errors": errors, "warnings": len(findings) - errors, "findings": findings,
            "skipped": skipped, "registryChecked": True}


def blocking(stored: dict[str, Any] | Report) -> list[dict[str, Any]]:
    """The error findings of a stored report."""
    findings = stored.findings if isinstance(stored, Report) else stored.get("findings", [])
    out = [f.model_dump(mode="json", by_alias=True) if not isinstance(f, dict) else f for f in findings]
    return [f for f in out if f["severity"] == Severity.ERROR.value]
