"""An upper bound on allocated weight from the LP relaxation (GLOP), for reporting gaps.

CP-SAT's own bound is weak on large models solved without presolve, so the benchmark states
the gap against this bound instead. The relaxation keeps every pair-level row of the model
(two per case, either-skills, an experienced member, hours and counts, avoided pairs, kept
facilitators) over the same variables, so its optimum bounds the model's. It is only a bound
of the whole problem when the model was not pruned to the nearest candidates.
"""

from __future__ import annotations

from ortools.linear_solver import pywraplp

from allocator.constraints import avoid_pairs, most_that_fit
from allocator.facts import Facts
from allocator.model import build_pair_model
from models import Problem


def weight_bound(problem: Problem) -> float | None:
    """LP bound on allocated weight (pinned cases included); None if GLOP fails."""
    facts = Facts(problem)
    m = build_pair_model(facts)
    lp = pywraplp.Solver.CreateSolver("GLOP")
    x = {key: lp.NumVar(0, 1, "") for key in m.x}
    y = {ci: lp.NumVar(0, 1, "") for ci in m.y}
    people, cases = problem.facilitators, problem.cases
    for ci, facs in m.by_case.items():
        lp.Add(sum(x[ci, fi] for fi in facs) == 2 * y[ci])
        for fi in facs:
            lp.Add(x[ci, fi] <= y[ci])
        for skill in cases[ci].requires.either:
            lp.Add(sum(x[ci, fi] for fi in facs if people[fi].has(skill)) >= y[ci])
        lp.Add(sum(x[ci, fi] for fi in facs if not people[fi].experienced) <= y[ci])
        for fid in cases[ci].keep:
            fi = facts.fac_index[fid]
            lp.Add((x[ci, fi] if fi in facs else 0) == y[ci])
    for fi, mine in m.by_fac.items():
        hours = [facts.hours_scaled(cases[ci]) for ci in mine]
        lp.Add(sum(h * x[ci, fi] for h, ci in zip(hours, mine, strict=True)) <= m.free_hours[fi])
        most = min(m.free_cases[fi], most_that_fit(hours, m.free_hours[fi]))
        lp.Add(sum(x[ci, fi] for ci in mine) <= most)
    for a, b in avoid_pairs(facts):
        for ci in set(m.by_fac.get(a, ())) & set(m.by_fac.get(b, ())):
            lp.Add(x[ci, a] + x[ci, b] <= 1)
    lp.Maximize(sum(cases[ci].priority * y[ci] for ci in y))
    if lp.Solve() != pywraplp.Solver.OPTIMAL:
        return None
    pinned = sum(cases[ci].priority for ci in m.baseline.fixed)
    return float(lp.Objective().Value()) + pinned
