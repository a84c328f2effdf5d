"""``tendlc operator …`` and ``tendlc sandbox …``: the sandbox controls, straight on the database.

A running server in sandbox mode sees a clock change within a second (it re-reads the offset) and its
scheduler catches up on what fell due."""

from __future__ import annotations

from datetime import datetime

import typer
from rich.table import Table

from tendlc.cli.context import console, container, emit_json, err_console
from tendlc.core.clock import ShiftedClock
from tendlc.core.errors import FieldProblem, InvalidInput
from tendlc.core.sandbox import clock as sandbox_clock
from tendlc.core.sandbox import decisions
from tendlc.core.sandbox import service as sandbox
from tendlc.core.sandbox.operators import create_operator_key

operator_app = typer.Typer(help="Sandbox operator credentials.", no_args_is_help=True)
sandbox_app = typer.Typer(help="Drive the sandbox: the clock, outcomes, reset.", no_args_is_help=True)
clock_app = typer.Typer(help="The sandbox clock (it only moves forward).", no_args_is_help=True)
sandbox_app.add_typer(clock_app, name="clock")


@operator_app.command("create")
def operator_create(label: str = typer.Option("", help="A note to recognise the key by"),
                    as_json: bool = typer.Option(False, "--json")) -> None:
    """Create an operator key for /api/v1/sandbox (the secret is shown once)."""
    with container() as c, c.uow(write=True) as uow:
        key, secret = create_operator_key(uow, c.ids, c.clock, label)
    if as_json:
        emit_json({"operatorKey": key.key_id, "operatorSecret": secret, "label": label})
        return
    console.print(f"Operator key [bold]{key.key_id}[/bold]\nSecret       [bold]{secret}[/bold] (shown once)")
    console.print(f"Use: curl -u {key.key_id}:{secret} http://127.0.0.1:8000/api/v1/sandbox/clock")


def _print_clock(state: sandbox_clock.ClockState, as_json: bool) -> None:
    if as_json:
        emit_json(state.as_json())
        return
    days = state.offset.total_seconds() / 86_400
    console.print(f"Sandbox time {state.now.isoformat(timespec='seconds')} ({days:g} days ahead of real time)")


@clock_app.command("show")
def clock_show(as_json: bool = typer.Option(False, "--json")) -> None:
    """The sandbox time."""
    with container(sandbox=True) as c:
        assert isinstance(c.clock, ShiftedClock)
        with c.uow() as uow:
            _print_clock(sandbox_clock.read(uow, c.clock), as_json)


@clock_app.command("advance")
def clock_advance(by: str = typer.Argument(..., help="How far: 30d, 12h, 1w2d, 90m, 45s"),
                  as_json: bool = typer.Option(False, "--json")) -> None:
    """Move the sandbox clock forward."""
    with container(sandbox=True) as c:
        assert isinstance(c.clock, ShiftedClock)
        delta = sandbox_clock.parse_duration(by)
        with c.uow(write=True) as uow:
            state = sandbox_clock.advance(uow, c.clock, delta)
        _print_clock(state, as_json)


@clock_app.command("set")
def clock_set(instant: str = typer.Argument(..., help="ISO 8601 with a zone, e.g. 2027-03-01T00:00:00Z"),
              as_json: bool = typer.Option(False, "--json")) -> None:
    """Move the sandbox clock forward to an instant."""
    with container(sandbox=True) as c:
        assert isinstance(c.clock, ShiftedClock)
        try:
            when = datetime.fromisoformat(instant.replace("Z", "+00:00"))
        except ValueError:
            raise InvalidInput.of([FieldProblem("now", f"{instant!r} is not an ISO 8601 date-time")]) from None
        with c.uow(write=True) as uow:
            state = sandbox_clock.set_to(uow, c.clock, when)
        _print_clock(state, as_json)


@sandbox_app.command("reset")
def sandbox_reset(yes: bool = typer.Option(False, "--yes", help="Do not ask for confirmation"),
                  as_json: bool = typer.Option(False, "--json")) -> None:
    """Delete all data but operator keys and bring the clock back to real time."""
    if not yes and not typer.confirm("Delete every account, brand, campaign and event?"):
        err_console.print("Nothing deleted.")
        raise typer.Exit(1)
    with container(sandbox=True) as c:
        assert isinstance(c.clock, ShiftedClock)
        with c.uow(write=True) as uow:
            deleted = sandbox.reset(uow, c.clock)
    if as_json:
        emit_json({"deletedRows": deleted})
    else:
        console.print(f"Sandbox reset: {deleted} rows deleted.")


# --- reviews, shares and policies -------------------------------------------------------------------------

review_app = typer.Typer(help="Carrier reviews waiting or decided.", no_args_is_help=True)
share_app = typer.Typer(help="Shares waiting for a DCA.", no_args_is_help=True)
policy_app = typer.Typer(help="Review policies of simulated carriers and DCAs.", no_args_is_help=True)
sandbox_app.add_typer(review_app, name="review")
sandbox_app.add_typer(share_app, name="share")
sandbox_app.add_typer(policy_app, name="policy")


def _one_of(**given: object) -> str:
    chosen = [name for name, value in given.items() if value not in (None, False)]
    if len(chosen) != 1:
        raise InvalidInput.of([FieldProblem("action", "give exactly one of " + ", ".join(
            f"--{n.replace('_', '-')}" for n in given))])
    return chosen[0]


