"""External vets → Telnyx ``ExternalVetting`` (pure)."""

from __future__ import annotations

from typing import Any

from tendlc.core.brands.vetting import ExternalVetting
from tendlc.core.model import iso_millis


def external_vetting(v: ExternalVetting) -> dict[str, Any]:
    out: dict[str, Any] = {"evpId": v.evp_id, "vettingId": v.vetting_id, "vettingClass": v.vetting_class,
                           "vettingStatus": v.vetting_status}
    if v.vetting_token is not None:
        out["vettingToken"] = v.vetting_token
    if v.vetting_score is not None:
        out["vettingScore"] = v.vetting_score
    for key, at in (("createDate", v.create_date), ("vettedDate", v.vetted_date)):
        if at is not None:
            out[key] = iso_millis(at)
    return out
