"""Levels 1 and 2 at once on small models: level 2 asked under the LP's cut on weight proves
level 1 when a plan reaches the cut, and falls back to level 1 when none does."""

from __future__ import annotations

import importlib
from unittest.mock import patch

from ortools.sat.python import cp_model

from allocator import SolveOptions
from allocator.check import check_allocation
from allocator.constraints import PAIR_CONSTRAINTS
from allocator.facts import Facts
from allocator.model import build_pair_model
from allocator.relaxation import solve_relaxation
from allocator.result import LevelOutcome
from allocator.solve import Setting, _questions, solve_with_stats
from models import SolveStatus
from tests.allocator.check_builders import a_case, a_facilitator, a_problem

SOLVE_MODULE = importlib.import_module("allocator.solve")  # the package exports solve()
WITH = SolveOptions(time_limit_s=5, workers=1, own_goals=False)
WITHOUT = SolveOptions(time_limit_s=5, workers=1, own_goals=False, second_core=False)


def test_a_cut_out_of_reach_falls_back_to_level_one() -> None:
    # Three people who can each take one case, two cases of priority 2: the LP pairs one and a
    # half cases (cut 3), a plan only one (weight 2).
    people = [a_facilitator(f, max_cases=1) for f in ("A", "B", "C")]
    problem = a_problem(people, [a_case("C1", priority=2), a_case("C2", priority=2)])
    lp = solve_relaxation(build_pair_model(Facts(problem)), 5.0)
    assert lp is not None
    assert lp.cut() == 3
    result, stats = solve_with_stats(problem, WITH)
    assert check_allocation(problem, result).valid
    assert result.status is SolveStatus.OPTIMAL
    assert result.metrics.allocated_weight == 2
    weight = stats.levels[0]
    assert (weight.name, weight.value, weight.proven) == ("allocated_weight", 2, True)


def test_a_cut_in_reach_is_level_one_proven_by_level_two() -> None:
    # Four people, two cases: both are paired, and one keeps its current facilitator.
    people = [a_facilitator(f) for f in ("A", "B", "C", "D")]
    cases = [a_case("C1", current=["A", "B"]), a_case("C2", priority=3)]
    problem = a_problem(people, cases)
    (ours, stats), (alone, alone_stats) = (solve_with_stats(problem, o) for o in (WITH, WITHOUT))
    assert ours.status is alone.status is SolveStatus.OPTIMAL
    assert [lv.value for lv in stats.levels] == [lv.value for lv in alone_stats.levels]
    assert stats.levels[0].value == 4
    assert stats.levels[0].bound == 4
    assert ours.metrics.changes == 0


def test_only_a_copy_that_holds_levels_equal_gets_their_other_side() -> None:
    people = [a_facilitator(f) for f in ("A", "B", "C", "D")]
    m = build_pair_model(Facts(a_problem(people, [a_case("C1"), a_case("C2")])))
    for _, add in PAIR_CONSTRAINTS:
        add(m)
    m.cp.maximize(m.weight())
    before = [  # as if level 1 were proven at 1 (both cases fit: 2), level 2 unproven
        LevelOutcome("allocated_weight", 1, 1, True, 0.0),
        LevelOutcome("changes", 0, 0, False, 0.0),
    ]
    settings = (Setting(), Setting(), Setting(held_equal=True))
    plain, copy, held = _questions(m, settings, before)
    assert plain is m.cp
    best = []
    for question in (plain, copy, held):
        solver = cp_model.CpSolver()
        solver.parameters.num_workers = 1
        assert solver.solve(question) == cp_model.OPTIMAL
        best.append(round(solver.objective_value))
    assert best == [2, 2, 1]  # only the held copy got "weight <= 1"


def test_a_hinted_copy_starts_from_the_plan_and_the_model_keeps_no_hint() -> None:
    people = [a_facilitator(f) for f in ("A", "B", "C", "D")]
    m = build_pair_model(Facts(a_problem(people, [a_case("C1"), a_case("C2")])))
    plan = {0: (0, 1)}  # C1 to A and B, C2 waits
    _, hinted = _questions(m, (Setting(), Setting(hinted=True)), [], plan)
    given = hinted.proto.solution_hint
    hint = dict(zip(given.vars, given.values, strict=True))
    assert hint[m.y[0].index] == 1
    assert hint[m.y[1].index] == 0
    assert hint[m.x[0, 0].index] == hint[m.x[0, 1].index] == 1
    assert not m.cp.proto.solution_hint.vars


def test_when_no_level_finds_a_plan_in_time_the_greedy_plan_is_returned() -> None:
    people = [a_facilitator(f) for f in ("A", "B", "C", "D")]
    problem = a_problem(people, [a_case("C1"), a_case("C2", priority=2)])
    with patch.object(SOLVE_MODULE, "_levels", return_value=None):  # as if time ran out
        result, stats = solve_with_stats(problem, WITH)
    assert not stats.levels
    assert result.status is SolveStatus.FEASIBLE
    assert result.metrics.allocated_weight == 3
    assert check_allocation(problem, result).valid


def test_under_a_very_short_limit_level_one_is_solved_first() -> None:
    people = [a_facilitator(f) for f in ("A", "B", "C", "D")]
    problem = a_problem(people, [a_case("C1"), a_case("C2", priority=2)])
    short = SolveOptions(time_limit_s=0.2, workers=1, own_goals=False)
    with patch.object(SOLVE_MODULE, "_weight_by_cut") as by_cut:
        result = solve_with_stats(problem, short)[0]
    by_cut.assert_not_called()
    assert check_allocation(problem, result).valid
