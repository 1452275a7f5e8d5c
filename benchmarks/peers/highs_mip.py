"""Peer: a plain HiGHS MIP of the allocation problem, solved lexicographically level by level.

Model: binary x[c,f] per open case and eligible facilitator (H2, H3 `both`, H4, H5 pinned load,
H6, H7, H8 `exclude`), binary y[c] = case allocated; sum_f x[c,f] = 2 y[c]; each `either`
skill: sum over holders of x >= y; avoid_partners: x[c,f] + x[c,g] <= 1; H9: sum over
experienced of x >= y; `keep`: x[c,k] = y[c]; H5 hours and case count per facilitator on top
of its kept pinned cases. Kept pinned pairs are constants, not variables.

Levels (formats.md): 1 max allocated weight, 2 min changes, 3 min travel km, 4 min max
utilisation (u >= load_f / capacity_f). Integer levels are solved exactly (absolute gap < 1),
travel and utilisation to a relative gap of 1e-6. HiGHS runs in a child process
(see highs_worker: it cannot share a process with OR-Tools); the timings count model building
here plus loading and solving in the child, not the child's interpreter start-up, which is
reported apart as `overhead_seconds`. HiGHS (1.15, serial MIP: one thread) checks its clock
rarely inside root heuristics, so a level can overrun its time limit by seconds;
`level_seconds` reports the real times.
"""

from __future__ import annotations

import math
import os
import pickle
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from allocator.metrics import UNBOUNDED_UTILISATION
from benchmarks.peers import PeerRun
from benchmarks.peers.common import Instance, Pair, build_instance, to_result
from benchmarks.peers.highs_worker import MipAnswer, MipSpec
from models import Case, Problem, SolveStatus

REL_GAP = 1e-6
ROOT = Path(__file__).resolve().parents[2]


@dataclass
class Columns:
    """Where each variable lives in the spec."""

    x: dict[tuple[str, str], int] = field(default_factory=dict)  # (case, facilitator)
    y: dict[str, int] = field(default_factory=dict)  # open case -> allocated
    u: int = -1  # max utilisation


def build_spec(inst: Instance, time_limit_per_level: float) -> tuple[MipSpec, Columns]:
    """The MIP of `inst`: variables, hard constraints and the four objective levels."""
    spec, cols = MipSpec(time_limit_per_level=time_limit_per_level), Columns()
    for case in inst.open_cases:
        on = inst.eligible[case.id]
        possible = len(on) >= 2 and all(k in on for k in case.keep)
        cols.y[case.id] = spec.column(0, 1 if possible else 0, integer=True)
        for f in on if possible else []:
            cols.x[case.id, f] = spec.column(0, 1, integer=True)
    cols.u = spec.column(_utilisation_floor(inst), np.inf, integer=False)
    for case in inst.open_cases:
        _pair_rows(spec, cols, inst, case)
    _load_rows(spec, cols, inst)
    spec.levels = _levels(cols, inst)
    return spec, cols


def _pair_rows(spec: MipSpec, cols: Columns, inst: Instance, case: Case) -> None:
    on = [f for f in inst.eligible[case.id] if (case.id, f) in cols.x]
    x = {f: cols.x[case.id, f] for f in on}
    y = cols.y[case.id]
    spec.row(0, 0, [(x[f], 1.0) for f in on] + [(y, -2.0)])
    for skill in case.requires.either:
        spec.row(0, np.inf, [(x[f], 1.0) for f in on if inst.people[f].has(skill)] + [(y, -1.0)])
    spec.row(0, np.inf, [(x[f], 1.0) for f in on if inst.people[f].experienced] + [(y, -1.0)])
    for k in case.keep:
        if k in x:
            spec.row(0, 0, [(x[k], 1.0), (y, -1.0)])
    for i, f in enumerate(on):
        for g in on[i + 1 :]:
            if g in inst.people[f].avoid_partners or f in inst.people[g].avoid_partners:
                spec.row(-np.inf, 1, [(x[f], 1.0), (x[g], 1.0)])


