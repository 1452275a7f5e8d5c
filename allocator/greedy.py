"""A fast constructive plan, used to start CP-SAT from a good place on large problems.

It does what a careful coordinator does by hand: keep every ongoing pair that still fits,
then take cases in priority order (fewest candidates first among equals) and give each the
nearest pair with room that the pair-level rules allow (pair_rules.py). It only chooses among
the model's variables, so its plan is always a valid hint.
"""

from __future__ import annotations

import numpy as np
from ortools.sat.python import cp_model

from allocator.model import PairModel

NEAREST = 12  # partners considered per case: the nearest with room


class Ledger:
    """Hours and case counts left per facilitator while the plan is built."""

    def __init__(self, m: PairModel) -> None:
        self.m = m
        self.hours = list(m.free_hours)
        self.cases = list(m.free_cases)

    def fits(self, ci: int, fi: int) -> bool:
        need = self.m.facts.case_hours[ci]
        return self.hours[fi] >= need and self.cases[fi] >= 1

    def take(self, ci: int, pair: tuple[int, int]) -> None:
        need = self.m.facts.case_hours[ci]
        for fi in pair:
            self.hours[fi] -= need
            self.cases[fi] -= 1


def _best_pair(m: PairModel, ci: int, ledger: Ledger, stay: list[int]) -> tuple[int, int] | None:
    """The nearest allowed pair with room: the first of `firsts` x `seconds` (in that order) of
    least cost, each pair tested at once (numpy) rather than one `allows` call per pair (a
    third of a scenario replicate's level-1 time went to those calls)."""
    km, rules = m.facts.km, m.pair_rules(ci)
    room = sorted((fi for fi in m.by_case[ci] if ledger.fits(ci, fi)), key=lambda f: km[f, ci])
    firsts = [fi for fi in stay if fi in room] or room[:NEAREST]
    seconds = room[: NEAREST + len(firsts)]
    if not firsts or not seconds:
        return None
    facs = np.array([*firsts, *seconds], dtype=np.int64)
    a = np.repeat(np.arange(len(firsts)), len(seconds))  # row by row, as the scan went
    b = np.tile(np.arange(len(firsts), len(facs)), len(firsts))
    ok = (facs[a] != facs[b]) & rules.allowed(facs, a, b)
    if not ok.any():
        return None
    fa, fb = facs[a[ok]], facs[b[ok]]
    cost = km[fa, ci] + km[fb, ci] - np.where(np.isin(fb, stay), 1e6, 0.0)
    k = int(np.argmin(cost))  # the first of least cost, as a strict `<` scan keeps
    return int(fa[k]), int(fb[k])


def greedy_plan(m: PairModel) -> dict[int, tuple[int, int]]:
    """Case index -> facilitator index pair, for the cases that have variables."""
    ledger = Ledger(m)
    cases, index = m.facts.problem.cases, m.facts.fac_index
    order = sorted(
        m.by_case,
        key=lambda ci: (not cases[ci].current, -cases[ci].priority, len(m.by_case[ci])),
    )
    plan: dict[int, tuple[int, int]] = {}
    for ci in order:
        stay = [index[fid] for fid in cases[ci].current if index[fid] in m.by_case[ci]]
        pair = _best_pair(m, ci, ledger, stay)
        if pair is not None:
            plan[ci] = pair
            ledger.take(ci, pair)
    return plan


def hint_plan(
    m: PairModel, plan: dict[int, tuple[int, int]], model: cp_model.CpModel | None = None
) -> None:
    """Give CP-SAT the plan as its starting point, in `model` (a copy of m's), or in m's own.

    Written in bulk into the hint message: one `add_hint` call per variable took 0.2-0.8 s on
    region (about 50,000 variables), outside any time limit (benchmarks/README.md, time limit)."""
    target = m.cp if model is None else model
    target.clear_hints()  # type: ignore[no-untyped-call]
    indices: list[int] = []
    values: list[int] = []
    for ci, facs in m.by_case.items():
        chosen = plan.get(ci, ())
        indices.append(m.y[ci].index)
        values.append(int(ci in plan))
        indices.extend(m.x[ci, fi].index for fi in facs)
        values.extend(int(fi in chosen) for fi in facs)
    # the message taken only after clear_hints(): one taken before is no longer marked present
    hint = target.model_proto.solution_hint
    hint.vars.extend(indices)
    hint.values.extend(values)
