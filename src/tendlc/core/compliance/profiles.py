"""Lint profiles: TCR's own limits, and the stricter ones of the providers that add their checks on top.

Source: ``reference/compliance-rules.md`` §0 (item 3), §1.A (LEN-03, LEN-05, LEN-07), §1.B (UC-05),
§1.D (KW-06), §1.F (ATTR-03, ATTR-10), §1.D (MSG-10), §1.H (POL-01, POL-04), §3.1 and §3.2 ("Minimum
samples"). TCR's lengths are those of its ``CampaignRequest`` (``core/campaigns/model.py``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from tendlc.core.compliance.model import Severity

E, W = Severity.ERROR, Severity.WARNING


@dataclass(frozen=True)
class Profile:
    name: str
    summary: str
    message_flow_max: int = 4096
    reply_max: int = 1024  # optinMessage, optoutMessage, helpMessage
    link_max: int = 2048  # privacyPolicyLink, termsAndConditionsLink
    min_samples: int = 0  # a provider's floor on top of the carriers' minMsgSamples
    all_subscriber_flags: bool = False  # subscriberOptin/Optout/Help all true, not only what carriers ask
    severities: Mapping[str, Severity] = field(default_factory=dict)  # per rule code, over its default

    def severity(self, code: str, default: Severity) -> Severity:
        return self.severities.get(code, default)


_POLICY_LINKS_REQUIRED = {"PRIVACY_POLICY_MISSING": E, "TERMS_LINK_MISSING": E}

PROFILES: dict[str, Profile] = {
    p.name: p
    for p in (
        Profile("tcr", "TCR's own limits; sample count and subscriber flags from the carriers' terms.",
                severities={"PRIVACY_POLICY_MISSING": W, "TERMS_LINK_MISSING": W}),
        Profile("twilio", "Twilio: messageFlow <= 2048, replies 20-320, 2-5 samples, 'direct lending' stated.",
                message_flow_max=2048, reply_max=320, min_samples=2, all_subscriber_flags=True,
                severities={**_POLICY_LINKS_REQUIRED, "DIRECT_LENDING_NOT_IN_DESCRIPTION": E}),
        Profile("sinch", "Sinch: messageFlow <= 2048, replies 20-255, links <= 255, 3 samples, brand in the "
                "opt-out reply.", message_flow_max=2048, reply_max=255, link_max=255, min_samples=3,
                all_subscriber_flags=True,
                severities={**_POLICY_LINKS_REQUIRED, "OPT_OUT_MESSAGE_MISSING_BRAND_NAME": E}),
        Profile("telnyx", "Telnyx: messageFlow <= 2048, 2 samples, all subscriber flags, opt-out in samples.",
                message_flow_max=2048, min_samples=2, all_subscriber_flags=True,
                severities=_POLICY_LINKS_REQUIRED),
        Profile("strict", "The union of every provider's rules: the tightest limit of each.",
                message_flow_max=2048, reply_max=255, link_max=255, min_samples=3, all_subscriber_flags=True,
                severities={**_POLICY_LINKS_REQUIRED, "OPT_OUT_MESSAGE_MISSING_BRAND_NAME": E,
                            "DIRECT_LENDING_NOT_IN_DESCRIPTION": E, "EMBEDDED_LINK_SAMPLE_INVALID": E,
                            "CONTENT_GET_RICH_QUICK": E, "SAMPLE_OPT_OUT_NOT_IN_EVERY": E}),
    )
}
DEFAULT_PROFILE = "tcr"
