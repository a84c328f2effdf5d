"""Campaign forms ↔ request bodies (TCR wire names, as every door sends them to the core)."""

from __future__ import annotations

from typing import Any

from tendlc.core.campaigns.model import Campaign

SAMPLES = ("sample1", "sample2", "sample3", "sample4", "sample5")
CONTENT_TEXT = ("description", "messageFlow", *SAMPLES, "optinMessage", "optoutMessage", "helpMessage",
                "optinKeywords", "optoutKeywords", "helpKeywords", "privacyPolicyLink", "termsAndConditionsLink",
                "embeddedLinkSample")
CONTENT_FLAGS = ("embeddedLink", "embeddedPhone", "numberPool", "ageGated", "directLending")
NEW_FLAGS = ("subscriberOptin", "subscriberOptout", "subscriberHelp")
NOT_NULLABLE = frozenset({"description", "messageFlow", "optinKeywords", "optoutKeywords", "helpKeywords"})
FLAG_LABELS = {
    "subscriberOptin": "Subscribers opt in", "subscriberOptout": "Subscribers can opt out (STOP)",
    "subscriberHelp": "Subscribers can ask for help (HELP)", "embeddedLink": "Messages contain links",
    "embeddedPhone": "Messages contain phone numbers", "numberPool": "Uses a number pool (over 49 numbers)",
    "ageGated": "Age-gated content", "directLending": "Direct lending or loan arrangement",
    "autoRenewal": "Renew automatically",
}


def _text(form: dict[str, Any], name: str) -> str:
    value = form.get(name)
    return value.strip() if isinstance(value, str) else ""


def _flag(form: dict[str, Any], name: str) -> bool:
    return form.get(name) in ("true", "on", "1")


def _list(form: dict[str, Any], name: str) -> list[str]:
    value = form.get(name)
    if isinstance(value, list):
        return [v for v in value if isinstance(v, str) and v]
    return [value] if isinstance(value, str) and value else []


def new_campaign_body(form: dict[str, Any]) -> dict[str, Any]:
    """The create-campaign form as a ``campaignBuilder`` request (empty fields left out)."""
    body: dict[str, Any] = {"brandId": _text(form, "brandId"), "usecase": _text(form, "usecase"),
                            "subUsecases": _list(form, "subUsecases")}
    for name in CONTENT_TEXT:
        if _text(form, name):
            body[name] = _text(form, name)
    for name in (*NEW_FLAGS, *CONTENT_FLAGS):
        body[name] = _flag(form, name)
    body["autoRenewal"] = _flag(form, "autoRenewal")
    return {k: v for k, v in body.items() if v not in ("", [])}


def edit_body(form: dict[str, Any]) -> dict[str, Any]:
    """The edit form as a campaign update: blank optional texts clear them, flags are sent as ticked."""
    body: dict[str, Any] = {}
    for name in CONTENT_TEXT:
        value = _text(form, name)
        if value:
            body[name] = value
        elif name not in NOT_NULLABLE:
            body[name] = None
    for name in (*CONTENT_FLAGS, "autoRenewal"):
        body[name] = _flag(form, name)
    return body


def campaign_values(campaign: Campaign) -> dict[str, Any]:
    """A stored campaign as form values."""
    out: dict[str, Any] = {}
    for name in (*CONTENT_TEXT, *CONTENT_FLAGS, *NEW_FLAGS, "autoRenewal", "brandId", "usecase"):
        value = getattr(campaign, _snake(name), None)
        if isinstance(value, bool):
            out[name] = "true" if value else ""
        elif value is not None:
            out[name] = str(value)
    out["subUsecases"] = list(campaign.sub_usecases)
    return out


def _snake(name: str) -> str:
    return "".join(f"_{ch.lower()}" if ch.isupper() else ch for ch in name)

