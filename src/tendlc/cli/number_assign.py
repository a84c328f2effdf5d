"""``tendlc numbers assign|assignment|unassign``: bulk assignment of numbers to a campaign.

``assign`` submits one task (by ``--file numbers.csv`` or ``--profile``, with an idempotency key), then runs
it in this process with a Rich progress bar (a server's workers may share the work: tasks are leased).
"""

from __future__ import annotations

import uuid
from pathlib import Path

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from tendlc.api.native_assignments import item_json, task_json
from tendlc.api.native_numbers import number_json
from tendlc.cli.context import console, container, emit_json
from tendlc.cli.numbers import numbers_app
from tendlc.cli.projects import AsOption, JsonOption, KeyOption, SecretOption, acting
from tendlc.core.numbers import assigning, provisioning
from tendlc.workers import number_jobs


def _body(campaign: str, file: Path | None, profile: str | None) -> dict[str, object]:
    if (file is None) == (profile is None):
        console.print("[red]error[/red]: give --file or --profile (one of them)")
        raise typer.Exit(2)
    if file is not None:
        return {"campaignId": campaign, "numbers": assigning.parse_csv(file.read_text(encoding="utf-8-sig"))}
    return {"campaignId": campaign, "messagingProfileId": profile}


@numbers_app.command("assign")
def assign(
    campaign: str = typer.Option(..., "--campaign", help="The campaign id (C…)"),
    file: Path | None = typer.Option(None, "--file", exists=True, dir_okay=False,
                                     help="A CSV of numbers (first column, or a phoneNumber column)"),
    profile: str | None = typer.Option(None, "--profile", help="Assign every number of this messaging profile"),
    key: str | None = typer.Option(None, "--idempotency-key", help="Re-running with the same key resumes the "
                                   "same task (default: a new key)"),
    wait: bool = typer.Option(True, "--wait/--no-wait", help="Run the task here until it is done"),
    as_cnp: str | None = AsOption, api_key: str | None = KeyOption, api_secret: str | None = SecretOption,
    as_json: bool = JsonOption,
) -> None:
    """Assign numbers to a campaign as one task; shows per-number progress."""
    body = _body(campaign, file, profile)
    with container() as c:
        with c.uow(write=True) as uow:
            actor = acting(uow, as_cnp, api_key, api_secret)
            task, _ = assigning.submit(uow, c.ids, c.clock, actor, body, key or str(uuid.uuid4()))
        total = sum(task.counts.values())
        if wait:
            with Progress(TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
                          TimeElapsedColumn(), console=console, disable=as_json) as bar:
                shown = bar.add_task(f"task {task.task_id}", total=total,
                                     completed=total - task.counts.get("pending", 0))
                while True:
                    token = c.ids.token(12)[:32]
                    with c.uow(write=True) as uow:
                        claimed = provisioning.claim(uow, c.clock, token, task.task_id)
                    if claimed is not None:
                        number_jobs.run_task(c, task.task_id, token,
                                             progress=lambda n: bar.advance(shown, n))
                    number_jobs.provision(c)
                    with c.uow() as uow:
                        task = assigning.visible_task(uow, actor, task.task_id)
                    bar.update(shown, completed=total - task.counts.get("pending", 0))
                    if task.counts.get("pending", 0) == 0 or claimed is None:
                        break
    if as_json:
        emit_json(task_json(task))
        return
    counts = task.counts
    console.print(f"Task [bold]{task.task_id}[/bold] {task.status.value}: {counts.get('assigned', 0)} assigned, "
                  f"{counts.get('waiting', 0)} waiting, {counts.get('failed', 0)} failed, "
                  f"{counts.get('pending', 0)} pending")


@numbers_app.command("assignment")
def assignment(
    task_id: str = typer.Argument(..., help="The task id"),
    page: int = typer.Option(1, "--page"), per_page: int = typer.Option(50, "--per-page"),
    as_cnp: str | None = AsOption, api_key: str | None = KeyOption, api_secret: str | None = SecretOption,
    as_json: bool = JsonOption,
) -> None:
    """A task's status and one page of its per-number statuses."""
    with container() as c, c.uow() as uow:
        actor = acting(uow, as_cnp, api_key, api_secret)
        task = assigning.visible_task(uow, actor, task_id)
        items = assigning.task_items(uow, actor, task_id, page, per_page)
    if as_json:
        emit_json({**task_json(task), "records": [item_json(i) for i in items.items]})
        return
    console.print(f"Task {task.task_id} ({task.status.value}) for campaign {task.campaign_id}: {task.counts}")
    for item in items.items:
        console.print(f"  {item.e164}  {item.status}" + (f"  {item.reason}" if item.reason else ""))


@numbers_app.command("unassign")
def unassign(
    number: str = typer.Argument(..., help="An E.164 number"),
    as_cnp: str | None = AsOption, api_key: str | None = KeyOption, api_secret: str | None = SecretOption,
    as_json: bool = JsonOption,
) -> None:
    """Unassign a number from its campaign."""
    with container() as c, c.uow(write=True) as uow:
        actor = acting(uow, as_cnp, api_key, api_secret)
        saved = assigning.unassign_number(uow, c.clock, actor, number)
    if as_json:
        emit_json(number_json(saved))
        return
    console.print(f"{saved.e164}: {saved.assignment_status.value if saved.assignment_status else 'unassigned'}")
