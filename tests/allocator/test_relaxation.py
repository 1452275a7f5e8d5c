"""Level 1's LP relaxation bounds every plan, its rounded plan is valid, and the large-model path
(greedy start, LP cut and hint, no presolve) gives what the small-model path gives."""

from __future__ import annotations

import importlib
import time
from unittest.mock import patch

import pytest
from hypothesis import given
from ortools.sat.python import cp_model

from allocator import SolveOptions
from allocator.check import check_allocation
from allocator.constraints import PAIR_CONSTRAINTS
from allocator.facts import Facts
from allocator.greedy import hint_plan
from allocator.model import build_pair_model
from allocator.relaxation import Relaxation, rounded_plan, solve_relaxation
from allocator.result import Solution, build_result
from allocator.solve import _hint, _start_large, solve_with_stats
from models import Problem, SolveStatus
from tests.allocator.check_builders import a_case, a_facilitator, a_problem
from tests.allocator.test_properties import SETTINGS, problems

SOLVE_MODULE = importlib.import_module("allocator.solve")  # the package exports solve()
CANONICAL = SolveOptions(time_limit_s=5, workers=1, own_goals=False)


def _pinned_weight(problem: Problem) -> int:
    return sum(c.priority for c in problem.cases if c.pinned)


@SETTINGS
@given(problems())
def test_the_lp_bounds_the_optimum_and_its_rounding_is_a_valid_plan(problem: Problem) -> None:
    m = build_pair_model(Facts(problem))
    lp = solve_relaxation(m, 5.0)
    result = solve_with_stats(problem, CANONICAL)[0]
    if lp is None:  # nothing to choose: every case pinned or without candidates
        assert not m.y
        return
    if result.status is SolveStatus.OPTIMAL:
        assert lp.cut() >= result.metrics.allocated_weight - _pinned_weight(problem)
    plan = rounded_plan(m, lp)
    found = Solution(pairs={**m.baseline.fixed, **plan}, from_greedy=True)
    rounded = build_result(m, found, 0.0, explain=False)
    assert check_allocation(problem, rounded).valid


@SETTINGS
@given(problems())
def test_the_large_model_path_reaches_the_same_levels(problem: Problem) -> None:
    small = solve_with_stats(problem, CANONICAL)
    with patch.object(SOLVE_MODULE, "LARGE_MODEL_VARS", -1):
        large = solve_with_stats(problem, CANONICAL)
    assert check_allocation(problem, large[0]).valid
    if small[0].status is SolveStatus.OPTIMAL and large[0].status is SolveStatus.OPTIMAL:
        assert [lv.value for lv in large[1].levels] == [lv.value for lv in small[1].levels]
    bound = large[0].metrics.bound
    assert bound is None or bound >= large[0].metrics.allocated_weight


def test_the_lp_bound_rounds_down_to_an_integral_cut() -> None:
    # Three equal cases, five people with room for one case each: two cases fit, and the LP
    # (which may split people across cases) says 2.5, so the cut is 2.
    people = [a_facilitator(f"F{i}", max_cases=1) for i in range(5)]
    problem = a_problem(people, [a_case(f"C{j}") for j in range(3)])
    m = build_pair_model(Facts(problem))
    lp = solve_relaxation(m, 5.0)
    assert lp is not None
    assert lp.weight == pytest.approx(2.5)
    assert lp.cut() == 2


