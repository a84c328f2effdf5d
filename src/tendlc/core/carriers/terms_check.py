"""What a carrier applying its published terms rejects a campaign for (the ``rules`` review policy).

Each finding is a sentence a person can act on: what the carrier requires and what to change.
"""

from __future__ import annotations

from typing import Any

from tendlc.core.campaigns.model import SAMPLE_FIELDS, Campaign


def terms_violations(campaign: Campaign, terms: dict[str, Any]) -> list[str]:
    """The ways ``campaign`` breaks one MNO's ``Metadata`` (the terms it was registered under)."""
    name = terms.get("mno", "the carrier")
    found: list[str] = []
    if terms.get("mnoSupport") is False:
        found.append(f"{name} does not support the {campaign.usecase} use case")
    elif terms.get("qualify") is False:
        found.append(f"the brand does not qualify for {campaign.usecase} on {name} (identity verification or "
                     "external vetting needed)")
    samples = sum(1 for f in SAMPLE_FIELDS if getattr(campaign, f))
    wanted = int(terms.get("minMsgSamples") or 0)
    if samples < wanted:
        found.append(f"{name} requires at least {wanted} sample messages; the campaign has {samples}: add "
                     f"{wanted - samples} more (sample{samples + 1}…)")
    for flag, attr, what in (("reqSubscriberOptin", "subscriber_optin", "opt-in"),
                             ("reqSubscriberOptout", "subscriber_optout", "opt-out"),
                             ("reqSubscriberHelp", "subscriber_help", "help")):
        if terms.get(flag) and not getattr(campaign, attr):
            found.append(f"{name} requires subscriber {what} for {campaign.usecase}: set {_camel(attr)} to true "
                         f"and describe it")
    if terms.get("noEmbeddedLink") and campaign.embedded_link:
        found.append(f"{name} does not allow embedded links for {campaign.usecase}: remove them from the samples "
                     "and set embeddedLink to false")
    if terms.get("noEmbeddedPhone") and campaign.embedded_phone:
        found.append(f"{name} does not allow embedded phone numbers for {campaign.usecase}: remove them and set "
                     "embeddedPhone to false")
    return found


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(p.title() for p in rest)
