"""External vets and vetting providers → TCR wire documents (pure)."""

from __future__ import annotations

from typing import Any

from tendlc.core.brands.vetting import ExternalVetting
from tendlc.core.catalog.vetting import Provider
from tendlc.core.model import iso_millis


def external_vetting(v: ExternalVetting) -> dict[str, Any]:
    """``ExternalVetting``; dates a vet does not have yet (vettedDate while PENDING, …) are left out."""
    out: dict[str, Any] = {"evpId": v.evp_id, "vettingId": v.vetting_id}
    if v.vetting_token is not None:
        out["vettingToken"] = v.vetting_token
    if v.vetting_score is not None:
        out["vettingScore"] = v.vetting_score
    out.update(vettingClass=v.vetting_class, vettingStatus=v.vetting_status, reasons=list(v.reasons))
    for key, at in (("vettedDate", v.vetted_date), ("createDate", v.create_date), ("validUntil", v.valid_until),
                    ("expirationDate", v.expiration_date)):
        if at is not None:
            out[key] = iso_millis(at)
    return out


def provider(p: Provider) -> dict[str, Any]:
    """``ExtVettingProvider``. tendlc's simulated providers are billed as TCR bills them."""
    return {"evpId": p.evp_id, "displayName": p.display_name, "tcrBillable": True,
            "vettingClasses": list(p.vetting_classes), "vettingInstruction": p.instruction()}
