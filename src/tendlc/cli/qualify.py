"""``tendlc qualify --brand B… --usecase MIXED``: the fees and each carrier's terms a brand gets for a use
case today, as its CSP would read them from ``GET /v2/campaignBuilder/brand/{brandId}/usecase/{usecase}``."""

from __future__ import annotations

import typer
from rich.table import Table

from tendlc.cli.context import console, container, emit_json
from tendlc.core.actor import Actor
from tendlc.core.carriers import service
from tendlc.core.errors import NotFound


def qualify(
    brand: str = typer.Option(..., "--brand", help="Brand id, e.g. B1A2C3D"),
    usecase: str = typer.Option(..., "--usecase", help="Use case, e.g. MIXED, MARKETING (see /v2/enum/usecase)"),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Qualify a brand for a use case: fees, and per carrier support, class/tier, throughput, requirements."""
    with container() as c, c.uow() as uow:
        found = uow.brands.get(brand)
        if found is None:
            raise NotFound(f"brand {brand} not found", ["brandId"])
        owner = Actor(cnp_id=found.csp_id, kind="CSP", via="cli")
        result = service.qualify(uow, c.clock, owner, brand, usecase.upper())
    if as_json:
        emit_json(result)
        return
    console.print(f"[bold]{result['usecase']}[/bold] for brand {brand}: ${result['monthlyFee']:.2f}/month "
                  f"(quarterly ${result['quarterlyFee']:.2f}, annual ${result['annualFee']:.2f}); sub use cases "
                  f"{result['minSubUsecases']}–{result['maxSubUsecases']}")
    table = Table("MNO", "qualifies", "class / tier", "throughput", "daily cap", "min samples", "requires",
                  title="Carrier terms")
    for mno_id, m in result["mnoMetadata"].items():
        needs = [w for w, k in (("opt-in", "reqSubscriberOptin"), ("opt-out", "reqSubscriberOptout"),
                                ("help", "reqSubscriberHelp")) if m.get(k)]
        needs += [w for w, k in (("no links", "noEmbeddedLink"), ("no phone", "noEmbeddedPhone")) if m.get(k)]
        cls = m.get("msgClass") or m.get("brandTier") or "–"
        tpm = f"{m['tpm']} TPM" if "tpm" in m else "–"
        cap = str(m.get("brandDailyCap", "–" if "brandTier" not in m else "uncapped"))
        table.add_row(f"{m['mno']} ({mno_id})", "yes" if m["qualify"] and m["mnoSupport"] else "[red]no[/red]",
                      str(cls), tpm, cap, str(m["minMsgSamples"]), ", ".join(needs) or "–")
    console.print(table)
