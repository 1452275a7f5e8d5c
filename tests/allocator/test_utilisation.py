"""Level 4, max utilisation: its first question asked early, beside level 3 (EarlyPeak), gives
the same levels as the descent alone, and its floor holds only when no lower peak exists."""

from __future__ import annotations

import time

from hypothesis import given
from ortools.sat.python import cp_model

from allocator import SolveOptions
from allocator.check import check_allocation
from allocator.constraints import PAIR_CONSTRAINTS
from allocator.facts import Facts
from allocator.model import build_pair_model
from allocator.solve import solve_with_stats
from allocator.utilisation import EarlyPeak
from models import Problem, SolveStatus
from tests.allocator.check_builders import a_case, a_facilitator, a_problem
from tests.allocator.test_properties import SETTINGS, problems

EARLY = SolveOptions(time_limit_s=5, workers=1, own_goals=False)
LATE = SolveOptions(time_limit_s=5, workers=1, own_goals=False, second_core=False)


def _asked(problem: Problem, units: int) -> int:
    """EarlyPeak's floor with every case allocated (level 1 fixed at all the weight)."""
    m = build_pair_model(Facts(problem))
    for _, add in PAIR_CONSTRAINTS:
        add(m)
    m.cp.add(m.weight() >= sum(c.priority for c in problem.cases))
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    return EarlyPeak(m, units, solver).floor(time.perf_counter() + 5)


def test_a_peak_no_plan_can_go_below_becomes_the_floor() -> None:
    # One case, two people with 36 h each: whoever takes the 18 h case is at 50 %.
    problem = a_problem([a_facilitator("A"), a_facilitator("B")], [a_case("C1", hours=18)])
    assert _asked(problem, 5000) == 5000  # 50 % in 1/10,000 units: nothing lower exists


def test_a_peak_some_plan_goes_below_is_no_floor() -> None:
    # Four people: the case can go to the two without other work, at 50 %, not 100 %.
    people = [a_facilitator(f) for f in ("A", "B", "C", "D")]
    problem = a_problem(people, [a_case("C1", hours=18)])
    assert _asked(problem, 10_000) == 0


@SETTINGS
@given(problems())
def test_asking_early_gives_the_levels_of_the_descent_alone(problem: Problem) -> None:
    (early, early_stats), (late, late_stats) = (solve_with_stats(problem, o) for o in (EARLY, LATE))
    assert check_allocation(problem, early).valid
    if early.status is SolveStatus.OPTIMAL and late.status is SolveStatus.OPTIMAL:
        assert [lv.value for lv in early_stats.levels] == [lv.value for lv in late_stats.levels]
        assert all(lv.proven for lv in early_stats.levels)
