"""External vetting providers (EVPs) tendlc simulates, and the classes each one vets (``/enum/extVettingProvider``).

The provider ids, names and classes are TCR's (``reference/tcr-api.md`` §1 and the import table of the
CSP API). tendlc has no contract with any of them: orders are completed by a simulated provider and
imports accept the sandbox vetting ids described in ``core/brands/vetting.py``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass


@dataclass(frozen=True)
class Provider:
    evp_id: str
    display_name: str
    vetting_classes: tuple[str, ...]
    token_required: bool = False  # the import needs a vettingToken (Aegis: the verification certificate)
    wait: str = "30 seconds"
    prices: tuple[tuple[str, int], ...] = ()

    def instruction(self) -> str:
        """``vettingInstruction``: how to import and order with this provider, as a JSON text."""
        return json.dumps({
            "importVet": {"supported": True, "parameters": {
                "vettingId": {"label": "Vetting ID", "show": True},
                "vettingToken": {"label": "Vetting Token", "show": self.token_required}}},
            "newVet": {"supported": True, "price": dict(self.prices), "waitTime": self.wait},
        })


PROVIDERS: dict[str, Provider] = {p.evp_id: p for p in (
    Provider("AEGIS", "Aegis Mobile", ("STANDARD", "POLITICAL", "ENHANCED"), token_required=True,
             prices=(("STANDARD", 40), ("ENHANCED", 95), ("POLITICAL", 40))),
    Provider("CV", "Campaign Verify", ("POLITICAL",), prices=(("POLITICAL", 0),)),
    Provider("WMC", "WMC Global", ("STANDARD",), prices=(("STANDARD", 40),)),
)}

# Classes whose score is a brand's vetting score (the carriers' throughput terms). A political vet proves
# a committee's standing for POLITICAL campaigns; it carries no throughput score.
SCORING_CLASSES = frozenset({"STANDARD", "ENHANCED"})
