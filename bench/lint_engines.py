"""Two versions of the compliance engine side by side, for work on the lint's speed (``bench/lint.py``).

A speed-up of the lint must leave every report as it was. This loads the engine (``src/tendlc/core/compliance``)
of a git revision (``--against``, default ``HEAD``) beside the working tree's, as a package of its own, and:

- ``compare``: lints the bench corpora (``bench/lint_corpus.py``, one per ``--seeds``) with random mutations
  (snippets that trip rules and near misses, case changes, emptied and copied fields, flipped flags, other
  profiles, no brand, declared merge fields) with both, and counts the reports that differ (exit 1 if any);
- ``cost``: the instructions each spends per campaign, counted by valgrind's cachegrind (deterministic, unlike
  timings on a shared machine: a change of a few percent shows), from one run that lints ``--campaigns`` and one
  that lints none. Instructions are not time: a change that trades a regex scan for several substring scans can
  save instructions and still take longer (one tried on 2026-11-24 did), so confirm a gain with ``time``;
- ``time``: CPU time per campaign of each, in alternating rounds in one process pinned to one core (both see
  the same machine: the ratio is steadier than either figure).

Prints one JSON object. Needs git (and valgrind for ``cost``).
"""

from __future__ import annotations

import argparse
import gc
import importlib
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import ModuleType
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PACKAGE = "tendlc.core.compliance"

# Snippets put into texts by the mutations: what the rules look for, and what they must not mistake for it.
SNIPPETS = (
    "https://bit.ly/x", "t.co/abc", "target.com", "walmart.com/deals", "www.Acme.io/x", "http://1.2.3.4/a",
    "Call 720-555-0183", "(303) 555-0199", "+1 415 555 0100", "order 1234567890", "on 12/05/2026", "STOP2END",
    "Reply STOP to opt out", "reply stop", "Msg&data rates may apply", "msg frequency varies", "{Brand name}",
    "[company]", "@name@", "%FIRSTNAME%", "CBD oil", "hemp", "payday loan", "free iPhone winner", "beer", "casino",
    "Text HELP for help", "HELP4INFO", "you are now subscribed", "unsubscribed. No more messages", "date of birth",
    "Your code is 123456", "lorem ipsum", "é café ñ", "ＳＴＯＰ", "mailto:a@b.com", "x@gmail.com", "help@acme.com",
    "messages may contain links", "texts include phone numbers", "STOP=END", "A.B.C.", "e.g. this", "Reply YES",
    "checkbox pre-checked", "verbal consent", "keyword JOIN to 12345", "www.", "http://", "..", "  ", "\n",
    "Acme Dental LLC", "crypto", "debt relief", "work from home", "you've won", "urgent: account suspended", "SSN",
    "reply with your password", "reply with your PIN code", "quit", "Stop", "opt-out", "https://acme.com/privacy",
    "HTTPS://Acme.COM:8443/x?y=1", "<https://acme.com>", "user@sub.acme.co.uk", "adult education", "pot roast",
)


def load_corpus() -> ModuleType:
    """``bench/lint_corpus.py`` (bench/ is not a package: imported from its folder)."""
    if str(HERE) not in sys.path:
        sys.path.insert(0, str(HERE))
    return importlib.import_module("lint_corpus")


def engine_at(revision: str, into: Path) -> str:
    """The engine of ``revision``, written under ``into`` as a package of its own; its name."""
    name = "lint_engine_" + re.sub(r"\W", "_", revision)
    folder = into / name
    folder.mkdir(parents=True)
    where = f"{revision}:src/tendlc/core/compliance"
    listing = subprocess.run(["git", "-C", str(ROOT), "ls-tree", "--name-only", where],
                             check=True, capture_output=True, text=True).stdout.split()
    for file in listing:
        if file.endswith(".py"):
            source = subprocess.run(["git", "-C", str(ROOT), "show", f"{where}/{file}"],
                                    check=True, capture_output=True, text=True).stdout
            (folder / file).write_text(source.replace(PACKAGE, name))
    return name


