"""The pair allocator side by side with HiGHS and a coordinator's greedy, on the demo scales.

`python -m benchmarks allocator` prints one table: time to the first plan, time until every
level is proven, the four canonical metrics, and ours against each peer. Every plan is checked
by `allocator.check` first. CP-SAT's worker count is stated per row: it changes results.
"""

from __future__ import annotations

import platform
import time
from dataclasses import dataclass

from allocator import SolveOptions
from allocator.check import check_allocation
from allocator.replan import replan_problem
from allocator.solve import solve_with_stats
from benchmarks.lp_bound import weight_bound
from benchmarks.peers.greedy import solve_greedy
from benchmarks.peers.highs_mip import solve_highs
from geo import default_gazetteer, resolve_problem
from models import AllocationResult, Problem
from scenarios.demo_data import Scale, load_demo

SCALES = (
    (Scale.TINY, 10.0, 10.0),
    (Scale.ESSEX, 10.0, 10.0),
    (Scale.REGION, 10.0, 10.0),
    (Scale.NATIONAL, 60.0, 20.0),
)


@dataclass(frozen=True)
class Row:
    instance: str
    solver: str
    first: float | None
    proven: float | None
    result: AllocationResult
    valid: bool
    goals: float | None = None  # seconds of level 5, our own goals, after the canonical four


def _fmt(value: float | None, digits: int = 2) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def ours(name: str, problem: Problem, limit: float, workers: int | None = None) -> Row:
    started = time.perf_counter()
    result, stats = solve_with_stats(problem, SolveOptions(time_limit_s=limit, workers=workers))
    total = time.perf_counter() - started
    goals = stats.goals.seconds if stats.goals else None
    canonical = total - (goals or 0.0)  # the four canonical levels, model building included
    proven = canonical if result.status.value == "optimal" else None
    large = stats.variables > 5000
    threads = "" if large else ", 2 thr"  # small models: a second solve races on the other core
    label = f"cp-sat w={workers or ('2' if large else '1')}{threads} ({limit:g} s)"
    valid = check_allocation(problem, result).valid
    return Row(name, label, stats.first_plan_seconds, proven, result, valid, goals)


def peer_rows(name: str, problem: Problem, highs_level_limit: float) -> list[Row]:
    greedy = solve_greedy(problem)
    highs = solve_highs(problem, highs_level_limit)
    rows = []
    for run in (highs, greedy):
        proven = run.total_seconds if run.proven else None
        valid = check_allocation(problem, run.result).valid
        rows.append(Row(name, run.solver, run.first_plan_seconds, proven, run.result, valid))
    return rows


def replan_row(problem: Problem) -> Row:
    """Re-plan the essex instance with the busiest ongoing facilitator gone from today."""
    counts: dict[str, int] = {}
    for case in problem.cases:
        for fid in case.current:
            counts[fid] = counts.get(fid, 0) + 1
    gone = max(sorted(counts), key=lambda f: counts[f])
    scoped = replan_problem(problem, unavailable=[gone])
    return ours(f"essex replan -{gone}", scoped, 10.0)


def print_table(rows: list[Row], bounds: dict[str, float | None]) -> None:
    head = (
        f"{'instance':<24}{'solver':<26}{'first s':>8}{'proven s':>9}{'weight':>7}"
        f"{'chg':>5}{'km':>10}{'maxU':>7}{'status':>9}{'ok':>4}{'w/ours':>8}{'km/ours':>8}"
        f"{'bound':>8}{'LP gap':>8}{'L5 s':>7}"
    )
    print(head)
    base: dict[str, AllocationResult] = {}
    for row in rows:
        m = row.result.metrics
        base.setdefault(row.instance, row.result)
        ref = base[row.instance].metrics
        ratio_w = m.allocated_weight / ref.allocated_weight if ref.allocated_weight else 0.0
        ratio_km = m.travel_km / ref.travel_km if ref.travel_km else 0.0
        print(
            f"{row.instance:<24}{row.solver:<26}{_fmt(row.first):>8}{_fmt(row.proven):>9}"
            f"{m.allocated_weight:>7}{m.changes:>5}{m.travel_km:>10.1f}{m.max_utilisation:>7.3f}"
            f"{row.result.status.value:>9}{'y' if row.valid else 'N':>4}"
            f"{ratio_w:>8.3f}{ratio_km:>8.3f}{_fmt(m.bound, 1):>8}"
            f"{_gap(m.allocated_weight, bounds.get(row.instance)):>8}{_fmt(row.goals):>7}"
        )


def _gap(weight: int, bound: float | None) -> str:
    """How far the plan's weight is below the LP bound on weight, in percent."""
    return "-" if not bound else f"{100 * (bound - weight) / bound:.2f}%"


def main() -> None:
    print(f"machine: {platform.machine()}, {platform.python_version()}, 2 cores")
    rows: list[Row] = []
    bounds: dict[str, float | None] = {}
    gazetteer = default_gazetteer()
    for scale, limit, highs_limit in SCALES:
        problem = resolve_problem(load_demo(scale).problem, gazetteer)
        name = f"{scale.value} {len(problem.facilitators)}x{len(problem.cases)}"
        rows.append(ours(name, problem, limit))
        started = time.perf_counter()  # the whole model's LP, national unpruned too
        bounds[name] = weight_bound(problem)
        print(f"{name}: LP bound on weight {bounds[name]} ({time.perf_counter() - started:.1f} s)")
        if scale is Scale.NATIONAL:
            rows.append(ours(name, problem, 5.0))
        if scale is Scale.ESSEX:
            rows.append(ours(name, problem, limit, workers=2))
            replan_source = problem
        rows.extend(peer_rows(name, problem, highs_limit))
    rows.append(replan_row(replan_source))
    print_table(rows, bounds)
