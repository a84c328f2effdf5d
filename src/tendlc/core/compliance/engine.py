"""The lint's entry point: run every rule of the set on a campaign (and its brand, and the registry when
one is given) under a profile, and build the report."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from tendlc.core.carriers.qualify import edition_on
from tendlc.core.carriers.terms import EDITIONS
from tendlc.core.compliance import rules_brand, rules_content, rules_fields, rules_flow, rules_replies, rules_samples
from tendlc.core.compliance.context import Context
from tendlc.core.compliance.model import BrandInput, CampaignInput, Finding, Report, Severity
from tendlc.core.compliance.ports import RegistryLookups
from tendlc.core.compliance.profiles import DEFAULT_PROFILE, PROFILES, Profile
from tendlc.core.compliance.ruleset import RULES, RULESET_VERSION, Rule
from tendlc.core.errors import FieldProblem, InvalidInput

RULE_MODULES = (rules_fields, rules_samples, rules_replies, rules_flow, rules_content, rules_brand)  # registers


def profile_named(name: str | None) -> Profile:
    """The profile called ``name`` (the default when None); InvalidInput naming ``profile`` otherwise."""
    found = PROFILES.get((name or DEFAULT_PROFILE).strip().lower())
    if found is None:
        raise InvalidInput.of([FieldProblem("profile", f"must be one of {', '.join(PROFILES)}")])
    return found


def _runnable(r: Rule, brand: BrandInput | None, registry: RegistryLookups | None) -> bool:
    return not ((r.needs_brand and brand is None) or (r.needs_registry and registry is None))


def check(campaign: CampaignInput, brand: BrandInput | None = None, profile: Profile | str | None = None,
          registry: RegistryLookups | None = None, *, merge_fields: Iterable[str] = (),
          day: date | None = None) -> Report:
    """Lint ``campaign``. Rules that need the brand or the registry are skipped (and listed in
    ``skipped``) when they are not given. ``merge_fields`` names the non-bracket merge fields
    (``@name@``) the sending platform fills in. Carrier terms are those in force on ``day`` (the latest
    edition when None)."""
    chosen = profile if isinstance(profile, Profile) else profile_named(profile)
    edition = edition_on(day) if day else max(EDITIONS, key=lambda e: e.effective)
    ctx = Context(campaign, brand, chosen, edition, registry, frozenset(merge_fields))
    findings: list[Finding] = []
    skipped: list[str] = []
    for r in RULES.values():
        if not _runnable(r, brand, registry):
            skipped.append(r.code)
            continue
        severity = chosen.severity(r.code, r.severity)
        for hit in r.check(ctx):
            findings.append(Finding(code=r.code, severity=severity, fields=list(hit.fields), message=hit.message,
                                    fix=hit.fix or r.fix, rejection_category=r.category,
                                    provider_codes=list(r.providers), reference=r.reference))
    findings.sort(key=lambda f: (f.severity != Severity.ERROR, f.code))
    errors = sum(f.severity == Severity.ERROR for f in findings)
    return Report(ruleset_version=RULESET_VERSION, profile=chosen.name, ok=errors == 0, errors=errors,
                  warnings=len(findings) - errors, findings=findings, skipped=skipped,
                  registry_checked=registry is not None)
