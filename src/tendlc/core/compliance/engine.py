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


# What a lint runs, in rule order: (rule, its severity under the profile, the provider codes), and the codes
# it skips; worked out once per profile and availability of the brand and the registry. Keyed by the
# profile's id (a profile is not hashable); the entry holds the profile, so the id stays its own, and
# the number of rules, so that a rule registered later is not left out.
_Plan = tuple[list[tuple[Rule, Severity, tuple[str, ...]]], tuple[str, ...]]
_PLANS: dict[tuple[int, bool, bool], tuple[Profile, int, _Plan]] = {}


def _plan(profile: Profile, has_brand: bool, has_registry: bool) -> _Plan:
    key = (id(profile), has_brand, has_registry)
    entry = _PLANS.get(key)
    if entry is not None and entry[0] is profile and entry[1] == len(RULES):
        return entry[2]
    run: list[tuple[Rule, Severity, tuple[str, ...]]] = []
    skipped: list[str] = []
    for r in RULES.values():
        if (r.needs_brand and not has_brand) or (r.needs_registry and not has_registry):
            skipped.append(r.code)
        else:
            run.append((r, profile.severity(r.code, r.severity), r.providers))
    plan = (run, tuple(skipped))
    if len(_PLANS) > 256:
        _PLANS.clear()
    _PLANS[key] = (profile, len(RULES), plan)
    return plan


_LATEST = max(EDITIONS, key=lambda e: e.effective)  # the carrier terms in force when no day is given


def check(campaign: CampaignInput, brand: BrandInput | None = None, profile: Profile | str | None = None,
          registry: RegistryLookups | None = None, *, merge_fields: Iterable[str] = (),
          day: date | None = None) -> Report:
    """Lint ``campaign``. Rules that need the brand or the registry are skipped (and listed in
    ``skipped``) when they are not given. ``merge_fields`` names the non-bracket merge fields
    (``@name@``) the sending platform fills in. Carrier terms are those in force on ``day`` (the latest
    edition when None)."""
    chosen = profile if isinstance(profile, Profile) else profile_named(profile)
    edition = edition_on(day) if day else _LATEST
    ctx = Context(campaign, brand, chosen, edition, registry, frozenset(merge_fields))
    findings: list[Finding] = []
    run, skipped = _plan(chosen, brand is not None, registry is not None)
    for r, severity, providers in run:
        for hit in r.check(ctx):
            findings.append(Finding(code=r.code, severity=severity, fields=list(hit.fields), message=hit.message,
                                    fix=hit.fix or r.fix, rejection_category=r.category,
                                    provider_codes=list(providers), reference=r.reference))
    findings.sort(key=lambda f: (f.severity != Severity.ERROR, f.code))
    errors = sum(f.severity == Severity.ERROR for f in findings)
    return Report(ruleset_version=RULESET_VERSION, profile=chosen.name, ok=errors == 0, errors=errors,
                  warnings=len(findings) - errors, findings=findings, skipped=list(skipped),
                  registry_checked=registry is not None)
