"""Number assignment benchmark: 100,000 numbers of one messaging profile assigned to one campaign by a real
``tendlc serve`` process on a fresh SQLite file.

1. Setup, in this process through the app (in-process HTTP) on the same file: a CSP, a CNP and a DCA, a
   brand and two campaigns (``numberPool``) shared CSP → CNP → DCA and accepted (carriers auto-approve),
   two messaging profiles, and 100,000 numbers in each (stored in bulk by the number repository).
2. ``tendlc serve`` starts (workers in-process). Measured: the time from the 202 of the assignment request
   to the task's ``completed``, and the latency of per-number status pages (p50/p95/max over pages across
   the whole task).
3. Crash: a second job on the second profile; the server is SIGKILLed once numbers are being assigned, a new
   server starts, the job completes; then the database is checked: every number on the campaign once, the
   task's items and nnSR records agree, no number is on both campaigns.

The job is submitted through the Telnyx route ``POST /v2/10dlc/phoneNumberAssignmentByProfile`` (Bearer
``keyId:secret``, :func:`assign_request`); ``--route native`` submits it through ``POST
/api/v1/number-assignments`` instead. Status polls and pages use the native routes either way (the Telnyx
task status has no per-status counts). Prints one JSON object; exits 0 (a measurement, not a test).
"""

# ruff: noqa: E402  (the imports follow the import-path fix below)
from __future__ import annotations

import sys
from pathlib import Path

# This file is named like the standard library's ``numbers``: take its folder off the import path first.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

import argparse
import json
import os
import signal
import socket
import subprocess
import tempfile
import time
from datetime import UTC, datetime
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

TARGETS = {"complete_100k_seconds_max": 10.0, "status_page_ms_max": 50.0}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def setup(url: str, count: int) -> dict[str, Any]:
    from fastapi.testclient import TestClient
    from tests.sharing_support import registered_campaign

    from tendlc.api.app import create_app
    from tendlc.bootstrap import build
    from tendlc.config import Settings
    from tendlc.core.accounts import service as accounts
    from tendlc.core.numbers.model import PhoneNumber

    c = build(Settings(database_url=url, sandbox=True, workers_enabled=False, rate_limit_enabled=False,
                       identity_check_delay_seconds=0))
    app = create_app(c, run_workers=False)
    run = app.state.workers.run_until_idle

    class P:
        def __init__(self, kind: str, name: str, code: str | None = None) -> None:
            with c.uow(write=True) as uow:
                acct = accounts.create_account(uow, c.ids, c.clock, kind, name, code)
                issued = accounts.issue_key(uow, c.ids, c.clock, acct.cnp_id)
            self.cnp_id, self.auth = acct.cnp_id, (issued.key.key_id, issued.secret)
            self.http = TestClient(app)
            self.http.auth = self.auth

    csp, cnp, dca = P("csp", "Bench CSP"), P("csp", "Bench CNP"), P("dca", "Bench DCA", "DCABEN")
    campaigns, profiles = [], []
    for i in range(2):
        cid = registered_campaign(csp, run, numberPool=True)
        assert csp.http.put(f"/v2/campaign/{cid}/sharing/{cnp.cnp_id}").status_code == 200
        assert cnp.http.put(f"/v2/partnerCampaign/{cid}/sharing/{dca.cnp_id}").status_code == 200
        assert dca.http.post(f"/api/v1/partner/campaigns/{cid}/accept", json={}).status_code == 200
        run()
        pid = csp.http.post("/api/v1/messaging-profiles", json={"name": f"bulk {i}"}).json()["id"]
        campaigns.append(cid)
        profiles.append(pid)
        now = datetime.now(UTC)
        npa = ("212", "646")[i]
        numbers = [PhoneNumber(e164=f"+1{npa}{200 + n // 10000:03d}{n % 10000:04d}", cnp_id=csp.cnp_id,
                               messaging_profile_id=pid, created_at=now, updated_at=now) for n in range(count)]
        with c.uow(write=True) as uow:
            uow.numbers.add_many(numbers)
    c.dispose()
    return {"auth": csp.auth, "campaigns": campaigns, "profiles": profiles}


