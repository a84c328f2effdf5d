"""SMS OTP requests → TCR wire documents (pure)."""

from __future__ import annotations

from typing import Any

from tendlc.core.brands.otp import OtpRequest
from tendlc.core.model import iso_millis


def sent(r: OtpRequest) -> dict[str, Any]:
    """``SendSmsOtpResponse``."""
    return {"brandId": r.brand_id, "referenceId": r.reference_id}


def otp_status(r: OtpRequest) -> dict[str, Any]:
    """``SmsOtpStatus``: ``verifyDate`` only once verified; delivery fields only once there is a delivery status."""
    out: dict[str, Any] = {"brandId": r.brand_id, "referenceId": r.reference_id, "mobilePhone": r.mobile_phone,
                           "requestDate": iso_millis(r.request_date)}
    if r.verify_date is not None:
        out["verifyDate"] = iso_millis(r.verify_date)
    if r.delivery_status is not None:
        out["deliveryStatus"] = r.delivery_status
        if r.delivery_status_date is not None:
            out["deliveryStatusDate"] = iso_millis(r.delivery_status_date)
        if r.delivery_status_details is not None:
            out["deliveryStatusDetails"] = r.delivery_status_details
    return out
