"""Level 1's LP relaxation (GLOP): a proven bound on allocated weight, and a guide to a plan.

On large models CP-SAT runs without presolve from a greedy start, and its own bound on weight
stays at the sum of all priorities (region: 704 against a plan of 671). The LP relaxation of
the same rows over the same variables is solved in under a second (region: 0.5 s) and bounds
every plan of the model (region: 675). Its solution also says which cases and people the optimum
leans on; rounding it in that order starts CP-SAT from a better plan than the coordinator's
greedy (region: 625 against 591 on the variable part, keeping current facilitators).

The rows are those of constraints.py written for an LP: two per allocated case, hours and counts
(H5, with the count tightened by what fits), and who may work with whom (H3 either, H8 avoid,
H9, keep: each group of pair_rules.py, as in the CP-SAT model). CP-SAT's "a member only on an
allocated case" rows (x <= y) are left out: one per variable, they made GLOP 3.5 times slower
(region: 1.28 s against 0.36 s) for the same bound on essex, region and national. The model is
built as a protocol buffer directly, 5 times faster than the row-by-row Python API (0.17 s
against 0.88 s).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ortools.linear_solver import linear_solver_pb2, pywraplp

from allocator.constraints import most_that_fit
from allocator.greedy import Ledger
from allocator.model import PairModel

MODEL = linear_solver_pb2.MPModelProto
CUT_SLACK = 1e-4
STAY_BONUS = 1.0  # what keeping a current facilitator is worth, in LP values (0-1)
PAIRS_TRIED = 15  # per case: pairs among the people the LP uses most, with room


@dataclass(frozen=True)
class Relaxation:
    """The LP optimum: its weight (cases with variables only) and its values."""

    weight: float
    x: dict[tuple[int, int], float]
    y: dict[int, float]

    def cut(self) -> int:
        """The largest integral weight of the variable part any plan can reach. The slack
        absorbs GLOP's tolerances (1e-7 and below), so the cut never removes a plan whose weight
        the LP only appears to miss by rounding."""
        return math.floor(self.weight + CUT_SLACK)


class _Rows:
    """Builds the LP as a protocol buffer, one row at a time."""

    def __init__(self, model: linear_solver_pb2.MPModelProto) -> None:
        self.model = model

    def add(self, terms: list[tuple[int, float]], lower: float, upper: float) -> None:
        row = self.model.constraint.add()
        row.var_index.extend(i for i, _ in terms)
        row.coefficient.extend(c for _, c in terms)
        row.lower_bound, row.upper_bound = lower, upper


def level_one_lp(m: PairModel) -> tuple[linear_solver_pb2.MPModelProto, dict[tuple[int, int], int]]:
    """The LP of level 1 and the column of each x variable (y columns follow the x ones)."""
    facts, inf = m.facts, float("inf")
    cases = facts.problem.cases
    model = linear_solver_pb2.MPModelProto(maximize=True)
    col = {key: i for i, key in enumerate(m.x)}
    ycol = {ci: len(col) + k for k, ci in enumerate(m.y)}
    model.variable.extend(
        linear_solver_pb2.MPVariableProto(lower_bound=0.0, upper_bound=1.0) for _ in col
    )
    model.variable.extend(
        linear_solver_pb2.MPVariableProto(
            lower_bound=0.0, upper_bound=1.0, objective_coefficient=cases[ci].priority
        )
        for ci in ycol
    )
    rows = _Rows(model)
    for ci, facs in m.by_case.items():
        rows.add([(col[ci, fi], 1.0) for fi in facs] + [(ycol[ci], -2.0)], 0.0, 0.0)
    for fi, mine in m.by_fac.items():
        hours = [facts.case_hours[ci] for ci in mine]
        rows.add(
            [(col[ci, fi], float(h)) for ci, h in zip(mine, hours, strict=True)],
            -inf,
            float(m.free_hours[fi]),
        )
        most = min(m.free_cases[fi], most_that_fit(hours, m.free_hours[fi]))
        rows.add([(col[ci, fi], 1.0) for ci in mine], -inf, float(most))
    for ci in m.by_case:  # last: GLOP took 0.63 s on region with them beside H1, 0.55 s so
        for group in m.pair_rules(ci).groups:
            lo, hi = group.bounds()
            row = [*((col[ci, fi], 1.0) for fi in group.members), (ycol[ci], -1.0)]
            rows.add(row, -inf if lo is None else lo, inf if hi is None else hi)
    return model, col


def solve_relaxation(m: PairModel, seconds: float) -> Relaxation | None:
    """Level 1's LP optimum over the model's variables; None if GLOP did not finish in time."""
    if not m.y:
        return None
    model, col = level_one_lp(m)
    request = linear_solver_pb2.MPModelRequest(
        model=model,
        solver_type=linear_solver_pb2.MPModelRequest.GLOP_LINEAR_PROGRAMMING,
        solver_time_limit_seconds=max(0.01, seconds),
    )
    response = linear_solver_pb2.MPSolutionResponse()
    pywraplp.Solver.SolveWithProto(request, response)
    if response.status != linear_solver_pb2.MPSOLVER_OPTIMAL:
        return None
    values = response.variable_value
    x = {key: values[i] for key, i in col.items()}
    y = {ci: values[len(col) + k] for k, ci in enumerate(m.y)}
    return Relaxation(response.objective_value, x, y)


def rounded_plan(m: PairModel, lp: Relaxation) -> dict[int, tuple[int, int]]:
    """A plan that follows the LP: cases the LP allocates most fully first, each given the
    valid pair with room that the LP uses most (nearest among equals). A current facilitator
    counts as one the LP uses fully: the LP knows nothing of changes (level 2), and a start
    that moves ongoing pairs at random leaves level 2 too much to undo in its time (region at
    10 s: 245 changes against 365 with no pull, for the same weight; national at 5 s: 585-740
    against 1,833)."""
    facts = m.facts
    cases = facts.problem.cases
    ledger = Ledger(m)
    order = sorted(m.by_case, key=lambda ci: (-lp.y[ci], -cases[ci].priority, len(m.by_case[ci])))
    index = facts.fac_index
    pull = {(ci, index[fid]): STAY_BONUS for ci in m.y for fid in cases[ci].current}
    plan: dict[int, tuple[int, int]] = {}
    for ci in order:
        room = [fi for fi in m.by_case[ci] if ledger.fits(ci, fi)]
        want = {fi: lp.x[ci, fi] + pull.get((ci, fi), 0.0) for fi in room}
        room.sort(key=lambda fi: (-want[fi], facts.km[fi, ci]))
        rules = m.pair_rules(ci)
        best: tuple[float, tuple[int, int]] | None = None
        for i, a in enumerate(room[:PAIRS_TRIED]):
            for b in room[i + 1 : PAIRS_TRIED + 5]:
                if rules.allows(a, b):
                    score = want[a] + want[b] - 1e-4 * (facts.km[a, ci] + facts.km[b, ci])
                    if best is None or score > best[0]:
                        best = (score, (a, b))
        if best is not None:
            plan[ci] = best[1]
            ledger.take(ci, best[1])
    return plan
