"""Webhook benchmark: a real ``tendlc serve`` (workers in-process) delivering to a receiver on 127.0.0.1.

Setup: ``--accounts`` CSP accounts on a fresh SQLite database (or ``--database``, which must be empty),
each with a TCR subscription (category BRAND, signed with its API secret) and a native Standard
Webhooks endpoint, so every event becomes two deliveries. The receiver is a separate process (uvicorn,
ASGI) that records each 2xx receipt with its time and delivery id.

1. throughput: ``--events`` events committed in one transaction (straight into the outbox, as the
   services write them); deliveries/s = deliveries / (last receipt − commit).
2. steady: events committed at ``--rate``/s (in 20 ms ticks) for ``--seconds``; delay from each commit
   to each receipt.
3. failures: the receiver fails ``--fail-rate`` of first attempts with 500; the server runs with
   TENDLC_WEBHOOK_RETRY_SCALE=0.01 (61 s → 0.61 s); every event must still be received.
4. kill: events committed at ``--rate``/s while the server is SIGKILLed half way and restarted a second
   later; every event must be received; duplicates (one delivery received twice) are counted.

Events are committed from this process (so commit times and rates are exact), and the server finds them
by polling every 50 ms (TENDLC_WORKER_POLL_SECONDS); commits made by the server itself (API requests)
wake its workers at once instead.

Prints one JSON object (figures, targets, pass/fail per target) and exits 0: a measurement, not a test.
Bounded: every wait gives up after ``--timeout`` seconds and reports what was lost. Loopback only; the
server and receiver processes are stopped and the temporary directory removed at the end.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import zlib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx

HOST = "127.0.0.1"
Receipt = tuple[str, str, str, float]  # (event key, "tcr" | "native", delivery id, time received)
TARGETS = {"deliveries_per_s_min": 1000, "steady_p99_ms_max": 1000, "lost_max": 0}


# ------------------------------------------------------------------------------------------- receiver

def receiver_main(port: int) -> None:
    """The receiver process: records 2xx receipts; fails a share of first attempts when told to."""
    import uvicorn

    receipts: list[tuple[str, str, str, float]] = []  # (key, "tcr" | "native", delivery id, time)
    seen: set[str] = set()
    state = {"fail_first": 0.0, "failed": 0}

    async def read(receive: Any) -> bytes:
        body = b""
        while True:
            message = await receive()
            body += message.get("body", b"")
            if not message.get("more_body"):
                return body

    async def answer(send: Any, status: int, body: bytes) -> None:
        await send({"type": "http.response.start", "status": status,
                    "headers": [(b"content-type", b"application/json")]})
        await send({"type": "http.response.body", "body": body})

    async def app(scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            return
        body = await read(receive)
        path = scope["path"]
        if path == "/_receipts":
            since = int((scope.get("query_string") or b"0").decode().removeprefix("since=") or 0)
            await answer(send, 200, json.dumps({"receipts": receipts[since:], "failed": state["failed"]}).encode())
            return
        if path == "/_control":
            state["fail_first"] = float(json.loads(body)["failFirst"])
            await answer(send, 200, b"{}")
            return
        now = time.time()
        headers = dict(scope["headers"])
        delivery = headers.get(b"x-tendlc-delivery-id", b"").decode()
        if delivery not in seen:
            seen.add(delivery)
            if zlib.crc32(delivery.encode()) % 1000 < state["fail_first"] * 1000:
                state["failed"] += 1
                await answer(send, 500, b'{"error":"try again"}')
                return
        data = json.loads(body)
        key = data.get("benchKey") or data.get("brandId") or (data.get("data") or {}).get("benchKey") or (
            data.get("data") or {}).get("brandId")
        receipts.append((str(key), path.split("/")[1], delivery, now))
        await answer(send, 200, b"OK")

    uvicorn.run(app, host=HOST, port=port, log_level="warning", access_log=False)


# ------------------------------------------------------------------------------------------- processes

def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


def wait_up(url: str, proc: subprocess.Popen[bytes], what: str, limit: float = 90) -> None:
    deadline = time.monotonic() + limit
    while True:
        if proc.poll() is not None:
            raise RuntimeError(f"{what} exited with {proc.returncode}")
        with contextlib.suppress(httpx.HTTPError):
            httpx.get(url, timeout=1)
            return
        if time.monotonic() > deadline:
            raise RuntimeError(f"{what} did not start")
        time.sleep(0.05)


def cpu_seconds(proc: subprocess.Popen[bytes] | None) -> float:
    """User + system CPU time a process has used so far (Linux /proc)."""
    if proc is None:
        return 0.0
    try:
        fields = Path(f"/proc/{proc.pid}/stat").read_text().rpartition(")")[2].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def stop(proc: subprocess.Popen[bytes] | None, sig: int = signal.SIGTERM) -> None:
    if proc is None or proc.poll() is not None:
        return
    proc.send_signal(sig)
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


@dataclass
class Bench:
    database: str
    workdir: Path
    receiver_port: int
    server_port: int
    server: subprocess.Popen[bytes] | None = None
    receiver: subprocess.Popen[bytes] | None = None
    seen: list[Receipt] = field(default_factory=list)  # every receipt fetched so far
    extra_env: dict[str, str] = field(default_factory=dict)

    @property
    def receiver_url(self) -> str:
        return f"http://{HOST}:{self.receiver_port}"

    @property
    def server_url(self) -> str:
        return f"http://{HOST}:{self.server_port}"

    def server_env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("TENDLC_")}
        env.update(TENDLC_DATABASE_URL=self.database, TENDLC_WORKERS_ENABLED="true",
                   TENDLC_WORKER_POLL_SECONDS="0.05", TENDLC_WEBHOOK_ALLOW_PRIVATE="true",
                   TENDLC_WEBHOOK_RETRY_SCALE="0.01", TENDLC_WEBHOOK_LEASE_SECONDS="5",
                   TENDLC_RATE_LIMIT_ENABLED="false", TENDLC_IDENTITY_CHECK_DELAY_SECONDS="86400",
                   TENDLC_LOG_LEVEL="warning")
        env.update(self.extra_env)
        return env

    def start_server(self) -> None:
        log = (self.workdir / "server.log").open("ab")
        self.server = subprocess.Popen([sys.executable, "-m", "tendlc", "serve", "--host", HOST, "--port",
                                        str(self.server_port)], env=self.server_env(), stdout=log,
                                       stderr=subprocess.STDOUT, start_new_session=True)
        log.close()
        wait_up(f"{self.server_url}/api/v1/health", self.server, "the server")

    def start_receiver(self) -> None:
        log = (self.workdir / "receiver.log").open("ab")
        self.receiver = subprocess.Popen([sys.executable, __file__, "--receiver", str(self.receiver_port)],
                                         stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        log.close()
        wait_up(f"{self.receiver_url}/_receipts", self.receiver, "the receiver")

    def receipts(self) -> tuple[list[Receipt], int]:
        """Every receipt so far (fetching only the new ones), and how many first attempts were failed."""
        data = httpx.get(f"{self.receiver_url}/_receipts", params={"since": len(self.seen)}, timeout=30).json()
        self.seen.extend(tuple(r) for r in data["receipts"])  # type: ignore[misc]
        return self.seen, int(data["failed"])

    def fail_first(self, rate: float) -> None:
        httpx.post(f"{self.receiver_url}/_control", json={"failFirst": rate}, timeout=10)


# ------------------------------------------------------------------------------------------- setup

@dataclass
class Account:
    cnp_id: str
    key: str
    secret: str


def setup(database: str, accounts: int, receiver_url: str) -> list[Account]:
    from tendlc.bootstrap import build
    from tendlc.config import Settings
    from tendlc.core.accounts import service as account_service
    from tendlc.core.actor import Actor
    from tendlc.core.webhooks import service

    c = build(Settings(database_url=database))
    made = []
    try:
        with c.uow(write=True) as uow:
            for n in range(accounts):
                account = account_service.create_account(uow, c.ids, c.clock, "csp", f"Bench {n}")
                issued = account_service.issue_key(uow, c.ids, c.clock, account.cnp_id)
                actor = Actor(account.cnp_id, "CSP", account.name)
                service.subscribe(uow, c.ids, c.clock, actor, {"eventCategory": "BRAND",
                                                               "webhookEndpoint": f"{receiver_url}/tcr/{n}"},
                                  secret=issued.secret, key_id=issued.key.key_id, check_url=lambda _: None)
                service.create_endpoint(uow, c.ids, c.clock, actor, {"url": f"{receiver_url}/native/{n}"},
                                        check_url=lambda _: None)
                made.append(Account(account.cnp_id, issued.key.key_id, issued.secret))
    finally:
        c.dispose()
    return made


@contextlib.contextmanager
def committer(database: str) -> Iterator[Any]:
    """Commits synthetic BRAND_UPDATE events (as the brand service writes them) from this process."""
    from tendlc.bootstrap import build
    from tendlc.config import Settings
    from tendlc.core.events import Event, EventType

    c = build(Settings(database_url=database), migrate=False)

    def commit(keys: list[str], to: list[Account]) -> float:
        with c.uow(write=True) as uow:
            for i, key in enumerate(keys):
                account = to[i % len(to)]
                uow.emit(Event(EventType.BRAND_UPDATE, (account.cnp_id,), datetime.now(UTC), {
                    "cspId": account.cnp_id, "brandId": "BBENCH1", "description": "bench", "mock": False,
                    "benchKey": key}))
        return time.time()

    try:
        yield commit
    finally:
        c.dispose()


def wait_for(bench: Bench, expected: set[str], timeout: float) -> list[Receipt]:
    """Poll the receiver until every key in ``expected`` reached both endpoints (TCR, native) or time is up."""
    deadline = time.monotonic() + timeout
    while True:
        receipts, _ = bench.receipts()
        got = [r for r in receipts if r[0] in expected]
        if len({(k, kind) for k, kind, _, _ in got}) >= 2 * len(expected) or time.monotonic() > deadline:
            return got
        time.sleep(0.2)


def percentile_ms(values: list[float], p: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(len(ordered) * p / 100))] * 1000, 1)


def losses(expected: set[str], receipts: list[Receipt]) -> dict[str, int]:
    """Deliveries never received (an event missing at its TCR or native endpoint), and deliveries received
    more than once."""
    received = {(k, kind) for k, kind, _, _ in receipts}
    per_delivery = Counter(d for _, _, d, _ in receipts)
    return {"lost": 2 * len(expected) - len(received & {(k, kind) for k in expected for kind in ("tcr", "native")}),
            "duplicates": sum(n - 1 for n in per_delivery.values() if n > 1)}


# ------------------------------------------------------------------------------------------- phases

def phase_throughput(bench: Bench, commit: Any, to: list[Account], events: int, timeout: float) -> dict[str, Any]:
    keys = [f"t{n}" for n in range(events)]
    cpu = cpu_seconds(bench.server), cpu_seconds(bench.receiver)
    committed = commit(keys, to)
    got = wait_for(bench, set(keys), timeout)
    last = max((t for _, _, _, t in got), default=committed)
    seconds = max(last - committed, 1e-6)
    delivered = len({(k, kind) for k, kind, _, _ in got})
    return {"events": events, "deliveries": delivered, "seconds": round(seconds, 2),
            "deliveries_per_s": round(delivered / seconds), **losses(set(keys), got),
            "server_cpu_s": round(cpu_seconds(bench.server) - cpu[0], 2),
            "receiver_cpu_s": round(cpu_seconds(bench.receiver) - cpu[1], 2)}


def phase_steady(bench: Bench, commit: Any, to: list[Account], rate: float, seconds: float,
                 timeout: float) -> dict[str, Any]:
    committed_at: dict[str, float] = {}

    def timed_commit(keys: list[str], accounts: list[Account]) -> float:
        at = commit(keys, accounts)
        committed_at.update(dict.fromkeys(keys, at))
        return at

    t0 = time.time()
    keys = paced_commits(timed_commit, to, "s", rate, seconds)
    rate_achieved = len(keys) / (time.time() - t0)
    got = wait_for(bench, set(keys), timeout)
    delays = [t - committed_at[k] for k, _, _, t in got]
    return {"rate_target": rate, "rate_achieved": round(rate_achieved, 1), "events": len(keys),
            "deliveries": len(got), "p50_ms": percentile_ms(delays, 50), "p99_ms": percentile_ms(delays, 99),
            "max_ms": percentile_ms(delays, 100), **losses(set(keys), got)}


def paced_commits(commit: Any, to: list[Account], prefix: str, rate: float, seconds: float,
                  on_tick: Any = None) -> list[str]:
    """Commit events at ``rate``/s in 20 ms ticks for ``seconds``; returns the keys committed."""
    keys: list[str] = []
    t0 = time.monotonic()
    tick = 0.02
    n = 0
    while time.monotonic() - t0 < seconds:
        due = int((time.monotonic() - t0) * rate) + 1
        batch = [f"{prefix}{i}" for i in range(n, due)]
        if batch:
            commit(batch, to)
            keys += batch
            n = due
        if on_tick is not None:
            on_tick(time.monotonic() - t0)
        time.sleep(tick)
    return keys


def phase_failures(bench: Bench, commit: Any, to: list[Account], rate: float, fail: float, events: int,
                   timeout: float) -> dict[str, Any]:
    bench.fail_first(fail)
    _, failed_before = bench.receipts()
    keys = paced_commits(commit, to, "f", rate, events / rate)
    started = time.time()
    got = wait_for(bench, set(keys), timeout)
    _, failed_after = bench.receipts()
    bench.fail_first(0.0)
    return {"fail_first_rate": fail, "events": len(keys), "deliveries": len(got),
            "first_attempts_failed": failed_after - failed_before,
            "seconds_after_last_commit": round(max((t for _, _, _, t in got), default=started) - started, 2),
            **losses(set(keys), got)}


def phase_kill(bench: Bench, commit: Any, to: list[Account], rate: float, seconds: float,
               timeout: float) -> dict[str, Any]:
    kill_at, restart_after = seconds / 2, 1.0
    marks: dict[str, float] = {}

    def on_tick(elapsed: float) -> None:
        if "killed" not in marks and elapsed >= kill_at:
            stop(bench.server, signal.SIGKILL)
            marks["killed"] = elapsed
        elif "killed" in marks and "restarting" not in marks and elapsed >= marks["killed"] + restart_after:
            marks["restarting"] = elapsed
            threading.Thread(target=bench.start_server, daemon=True).start()  # commits go on meanwhile

    keys = paced_commits(commit, to, "k", rate, seconds, on_tick)
    got = wait_for(bench, set(keys), timeout)
    return {"events": len(keys), "deliveries": len(got), "killed_at_s": round(marks.get("killed", 0), 2),
            "restarted_at_s": round(marks.get("restarting", 0), 2), **losses(set(keys), got)}


# ------------------------------------------------------------------------------------------- main

def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--receiver", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--events", type=int, default=5000, help="events for the throughput phase")
    parser.add_argument("--accounts", type=int, default=4, help="accounts (each: a TCR and a native endpoint)")
    parser.add_argument("--rate", type=float, default=200, help="events/s of the steady, failure and kill phases")
    parser.add_argument("--seconds", type=float, default=10, help="length of the steady and kill phases")
    parser.add_argument("--fail-rate", type=float, default=0.3, help="share of first attempts the receiver fails")
    parser.add_argument("--failure-events", type=int, default=1000, help="events for the failure phase")
    parser.add_argument("--timeout", type=float, default=120, help="longest wait for any phase's deliveries")
    parser.add_argument("--database", help="an EMPTY database URL (default: a fresh SQLite file)")
    parser.add_argument("--server-env", action="append", default=[], metavar="NAME=VALUE",
                        help="extra environment for the server, e.g. TENDLC_WEBHOOK_CONCURRENCY=4")
    args = parser.parse_args()
    if args.receiver:
        receiver_main(args.receiver)
        return

    workdir = Path(tempfile.mkdtemp(prefix="tendlc-bench-webhooks-"))
    database = args.database or f"sqlite:///{workdir / 'bench.db'}"
    bench = Bench(database, workdir, free_port(), free_port(),
                  extra_env=dict(item.split("=", 1) for item in args.server_env))
    load_before = os.getloadavg()
    result: dict[str, Any] = {"benchmark": "webhooks", "database": database.split(":", 1)[0],
                              "cpus": os.cpu_count(), "loadavg_before": [round(x, 2) for x in load_before],
                              "accounts": args.accounts, "deliveries_per_event": 2, "server_env": bench.extra_env}
    try:
        bench.start_receiver()
        accounts = setup(database, args.accounts, bench.receiver_url)
        bench.start_server()
        with committer(database) as commit:
            commit(["warmup"], accounts)
            wait_for(bench, {"warmup"}, args.timeout)
            result["throughput"] = phase_throughput(bench, commit, accounts, args.events, args.timeout)
            result["steady"] = phase_steady(bench, commit, accounts, args.rate, args.seconds, args.timeout)
            result["failures"] = phase_failures(bench, commit, accounts, args.rate, args.fail_rate,
                                                args.failure_events, args.timeout)
            result["kill"] = phase_kill(bench, commit, accounts, args.rate, args.seconds, args.timeout)
    finally:
        stop(bench.server)
        stop(bench.receiver)
        shutil.rmtree(workdir, ignore_errors=True)
    lost = sum(result[p]["lost"] for p in ("throughput", "steady", "failures", "kill"))
    result["loadavg_after"] = [round(x, 2) for x in os.getloadavg()]
    result["targets"] = TARGETS
    result["ok"] = {
        "deliveries_per_s": result["throughput"]["deliveries_per_s"] >= TARGETS["deliveries_per_s_min"],
        "steady_p99": result["steady"]["p99_ms"] <= TARGETS["steady_p99_ms_max"],
        "lost": lost <= TARGETS["lost_max"],
    }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
