"""Sinch's wire models: the submit request with the limits of Sinch's API reference, and the resubmit body."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

UseCase = Literal[
    "2FA", "ACCOUNT_NOTIFICATION", "CUSTOMER_CARE", "DELIVERY_NOTIFICATION", "FRAUD_ALERT", "HIGHER_EDUCATION",
    "LOW_VOLUME", "MARKETING", "MIXED", "POLLING_VOTING", "PUBLIC_SERVICE_ANNOUNCEMENT", "SECURITY_ALERT",
    "AGENTS_FRANCHISES", "CARRIER_EXEMPT", "CHARITY", "EMERGENCY", "K12_EDUCATION", "POLITICAL", "PROXY", "SOCIAL",
    "SWEEPSTAKE",
]
SubUseCase = Literal[
    "2FA", "ACCOUNT_NOTIFICATION", "CUSTOMER_CARE", "DELIVERY_NOTIFICATION", "FRAUD_ALERT", "HIGHER_EDUCATION",
    "MARKETING", "POLLING_VOTING", "PUBLIC_SERVICE_ANNOUNCEMENT", "SECURITY_ALERT",
]
USE_CASES: tuple[str, ...] = UseCase.__args__  # type: ignore[attr-defined]
MNOS: dict[str, int] = {"ATT": 10017, "TMO": 10035, "USC": 10037, "VZW": 10038}


class SinchModel(BaseModel):
    model_config = ConfigDict(extra="ignore", populate_by_name=True)


class CampaignFields(SinchModel):
    """The campaign content of a submission; every field optional (a resubmission sends only what changes)."""

    description: str | None = Field(default=None, min_length=40, max_length=4096)
    sample1: str | None = Field(default=None, min_length=20, max_length=1024)
    sample2: str | None = Field(default=None, max_length=1024)
    sample3: str | None = Field(default=None, max_length=1024)
    sample4: str | None = Field(default=None, max_length=1024)
    stopMessage: str | None = Field(default=None, min_length=20, max_length=255)
    optInMessage: str | None = Field(default=None, min_length=20, max_length=255)
    helpMessage: str | None = Field(default=None, min_length=20, max_length=255)
    autoRenewal: bool | None = None
    embeddedLink: bool | None = None
    embeddedPhone: bool | None = None
    numberPool: bool | None = None
    ageGated: bool | None = None
    directLending: bool | None = None
    subscriberOptIn: bool | None = None
    subscriberOptOut: bool | None = None
    subscriberHelp: bool | None = None
    optinKeywords: str | None = Field(default=None, max_length=255)
    optoutKeywords: str | None = Field(default=None, max_length=255)
    helpKeywords: str | None = Field(default=None, max_length=255)
    messageFlow: str | None = Field(default=None, min_length=40, max_length=2048)
    vertical: str | None = None  # deprecated by Sinch: accepted and ignored
    # tendlc extensions (not in Sinch's request): links a compliance profile may ask for
    privacyPolicyLink: str | None = Field(default=None, max_length=255)
    termsAndConditionsLink: str | None = Field(default=None, max_length=255)


class SubmitRequest(CampaignFields):
    """``POST …/campaignRegistrations:submit``. Booleans default as Sinch documents."""

    brandId: str = Field(min_length=1, max_length=8)
    useCase: UseCase
    campaignName: str = Field(min_length=1, max_length=128)
    description: str = Field(min_length=40, max_length=4096)
    sample1: str = Field(min_length=20, max_length=1024)
    sample2: str = Field(max_length=1024)
    sample3: str = Field(max_length=1024)
    stopMessage: str = Field(min_length=20, max_length=255)
    optInMessage: str = Field(min_length=20, max_length=255)
    helpMessage: str = Field(min_length=20, max_length=255)
    optinKeywords: str = Field(max_length=255)
    optoutKeywords: str = Field(max_length=255)
    helpKeywords: str = Field(max_length=255)
    messageFlow: str = Field(min_length=40, max_length=2048)
    autoRenewal: bool = True
    embeddedLink: bool = False
    embeddedPhone: bool = False
    numberPool: bool = False
    ageGated: bool = False
    directLending: bool = False
    subscriberOptIn: bool = True
    subscriberOptOut: bool = True
    subscriberHelp: bool = True
    subUseCases: list[SubUseCase] | None = None


class ResubmitRequest(CampaignFields):
    """``PUT …/{id}/resubmit``: ``mnos`` (ATT, TMO, USC, VZW; all when empty). For a registration Sinch
    rejected, the campaign fields sent correct it before it goes back to review (tendlc)."""

    mnos: list[Literal["ATT", "TMO", "USC", "VZW"]] = []
    subUseCases: list[SubUseCase] | None = None
