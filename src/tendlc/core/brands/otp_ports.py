"""What the SMS OTP use cases need from storage (``db/otp_repo.py`` implements it)."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from tendlc.core.brands.otp import OtpRequest


class OtpRepository(Protocol):
    def get(self, reference_id: str) -> OtpRequest | None: ...

    def latest_for_brand(self, brand_id: str) -> OtpRequest | None:
        """The brand's newest OTP request, whatever its status."""
        ...

    def requested_since(self, brand_id: str, since: datetime) -> list[datetime]:
        """The request dates of the brand's OTP requests made at or after ``since``, newest first."""
        ...

    def add(self, request: OtpRequest) -> None: ...

    def save(self, request: OtpRequest) -> OtpRequest:
        """Store a changed request whose ``version`` is the one read; return it with the next version.
        Raises ConcurrentUpdate when somebody else saved it first."""
        ...
