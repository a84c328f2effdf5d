"""``tendlc demo``: plays a whole chain through the real HTTP API on a fresh embedded database and prints
a readable timeline, each step with the call it made.

brand → qualify → campaign → share to a CNP → the CNP declines with a reason → fix → share again →
the CNP forwards to a DCA → the DCA accepts → carriers review: T-Mobile approves, AT&T rejects, the CSP
resubmits and AT&T approves → 90 days later the campaign renews.

Outcomes are driven as a developer would drive them: through the sandbox operator API (manual review
policy, decisions, the clock). Requests go to the app in-process, so nothing listens on a port.
"""

from __future__ import annotations

import asyncio
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import typer
from rich.console import Console
from rich.table import Table

from tendlc.api.app import create_app
from tendlc.bootstrap import Container, build
from tendlc.cli.seed import DEMO_BRAND, DEMO_CAMPAIGN
from tendlc.config import Settings
from tendlc.core.sandbox.operators import create_operator_key


class DemoFailed(Exception):
    """A step answered something the demo did not expect (a bug: the demo is a scripted happy path)."""


class Player:
    """Makes the calls, prints each step, and lets the workers run between steps."""

    def __init__(self, c: Container, app: Any, out: Console) -> None:
        self.c, self.app, self.out = c, app, out
        self.loop = asyncio.new_event_loop()
        self.http = httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://tendlc.demo")
        self.auth: tuple[str, str] = ("", "")
        self.step = 0

    def close(self) -> None:
        self.loop.run_until_complete(self.http.aclose())
        self.loop.close()

    def as_(self, credentials: tuple[str, str]) -> Player:
        self.auth = credentials
        return self

    def title(self, who: str, text: str) -> None:
        self.step += 1
        self.out.print(f"\n[bold cyan]{self.step:>2}. {who}[/bold cyan] {text}")

    def call(self, method: str, path: str, body: Any = None, expect: int = 200,
             params: dict[str, Any] | None = None) -> Any:
        r = self.loop.run_until_complete(self.http.request(method, path, json=body, params=params, auth=self.auth))
        colour = "green" if r.status_code == expect else "red"
        shown = str(r.request.url).removeprefix("http://tendlc.demo")
        self.out.print(f"    [dim]{method} {shown}[/dim] → [{colour}]{r.status_code}[/{colour}]")
        if r.status_code != expect:
            raise DemoFailed(f"{method} {path} answered {r.status_code}: {r.text[:500]}")
        self.app.state.workers.run_until_idle()
        return r.json() if r.content else None

    def note(self, text: str) -> None:
        self.out.print(f"    {text}")


@contextmanager
def _fresh(database_file: Path | None) -> Iterator[Container]:
    with tempfile.TemporaryDirectory(prefix="tendlc-demo-") as tmp:
        path = database_file or Path(tmp) / "demo.db"
        if path.exists():
            raise typer.BadParameter(f"{path} exists; the demo needs a fresh database", param_hint="--keep")
        settings = Settings(database_url=f"sqlite:///{path}", sandbox=True, workers_enabled=False,
                            rate_limit_enabled=False, identity_check_delay_seconds=0, webhook_allow_private=True)
        c = build(settings)
        try:
            yield c
        finally:
            c.dispose()


def play(c: Container, out: Console) -> dict[str, Any]:
    """The scripted chain on ``c`` (sandbox mode, empty). Returns ids and the CSP's events."""
    app = create_app(c, run_workers=False)
    with c.uow(write=True) as uow:
        key, secret = create_operator_key(uow, c.ids, c.clock, "demo")
    operator = (key.key_id, secret)
    p = Player(c, app, out)
    try:
        return _script(p, operator, out)
    finally:
        p.close()


