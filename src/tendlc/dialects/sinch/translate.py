"""Sinch's words and the core's (pure): request fields, statuses, the campaign response, feedback."""

from __future__ import annotations

from typing import Any

from tendlc.core.errors import FieldProblem, InvalidInput
from tendlc.core.model import iso_millis
from tendlc.core.registrations.model import Problem, RegistrationStatus
from tendlc.core.registrations.views import RegistrationView

# Sinch request field -> core (CampaignRequest) field
WIRE_TO_CORE: dict[str, str] = {
    "brandId": "brand_id", "useCase": "usecase", "subUseCases": "sub_usecases", "description": "description",
    "sample1": "sample1", "sample2": "sample2", "sample3": "sample3", "sample4": "sample4",
    "stopMessage": "optout_message", "optInMessage": "optin_message", "helpMessage": "help_message",
    "autoRenewal": "auto_renewal", "embeddedLink": "embedded_link", "embeddedPhone": "embedded_phone",
    "numberPool": "number_pool", "ageGated": "age_gated", "directLending": "direct_lending",
    "subscriberOptIn": "subscriber_optin", "subscriberOptOut": "subscriber_optout", "subscriberHelp": "subscriber_help",
    "optinKeywords": "optin_keywords", "optoutKeywords": "optout_keywords", "helpKeywords": "help_keywords",
    "messageFlow": "message_flow", "privacyPolicyLink": "privacy_policy_link",
    "termsAndConditionsLink": "terms_and_conditions_link",
}
# the registry's (TCR) wire name of a core field -> Sinch's, for the problems the core reports
TCR_TO_WIRE: dict[str, str] = {"usecase": "useCase", "subUsecases": "subUseCases", "optoutMessage": "stopMessage",
                               "optinMessage": "optInMessage", "subscriberOptin": "subscriberOptIn",
                               "subscriberOptout": "subscriberOptOut"}
OPTIONAL_SAMPLES = ("sample2", "sample3", "sample4")

STATUS_WORDS: dict[RegistrationStatus, str] = {
    RegistrationStatus.PROVIDER_REVIEW: "SINCH_REVIEW",
    RegistrationStatus.PROVIDER_APPROVED: "SINCH_APPROVED",
    RegistrationStatus.PROVIDER_REJECTED: "SINCH_REJECTED",
    RegistrationStatus.SUBMITTED: "SUBMITTED",
    RegistrationStatus.APPROVED: "APPROVED",
    RegistrationStatus.ACTIVE: "ACTIVE",
    RegistrationStatus.EXPIRED: "EXPIRED",
    RegistrationStatus.REJECTED: "REJECTED",
    RegistrationStatus.SUBMISSION_FAILED: "SUBMISSION_FAILED",
}
CORE_STATUSES: dict[str, RegistrationStatus] = {word: status for status, word in STATUS_WORDS.items()}


def to_core(fields: dict[str, Any]) -> dict[str, Any]:
    """The campaign of a Sinch request in core names (empty optional samples are no sample)."""
    out = {}
    for wire, value in fields.items():
        core = WIRE_TO_CORE.get(wire)
        if core is None or value is None or (wire in OPTIONAL_SAMPLES and not str(value).strip()):
            continue
        out[core] = value
    return out


def sinch_problems(exc: InvalidInput) -> InvalidInput:
    """The core's problems named as Sinch names the fields."""
    return InvalidInput.of([FieldProblem(TCR_TO_WIRE.get(p.field, p.field), p.message) for p in exc.problems])


def _date(value: Any) -> str | None:
    if value is None:
        return None
    return iso_millis(value) if hasattr(value, "hour") else str(value.isoformat())


def campaign(v: RegistrationView) -> dict[str, Any]:
    """Sinch's campaign response, with the fields of its reference in its order."""
    r, c, req = v.registration, v.campaign, v.registration.request
    body: dict[str, Any] = {
        "campaignId": r.campaign_id, "campaignName": r.name, "campaignRegistrationId": r.registration_id,
        "createDate": iso_millis(r.created_at), "modifiedDate": iso_millis(r.updated_at), "createdBy": r.created_by,
        "modifiedBy": r.modified_by, "autoRenewal": c.auto_renewal if c else req.get("auto_renewal", True),
        "billedDate": _date(c.billed_date) if c else None, "brandId": r.brand_id,
        "vertical": (c.vertical if c else req.get("vertical")), "useCase": r.usecase,
        "subUseCases": list(req.get("sub_usecases") or []), "description": req.get("description"),
        "embeddedLink": req.get("embedded_link", False), "embeddedPhone": req.get("embedded_phone", False),
        "affiliateMarketing": False, "numberPool": req.get("number_pool", False),
        "ageGated": req.get("age_gated", False), "directLending": req.get("direct_lending", False),
        "subscriberOptIn": req.get("subscriber_optin", False), "subscriberOptOut": req.get("subscriber_optout", False),
        "subscriberHelp": req.get("subscriber_help", False),
        "sample1": req.get("sample1"), "sample2": req.get("sample2"), "sample3": req.get("sample3"),
        "sample4": req.get("sample4"), "stopMessage": req.get("optout_message"),
        "optInMessage": req.get("optin_message"), "helpMessage": req.get("help_message"),
        "monthlyFee": v.monthly_fee, "setupFee": v.setup_fee, "status": STATUS_WORDS[v.status],
        "mnoMetadata": v.mno_metadata, "mock": r.mock,
        "lastActionStatus": r.last_action_status.value if r.last_action_status else None,
        "optinKeywords": req.get("optin_keywords"), "optoutKeywords": req.get("optout_keywords"),
        "helpKeywords": req.get("help_keywords"), "messageFlow": req.get("message_flow"),
        "nextRenewalOrExpirationDate": _date(c.next_renewal_or_expiration_date) if c else None,
    }
    return {k: v for k, v in body.items() if v is not None}


def _problem(p: Problem) -> dict[str, Any]:
    body: dict[str, Any] = {"code": p.code, "description": p.description}
    if p.fields:
        body["fields"] = [TCR_TO_WIRE.get(f, f) for f in p.fields]
    if p.source:
        body["source"] = p.source
    return body


def feedback(v: RegistrationView, registry: list[Problem], internal: list[Problem]) -> dict[str, Any]:
    body: dict[str, Any] = {"campaignRegistrationId": v.registration.registration_id,
                            "campaignId": v.registration.campaign_id, "status": STATUS_WORDS[v.status],
                            "tcrErrorResponse": [_problem(p) for p in registry],
                            "internalErrorResponse": [_problem(p) for p in internal]}
    return {k: val for k, val in body.items() if val is not None}


def qualification(meta: dict[str, Any]) -> dict[str, Any]:
    return {"useCase": meta["usecase"], "monthlyFee": meta["monthlyFee"], "setupFee": meta["setupFee"],
            "minSubUseCases": meta["minSubUsecases"], "maxSubUseCases": meta["maxSubUsecases"],
            "mnoMetadata": meta["mnoMetadata"]}
