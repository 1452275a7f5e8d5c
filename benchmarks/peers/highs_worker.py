"""Runs a MIP in HiGHS in its own process: `python -m benchmarks.peers.highs_worker`.

Why a process: highspy and OR-Tools each ship a `libhighs.so.1` of a different HiGHS version,
and whichever is loaded second fails with an undefined symbol (google/or-tools#5246). rjplan
imports OR-Tools, so HiGHS runs apart. This module imports only numpy (highspy lazily, in the
child) and talks over stdin/stdout with pickle; it never imports the rest of rjplan.

The MIP is solved lexicographically: each level minimises its costs within its own time
limit, starting from the previous level's plan, and is then fixed at its value (plus 0.5 for
integer levels, `rel_gap` x value for the others) before the next level.
"""

from __future__ import annotations

import os
import pickle
import sys
import time
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import NDArray

FEASIBLE = 2  # HiGHS kSolutionStatusFeasible


@dataclass
class MipSpec:
    """A MIP as plain arrays: columns, rows (CSR) and the objective levels."""

    col_lower: list[float] = field(default_factory=list)
    col_upper: list[float] = field(default_factory=list)
    integer: list[bool] = field(default_factory=list)
    row_lower: list[float] = field(default_factory=list)
    row_upper: list[float] = field(default_factory=list)
    row_start: list[int] = field(default_factory=lambda: [0])
    row_index: list[int] = field(default_factory=list)
    row_value: list[float] = field(default_factory=list)
    levels: list[tuple[dict[int, float], float]] = field(default_factory=list)
    time_limit_per_level: float = 10.0

    def column(self, lower: float, upper: float, integer: bool) -> int:
        """Add a column; its index."""
        self.col_lower.append(lower)
        self.col_upper.append(upper)
        self.integer.append(integer)
        return len(self.col_lower) - 1

    def row(self, lower: float, upper: float, terms: list[tuple[int, float]]) -> None:
        """Add lower <= sum(coefficient * column) <= upper."""
        self.row_lower.append(lower)
        self.row_upper.append(upper)
        self.row_index.extend(c for c, _ in terms)
        self.row_value.extend(v for _, v in terms)
        self.row_start.append(len(self.row_index))


@dataclass(frozen=True)
class LevelOutcome:
    """One level: best value found (minimised), whether proven, seconds, dual bound."""

    value: float | None
    proven: bool
    seconds: float
    dual_bound: float


@dataclass(frozen=True)
class MipAnswer:
    """What the worker sends back: the final plan's column values and timings."""

    col_values: list[float] | None
    levels: list[LevelOutcome]
    first_plan_seconds: float | None  # from the start of loading the model into HiGHS
    solve_seconds: float  # loading the model and every level
    import_seconds: float  # importing highspy in the worker
    version: str


def _load(h: Any, spec: MipSpec) -> None:
    n = len(spec.col_lower)
    h.addVars(n, np.array(spec.col_lower), np.array(spec.col_upper))
    integer = np.array([1 if i else 0 for i in spec.integer], dtype=np.uint8)
    h.changeColsIntegrality(n, np.arange(n, dtype=np.int32), integer)
    h.addRows(
        len(spec.row_lower),
        np.array(spec.row_lower),
        np.array(spec.row_upper),
        len(spec.row_index),
        np.array(spec.row_start[:-1], dtype=np.int32),
        np.array(spec.row_index, dtype=np.int32),
        np.array(spec.row_value, dtype=np.float64),
    )


def _costs(n: int, costs: dict[int, float]) -> NDArray[np.float64]:
    vector = np.zeros(n)
    for col, cost in costs.items():
        vector[col] = cost
    return vector


def _solve_level(
    h: Any, spec: MipSpec, costs: dict[int, float], rel_gap: float, start: list[float] | None
) -> LevelOutcome:
    import highspy

    n = len(spec.col_lower)
    h.changeColsCost(n, np.arange(n, dtype=np.int32), _costs(n, costs))
    if start is not None:  # after the costs: changing the model drops a given solution
        h.setSolution(n, np.arange(n, dtype=np.int32), np.array(start))
    h.setOptionValue("mip_rel_gap", rel_gap)
    h.setOptionValue("mip_abs_gap", 0.999 if rel_gap == 0 else 1e-9)
    h.setOptionValue("time_limit", h.getRunTime() + spec.time_limit_per_level)
    started = time.perf_counter()
    h.run()
    info = h.getInfo()
    value = info.objective_function_value if info.primal_solution_status == FEASIBLE else None
    proven = h.getModelStatus() == highspy.HighsModelStatus.kOptimal
    return LevelOutcome(value, proven, time.perf_counter() - started, info.mip_dual_bound)


def _fix_and_restart(
    h: Any, spec: MipSpec, costs: dict[int, float], rel_gap: float, value: float
) -> list[float]:
    """Hold the level at `value`; its plan (integers rounded) starts the next level."""
    values = np.asarray(h.getSolution().col_value, dtype=np.float64)
    integer = np.array(spec.integer, dtype=bool)
    values[integer] = np.round(values[integer])
    cols = np.array(list(costs), dtype=np.int32)
    vals = np.array(list(costs.values()), dtype=np.float64)
    slack = 0.5 if rel_gap == 0 else rel_gap * max(1.0, abs(value))
    h.addRow(-h.inf, value + slack, len(cols), cols, vals)
    return [float(v) for v in values]


def solve_spec(spec: MipSpec) -> MipAnswer:
    """Solve every level of `spec` in HiGHS (call only in a process without OR-Tools)."""
    t0 = time.perf_counter()
    import highspy

    imported = time.perf_counter()
    h = highspy.Highs()  # type: ignore[no-untyped-call]
    h.silent()
    first: list[float] = []
    h.cbMipImprovingSolution.subscribe(lambda _e: first.append(time.perf_counter() - imported))
    _load(h, spec)
    levels: list[LevelOutcome] = []
    values: list[float] | None = None
    for costs, rel_gap in spec.levels:
        level = _solve_level(h, spec, costs, rel_gap, values)
        levels.append(level)
        if level.value is None:
            break
        first.append(time.perf_counter() - imported)  # presolve may find it without a callback
        values = _fix_and_restart(h, spec, costs, rel_gap, level.value)
    return MipAnswer(
        col_values=values,
        levels=levels,
        first_plan_seconds=min(first) if values is not None else None,
        solve_seconds=time.perf_counter() - imported,
        import_seconds=imported - t0,
        version=h.version(),
    )


def main() -> None:
    """Read a pickled MipSpec on stdin, write the pickled MipAnswer on stdout.

    HiGHS prints a banner from C before `silent()` can stop it (1.16 does), so the process's
    file descriptor 1 is pointed at stderr while solving and the answer goes to a saved copy.
    """
    answer_out = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    spec = pickle.loads(sys.stdin.buffer.read())
    answer_out.write(pickle.dumps(solve_spec(spec)))
    answer_out.flush()


if __name__ == "__main__":
    # Run under its importable name so the pickled answer's classes resolve in the parent.
    from benchmarks.peers.highs_worker import main as worker_main

    worker_main()
