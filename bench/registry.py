"""Registry benchmark: a real ``tendlc serve`` process on a fresh SQLite database, driven by concurrent
HTTP clients on 127.0.0.1.

1. ``tendlc accounts create`` (the CLI) makes a CSP and its key.
2. ``--seed`` campaigns are stored for that CSP before the server starts: 20 brands, and one campaign per
   brand and use case, go through the core services; the bulk are copies of those validated campaigns with
   their own ids, reference ids, dates and tags, stored by the campaign repository (``add_many``).
3. The server starts; a brand is registered over HTTP and awaited until VERIFIED.
4. Measured, ``--rounds`` times each: ``POST /v2/campaignBuilder`` (throughput, p50/p99),
   ``GET /v2/campaign/{id}`` (throughput, p50/p99), ``GET /v2/campaign/search`` over a mix of filters and
   pages (p50/p95/p99), and the server's resident memory (peak of VmRSS sampled every 50 ms, and VmHWM).
   Each figure also gives the CPU time the server and the client spent per request: on a shared machine
   throughput and latency move with everyone else's load, CPU per request much less.

The load generator is a minimal keep-alive HTTP/1.1 client on asyncio (``--client httpx`` to use httpx):
client and server share the machine's cores, and httpx spends more CPU per request than the server does.

Prints one JSON object with every figure and the targets, and exits 0: it is a measurement, not a test.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import contextlib
import json
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

try:  # httpcore looks for sniffio on every request; when it is not installed, fail that import fast.
    import sniffio  # noqa: F401
except ImportError:
    sys.modules["sniffio"] = None  # type: ignore[assignment]

import httpx

TARGETS = {
    "create_per_s_min": 300,
    "read_per_s_min": 1000,
    "read_p99_ms_max": 50,
    "search_p95_ms_max": 50,
    "search_stored_campaigns_min": 100_000,
    "server_rss_mb_max": 250,
}

HOST = "127.0.0.1"

BRAND = {
    "entityType": "PRIVATE_PROFIT", "displayName": "Bench Dental", "companyName": "Bench Dental LLC",
    "ein": "12-3456789", "phone": "+12025550142", "email": "ops@benchdental.example", "street": "1 Main St",
    "city": "Springfield", "state": "IL", "postalCode": "62701", "country": "US",
    "website": "https://benchdental.example", "vertical": "HEALTHCARE", "brandRelationship": "SMALL_ACCOUNT",
}

# (usecase, sub use cases, vertical): the seeded campaigns cycle through these.
SEED_KINDS: tuple[tuple[str, list[str], str], ...] = (
    ("MIXED", ["ACCOUNT_NOTIFICATION", "CUSTOMER_CARE"], "HEALTHCARE"),
    ("ACCOUNT_NOTIFICATION", [], "HEALTHCARE"),
    ("CUSTOMER_CARE", [], "RETAIL"),
    ("MARKETING", [], "RETAIL"),
    ("LOW_VOLUME", ["MARKETING"], "EDUCATION"),
    ("DELIVERY_NOTIFICATION", [], "TRANSPORTATION"),
    ("2FA", [], "TECHNOLOGY"),
)
SEED_TAG = "seeded"  # on every tenth seeded campaign
SEED_BRANDS = 20  # the seeded campaigns are spread over this many brands


def campaign_body(brand_id: str, *, usecase: str = "MIXED", subs: list[str] | None = None,
                  vertical: str | None = None, reference_id: str | None = None) -> dict[str, Any]:
    body: dict[str, Any] = {
        "brandId": brand_id,
        "usecase": usecase,
        "subUsecases": ["ACCOUNT_NOTIFICATION", "CUSTOMER_CARE"] if subs is None else subs,
        "resellerId": "R000000",
        "description": "Appointment reminders and customer care replies for patients of Bench Dental.",
        "messageFlow": "Patients opt in by ticking an unticked SMS consent box on the booking form at "
                       "https://benchdental.example/book.",
        "sample1": "Bench Dental: your cleaning is booked for Tue 3pm. Reply STOP to opt out.",
        "sample2": "Bench Dental: thanks for your question, we will call you back today. Reply HELP for help.",
        "subscriberOptin": True, "subscriberOptout": True, "subscriberHelp": True,
        "optinMessage": "Bench Dental: you are subscribed to alerts. Msg&data rates may apply. Reply STOP to end.",
        "optoutMessage": "Bench Dental: you are unsubscribed and will receive no more messages.",
        "helpMessage": "Bench Dental: for help call +12025550142. Reply STOP to end.",
        "optinKeywords": "START", "optoutKeywords": "STOP,QUIT", "helpKeywords": "HELP",
    }
    if vertical:
        body["vertical"] = vertical
    if reference_id:
        body["referenceId"] = reference_id
    return body


# --------------------------------------------------------------------------------------------- setup

def tendlc_command() -> str:
    beside = Path(sys.executable).parent / "tendlc"
    return str(beside) if beside.exists() else (shutil.which("tendlc") or "tendlc")


def server_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TENDLC_")}
    env |= {"TENDLC_RATE_LIMIT_ENABLED": "false", "TENDLC_IDENTITY_CHECK_DELAY_SECONDS": "0"}
    for name in ("TENDLC_LOG_LEVEL", "TENDLC_ACCESS_LOG"):  # let the caller choose how the server logs
        if name in os.environ:
            env[name] = os.environ[name]
    return env


def create_account(database: str) -> dict[str, str]:
    out = subprocess.run([tendlc_command(), "--database", database, "accounts", "create", "--kind", "csp",
                          "--name", "bench", "--json"], env=server_env(), check=True, capture_output=True,
                         text=True, timeout=120)
    return json.loads(out.stdout)  # type: ignore[no-any-return]


def seed_campaigns(database: str, cnp_id: str, count: int) -> dict[str, Any]:
    """Store ``count`` valid campaigns for ``cnp_id`` (see the module docstring); returns what was made."""
    from sqlalchemy import event

    from tendlc.bootstrap import build
    from tendlc.config import Settings
    from tendlc.core.actor import Actor
    from tendlc.core.brands import service as brands
    from tendlc.core.campaigns import service as campaigns

    started = time.perf_counter()
    c = build(Settings(database_url=database, identity_check_delay_seconds=0), migrate=False)
    # A throwaway database, filled before the server starts: no need to sync every batch to disk.
    event.listen(c.engine, "connect", lambda dbapi_conn, _: dbapi_conn.execute("PRAGMA synchronous=OFF"))
    actor = Actor(cnp_id=cnp_id, kind="CSP", name="bench", via="bench-seed")
    try:
        with c.uow(write=True) as uow:
            made_brands = [brands.register(uow, c.ids, c.clock, actor,
                                           dict(BRAND, displayName=f"Bench Seed Brand {n}", ein=f"12-34{n:05d}"),
                                           c.identity_policy) for n in range(SEED_BRANDS)]
        with c.uow(write=True) as uow:
            brands.score_due(uow, c.clock, c.identity_policy)
        with c.uow(write=True) as uow:
            templates = [campaigns.register(uow, c.ids, c.clock, actor,
                                            campaign_body(b.brand_id, usecase=u, subs=s, vertical=v))
                         for b in made_brands for u, s, v in SEED_KINDS]
        taken = {t.campaign_id for t in templates}
        start = datetime.now(UTC) - timedelta(seconds=count + 60)
        made = len(templates)
        while made < count:
            with c.uow(write=True) as uow:
                batch = []
                for i in range(made, min(count, made + 5000)):
                    campaign_id = c.ids.tcr_id("C")
                    while campaign_id in taken:
                        campaign_id = c.ids.tcr_id("C")
                    taken.add(campaign_id)
                    at = start + timedelta(seconds=i)
                    batch.append(templates[i % len(templates)].model_copy(update={
                        "campaign_id": campaign_id, "reference_id": f"seed-{i:07d}", "create_date": at,
                        "billed_date": at, "next_renewal_or_expiration_date": (at + timedelta(days=91)).date(),
                        "auto_renewal": i % 3 != 0, "tag": [SEED_TAG] if i % 10 == 0 else []}))
                _store(uow, batch)
                made += len(batch)
    finally:
        c.dispose()
    return {"campaigns": max(made, len(templates)), "brand_ids": [b.brand_id for b in made_brands],
            "seconds": round(time.perf_counter() - started, 1)}


def _store(uow: Any, batch: list[Any]) -> None:
    """Store new campaigns as the repository does (``add_many``; rows and tags directly on trees that predate
    it, for before/after comparisons)."""
    if hasattr(uow.campaigns, "add_many"):
        uow.campaigns.add_many(batch)
        return
    from sqlalchemy import insert

    from tendlc.db.tables import campaigns, tags

    repo = uow.campaigns
    uow.conn.execute(insert(campaigns), [{"campaign_id": c.campaign_id, **repo.projection(c), "version": c.version,
                                          "doc": c.model_dump(mode="json")} for c in batch])
    tag_rows = [{"record_type": "CAMPAIGN", "record_id": c.campaign_id, "name": t} for c in batch for t in c.tag]
    if tag_rows:
        uow.conn.execute(insert(tags), tag_rows)


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


@dataclass
class Server:
    """``tendlc serve`` in its own process, with its memory sampled while it runs."""

    database: str
    port: int
    log_path: Path
    prefix: list[str] = field(default_factory=list)
    proc: subprocess.Popen[bytes] | None = None
    rss_peak_kb: int = 0
    rss_samples: list[int] = field(default_factory=list)
    _stop: threading.Event = field(default_factory=threading.Event)
    _sampler: threading.Thread | None = None

    def __enter__(self) -> Server:
        log = self.log_path.open("wb")
        self.proc = subprocess.Popen(
            [*self.prefix, tendlc_command(), "--database", self.database, "serve", "--host", HOST,
             "--port", str(self.port)],
            env=server_env(), stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        log.close()
        deadline = time.monotonic() + 60
        while True:
            if self.proc.poll() is not None:
                raise RuntimeError(f"the server exited ({self.proc.returncode}):\n{self.log_path.read_text()}")
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(f"http://{HOST}:{self.port}/api/v1/health", timeout=1).status_code == 200:
                    break
            if time.monotonic() > deadline:
                raise RuntimeError(f"the server did not start:\n{self.log_path.read_text()}")
            time.sleep(0.1)
        self._sampler = threading.Thread(target=self._sample, daemon=True)
        self._sampler.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        if self._sampler is not None:
            self._sampler.join()
        if self.proc is None or self.proc.poll() is not None:
            return
        self.proc.send_signal(signal.SIGINT)
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()

    def cpu_seconds(self) -> float:
        """User + system CPU time the server process has used so far."""
        assert self.proc is not None
        try:
            fields = Path(f"/proc/{self.proc.pid}/stat").read_text().rpartition(")")[2].split()
        except OSError:
            return 0.0
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def status_kb(self, name: str) -> int:
        assert self.proc is not None
        try:
            for line in Path(f"/proc/{self.proc.pid}/status").read_text().splitlines():
                if line.startswith(name + ":"):
                    return int(line.split()[1])
        except (OSError, ValueError):
            pass
        return 0

    def _sample(self) -> None:
        while not self._stop.is_set():
            rss = self.status_kb("VmRSS")
            self.rss_peak_kb = max(self.rss_peak_kb, rss)
            self.rss_samples.append(rss)
            self._stop.wait(0.05)


# ------------------------------------------------------------------------------------------- measure

@dataclass
class Run:
    """One measured batch of requests."""

    requests: int
    seconds: float
    latencies: list[float]
    errors: int
    error_sample: str = ""
    server_cpu: float = 0.0
    client_cpu: float = 0.0

    def figures(self, *percentiles: int) -> dict[str, Any]:
        out: dict[str, Any] = {"requests": self.requests, "errors": self.errors,
                               "throughput_per_s": round(self.requests / self.seconds, 1) if self.seconds else 0.0,
                               "server_cpu_ms_per_request": round(self.server_cpu * 1000 / self.requests, 3),
                               "client_cpu_ms_per_request": round(self.client_cpu * 1000 / self.requests, 3)}
        for p in percentiles:
            out[f"p{p}_ms"] = percentile_ms(self.latencies, p)
        if self.error_sample:
            out["error_sample"] = self.error_sample
        return out


def percentile_ms(values: list[float], p: int) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = max(0, min(len(ordered) - 1, round(p / 100 * len(ordered) + 0.5) - 1))
    return round(ordered[rank] * 1000, 2)


@dataclass
class Reply:
    status: int
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)


class Session:
    """One client connection of the load generator."""

    async def send(self, method: str, target: str, body: bytes | None = None) -> Reply:
        raise NotImplementedError

    async def aclose(self) -> None:
        return None


class RawSession(Session):
    """A minimal keep-alive HTTP/1.1 client on one asyncio stream: it sends pre-encoded requests and reads
    the status and the body, and nothing else, so that the load generator costs far less CPU than the
    server it measures (they share the machine's cores; httpx spends more per request than the server)."""

    def __init__(self, host: str, port: int, authorization: str) -> None:
        self.host, self.port = host, port
        self.head = f"Host: {host}:{port}\r\nAuthorization: {authorization}\r\n".encode()
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def send(self, method: str, target: str, body: bytes | None = None) -> Reply:
        if self.writer is None or self.reader is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        request = f"{method} {target} HTTP/1.1\r\n".encode() + self.head
        if body is not None:
            request += b"Content-Type: application/json\r\nContent-Length: %d\r\n\r\n%s" % (len(body), body)
        else:
            request += b"\r\n"
        self.writer.write(request)
        reader = self.reader
        status = int((await reader.readline()).split(b" ", 2)[1])
        length, chunked, close = 0, False, False
        while (line := await reader.readline()) not in (b"\r\n", b""):
            name, _, value = line.partition(b":")
            name = name.strip().lower()
            if name == b"content-length":
                length = int(value)
            elif name == b"transfer-encoding":
                chunked = b"chunked" in value.lower()
            elif name == b"connection":
                close = b"close" in value.lower()
        if chunked:
            parts = []
            while size := int((await reader.readline()).split(b";")[0], 16):
                parts.append(await reader.readexactly(size))
                await reader.readline()
            await reader.readline()
            data = b"".join(parts)
        else:
            data = await reader.readexactly(length) if length else b""
        if close:
            await self.aclose()
        return Reply(status, data)

    async def aclose(self) -> None:
        if self.writer is not None:
            self.writer.close()
            with contextlib.suppress(OSError):
                await self.writer.wait_closed()
        self.reader = self.writer = None


class HttpxSession(Session):
    """The same requests through a shared ``httpx.AsyncClient`` (``--client httpx``)."""

    def __init__(self, client: httpx.AsyncClient) -> None:
        self.client = client

    async def send(self, method: str, target: str, body: bytes | None = None) -> Reply:
        headers = {"Content-Type": "application/json"} if body is not None else None
        r = await self.client.request(method, target, content=body, headers=headers)
        return Reply(r.status_code, r.content)


Make = Callable[[Session, int], Awaitable[Reply]]


async def drive(server: Server, sessions: list[Session], count: int, make: Make, expect: int = 200,
                on_ok: Callable[[int, Reply], None] | None = None,
                timings: dict[str, list[float]] | None = None, names: list[str] | None = None) -> Run:
    """Send ``count`` requests, one at a time on each session; ``make(session, i)`` sends request i."""
    next_index = 0
    latencies: list[float] = []
    errors = 0
    sample = ""

    async def worker(session: Session) -> None:
        nonlocal next_index, errors, sample
        while next_index < count:
            i = next_index
            next_index += 1
            began = time.perf_counter()
            try:
                reply = await make(session, i)
            except (OSError, ValueError, asyncio.IncompleteReadError, httpx.HTTPError) as exc:
                errors += 1
                sample = sample or repr(exc)
                await session.aclose()
                continue
            took = time.perf_counter() - began
            latencies.append(took)
            if timings is not None and names is not None:
                timings.setdefault(names[i % len(names)], []).append(took)
            if reply.status != expect:
                errors += 1
                sample = sample or f"{reply.status} {reply.body[:300]!r}"
            elif on_ok is not None:
                on_ok(i, reply)

    server_cpu, client_cpu = server.cpu_seconds(), time.process_time()
    began = time.perf_counter()
    await asyncio.gather(*(worker(s) for s in sessions[:max(1, min(len(sessions), count))]))
    took = time.perf_counter() - began
    return Run(count, took, latencies, errors, sample, server.cpu_seconds() - server_cpu,
               time.process_time() - client_cpu)


def search_queries(brand_ids: list[str], seeded: int) -> list[tuple[str, dict[str, Any]]]:
    """The mix of searches a CSP's dashboard and scripts make: first pages, deep pages, filters."""
    last_page = 10_000 // 10
    return [
        ("first_page", {}),
        ("first_page_50", {"recordsPerPage": 50}),
        ("page_100", {"page": 100}),
        ("deepest_page", {"page": last_page}),
        ("by_usecase", {"usecase": "MARKETING"}),
        ("by_vertical_and_renewal", {"vertical": "RETAIL", "autoRenewal": "true"}),
        ("by_brand", {"brandId": random.choice(brand_ids)}),
        ("by_reference_id", {"referenceId": f"seed-{random.randrange(max(seeded, 1)):07d}"}),
        ("by_tag", {"tag": SEED_TAG}),
        ("by_status", {"status": "ACTIVE", "recordsPerPage": 25}),
    ]


async def measure(server: Server, auth: tuple[str, str], args: argparse.Namespace,
                  seed: dict[str, Any]) -> dict[str, Any]:
    size = max(args.concurrency, args.search_concurrency)
    limits = httpx.Limits(max_connections=size, max_keepalive_connections=size)
    port = server.port
    async with httpx.AsyncClient(base_url=f"http://{HOST}:{port}", auth=auth, limits=limits, timeout=60) as client:
        made = await client.post("/v2/brand/nonBlocking", json=BRAND)
        made.raise_for_status()
        brand_id = made.json()["brandId"]
        verified_after = await wait_verified(client, brand_id)

        authorization = "Basic " + base64.b64encode(f"{auth[0]}:{auth[1]}".encode()).decode()
        sessions: list[Session] = [
            RawSession(HOST, port, authorization) if args.client == "raw" else HttpxSession(client)
            for _ in range(size)]
        pool, search_pool = sessions[:args.concurrency], sessions[:args.search_concurrency]
        created: list[str] = []
        made_count = 0

        def bodies(n: int) -> list[bytes]:
            nonlocal made_count
            made_count += n
            return [json.dumps(campaign_body(brand_id, reference_id=f"bench-{i}")).encode()
                    for i in range(made_count - n, made_count)]

        def keep(_: int, r: Reply) -> None:
            created.append(r.json()["campaignId"])

        async def create_round(n: int) -> Run:
            todo = bodies(n)
            return await drive(server, pool, n, lambda s, i: s.send("POST", "/v2/campaignBuilder", todo[i]),
                               on_ok=keep)

        async def read_round(n: int) -> Run:
            targets = [f"/v2/campaign/{random.choice(created)}" for _ in range(n)]
            return await drive(server, pool, n, lambda s, i: s.send("GET", targets[i]))

        async def search_round(n: int, timings: dict[str, list[float]]) -> Run:
            queries = [search_queries([*seed["brand_ids"], brand_id], seed["campaigns"]) for _ in range(n // 10 + 1)]
            flat = [q for group in queries for q in group][:n]
            targets = [f"/v2/campaign/search?{urlencode(params, doseq=True)}" for _, params in flat]
            return await drive(server, search_pool, n, lambda s, i: s.send("GET", targets[i]), timings=timings,
                               names=[name for name, _ in flat])

        # Warm up (not counted): the first requests open connections, compile queries and fill caches.
        await create_round(args.warmup)
        await read_round(args.warmup * 4)
        await search_round(20, {})

        rounds: dict[str, list[dict[str, Any]]] = {"create": [], "read": [], "search": []}
        per_query: dict[str, list[float]] = {}
        for _ in range(args.rounds):
            rounds["create"].append((await create_round(args.campaigns)).figures(50, 99))
            rounds["read"].append((await read_round(args.reads)).figures(50, 99))
        for _ in range(args.rounds):
            rounds["search"].append((await search_round(args.searches, per_query)).figures(50, 95, 99))

        for session in sessions:
            await session.aclose()
        total = (await client.get("/v2/campaign/search", params={"recordsPerPage": 1})).json()["totalRecords"]

    return {
        "brand_verified_after_s": verified_after,
        "create": summarise(rounds["create"], "throughput_per_s", args.concurrency),
        "read": summarise(rounds["read"], "throughput_per_s", args.concurrency),
        "search": {
            "stored_campaigns": total,
            **summarise(rounds["search"], "p95_ms", args.search_concurrency, lower_is_better=True),
            "by_query_p50_p95_ms": {name: [percentile_ms(v, 50), percentile_ms(v, 95)]
                                    for name, v in per_query.items()},
        },
    }


async def wait_verified(client: httpx.AsyncClient, brand_id: str) -> float:
    began = time.perf_counter()
    while time.perf_counter() - began < 60:
        got = await client.get(f"/v2/brand/{brand_id}")
        if got.json().get("identityStatus") == "VERIFIED":
            return round(time.perf_counter() - began, 2)
        await asyncio.sleep(0.05)
    raise RuntimeError(f"brand {brand_id} was not VERIFIED within 60 s")


def summarise(rounds: list[dict[str, Any]], key: str, concurrency: int, *,
              lower_is_better: bool = False) -> dict[str, Any]:
    """The best and the median round (by ``key``), and every round."""
    ordered = sorted(rounds, key=lambda r: r[key], reverse=not lower_is_better)
    return {"concurrency": concurrency, "best": ordered[0], "median": ordered[(len(ordered) - 1) // 2],
            "rounds": rounds}


def verdict(result: dict[str, Any]) -> dict[str, bool]:
    create, read, search = (result[k]["median"] for k in ("create", "read", "search"))
    return {
        "create_per_s": create["throughput_per_s"] >= TARGETS["create_per_s_min"] and not create["errors"],
        "read_per_s": read["throughput_per_s"] >= TARGETS["read_per_s_min"] and not read["errors"],
        "read_p99_ms": read["p99_ms"] <= TARGETS["read_p99_ms_max"],
        "search_p95_ms": search["p95_ms"] <= TARGETS["search_p95_ms_max"] and not search["errors"],
        "search_stored": result["search"]["stored_campaigns"] >= TARGETS["search_stored_campaigns_min"],
        "server_rss_mb": max(result["server_rss_mb"]["peak"], result["server_rss_mb"]["vm_hwm"])
        <= TARGETS["server_rss_mb_max"],
    }


# ---------------------------------------------------------------------------------------------- main

def parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    p.add_argument("--campaigns", type=int, help="campaigns created per round (default 3000; quick 200)")
    p.add_argument("--reads", type=int, help="GET /v2/campaign/{id} per round (default 10000; quick 500)")
    p.add_argument("--searches", type=int, help="searches per round (default 1000; quick 100)")
    p.add_argument("--seed", type=int, help="campaigns stored before the server starts (default 100000; "
                   "quick 2000)")
    p.add_argument("--concurrency", type=int, default=32, help="concurrent connections (default 32)")
    p.add_argument("--search-concurrency", type=int, default=4,
                   help="concurrent connections for the search latency measurement (default 4)")
    p.add_argument("--rounds", type=int, help="measured rounds of each kind (default 3; quick 1)")
    p.add_argument("--warmup", type=int, help="uncounted creations before measuring (default 100; quick 20)")
    p.add_argument("--client", choices=("raw", "httpx"), default="raw",
                   help="load generator: a minimal keep-alive HTTP/1.1 client (default) or httpx")
    p.add_argument("--quick", action="store_true", help="small numbers, for a smoke run")
    p.add_argument("--keep", metavar="DIR", help="keep the database and server log in DIR")
    p.add_argument("--server-prefix", default="", help=argparse.SUPPRESS)  # e.g. "py-spy record -o x --"
    args = p.parse_args(argv)
    defaults = ({"campaigns": 200, "reads": 500, "searches": 100, "seed": 2000, "rounds": 1, "warmup": 20}
                if args.quick else
                {"campaigns": 3000, "reads": 10000, "searches": 1000, "seed": 100_000, "rounds": 3, "warmup": 100})
    for name, value in defaults.items():
        if getattr(args, name) is None:
            setattr(args, name, value)
    if min(args.campaigns, args.reads, args.searches, args.concurrency, args.search_concurrency, args.rounds) < 1:
        p.error("counts, concurrency and rounds must be at least 1")
    args.seed = max(args.seed, 0)
    return args


def loop_factory() -> Callable[[], asyncio.AbstractEventLoop] | None:
    try:
        import uvloop
    except ImportError:
        return None
    return uvloop.new_event_loop  # type: ignore[no-any-return]


@contextlib.contextmanager
def workdir(keep: str | None) -> Iterator[Path]:
    if keep:
        path = Path(keep)
        path.mkdir(parents=True, exist_ok=True)
        (path / "bench.db").unlink(missing_ok=True)
        yield path
    else:
        with tempfile.TemporaryDirectory(prefix="tendlc-bench-") as tmp:
            yield Path(tmp)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    with workdir(args.keep) as tmp:
        database = f"sqlite:///{tmp / 'bench.db'}"
        account = create_account(database)
        seed = seed_campaigns(database, account["cnpId"], args.seed)
        server = Server(database, free_port(), tmp / "server.log", args.server_prefix.split())
        with server:
            rss_start = server.status_kb("VmRSS")
            with asyncio.Runner(loop_factory=loop_factory()) as runner:
                figures = runner.run(measure(server, (account["apiKey"], account["apiSecret"]), args, seed))
            hwm = server.status_kb("VmHWM")
        result: dict[str, Any] = {
            "benchmark": "tendlc registry (one server process, SQLite)",
            "config": {"client": args.client, "campaigns_per_round": args.campaigns, "reads_per_round": args.reads,
                       "searches_per_round": args.searches, "rounds": args.rounds, "seed": args.seed,
                       "concurrency": args.concurrency, "search_concurrency": args.search_concurrency,
                       "cpus": os.cpu_count(), "python": sys.version.split()[0],
                       "seeded_in_s": seed["seconds"]},
            **figures,
            "server_rss_mb": {"start": round(rss_start / 1024, 1), "peak": round(server.rss_peak_kb / 1024, 1),
                              "vm_hwm": round(hwm / 1024, 1)},
            "targets": TARGETS,
        }
        result["met"] = verdict(result)
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
