"""Lint benchmark: the compliance engine (``tendlc.core.compliance.check``) on generated campaigns.

1. ``--campaigns`` campaigns are generated from ``--seed`` (``bench/lint_corpus.py``): varied brands,
   industries, use cases and sub use cases, samples, replies, calls to action, links and keywords. The
   even ones are clean; each odd one carries 1..3 defects from a catalogue of injectors, each tagged with
   the rule code it must trigger.
2. Every campaign and brand is parsed once (``CampaignInput``/``BrandInput``), then linted under the
   default profile, ``--rounds`` times, in this one process (one core; pinned with ``--cpu``). Each round
   gives campaigns/s by wall clock and by this process's CPU time (steadier on a shared machine); the
   best and the median round are reported. Parsing is timed separately.
3. Detection: a seeded defect counts as found when its code is in the campaign's report; per kind and
   overall. False positives: findings of any severity on the clean half, by code, with an example.

Prints one JSON object with every figure and the targets, and exits 0: it is a measurement, not a test.
"""

from __future__ import annotations

import argparse
import gc
import importlib.util
import json
import os
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

# bench/ is not a package: the corpus module is loaded from its file.
HERE = Path(__file__).resolve().parent


def _load_corpus() -> Any:
    spec = importlib.util.spec_from_file_location("lint_corpus", HERE / "lint_corpus.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["lint_corpus"] = module
    spec.loader.exec_module(module)
    return module


lint_corpus = _load_corpus()
DEFECTS, DEFECTS_BY_NAME, corpus = lint_corpus.DEFECTS, lint_corpus.DEFECTS_BY_NAME, lint_corpus.corpus

from tendlc.core.compliance import RULESET_VERSION, BrandInput, CampaignInput, Report, check  # noqa: E402
from tendlc.core.compliance.profiles import DEFAULT_PROFILE  # noqa: E402

TARGETS = {"campaigns_per_s_min": 2000, "detection_rate_min": 1.0, "false_positives_max": 0}


def lint_round(inputs: list[tuple[CampaignInput, BrandInput]]) -> tuple[dict[str, Any], list[Report]]:
    gc.collect()
    cpu, wall = time.process_time(), time.perf_counter()
    reports = [check(c, b) for c, b in inputs]
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    n = len(inputs)
    return {"campaigns": n, "seconds": round(wall, 3), "campaigns_per_s": round(n / wall, 1),
            "cpu_campaigns_per_s": round(n / cpu, 1) if cpu else None,
            "us_per_campaign": round(wall * 1e6 / n, 1)}, reports


def detection(generated: list[Any], reports: list[Report]) -> dict[str, Any]:
    seeded: Counter[str] = Counter()
    found: Counter[str] = Counter()
    missed: dict[str, dict[str, Any]] = {}
    false_positives: Counter[str] = Counter()
    fp_example: dict[str, dict[str, Any]] = {}
    for g, r in zip(generated, reports, strict=True):
        codes = {f.code for f in r.findings}
        if not g.defects:
            for f in r.findings:
                false_positives[f.code] += 1
                fp_example.setdefault(f.code, {"campaign": g.index, "fields": f.fields, "message": f.message})
        for name in g.defects:
            seeded[name] += 1
            if DEFECTS_BY_NAME[name].code in codes:
                found[name] += 1
            else:
                missed.setdefault(name, {"campaign": g.index, "defects": g.defects, "codes": sorted(codes)})
    per_kind = {d.name: {"code": d.code, "seeded": seeded[d.name], "found": found[d.name],
                         "rate": round(found[d.name] / seeded[d.name], 4) if seeded[d.name] else None}
                for d in DEFECTS}
    total_seeded, total_found = sum(seeded.values()), sum(found.values())
    clean = sum(1 for g in generated if not g.defects)
    return {
        "defect_kinds": len(DEFECTS),
        "kinds_seeded": sum(1 for v in seeded.values() if v),
        "seeded": total_seeded, "found": total_found,
        "rate": round(total_found / total_seeded, 4) if total_seeded else None,
        "per_kind": per_kind, "missed_examples": missed,
        "clean_campaigns": clean,
        "clean_with_findings": sum(1 for g, r in zip(generated, reports, strict=True) if not g.defects and r.findings),
        "false_positives": sum(false_positives.values()),
        "false_positives_by_code": dict(false_positives), "false_positive_examples": fp_example,
    }


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    p.add_argument("--campaigns", type=int, help="campaigns generated and linted per round (default 10000; "
                   "quick 1000)")
    p.add_argument("--rounds", type=int, default=3, help="measured rounds (default 3)")
    p.add_argument("--seed", type=int, default=10_000, help="corpus seed (default 10000)")
    p.add_argument("--cpu", type=int, help="pin this process to one CPU (default: the first it may use)")
    p.add_argument("--quick", action="store_true", help="1,000 campaigns, for CI-speed runs")
    args = p.parse_args(argv)
    if args.campaigns is None:
        args.campaigns = 1000 if args.quick else 10_000
    if args.campaigns < 2 or args.rounds < 1:
        p.error("at least 2 campaigns and 1 round")
    return args


def calibration_ns() -> float:
    """CPU ns per iteration of a fixed pure-Python loop: how fast this core is right now (about 30-50 on an
    idle modern core), to read the campaigns/s of a run on a busy shared machine against."""
    began, total = time.process_time(), 0
    for i in range(1_000_000):
        total += i
    return round((time.process_time() - began) * 1e9 / 1_000_000, 1)


def pin(cpu: int | None) -> int | None:
    """Pin to one core so that the figures are single-core ones; None where the OS cannot."""
    if not hasattr(os, "sched_setaffinity"):
        return None
    allowed = sorted(os.sched_getaffinity(0))
    chosen = cpu if cpu is not None and cpu in allowed else allowed[0]
    os.sched_setaffinity(0, {chosen})
    return chosen


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    pinned = pin(args.cpu)

    began = time.perf_counter()
    generated = corpus(args.campaigns, args.seed)
    generated_in = time.perf_counter() - began

    began = time.perf_counter()
    inputs = [(CampaignInput.model_validate(g.campaign), BrandInput.model_validate(g.brand)) for g in generated]
    parse_s = time.perf_counter() - began

    for c, b in inputs[:50]:  # warm up: regex compilation, lazy imports, caches
        check(c, b)
    rounds: list[dict[str, Any]] = []
    reports: list[Report] = []
    for _ in range(args.rounds):
        figures, reports = lint_round(inputs)
        rounds.append(figures)
    ordered = sorted(rounds, key=lambda r: r["campaigns_per_s"], reverse=True)
    found = detection(generated, reports)

    result: dict[str, Any] = {
        "benchmark": "tendlc compliance lint (one process, one core)",
        "config": {"campaigns": args.campaigns, "rounds": args.rounds, "seed": args.seed,
                   "profile": DEFAULT_PROFILE, "ruleset_version": RULESET_VERSION, "pinned_cpu": pinned,
                   "cpus": os.cpu_count(), "python": sys.version.split()[0],
                   "generated_in_s": round(generated_in, 2), "calibration_ns_per_loop": calibration_ns(),
                   "usecases": dict(Counter(g.campaign["usecase"] for g in generated).most_common())},
        "parse": {"seconds": round(parse_s, 3), "campaigns_per_s": round(args.campaigns / parse_s, 1)},
        "lint": {"best": ordered[0], "median": ordered[(len(ordered) - 1) // 2],
                 "median_cpu_campaigns_per_s": sorted(r["cpu_campaigns_per_s"] or 0
                                                      for r in rounds)[(len(rounds) - 1) // 2],
                 "rounds": rounds},
        "detection": found,
        "targets": TARGETS,
    }
    result["met"] = {
        "campaigns_per_s": result["lint"]["median"]["campaigns_per_s"] >= TARGETS["campaigns_per_s_min"],
        "detection_rate": (found["rate"] or 0) >= TARGETS["detection_rate_min"],
        "false_positives": found["false_positives"] <= TARGETS["false_positives_max"],
    }
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