class Server:
    def __init__(self, url: str, port: int) -> None:
        self.url, self.port = url, port
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        env = {**os.environ, "TENDLC_DATABASE_URL": self.url, "TENDLC_RATE_LIMIT_ENABLED": "false",
               "TENDLC_LOG_LEVEL": "warning", "TENDLC_ACCESS_LOG": "false"}
        self.proc = subprocess.Popen([sys.executable, "-m", "tendlc", "serve", "--port", str(self.port)],
                                     env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                httpx.get(f"http://127.0.0.1:{self.port}/api/v1/health", timeout=1)
                return
            except httpx.HTTPError:
                time.sleep(0.1)
        raise RuntimeError("server did not start")

    def cpu_seconds(self) -> float:
        """CPU time (user + system) the server process has used so far (Linux ``/proc``)."""
        assert self.proc is not None
        fields = Path(f"/proc/{self.proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def kill(self) -> None:
        assert self.proc is not None
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait()

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(timeout=20)


ROUTES = {"telnyx": "Telnyx POST /v2/10dlc/phoneNumberAssignmentByProfile",
          "native": "native POST /api/v1/number-assignments"}
ROUTE = {"name": "telnyx", "bearer": ""}
"""How :func:`assign_request` submits (``--route``) and the Telnyx Bearer token (``keyId:secret``)."""


def use_route(name: str, auth: tuple[str, str]) -> None:
    ROUTE.update(name=name, bearer=f"{auth[0]}:{auth[1]}")


def assign_request(http: httpx.Client, campaign_id: str, profile_id: str, key: str) -> str:
    """Submit the job (the same ``Idempotency-Key`` gives the same task); returns the task id. On the Telnyx
    route the client's Basic auth is swapped for the Bearer token (``httpx.Auth()`` adds nothing)."""
    body = {"campaignId": campaign_id, "messagingProfileId": profile_id}
    if ROUTE["name"] == "native":
        r = http.post("/api/v1/number-assignments", json=body, headers={"Idempotency-Key": key})
    else:
        r = http.post("/v2/10dlc/phoneNumberAssignmentByProfile", json=body, auth=httpx.Auth(),
                      headers={"Idempotency-Key": key, "Authorization": f"Bearer {ROUTE['bearer']}"})
    assert r.status_code == 202, r.text
    return str(r.json()["taskId"])


def task_status(http: httpx.Client, task_id: str) -> dict[str, Any]:
    return dict(http.get(f"/api/v1/number-assignments/{task_id}").json())


def wait_completed(http: httpx.Client, task_id: str, timeout: float = 300) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        status = task_status(http, task_id)
        if status["status"] in ("completed", "failed"):
            return status
        time.sleep(0.05)  # a client polling at 20 Hz; each poll costs the server CPU (and GIL) the job needs
    raise RuntimeError(f"task {task_id} did not complete")


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(len(ordered) * p))], 2)


