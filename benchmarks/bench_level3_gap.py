"""Which constraint makes level 3 (travel) slow to prove: its LP relaxation against its optimum.

`python -m benchmarks level3_gap` solves each essex-sized seed (as `allocator_seeds`; the same
RJPLAN_BENCH_SEEDS, default 1-12 and 1001-1010), then solves with GLOP the LP relaxation of
level 3 as CP-SAT states it (every row of constraints.py, x <= y, weight == its optimum,
changes <= its optimum, minimise metres) three ways: with every row; without the hours rows of
H5 (counts kept); and with H5 also as `largest_that_fit` (the tightened rows level 3 races).
The gap of each to level 3's proven optimum says how much of the proof the LP cannot see, and
which rows it fails to see through. Deterministic: no timing, so the load does not move it.
"""

from __future__ import annotations

import os

from ortools.linear_solver import linear_solver_pb2, pywraplp

from allocator import SolveOptions
from allocator.constraints import PAIR_CONSTRAINTS, largest_that_fit, most_that_fit
from allocator.facts import Facts
from allocator.model import PairModel, build_pair_model
from benchmarks.bench_allocator_seeds import HELD_OUT, TUNED, seeds_from, solve_seed
from geo import default_gazetteer, resolve_problem
from scenarios.demo_data import generate, load_demo
from scenarios.demo_scales import DEMO_AS_OF, DEMO_SEED, Scale

INF = float("inf")


def _model(seed: int) -> PairModel:
    demo = load_demo(Scale.ESSEX) if seed == DEMO_SEED else None
    source = demo or generate(Scale.ESSEX, seed, DEMO_AS_OF)
    m = build_pair_model(Facts(resolve_problem(source.problem, default_gazetteer())))
    for _, add in PAIR_CONSTRAINTS:
        add(m)
    return m


def level3_lp(m: PairModel, weight: int, changes: int, hours: bool, tightened: bool) -> float:
    """Level 3's LP optimum in metres under levels 1 and 2 at their optima."""
    facts, cases = m.facts, m.facts.problem.cases
    lp = linear_solver_pb2.MPModelProto(maximize=False)
    col = {key: i for i, key in enumerate(m.x)}
    ycol = {ci: len(col) + k for k, ci in enumerate(m.y)}
    for ci, fi in col:
        lp.variable.add(lower_bound=0, upper_bound=1, objective_coefficient=facts.metres[fi, ci])
    for _ in ycol:
        lp.variable.add(lower_bound=0, upper_bound=1)

    def row(terms: list[tuple[int, float]], lo: float, hi: float) -> None:
        r = lp.constraint.add(lower_bound=lo, upper_bound=hi)
        r.var_index.extend(i for i, _ in terms)
        r.coefficient.extend(c for _, c in terms)

    for ci, facs in m.by_case.items():
        row([(col[ci, fi], 1.0) for fi in facs] + [(ycol[ci], -2.0)], 0, 0)
        for fi in facs:
            row([(col[ci, fi], 1.0), (ycol[ci], -1.0)], -INF, 0)
        for group in m.pair_rules(ci).groups:
            lo, hi = group.bounds()
            terms = [*((col[ci, fi], 1.0) for fi in group.members), (ycol[ci], -1.0)]
            row(terms, -INF if lo is None else lo, INF if hi is None else hi)
    for fi, mine in m.by_fac.items():
        sizes = [facts.case_hours[ci] for ci in mine]
        if hours:
            row([(col[ci, fi], float(h)) for ci, h in zip(mine, sizes, strict=True)], -INF,
                m.free_hours[fi])  # fmt: skip
        most = min(m.free_cases[fi], most_that_fit(sizes, m.free_hours[fi]))
        row([(col[ci, fi], 1.0) for ci in mine], -INF, most)
    if tightened:
        index = {var.index: key for key, var in m.x.items()}
        for xs, most in largest_that_fit(m):
            row([(col[index[x.index]], 1.0) for x in xs], -INF, most)
    row([(ycol[ci], float(cases[ci].priority)) for ci in ycol], weight, weight)
    stays, constant = [], 0
    for ci in m.y:
        for fid in cases[ci].current:
            key = (ci, facts.fac_index[fid])
            if key in col:
                stays.append((col[key], 1.0))
            constant += 1
    row(stays, constant - changes, INF)  # changes = constant - stays <= its optimum
    request = linear_solver_pb2.MPModelRequest(
        model=lp, solver_type=linear_solver_pb2.MPModelRequest.GLOP_LINEAR_PROGRAMMING
    )
    response = linear_solver_pb2.MPSolutionResponse()
    pywraplp.Solver.SolveWithProto(request, response)
    return float(response.objective_value)


def main() -> None:
    chosen = os.environ.get("RJPLAN_BENCH_SEEDS")
    seeds = seeds_from(chosen) if chosen else [*TUNED, *HELD_OUT[:10]]
    options = SolveOptions(time_limit_s=20.0, own_goals=False)
    print("| seed | level 3 s | km | LP gap, every row | without H5 hours | tightened H5 |")
    print("|---|---|---|---|---|---|")
    for seed in seeds:
        run = solve_seed(seed, options)
        if len(run.objective) < 3:
            print(f"| {seed} | - | level 3 not reached | | | |")
            continue
        weight, changes, metres = (round(v) for v in run.objective[:3])
        m = _model(seed)
        gaps = [
            100 * (metres - level3_lp(m, weight, changes, hours, tight)) / metres
            for hours, tight in ((True, False), (False, False), (True, True))
        ]
        _, seconds, proven = run.levels[2]
        shown = f"{seconds:.2f}" + ("" if proven else " (unproven)")
        print(
            f"| {seed} | {shown} | {metres / 1000:.1f} | "
            + " | ".join(f"{g:.1f} %" for g in gaps)
            + " |",
            flush=True,
        )
