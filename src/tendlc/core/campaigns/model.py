"""Campaign entity and its request bodies (TCR ``CampaignRequest``, ``UpdateCampaign_CSP``)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from pydantic import Field, field_validator

from tendlc.core.ids import NO_RESELLER
from tendlc.core.model import InputModel


def _text(lo: int, hi: int) -> Any:
    return Field(default=None, min_length=lo, max_length=hi)


class MutableCampaignFields(InputModel):
    """Fields a CSP may change after registration (``reference/tcr-api.md`` §3.2)."""

    reseller_id: str | None = Field(default=None, max_length=8)
    description: str | None = _text(40, 4096)
    message_flow: str | None = _text(40, 4096)
    sample1: str | None = _text(20, 1024)
    sample2: str | None = _text(20, 1024)
    sample3: str | None = _text(20, 1024)
    sample4: str | None = _text(20, 1024)
    sample5: str | None = _text(20, 1024)
    help_message: str | None = _text(20, 1024)
    optin_message: str | None = _text(20, 1024)
    optout_message: str | None = _text(20, 1024)
    optin_keywords: str | None = Field(default=None, max_length=255)
    optout_keywords: str | None = Field(default=None, max_length=255)
    help_keywords: str | None = Field(default=None, max_length=255)
    privacy_policy_link: str | None = Field(default=None, max_length=2048)
    terms_and_conditions_link: str | None = Field(default=None, max_length=2048)
    embedded_link_sample: str | None = Field(default=None, max_length=255)
    embedded_link: bool | None = None
    embedded_phone: bool | None = None
    number_pool: bool | None = None
    age_gated: bool | None = None
    direct_lending: bool | None = None
    auto_renewal: bool | None = None


    @field_validator("optin_message", mode="before")
    @classmethod
    def _empty_optin_message_is_none(cls, value: Any) -> Any:
        # TCR: "must be empty or length >= 20" — an empty opt-in message means there is none.
        return None if value == "" else value


class CampaignRequest(MutableCampaignFields):
    """``POST /campaignBuilder``."""

    brand_id: str | None = Field(default=None, min_length=1, max_length=8)
    usecase: str | None = Field(default=None, min_length=1, max_length=50)
    sub_usecases: list[str] | None = None
    subscriber_optin: bool | None = None
    subscriber_optout: bool | None = None
    subscriber_help: bool | None = None
    terms_and_conditions: bool | None = None
    mno_ids: list[int] | None = None
    reference_id: str | None = Field(default=None, max_length=50)
    tag: list[str] | None = None
    vertical: str | None = Field(default=None, max_length=20)


IMMUTABLE_FIELDS: tuple[str, ...] = (
    "brand_id", "usecase", "sub_usecases", "subscriber_optin", "subscriber_optout", "subscriber_help",
    "terms_and_conditions", "mno_ids", "reference_id", "tag",
)
SAMPLE_FIELDS: tuple[str, ...] = ("sample1", "sample2", "sample3", "sample4", "sample5")


class Campaign(CampaignRequest):
    """A registered campaign with its registry-owned fields. ``version`` guards concurrent updates."""

    model_config = {"strict": False}

    campaign_id: str
    csp_id: str
    brand_id: str
    usecase: str
    sub_usecases: list[str] = []
    reseller_id: str = NO_RESELLER
    description: str
    message_flow: str
    optin_keywords: str = ""
    optout_keywords: str = "STOP"
    help_keywords: str = "HELP"
    embedded_link: bool = False
    embedded_phone: bool = False
    number_pool: bool = False
    age_gated: bool = False
    direct_lending: bool = False
    subscriber_optin: bool = False
    subscriber_optout: bool = False
    subscriber_help: bool = False
    terms_and_conditions: bool = True
    auto_renewal: bool = True
    tag: list[str] = []
    mno_ids: list[int] = []
    status: str = "ACTIVE"
    create_date: datetime
    billed_date: datetime | None = None
    next_renewal_or_expiration_date: date | None = None
    expiration_date: datetime | None = None
    mock: bool = False
    monthly_fee: float = 0.0
    mno_metadata: dict[str, dict[str, Any]] = {}
    upstream_cnp_id: str | None = None
    # The compliance report of the submission (``core/compliance/stored.py``): internal, never on a vendor wire.
    compliance: dict[str, Any] | None = None
    version: int = 1

    @property
    def active(self) -> bool:
        return self.status == "ACTIVE"
