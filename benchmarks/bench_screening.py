"""screening: 100,000 referrals through each shipped policy (target: > 20,000 a second, 1 core).

Referrals are random (seeded) over every field the rules read, with sensitive flags, unknown
consent and pending court cases common enough that every rule fires on some of them. Three
paths are timed: `rules.screen` on referrals already parsed (the evaluator itself), the CLI's
path from decoded JSON to decision JSON (parse, screen, dump), and CSV text to decisions.
"""

from __future__ import annotations

import csv
import io
import os
import random
import statistics
import time
from collections import Counter
from collections.abc import Callable
from typing import Any

import rules
from models import CaseType, CourtStatus, Decision, Organisation, Referral, Route

SIZE = 100_000
REPEATS = 3
DISTRICTS = ["Basildon", "Braintree", "Chelmsford", "Colchester", "Harlow", "Thurrock"]


def _maybe(rng: random.Random, unknown: float = 0.1) -> bool | None:
    return None if rng.random() < unknown else rng.random() < 0.9


def random_referral(rng: random.Random, number: int) -> dict[str, Any]:
    """One referral as decoded JSON, with every field the shipped rules read."""
    prison = rng.random() < 0.08
    return {
        "format": "rjplan.referral/1",
        "id": f"R-{number:06d}",
        "received": "2026-11-18",
        "referrer": {"organisation": rng.choice(list(Organisation)).value},
        "route": rng.choice(list(Route)).value,
        "case_type": rng.choice(list(CaseType)).value,
        "flags": {
            name: rng.random() < 0.05
            for name in ("domestic_abuse", "sexual_offence", "serious_complex", "fire_related")
        },
        "court": rng.choice(list(CourtStatus)).value,
        "youth": {"under_18": rng.random() < 0.2, "youth_justice": rng.random() < 0.05},
        "consent": {"victim": _maybe(rng), "perpetrator": _maybe(rng)},
        "responsibility_accepted": _maybe(rng),
        "restorative_element": rng.random() < 0.95,
        "district": rng.choice(DISTRICTS) if rng.random() < 0.97 else "out_of_area",
        "location": {"outcode": "CM1"},
        "parties": [
            {"role": "victim"},
            {"role": "perpetrator", "prison": "HMP Chelmsford" if prison else None},
        ],
    }


def as_csv(docs: list[dict[str, Any]]) -> str:
    """The referrals as CSV text, columns named by JSON path."""
    rows = [_flatten(doc) for doc in docs]
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def _flatten(value: Any, prefix: str = "") -> dict[str, str]:
    if isinstance(value, dict):
        return {
            k: v
            for key, item in value.items()
            for k, v in _flatten(item, f"{prefix}{key}.").items()
        }
    if isinstance(value, list):
        return {
            k: v for i, item in enumerate(value) for k, v in _flatten(item, f"{prefix}{i}.").items()
        }
    cell = "" if value is None else str(value).lower() if isinstance(value, bool) else str(value)
    return {prefix.rstrip("."): cell}


def timed(run: Callable[[], object]) -> list[tuple[float, float]]:
    """(wall-clock, CPU) seconds of each of REPEATS runs; CPU time is this process's only."""
    seconds = []
    for _ in range(REPEATS):
        wall, cpu = time.perf_counter(), time.process_time()
        run()
        seconds.append((time.perf_counter() - wall, time.process_time() - cpu))
    return seconds


def report(what: str, seconds: list[tuple[float, float]]) -> None:
    walls, cpus = [w for w, _ in seconds], [c for _, c in seconds]
    rates = (SIZE / min(cpus), SIZE / statistics.median(cpus), SIZE / min(walls))
    print(f"| {what} | {rates[0]:,.0f} | {rates[1]:,.0f} | {rates[2]:,.0f} | {min(walls):.2f} |")


def main() -> None:
    rng = random.Random(20151101)
    docs = [random_referral(rng, n) for n in range(SIZE)]
    referrals = [Referral.model_validate(doc) for doc in docs]
    text = as_csv(docs)
    policies = [rules.load_policy(pid) for pid in rules.list_policies()]
    load = os.getloadavg()[0]
    print(f"{SIZE:,} referrals, {REPEATS} runs, one process (one core); load average {load:.1f}")
    print("| path | best /CPU s | median /CPU s | best /wall s | best wall s |")
    print("|---|---|---|---|---|")
    for policy in policies:
        report(f"{policy.id}: `screen` only", timed(lambda p=policy: _screen_all(referrals, p)))
        report(f"{policy.id}: JSON -> decision JSON", timed(lambda p=policy: _json_path(docs, p)))
        report(f"{policy.id}: CSV -> decisions", timed(lambda p=policy: _csv_path(text, p)))
    for policy in policies:
        decisions = _screen_all(referrals, policy)
        kinds = Counter(d.decision.value for d in decisions)
        fired = Counter(r.rule for d in decisions for r in d.reasons)
        silent = [r.id for r in policy.rules if not fired[r.id]]
        print(f"{policy.id}: {dict(sorted(kinds.items()))}; rules never fired: {silent or 'none'}")


def _screen_all(referrals: list[Referral], policy: rules.Policy) -> list[Decision]:
    return [rules.screen(r, policy) for r in referrals]


def _json_path(docs: list[dict[str, Any]], policy: rules.Policy) -> None:
    intake = rules.parse_referral_json(docs, "bench")
    for _, referral in intake.referrals:
        rules.screen(referral, policy).model_dump(mode="json")


def _csv_path(text: str, policy: rules.Policy) -> None:
    intake = rules.parse_referral_csv(text, "bench.csv")
    if intake.errors:
        raise RuntimeError(f"the generated CSV is bad: {intake.errors[:3]}")
    for _, referral in intake.referrals:
        rules.screen(referral, policy)
