"""Region and national scale on services the allocator was never tuned on, against a reference.

`python -m benchmarks region` generates region-sized services (300 facilitators x 350 cases) of
seeds 2001-2005 and a national-sized one (2,000 x 1,900) of seed 3001 with the demo generator
(`scenarios.demo_data.generate`; the shipped demos are seed 1), and solves each as a
coordinator would (default options, level 5 off). Printed per run: the weight after the time
limit, its shortfall against the stored reference, travel, the first plan's second, the whole
solve's seconds and the process's peak memory; every plan is checked by `allocator.check`.

The reference (`region_reference.json`, beside this file) is our own long run, computed once by
`RJPLAN_BENCH_REFERENCE=1 python -m benchmarks region` (REFERENCE_LIMIT_S per instance) and
stored with the LP bound on weight: "best known" means the best plan that run found, and the
bound says how far even it may be from the optimum. The issue's goals: region within 0.5 % of
the reference's weight at 10 s; national, a complete plan within 5 s and within 1 % at 60 s.
`RJPLAN_BENCH_SCALES=region` (or national) runs one scale only; `RJPLAN_BENCH_AB=1` solves each
also without the LP neighbourhood (solve._lp_neighbourhood), side by side in one run.
"""

from __future__ import annotations

import importlib
import json
import math
import os
import resource
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from allocator import SolveOptions
from allocator.check import check_allocation
from allocator.solve import solve_with_stats
from benchmarks.lp_bound import weight_bound
from geo import default_gazetteer, resolve_problem
from models import Problem
from scenarios.demo_data import generate
from scenarios.demo_scales import DEMO_AS_OF, Scale

REFERENCE = Path(__file__).with_name("region_reference.json")
REFERENCE_LIMIT_S = {Scale.REGION: 180.0, Scale.NATIONAL: 300.0}
INSTANCES = {Scale.REGION: (2001, 2002, 2003, 2004, 2005), Scale.NATIONAL: (3001,)}
LIMITS_S = {Scale.REGION: (10.0, 30.0), Scale.NATIONAL: (5.0, 60.0)}
GOAL_SHORT = {Scale.REGION: 0.5, Scale.NATIONAL: 1.0}  # per cent of the reference's weight


@dataclass(frozen=True)
class Outcome:
    """One solve of one instance."""

    weight: int
    changes: int
    km: float
    first_plan_s: float | None
    seconds: float
    valid: bool
    peak_mib: float


def instance(scale: Scale, seed: int) -> Problem:
    """The generated service of `scale` and `seed`, its places resolved."""
    source = generate(scale, seed, DEMO_AS_OF)
    return resolve_problem(source.problem, default_gazetteer())


def peak_mib() -> float:
    """The process's peak resident memory so far (Linux: ru_maxrss in KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def solve_once(problem: Problem, limit_s: float) -> Outcome:
    """Solve as a coordinator would, level 5 off, and check the plan."""
    started = time.perf_counter()
    result, stats = solve_with_stats(problem, SolveOptions(time_limit_s=limit_s, own_goals=False))
    seconds = time.perf_counter() - started
    return Outcome(
        weight=result.metrics.allocated_weight,
        changes=result.metrics.changes,
        km=result.metrics.travel_km,
        first_plan_s=stats.first_plan_seconds,
        seconds=seconds,
        valid=check_allocation(problem, result).valid,
        peak_mib=peak_mib(),
    )


def compute_reference(scales: list[Scale]) -> None:
    """The long runs, stored: weight and travel of the best plan found, and the LP bound."""
    stored = json.loads(REFERENCE.read_text()) if REFERENCE.exists() else {}
    for scale in scales:
        for seed in INSTANCES[scale]:
            problem = instance(scale, seed)
            outcome = solve_once(problem, REFERENCE_LIMIT_S[scale])
            if not outcome.valid:
                raise SystemExit(f"{scale} {seed}: the reference plan fails the checker")
            stored[f"{scale.value}-{seed}"] = {
                "weight": outcome.weight,
                "km": round(outcome.km, 3),
                "limit_s": REFERENCE_LIMIT_S[scale],
                "lp_bound_weight": weight_bound(problem),
                "computed": time.strftime("%Y-%m-%d"),
            }
            print(f"reference {scale.value}-{seed}: {stored[f'{scale.value}-{seed}']}", flush=True)
            REFERENCE.write_text(json.dumps(stored, indent=1, sort_keys=True) + "\n")


def without_neighbourhood(problem: Problem, limit_s: float) -> Outcome:
    """`solve_once` with the LP neighbourhood never asked (its minimum time made infinite)."""
    solve: Any = importlib.import_module("allocator.solve")  # the package exports solve()
    kept = solve.NEIGHBOURHOOD_MIN_SECONDS
    solve.NEIGHBOURHOOD_MIN_SECONDS = math.inf
    try:
        return solve_once(problem, limit_s)
    finally:
        solve.NEIGHBOURHOOD_MIN_SECONDS = kept


def main() -> None:
    chosen = os.environ.get("RJPLAN_BENCH_SCALES")
    scales = [Scale(s) for s in chosen.split(",")] if chosen else [Scale.REGION, Scale.NATIONAL]
    if os.environ.get("RJPLAN_BENCH_REFERENCE"):
        compute_reference(scales)
        return
    reference = json.loads(REFERENCE.read_text())
    print(
        "| instance | limit s | run | weight | reference (LP bound) | short % | changes | km "
        "| first plan s | solve s | peak MiB | valid |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    runs: list[tuple[str, Callable[[Problem, float], Outcome]]] = [("default", solve_once)]
    if os.environ.get("RJPLAN_BENCH_AB"):
        runs.append(("no neighbourhood", without_neighbourhood))
    for scale in scales:
        for seed in INSTANCES[scale]:
            problem = instance(scale, seed)
            ref = reference[f"{scale.value}-{seed}"]
            for limit in LIMITS_S[scale]:
                for name, solve in runs:
                    run = solve(problem, limit)
                    short = 100 * (ref["weight"] - run.weight) / ref["weight"]
                    bound = ref["lp_bound_weight"]
                    goal = " (goal met)" if short <= GOAL_SHORT[scale] else ""
                    first = "-" if run.first_plan_s is None else f"{run.first_plan_s:.2f}"
                    print(
                        f"| {scale.value}-{seed} {len(problem.facilitators)}x{len(problem.cases)} "
                        f"| {limit:g} | {name} | {run.weight} | {ref['weight']} ({bound:.1f}) "
                        f"| {short:.2f}{goal} | {run.changes} | {run.km:,.0f} | {first} "
                        f"| {run.seconds:.1f} | {run.peak_mib:.0f} | {run.valid} |",
                        flush=True,
                    )