def mutate(rng: random.Random, body: dict[str, Any], brand: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    body, brand = dict(body), dict(brand)
    keys = [k for k, v in body.items() if isinstance(v, str)]
    for _ in range(rng.randint(0, 4)):
        key = rng.choice([*keys, "sample1", "sample2", "description", "messageFlow", "helpMessage"])
        value = body.get(key) or ""
        roll, at = rng.random(), rng.randint(0, len(value))
        if roll < 0.4:
            value = f"{value[:at]} {rng.choice(SNIPPETS)} {value[at:]}"
        elif roll < 0.5:
            value = value[:at] + rng.choice(SNIPPETS) + value[at:]
        elif roll < 0.6:
            value = value.upper()
        elif roll < 0.7:
            value = value.lower()
        elif roll < 0.75:
            value = ""
        elif roll < 0.85:
            value = body.get(rng.choice(keys)) or ""
        else:
            value = value.replace(" ", rng.choice(["  ", "-", "\t", ". ", "\u00a0"]))
        body[key] = value
    for flag in ("embeddedLink", "embeddedPhone", "ageGated", "directLending"):
        if rng.random() < 0.06:
            body[flag] = not body.get(flag)
    if rng.random() < 0.1:
        brand[rng.choice(["displayName", "website", "email"])] = rng.choice(SNIPPETS)
    return body, brand


def compare(old: Any, new: Any, seeds: list[int], campaigns: int) -> dict[str, Any]:
    corpus = load_corpus().corpus
    compared, differ, examples = 0, 0, []
    for seed in seeds:
        rng = random.Random(seed)
        for generated in corpus(campaigns, seed):
            body, brand = generated.campaign, generated.brand
            if rng.random() < 0.7:
                body, brand = mutate(rng, body, brand)
            profile = rng.choice(["tcr", "sinch", "telnyx", "twilio", "strict"])
            with_brand = rng.random() < 0.9
            merge = ("name",) if rng.random() < 0.2 else ()
            reports = [e.check(e.CampaignInput.model_validate(body),
                               e.BrandInput.model_validate(brand) if with_brand else None, profile,
                               merge_fields=merge).model_dump() for e in (old, new)]
            compared += 1
            if reports[0] != reports[1]:
                differ += 1
                if len(examples) < 3:
                    examples.append({"seed": seed, "campaign": body, "before": reports[0], "now": reports[1]})
    return {"compared": compared, "differ": differ, "examples": examples}


def timing(old: Any, new: Any, campaigns: int, rounds: int) -> dict[str, Any]:
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    generated = load_corpus().corpus(campaigns, 10_000)
    inputs = {e: [(e.CampaignInput.model_validate(g.campaign), e.BrandInput.model_validate(g.brand))
                  for g in generated] for e in (old, new)}
    for e in (old, new):
        for c, b in inputs[e][:50]:
            e.check(c, b)
    seen: dict[Any, list[float]] = {old: [], new: []}
    for n in range(rounds):
        for e in (old, new) if n % 2 == 0 else (new, old):
            gc.collect()
            began = time.process_time()
            for c, b in inputs[e]:
                e.check(c, b)
            seen[e].append((time.process_time() - began) * 1e6 / campaigns)
    best = {e: min(v) for e, v in seen.items()}
    median = {e: sorted(v)[(len(v) - 1) // 2] for e, v in seen.items()}
    return {"campaigns": campaigns, "rounds": rounds,
            "before_us_per_campaign": {"best": round(best[old], 1), "median": round(median[old], 1)},
            "now_us_per_campaign": {"best": round(best[new], 1), "median": round(median[new], 1)},
            "ratio_best": round(best[new] / best[old], 3), "ratio_median": round(median[new] / median[old], 3)}


def _count(engine: str, path: Path, campaigns: int, generated: int) -> int:
    """Instructions of one run of this script's ``_lint`` step under cachegrind."""
    out = subprocess.run(
        ["valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null", sys.executable,
         __file__, "_lint", engine, str(campaigns), str(generated)],
        env={**os.environ, "PYTHONPATH": f"{path}{os.pathsep}{os.environ.get('PYTHONPATH', '')}",
             "PYTHONHASHSEED": "0"}, capture_output=True, text=True, check=True).stderr
    found = re.search(r"I\s+refs:\s+([\d,]+)", out)
    assert found is not None, out[-2000:]
    return int(found.group(1).replace(",", ""))


def cost(old_name: str, path: Path, campaigns: int) -> dict[str, Any]:
    per = {}
    for label, engine in (("before", old_name), ("now", PACKAGE)):
        per[label] = (_count(engine, path, campaigns, campaigns) - _count(engine, path, 0, campaigns)) // campaigns
    return {"campaigns": campaigns, "instructions_per_campaign": per,
            "ratio": round(per["now"] / per["before"], 3)}


def _lint(engine: str, campaigns: int, generated_count: int) -> None:
    """The step counted by ``cost``: generate and parse ``generated_count`` campaigns (and 50 more), warm up on
    those 50, then lint ``campaigns`` of the others (none: everything but the lints)."""
    e = importlib.import_module(engine)
    generated = load_corpus().corpus(50 + generated_count, 4242)
    inputs = [(e.CampaignInput.model_validate(g.campaign), e.BrandInput.model_validate(g.brand)) for g in generated]
    for c, b in inputs[:50]:
        e.check(c, b)
    for c, b in inputs[50:50 + campaigns]:
        e.check(c, b)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["_lint"]:
        _lint(argv[1], int(argv[2]), int(argv[3]))
        return 0
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    p.add_argument("what", choices=["compare", "cost", "time"])
    p.add_argument("--against", default="HEAD", help="git revision of the engine to compare with (default HEAD)")
    p.add_argument("--seeds", default="1,2,3", help="corpus seeds for compare (default 1,2,3)")
    p.add_argument("--campaigns", type=int, help="per seed (compare, default 2000), counted (cost, default 200) "
                                                  "or per round (time, default 2000)")
    p.add_argument("--rounds", type=int, default=8, help="rounds for time (default 8)")
    args = p.parse_args(argv)
    if args.what == "cost" and shutil.which("valgrind") is None:
        p.error("cost needs valgrind (Debian: apt-get install valgrind)")
    with tempfile.TemporaryDirectory() as tmp:
        name = engine_at(args.against, Path(tmp))
        sys.path.insert(0, tmp)
        result: dict[str, Any] = {"benchmark": f"tendlc compliance lint: working tree against {args.against}",
                                  "what": args.what}
        if args.what == "cost":
            result["cost"] = cost(name, Path(tmp), args.campaigns or 200)
        else:
            old, new = importlib.import_module(name), importlib.import_module(PACKAGE)
            if args.what == "compare":
                found = compare(old, new, [int(s) for s in args.seeds.split(",")], args.campaigns or 2000)
                result["compare"] = found
            else:
                result["time"] = timing(old, new, args.campaigns or 2000, args.rounds)
    print(json.dumps(result, indent=2, default=str))
    return 1 if args.what == "compare" and result["compare"]["differ"] else 0


if __name__ == "__main__":
    sys.exit(main())