def test_a_large_model_passes_the_last_plan_on_as_the_next_hint(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A hint message taken before clear_hints() is silently dropped from the model; CP-SAT then
    # starts each level of a large model from nothing.
    problem = a_problem([a_facilitator(f"F{i}") for i in range(3)], [a_case("C1")])
    m = build_pair_model(Facts(problem))
    for _, add in PAIR_CONSTRAINTS:
        add(m)
    m.cp.maximize(m.weight())
    solver = cp_model.CpSolver()
    assert solver.solve(m.cp) == cp_model.OPTIMAL
    monkeypatch.setattr(SOLVE_MODULE, "LARGE_MODEL_VARS", -1)
    _hint(m, solver)
    assert m.cp.model_proto.has_solution_hint()
    assert len(m.cp.model_proto.solution_hint.vars) == len(m.cp.model_proto.variables)
    monkeypatch.setattr(SOLVE_MODULE, "LARGE_MODEL_VARS", 5_000)
    _hint(m, solver)  # small models prove faster without one
    assert not m.cp.model_proto.has_solution_hint()


def test_the_rounding_keeps_a_current_pair_the_lp_has_no_use_for() -> None:
    # The LP knows nothing of changes: here it would rather use C and D on the ongoing case.
    people = [a_facilitator(f) for f in ("A", "B", "C", "D")]
    problem = a_problem(people, [a_case("OLD", current=["A", "B"])])
    m = build_pair_model(Facts(problem))
    index = m.facts.fac_index
    leaning = {(0, index["A"]): 0.0, (0, index["B"]): 0.0, (0, index["C"]): 0.9}
    lp = Relaxation(1.0, {key: leaning.get(key, 0.9) for key in m.x}, {0: 1.0})
    assert rounded_plan(m, lp) == {0: (index["A"], index["B"])}


def test_the_greedy_plan_is_written_as_a_hint_over_every_variable() -> None:
    people = [a_facilitator(f) for f in ("A", "B", "C", "D")]
    m = build_pair_model(Facts(a_problem(people, [a_case("C1"), a_case("C2")])))
    hint_plan(m, {1: (2, 3)})  # C2 to C and D, C1 waits
    given = m.cp.model_proto.solution_hint
    assert m.cp.model_proto.has_solution_hint()
    hint = dict(zip(given.vars, given.values, strict=True))
    assert len(hint) == len(m.cp.model_proto.variables)
    assert [hint[m.y[ci].index] for ci in (0, 1)] == [0, 1]
    assert [hint[m.x[1, fi].index] for fi in range(4)] == [0, 0, 1, 1]
    assert not any(hint[m.x[0, fi].index] for fi in range(4))


def test_a_large_start_past_its_deadline_skips_the_lp_and_the_hint() -> None:
    # Under a limit shorter than building the model, the greedy plan is the answer: an LP or a
    # hint written after the deadline only made the solve overrun its limit.
    people = [a_facilitator(f) for f in ("A", "B", "C", "D")]
    m = build_pair_model(Facts(a_problem(people, [a_case("C1"), a_case("C2")])))
    found = Solution()
    with patch.object(SOLVE_MODULE, "solve_relaxation") as lp:
        _start_large(m, found, deadline=time.perf_counter())
    lp.assert_not_called()
    assert found.from_greedy
    assert len(found.pairs) == 2
    assert not m.cp.model_proto.has_solution_hint()


@SETTINGS
@given(problems())
def test_the_lp_neighbourhood_gives_a_valid_plan_within_the_cut(problem: Problem) -> None:
    """Level 1 over the LP's neighbourhood (solve._lp_neighbourhood): the rest of the model is
    fixed at 0, so its plan is a plan of the whole model, and no plan is above the cut."""
    m = build_pair_model(Facts(problem))
    for _, add in PAIR_CONSTRAINTS:
        add(m)
    lp = solve_relaxation(m, 5.0)
    if lp is None:
        return
    start = rounded_plan(m, lp)
    plan = SOLVE_MODULE._lp_neighbourhood(m, lp, start, 2.0)
    assert plan is not None  # the start itself is in the neighbourhood, so a plan exists
    found = Solution(pairs={**m.baseline.fixed, **plan}, from_greedy=True)
    assert check_allocation(problem, build_result(m, found, 0.0, explain=False)).valid
    weight = sum(problem.cases[ci].priority for ci in plan)
    assert sum(problem.cases[ci].priority for ci in start) <= weight <= lp.cut()