def _script(p: Player, operator: tuple[str, str], out: Console) -> dict[str, Any]:

    p.title("Operator", "creates a CSP, a CNP (a reseller's CSP account) and a DCA, and reviews carriers by hand")
    csp = p.as_(operator).call("POST", "/api/v1/sandbox/accounts", {"kind": "CSP", "name": "Acme Messaging"}, 201)
    cnp = p.call("POST", "/api/v1/sandbox/accounts", {"kind": "CSP", "name": "Reseller Networks"}, 201)
    dca = p.call("POST", "/api/v1/sandbox/accounts", {"kind": "DCA", "name": "Demo DCA", "id": "DEMODCA"}, 201)
    p.call("PUT", "/api/v1/sandbox/policies", {"mnoReview": [{"mode": "manual"}]})
    as_csp, as_cnp, as_dca = ((a["apiKey"], a["apiSecret"]) for a in (csp, cnp, dca))
    p.note(f"CSP {csp['cnpId']}, CNP {cnp['cnpId']}, DCA {dca['cnpId']}")

    p.title("CSP", "registers the brand; its identity is verified")
    brand = p.as_(as_csp).call("POST", "/v2/brand/nonBlocking", DEMO_BRAND)
    brand = p.call("GET", f"/v2/brand/{brand['brandId']}")
    p.note(f"brand {brand['brandId']} {brand['displayName']}: identity {brand['identityStatus']}")

    p.title("CSP", "qualifies the brand for ACCOUNT_NOTIFICATION")
    terms = p.call("GET", f"/v2/campaignBuilder/brand/{brand['brandId']}/usecase/ACCOUNT_NOTIFICATION")
    att, tmo = terms["mnoMetadata"]["10017"], terms["mnoMetadata"]["10035"]
    p.note(f"${terms['monthlyFee']:.2f}/month; AT&T class {att.get('msgClass')} at {att.get('tpm')} TPM; "
           f"T-Mobile tier {tmo.get('brandTier')}, daily cap {tmo.get('brandDailyCap', 'none')}")

    p.title("CSP", "registers the campaign")
    campaign = p.call("POST", "/v2/campaignBuilder", {**DEMO_CAMPAIGN, "brandId": brand["brandId"]})
    cid = campaign["campaignId"]
    p.note(f"campaign {cid}, next renewal {campaign.get('nextRenewalOrExpirationDate')}")

    p.title("CSP", f"shares it with the CNP {cnp['cnpId']}")
    p.call("PUT", f"/v2/campaign/{cid}/sharing/{cnp['cnpId']}")

    reason = "The message flow must link the privacy policy"
    p.title("CNP", "declines it, saying why")
    p.as_(as_cnp).call("DELETE", f"/v2/partnerCampaign/{cid}/sharing",
                       params={"explanation": reason, "rejectionCategory": ["PRIVACY_POLICY"]})
    p.note(f"[yellow]declined:[/yellow] {reason}")

    p.title("CSP", "adds the privacy policy and shares again")
    p.as_(as_csp).call("PUT", f"/v2/campaign/{cid}", {"privacyPolicyLink": "https://acmedental.example/privacy"})
    p.call("PUT", f"/v2/campaign/{cid}/sharing/{cnp['cnpId']}")

    p.title("CNP", f"accepts by forwarding it to the DCA {dca['cnpId']}")
    p.as_(as_cnp).call("PUT", f"/v2/partnerCampaign/{cid}/sharing/{dca['cnpId']}")

    p.title("DCA", "accepts: the chain is complete and the carriers start reviewing")
    p.as_(as_dca).call("POST", f"/api/v1/partner/campaigns/{cid}/accept")
    status = p.as_(as_csp).call("GET", f"/v2/campaign/{cid}/operationStatus")
    p.note(f"carrier status {status}")

    p.title("T-Mobile", "approves")
    p.as_(operator).call("POST", f"/api/v1/sandbox/campaigns/{cid}/mno/10035", {"action": "approve"})
    p.title("AT&T", "rejects, with a reason")
    p.call("POST", f"/api/v1/sandbox/campaigns/{cid}/mno/10017",
           {"action": "reject", "reason": "Add a sample that shows the opt-out instructions"})
    for mno in ("10037", "10038"):
        p.call("POST", f"/api/v1/sandbox/campaigns/{cid}/mno/{mno}", {"action": "approve"})

    p.title("CSP", "adds a sample and resubmits to AT&T, which approves")
    p.as_(as_csp).call("PUT", f"/v2/campaign/{cid}", {
        "sample3": "Acme Dental: your appointment was moved to Wed 10am. Reply STOP to opt out, HELP for help."})
    p.call("PUT", f"/v2/campaign/{cid}/resubmit", {"mnoIds": [10017]})
    p.as_(operator).call("POST", f"/api/v1/sandbox/campaigns/{cid}/mno/10017", {"action": "approve"})
    status = p.as_(as_csp).call("GET", f"/v2/campaign/{cid}/operationStatus")
    p.note(f"carrier status {status}")

    p.title("Operator", "moves the clock 95 days, past the end of the first term: the campaign renews")
    p.as_(operator).call("POST", "/api/v1/sandbox/clock/advance", {"by": "95d"})
    after = p.as_(as_csp).call("GET", f"/v2/campaign/{cid}")
    p.note(f"status {after['status']}, billed {after.get('billedDate')}, next renewal "
           f"{after.get('nextRenewalOrExpirationDate')}")

    events = p.call("GET", "/api/v1/events", params={"limit": 1000})["events"]
    table = Table("when", "event", "what the CSP was told", title=f"Timeline of campaign {cid} (the CSP's events)")
    for e in events:
        if e["payload"].get("campaignId") == cid:
            table.add_row(e["occurredAt"][:19].replace("T", " "), e["eventType"], e["payload"].get("description", ""))
    out.print()
    out.print(table)
    return {"campaignId": cid, "brandId": brand["brandId"], "operationStatus": status, "events": events,
            "campaign": after}


def demo(keep: Path | None = typer.Option(None, "--keep", help="Keep the demo database in this (new) file")) -> None:
    """Play a whole 10DLC chain on a fresh embedded database and print its timeline."""
    console = Console()  # made now, so it takes the terminal's width (COLUMNS) at the time of the run
    with _fresh(keep) as c:
        try:
            play(c, console)
        except DemoFailed as exc:
            console.print(f"[red]The demo stopped:[/red] {exc}")
            raise typer.Exit(1) from None
    if keep:
        console.print(f"\nThe database is kept in {keep}: tendlc --database sqlite:///{keep} serve --sandbox")
