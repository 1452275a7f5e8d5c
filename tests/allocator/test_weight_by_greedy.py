"""Level 1 of a small model proven by the greedy plan instead of CP-SAT (solve._weight_by_greedy),
and the greedy's pair search tested a row of pairs at once (greedy._best_pair).

On random problems with pair rules: `weight_within_reach` bounds CP-SAT's level-1 optimum; when
the greedy plan reaches it, it is that optimum; the solve with level 1 proven so gives the very
same result (every assignment, metric and proof) as the solve with CP-SAT's level 1; and the
greedy picks the same pairs as the pair-by-pair scan it replaced.
"""

from __future__ import annotations

import sys

import pytest
from hypothesis import HealthCheck, given, settings
from ortools.sat.python import cp_model

from allocator import SolveOptions, solve
from allocator.greedy import NEAREST, Ledger, greedy_plan
from allocator.model import PairModel
from allocator.solve import weight_within_reach
from models import AllocationResult, Problem
from tests.allocator.test_pair_rules import built, problems_with_pair_rules

SETTINGS = settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
ONE_THREAD = SolveOptions(time_limit_s=10, workers=1, second_core=False, own_goals=False)
solve_module = sys.modules["allocator.solve"]


def scanned_pair(m: PairModel, ci: int, ledger: Ledger, stay: list[int]) -> tuple[int, int] | None:
    """The greedy's pair search as it was: one `allows` call per pair, a strict `<` scan."""
    km, rules = m.facts.km, m.pair_rules(ci)
    room = sorted((fi for fi in m.by_case[ci] if ledger.fits(ci, fi)), key=lambda f: km[f, ci])
    firsts = [fi for fi in stay if fi in room] or room[:NEAREST]
    best: tuple[float, tuple[int, int]] | None = None
    for a in firsts:
        for b in room[: NEAREST + len(firsts)]:
            if a != b and rules.allows(a, b):
                cost = km[a, ci] + km[b, ci] - (1e6 if b in stay else 0.0)
                if best is None or cost < best[0]:
                    best = (cost, (a, b))
    return best[1] if best else None


def cp_sat_weight(m: PairModel) -> int:
    m.cp.maximize(m.weight())
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    assert solver.solve(m.cp) == cp_model.OPTIMAL
    return round(solver.objective_value)


def same_answer(result: AllocationResult) -> dict[str, object]:
    """Everything in a result but the seconds it took."""
    data = result.model_dump()
    data["metrics"].pop("solve_seconds")
    return data


@SETTINGS
@given(problem=problems_with_pair_rules())
def test_the_greedy_picks_the_pairs_the_pair_by_pair_scan_picked(
    problem: Problem, monkeypatch: pytest.MonkeyPatch
) -> None:
    m = built(problem)
    vectorised = greedy_plan(m)
    with monkeypatch.context() as patch:
        patch.setattr("allocator.greedy._best_pair", scanned_pair)
        assert greedy_plan(m) == vectorised


@SETTINGS
@given(problem=problems_with_pair_rules())
def test_the_greedy_proves_level_one_only_at_cp_sats_optimum(problem: Problem) -> None:
    m = built(problem)
    reach, greedy = weight_within_reach(m), greedy_plan(m)
    greedy_weight = sum(problem.cases[ci].priority for ci in greedy)
    optimum = cp_sat_weight(m)
    assert greedy_weight <= optimum <= reach
    if greedy_weight == reach:
        assert optimum == reach


@SETTINGS
@given(problem=problems_with_pair_rules())
def test_level_one_by_the_greedy_gives_the_result_cp_sats_level_one_gives(
    problem: Problem, monkeypatch: pytest.MonkeyPatch
) -> None:
    by_greedy = solve(problem, ONE_THREAD)
    with monkeypatch.context() as patch:
        patch.setattr(solve_module, "_weight_by_greedy", lambda m, found: 0)
        by_cp_sat = solve(problem, ONE_THREAD)
    assert same_answer(by_greedy) == same_answer(by_cp_sat)