def check_database(url: str, campaigns: list[str], task_id: str) -> dict[str, Any]:
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    with engine.connect() as conn:
        q = lambda sql, **kw: conn.execute(text(sql), kw).scalar()  # noqa: E731
        out = {
            "numbers_on_campaign": q("SELECT count(*) FROM phone_numbers WHERE campaign_id = :c "
                                     "AND assignment_status = 'ASSIGNED'", c=campaigns[1]),
            "items_assigned": q("SELECT count(*) FROM number_task_items WHERE task_id = :t AND status = 'assigned'",
                                t=task_id),
            "items_distinct_numbers": q("SELECT count(DISTINCT e164) FROM number_task_items WHERE task_id = :t",
                                        t=task_id),
            "nnsr_current": q("SELECT count(*) FROM number_provisioning WHERE campaign_id = :c "
                              "AND released_at IS NULL", c=campaigns[1]),
            "numbers_of_first_campaign_taken": q("SELECT count(*) FROM phone_numbers n JOIN number_task_items i "
                                                 "ON i.e164 = n.e164 WHERE i.task_id = :t AND n.campaign_id = :c",
                                                 t=task_id, c=campaigns[0]),
        }
    engine.dispose()
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--numbers", type=int, default=100_000)
    parser.add_argument("--pages", type=int, default=200, help="status pages sampled across the task")
    parser.add_argument("--route", choices=sorted(ROUTES), default="telnyx", help="where the job is submitted")
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="tendlc-bench-numbers-"))
    url = f"sqlite:///{workdir / 'bench.db'}"
    started = time.monotonic()
    world = setup(url, args.numbers)
    use_route(args.route, world["auth"])
    setup_s = time.monotonic() - started
    server = Server(url, free_port())
    server.start()
    base = f"http://127.0.0.1:{server.port}"
    result: dict[str, Any] = {"numbers": args.numbers, "database": "sqlite", "setup_seconds": round(setup_s, 1),
                              "route": ROUTES[args.route]}
    try:
        with httpx.Client(base_url=base, auth=world["auth"], timeout=60) as http:
            cpu0 = server.cpu_seconds()
            t0 = time.monotonic()
            task_id = assign_request(http, world["campaigns"][0], world["profiles"][0], "bench-1")
            accepted = time.monotonic()
            done = wait_completed(http, task_id)
            completed = time.monotonic()
            cpu = server.cpu_seconds() - cpu0  # includes answering this client's status polls
            result["complete_seconds"] = round(completed - accepted, 3)
            result["submit_202_ms"] = round((accepted - t0) * 1000, 1)
            result["server_cpu_seconds"] = round(cpu, 2)
            result["server_cpu_ms_per_1000_numbers"] = round(cpu * 1000 / (args.numbers / 1000), 1)
            result["task"] = {"status": done["status"], "counts": done["counts"]}
            per_page = 20
            pages = max(1, args.numbers // per_page)
            latencies = []
            for i in range(args.pages):
                page = 1 + (i * pages) // args.pages
                t = time.monotonic()
                r = http.get(f"/api/v1/number-assignments/{task_id}/numbers",
                             params={"page": page, "recordsPerPage": per_page})
                latencies.append((time.monotonic() - t) * 1000)
                assert r.status_code == 200 and len(r.json()["records"]) == per_page
            result["status_page_ms"] = {"p50": pct(latencies, 0.5), "p95": pct(latencies, 0.95),
                                        "max": round(max(latencies), 2), "pages_sampled": len(latencies)}

            # crash once mid-job
            crash_task = assign_request(http, world["campaigns"][1], world["profiles"][1], "bench-2")
            while task_status(http, crash_task)["counts"]["assigned"] == 0:
                time.sleep(0.005)
            at_kill = task_status(http, crash_task)["counts"]
        server.kill()
        restart = time.monotonic()
        server.start()
        started_again = time.monotonic()
        with httpx.Client(base_url=base, auth=world["auth"], timeout=60) as http:
            replay = assign_request(http, world["campaigns"][1], world["profiles"][1], "bench-2")
            done = wait_completed(http, crash_task)
        result["crash"] = {"counts_at_kill": at_kill, "killed_mid_job": 0 < at_kill["assigned"] < args.numbers,
                           "same_task_on_retry": replay == crash_task,
                           "completed_after_restart_seconds": round(time.monotonic() - restart, 2),
                           "server_restart_seconds": round(started_again - restart, 2),
                           "final": {"status": done["status"], "counts": done["counts"]},
                           "database": check_database(url, world["campaigns"], crash_task)}
        db = result["crash"]["database"]
        result["crash"]["no_number_assigned_twice"] = (
            db["numbers_on_campaign"] == db["items_assigned"] == db["items_distinct_numbers"] == db["nnsr_current"]
            == args.numbers and db["numbers_of_first_campaign_taken"] == 0)
    finally:
        server.stop()
    result["targets"] = TARGETS
    result["met"] = {"complete": result.get("complete_seconds", 1e9) <= TARGETS["complete_100k_seconds_max"],
                     "status_page": result.get("status_page_ms", {}).get("max", 1e9) <= TARGETS["status_page_ms_max"]}
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