@review_app.command("decide")
def review_decide(
    campaign_id: str = typer.Argument(..., help="Campaign id, e.g. C1234AB"),
    mno: int = typer.Option(..., "--mno", help="MNO network id: 10017 AT&T, 10035 T-Mobile, 10037, 10038"),
    approve: bool = typer.Option(False, "--approve"),
    reject: str | None = typer.Option(None, "--reject", help="Reject, with the reason the CSP will read"),
    suspend: str | None = typer.Option(None, "--suspend", help="Suspend, with the reason"),
    unsuspend: bool = typer.Option(False, "--unsuspend"),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Decide one carrier's review of a campaign as that carrier."""
    with container(sandbox=True) as c:
        chosen = _one_of(approve=approve, reject=reject, suspend=suspend, unsuspend=unsuspend)
        action = decisions.parse_review_action(chosen)
        with c.uow(write=True) as uow:
            review = decisions.decide_review(uow, c.clock, campaign_id, mno, action, reject or suspend)
    if as_json:
        emit_json(review.model_dump(mode="json", by_alias=True))
    else:
        console.print(f"{review.mno_name} ({review.mno_id}): campaign {review.campaign_id} is now "
                      f"[bold]{review.status.value}[/bold]" + (f" — {review.reason}" if review.reason else ""))


@review_app.command("list")
def review_list(as_json: bool = typer.Option(False, "--json")) -> None:
    """Shares pending with a DCA and carrier reviews waiting for a decision."""
    with container(sandbox=True) as c, c.uow() as uow:
        shares, reviews = decisions.pending(uow, c.clock)
    if as_json:
        emit_json({"shares": [{"campaignId": s.campaign_id, "dcaId": s.dca_id} for s in shares],
                   "reviews": [r.model_dump(mode="json", by_alias=True) for r in reviews]})
        return
    table = Table("waiting for", "campaign", "since", title="Pending decisions")
    for s in shares:
        table.add_row(f"DCA {s.dca_id}", s.campaign_id, str(s.shared_date))
    for r in reviews:
        table.add_row(f"{r.mno_name} ({r.mno_id})", r.campaign_id, str(r.status_date))
    console.print(table)


@share_app.command("decide")
def share_decide(
    campaign_id: str = typer.Argument(...),
    accept: bool = typer.Option(False, "--accept"),
    decline: str | None = typer.Option(None, "--decline", help="Decline, with the explanation"),
    category: list[str] = typer.Option([], "--category", help="Rejection category (repeatable)"),
    exclude: list[int] = typer.Option([], "--exclude-mno", help="MNO the DCA does not cover (repeatable)"),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Accept or decline, as the DCA it waits for, a campaign's pending share."""
    with container(sandbox=True) as c:
        _one_of(accept=accept, decline=decline)
        with c.uow(write=True) as uow:
            link = decisions.decide_share(uow, c.ids, c.clock, campaign_id, accept, decline, category, exclude)
    if as_json:
        emit_json({"campaignId": campaign_id, "dcaId": link.upstream_cnp_id,
                   "sharingStatus": link.sharing_status.value, "explanation": link.explanation})
    else:
        console.print(f"{link.upstream_cnp_id}: campaign {campaign_id} {link.sharing_status.value}")


@policy_app.command("show")
def policy_show() -> None:
    """The stored review policies (JSON)."""
    with container(sandbox=True) as c, c.uow() as uow:
        emit_json(decisions.policies(uow).model_dump(mode="json", by_alias=True))


@policy_app.command("set")
def policy_set(
    mode: str = typer.Option(..., "--mode", help="auto, manual or rules"),
    share: bool = typer.Option(False, "--share", help="A DCA share policy instead of a carrier review policy"),
    mno: int | None = typer.Option(None, "--mno", help="Only this MNO (carrier review)"),
    dca: str | None = typer.Option(None, "--dca", help="Only this DCA"),
    delay: float = typer.Option(0, "--delay", help="Seconds before deciding (auto, rules)"),
    reject: str | None = typer.Option(None, "--reject", help="auto: reject / decline with this reason"),
) -> None:
    """Add a policy entry (replacing the entry of the same scope)."""
    entry: dict[str, object] = {"mode": mode, "delaySeconds": delay, "dcaId": dca}
    if not share:
        entry["mnoId"] = mno
    if reject:
        entry.update(outcome="reject", reason=reject)
    with container(sandbox=True) as c, c.uow(write=True) as uow:
        doc = decisions.policies(uow).model_dump(mode="json", by_alias=True)
        key = "share" if share else "mnoReview"
        doc[key] = [p for p in doc[key] if (p.get("dcaId"), p.get("mnoId")) != (dca, entry.get("mnoId"))] + [entry]
        saved = decisions.set_policies(uow, doc)
    emit_json(saved.model_dump(mode="json", by_alias=True))


@policy_app.command("clear")
def policy_clear() -> None:
    """Remove every stored policy (the server's default applies again)."""
    with container(sandbox=True) as c, c.uow(write=True) as uow:
        decisions.set_policies(uow, {})
    console.print("Review policies cleared.")
