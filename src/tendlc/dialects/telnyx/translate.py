"""Core entities → Telnyx 10DLC wire documents (pure): camelCase, no ``data`` envelope, lists as
``{page, records, totalRecords}``. tendlc has one id per record, so ``brandId`` = ``tcrBrandId`` and
``campaignId`` = ``tcrCampaignId``."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime
from typing import Any

from tendlc.core.brands.model import Brand
from tendlc.core.campaigns.model import Campaign
from tendlc.core.model import Page, iso_millis
from tendlc.core.numbers.assignment_ports import AssignmentTask, TaskItem
from tendlc.core.numbers.model import PhoneNumber
from tendlc.core.sharing.model import SharingLink

T_MOBILE = "10035"
SAMPLES = ("sample1", "sample2", "sample3", "sample4", "sample5")
BRAND_FIELDS = (
    "entity_type", "first_name", "last_name", "display_name", "company_name", "ein", "phone", "street", "city",
    "state", "postal_code", "country", "email", "stock_symbol", "stock_exchange", "ip_address", "website",
    "alt_business_id", "alt_business_id_type", "reference_id", "mobile_phone", "business_contact_email",
    "universal_ein", "csp_id", "mock", "identity_status", "optional_attributes",
)
CAMPAIGN_CONTENT = (
    "description", "message_flow", "help_message", "optin_message", "optout_message", "optin_keywords",
    "optout_keywords", "help_keywords", "privacy_policy_link", "terms_and_conditions_link", "embedded_link_sample",
    "embedded_link", "embedded_phone", "number_pool", "age_gated", "direct_lending", "subscriber_optin",
    "subscriber_optout", "subscriber_help", "terms_and_conditions", *SAMPLES,
)


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(p[:1].upper() + p[1:] for p in rest)


def _wire(value: Any) -> Any:
    if isinstance(value, datetime):
        return iso_millis(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def _pick(source: Any, names: Iterable[str]) -> dict[str, Any]:
    def get(name: str) -> Any:
        return source.get(name) if isinstance(source, dict) else getattr(source, name, None)

    return {_camel(n): _wire(get(n)) for n in names if get(n) is not None}


def brand_status(b: Brand) -> str:
    """``OK`` once identity is scored; ``REGISTRATION_PENDING`` while it is being scored;
    ``REGISTRATION_FAILED`` when scoring left it UNVERIFIED with feedback."""
    if b.identity_check_due_at is not None:
        return "REGISTRATION_PENDING"
    if b.identity_status == "UNVERIFIED" and b.identity_feedback:
        return "REGISTRATION_FAILED"
    return "OK"


def _failure_reasons(b: Brand) -> str | None:
    return "; ".join(f.description for f in b.identity_feedback) or None


def brand(b: Brand, webhooks: dict[str, str] | None = None, campaigns: int | None = None) -> dict[str, Any]:
    """``TelnyxBrand`` (``BrandRetrieveResponse`` with ``assignedCampaignsCount`` when counted)."""
    body = _pick(b, BRAND_FIELDS)
    body.update(brandId=b.brand_id, tcrBrandId=b.brand_id, brandRelationship=b.brand_relationship or "BASIC_ACCOUNT",
                vertical=b.vertical or "", displayName=b.display_name or "", email=b.email or "",
                country=b.country or "US", status=brand_status(b), createdAt=iso_millis(b.create_date),
                updatedAt=iso_millis(b.create_date))
    reasons = _failure_reasons(b)
    if reasons:
        body["failureReasons"] = reasons
    body.update(webhooks or {})
    if campaigns is not None:
        body["assignedCampaignsCount"] = campaigns
    return body


def brand_list_item(b: Brand, campaigns: int) -> dict[str, Any]:
    """``BrandListResponse`` (its count key is spelled ``assignedCampaingsCount`` in Telnyx's schema)."""
    body = _pick(b, ("company_name", "display_name", "email", "entity_type", "identity_status", "website"))
    body.update(brandId=b.brand_id, tcrBrandId=b.brand_id, status=brand_status(b),
                createdAt=iso_millis(b.create_date), updatedAt=iso_millis(b.create_date),
                assignedCampaingsCount=campaigns)
    reasons = _failure_reasons(b)
    if reasons:
        body["failureReasons"] = reasons
    return body


def feedback(b: Brand) -> dict[str, Any]:
    return {"brandId": b.brand_id,
            "category": [{"id": f.id, "displayName": f.display_name, "description": f.description,
                          "fields": list(f.fields)} for f in b.identity_feedback]}


def _t_mobile(mno_statuses: dict[str, str]) -> dict[str, bool]:
    status = mno_statuses.get(T_MOBILE)
    return {"isTMobileRegistered": status == "REGISTERED", "isTMobileSuspended": status == "SUSPENDED"}


def campaign(c: Campaign, status_word: str, mno_statuses: dict[str, str], brand_name: str | None,
             webhooks: dict[str, str] | None = None) -> dict[str, Any]:
    """``TelnyxCampaignCsp`` for the campaign's own CSP."""
    body = _pick(c, CAMPAIGN_CONTENT)
    body.update(_pick(c, ("reseller_id", "reference_id", "vertical", "auto_renewal", "billed_date",
                          "next_renewal_or_expiration_date")))
    body.update(campaignId=c.campaign_id, tcrCampaignId=c.campaign_id, brandId=c.brand_id, tcrBrandId=c.brand_id,
                cspId=c.csp_id, usecase=c.usecase, subUsecases=list(c.sub_usecases), mock=c.mock,
                termsAndConditions=c.terms_and_conditions, status=c.status, campaignStatus=status_word,
                submissionStatus="CREATED", createDate=iso_millis(c.create_date),
                isTMobileNumberPoolingEnabled=c.number_pool, **_t_mobile(mno_statuses))
    if brand_name:
        body["brandDisplayName"] = brand_name
    body.update(webhooks or {})
    return body


def downstream_campaign(fields: dict[str, Any], status_word: str, brand_name: str | None,
                        webhooks: dict[str, str] | None = None) -> dict[str, Any]:
    """``TelnyxDownstreamCampaign``: a campaign shared with the caller, from the reduced view."""
    body = _pick(fields, [n for n in CAMPAIGN_CONTENT if n not in ("subscriber_help",)])
    body.update(tcrCampaignId=fields["campaign_id"], tcrBrandId=fields["brand_id"], usecase=fields["usecase"],
                subUsecases=list(fields.get("sub_usecases") or []), campaignStatus=status_word,
                createdAt=_wire(fields["create_date"]), updatedAt=_wire(fields["create_date"]),
                isNumberPoolingEnabled=bool(fields.get("number_pool")))
    if brand_name:
        body["brandDisplayName"] = brand_name
    body.update(webhooks or {})
    return body


def shared_by_me(c: Campaign) -> dict[str, Any]:
    return {"brandId": c.brand_id, "campaignId": c.campaign_id, "usecase": c.usecase,
            "createDate": iso_millis(c.create_date), "status": c.status}


def sharing_status(link: SharingLink) -> dict[str, Any]:
    """``CampaignSharingStatus``."""
    return {"downstreamCnpId": link.downstream_cnp_id, "upstreamCnpId": link.upstream_cnp_id,
            "sharingStatus": link.sharing_status.value, "sharedDate": iso_millis(link.shared_date),
            "statusDate": iso_millis(link.status_date)}


def sharing_pair(with_me: SharingLink | None, by_me: SharingLink | None) -> dict[str, Any]:
    body: dict[str, Any] = {}
    if with_me is not None:
        body["sharedWithMe"] = sharing_status(with_me)
    if by_me is not None:
        body["sharedByMe"] = sharing_status(by_me)
    return body


def page_of(page_number: int, page: Page[Any], render: Callable[[Any], dict[str, Any]]) -> dict[str, Any]:
    """``{page, records, totalRecords}``; a page past the end has empty ``records``."""
    return {"page": page_number, "records": [render(x) for x in page.items], "totalRecords": page.total}


def usecase_cost(usecase: str, description: str, monthly: float, setup: float) -> dict[str, str]:
    return {"campaignUsecase": usecase, "description": description, "monthlyCost": f"{monthly:.2f}",
            "upFrontCost": f"{setup:.2f}"}


def phone_number_campaign(n: PhoneNumber, c: Campaign | None, viewer: str,
                          former_campaign_id: str | None = None) -> dict[str, Any]:
    """``PhoneNumberCampaign``: a number's campaign assignment as ``viewer`` (an account id) sees it. For a
    campaign shared with the viewer (not its own) ``brandId`` and ``telnyxCampaignId`` are left out, as
    Telnyx leaves them empty for shared campaigns. ``former_campaign_id``: the campaign a number was just
    released from (an unassignment that took effect at once; no ``assignmentStatus`` then)."""
    campaign_id = n.campaign_id or former_campaign_id or ""
    changed = n.assignment_changed_at or n.updated_at
    body: dict[str, Any] = {"phoneNumber": n.e164, "campaignId": campaign_id, "tcrCampaignId": campaign_id,
                            "createdAt": iso_millis(changed), "updatedAt": iso_millis(max(n.updated_at, changed))}
    if n.assignment_status is not None:
        body["assignmentStatus"] = n.assignment_status.value
    if n.failure_reason:
        body["failureReasons"] = n.failure_reason
    if c is not None:
        body["tcrBrandId"] = c.brand_id
        if c.csp_id == viewer:
            body.update(brandId=c.brand_id, telnyxCampaignId=c.campaign_id)
    return body


def assignment_task(t: AssignmentTask, sent_tcr_id: bool) -> dict[str, Any]:
    """``AssignProfileToCampaignResponse``: echoes the campaign id under the name it was sent with."""
    body = {"messagingProfileId": t.messaging_profile_id or "", "taskId": t.task_id}
    body["tcrCampaignId" if sent_tcr_id else "campaignId"] = t.campaign_id
    return body


def task_status(t: AssignmentTask) -> dict[str, Any]:
    """``AssignmentTaskStatusResponse``."""
    return {"taskId": t.task_id, "status": t.status.value, "createdAt": iso_millis(t.created_at),
            "updatedAt": iso_millis(t.updated_at)}


def task_phone_number(item: TaskItem) -> dict[str, Any]:
    """``ProfileAssignmentPhoneNumbers`` (``status``: pending, waiting, assigned, failed), with tendlc's
    ``reason`` when the number waits or failed."""
    body: dict[str, Any] = {"taskId": item.task_id, "phoneNumber": item.e164, "status": item.status}
    if item.reason:
        body["reason"] = item.reason
    return body