def _load_rows(spec: MipSpec, cols: Columns, inst: Instance) -> None:
    hours = {c.id: c.hours for c in inst.open_cases}
    by_person: dict[str, list[tuple[int, float]]] = {f: [] for f in inst.people}
    for (cid, fid), col in cols.x.items():
        by_person[fid].append((col, hours[cid]))
    for fid, terms in by_person.items():
        capacity, base = inst.capacity[fid], inst.base_hours[fid]
        if terms:
            spec.row(-np.inf, capacity - base, terms)
            limit = inst.people[fid].max_cases - inst.base_count[fid]
            spec.row(-np.inf, limit, [(c, 1.0) for c, _ in terms])
        if capacity > 0 and (terms or base > 0):  # capacity x u >= base + new hours
            spec.row(base, np.inf, [(cols.u, capacity)] + [(c, -h) for c, h in terms])


def _utilisation_floor(inst: Instance) -> float:
    """Pinned hours on a facilitator with no capacity: the constant sentinel utilisation."""
    stuck = any(inst.capacity[f] <= 0 < inst.base_hours[f] for f in inst.people)
    return UNBOUNDED_UTILISATION if stuck else 0.0


def _levels(cols: Columns, inst: Instance) -> list[tuple[dict[int, float], float]]:
    """Each level's costs (minimised) and relative gap (0: integer, solved exactly)."""
    weight = {cols.y[c.id]: -float(c.priority) for c in inst.open_cases}
    stays = {
        cols.x[c.id, f]: -1.0 for c in inst.open_cases for f in c.current if (c.id, f) in cols.x
    }
    travel = {col: inst.km[key] for key, col in cols.x.items()}
    return [(weight, 0.0), (stays, 0.0), (travel, REL_GAP), ({cols.u: 1.0}, REL_GAP)]


def run_worker(spec: MipSpec) -> MipAnswer:
    """Solve `spec` in a fresh `python -m benchmarks.peers.highs_worker` process."""
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]),
    }
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.peers.highs_worker"],
        input=pickle.dumps(spec),
        capture_output=True,
        cwd=ROOT,
        env=env,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"HiGHS worker failed: {done.stderr.decode(errors='replace')[-2000:]}")
    answer: MipAnswer = pickle.loads(done.stdout)
    return answer


def solve_highs(problem: Problem, time_limit_per_level: float = 10.0) -> PeerRun:
    """Solve `problem` with HiGHS, level by level; the plan, its status, bound and timings."""
    started = time.perf_counter()
    inst = build_instance(problem)
    spec, cols = build_spec(inst, time_limit_per_level)
    built = time.perf_counter() - started
    called = time.perf_counter()
    answer = run_worker(spec)
    overhead = time.perf_counter() - called - answer.solve_seconds
    return _run(inst, cols, answer, built, overhead)


def _pairs(cols: Columns, values: list[float]) -> dict[str, Pair]:
    chosen: dict[str, list[str]] = {}
    for (cid, fid), col in cols.x.items():
        if values[col] > 0.5:
            chosen.setdefault(cid, []).append(fid)
    return {cid: (fs[0], fs[1]) for cid, fs in chosen.items() if len(fs) == 2}


def _run(
    inst: Instance, cols: Columns, answer: MipAnswer, built: float, overhead: float
) -> PeerRun:
    levels = answer.levels
    total = built + answer.solve_seconds
    if answer.col_values is None:
        status, pairs, bound, first = SolveStatus.TIMEOUT_NO_SOLUTION, {}, None, None
    else:
        proven = len(levels) == 4 and all(lv.proven for lv in levels)
        status = SolveStatus.OPTIMAL if proven else SolveStatus.FEASIBLE
        pinned_weight = sum(c.priority for c in inst.problem.cases if c.id in inst.pinned_kept)
        bound = float(math.floor(pinned_weight - levels[0].dual_bound + 1e-6))  # weights: ints
        pairs = _pairs(cols, answer.col_values)
        first = None if answer.first_plan_seconds is None else built + answer.first_plan_seconds
    note = f"HiGHS {answer.version} MIP, canonical objective solved level by level"
    result = to_result(inst, pairs, status, total, bound, note)
    return PeerRun(
        solver=f"highs-mip {answer.version}",
        result=result,
        first_plan_seconds=first,
        total_seconds=total,
        level_seconds=[lv.seconds for lv in levels],
        proven=status is SolveStatus.OPTIMAL,
        overhead_seconds=overhead,
    )
