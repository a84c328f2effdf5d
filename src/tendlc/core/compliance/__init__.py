"""Compliance lint of 10DLC campaigns: deterministic rules with stable codes, a versioned rule set and
provider profiles (``reference/compliance-rules.md``). Entry point: :func:`check`."""

from tendlc.core.compliance.engine import check, profile_named
from tendlc.core.compliance.model import BrandInput, CampaignInput, Finding, Report, Severity
from tendlc.core.compliance.ports import BrandKey, RegistryLookups
from tendlc.core.compliance.profiles import PROFILES
from tendlc.core.compliance.ruleset import RULES, RULESET_VERSION

__all__ = ["PROFILES", "RULES", "RULESET_VERSION", "BrandInput", "BrandKey", "CampaignInput", "Finding",
           "RegistryLookups", "Report", "Severity", "check", "profile_named"]
