"""Brand entity and the request bodies that create and update it (TCR ``BrandRequest``)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from pydantic import Field

from tendlc.core.model import CoreModel, InputModel

Str = Annotated[str, Field()]


def _s(max_length: int, min_length: int = 0) -> Any:
    return Field(default=None, max_length=max_length, min_length=min_length)


class BrandFields(InputModel):
    """The fields a CSP provides, with TCR's length limits. Per-entity-type rules are in rules.py."""

    entity_type: str | None = _s(20)
    first_name: str | None = _s(100)
    last_name: str | None = _s(100)
    display_name: str | None = _s(255, 1)
    company_name: str | None = _s(255)
    ein: str | None = _s(21)
    ein_issuing_country: str | None = _s(2)
    phone: str | None = _s(20)
    street: str | None = _s(255)
    city: str | None = _s(100)
    state: str | None = _s(20)
    postal_code: str | None = _s(10)
    country: str | None = _s(2)
    email: str | None = _s(100)
    stock_symbol: str | None = _s(10)
    stock_exchange: str | None = _s(20)
    ip_address: str | None = _s(50)
    website: str | None = _s(255)
    brand_relationship: str | None = _s(20)
    vertical: str | None = _s(50)
    alt_business_id: str | None = _s(50)
    alt_business_id_type: str | None = _s(20)
    reference_id: str | None = _s(50)
    mobile_phone: str | None = _s(20)
    business_contact_email: str | None = _s(255)


class BrandRequest(BrandFields):
    """``POST /brand/nonBlocking``: the fields plus ``mock`` and ``tag``, fixed at creation."""

    mock: bool = False
    tag: list[str] | None = None


# Fields whose change re-opens identity verification; locked while the brand has campaigns.
IDENTITY_FIELDS: tuple[str, ...] = ("company_name", "ein", "ein_issuing_country", "entity_type")


class FeedbackItem(CoreModel):
    """One reason identity verification failed (TCR ``FeedbackCategory``)."""

    id: str
    display_name: str
    description: str
    fields: list[str] = []


class Brand(BrandFields):
    """A registered brand. ``version`` guards concurrent updates; ``identity_check_due_at`` is set
    while the identity is waiting to be scored."""

    model_config = {"strict": False}

    brand_id: str
    csp_id: str
    csp_name: str = ""
    status: str = "ACTIVE"
    identity_status: str = "UNVERIFIED"
    universal_ein: str | None = None
    optional_attributes: dict[str, Any] = {}
    create_date: datetime
    mock: bool = False
    tag: list[str] = []
    evp_vetting_score: int | None = None
    evp_vetting_feedback: list[str] = []
    mobile_phone_verified_date: datetime | None = None
    identity_check_due_at: datetime | None = None
    identity_feedback: list[FeedbackItem] = []
    relationship_changed_at: datetime | None = None
    version: int = 1

    @property
    def identity_pending(self) -> bool:
        return self.identity_check_due_at is not None

    @property
    def is_sole_proprietor(self) -> bool:
        return self.entity_type == "SOLE_PROPRIETOR"
