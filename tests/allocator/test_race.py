"""Two CP-SAT settings raced on one question: the first to settle it is the answer, and a
solver that runs out of time before settling never wins over one that settled."""

from __future__ import annotations

import threading

import pytest
from ortools.sat.python import cp_model

from allocator.race import pick, race


def _knapsack() -> cp_model.CpModel:
    model = cp_model.CpModel()
    items = [model.new_bool_var(f"i{k}") for k in range(8)]
    sizes = [3, 5, 7, 2, 4, 6, 8, 1]
    model.add(sum(s * i for s, i in zip(sizes, items, strict=True)) <= 15)
    model.maximize(sum((s + k % 3) * i for k, (s, i) in enumerate(zip(sizes, items, strict=True))))
    return model


def _solver(seconds: float) -> cp_model.CpSolver:
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.max_time_in_seconds = seconds
    return solver


def test_the_entrant_that_proves_the_optimum_wins() -> None:
    alone = _solver(10)
    alone.solve(_knapsack())
    answer = race([_knapsack(), _knapsack()], [_solver(0.0), _solver(10)], maximise=True)
    assert answer.status == cp_model.OPTIMAL
    assert answer.solver.objective_value == alone.objective_value
    assert answer.first_plan_at is not None


def test_a_question_with_no_plan_is_settled_as_infeasible() -> None:
    model = cp_model.CpModel()
    a, b = model.new_bool_var("a"), model.new_bool_var("b")
    model.add(a + b >= 3)
    model.minimize(a)
    answer = race([model, model.clone()], [_solver(10), _solver(10)])
    assert answer.status == cp_model.INFEASIBLE
    assert not answer.found
    assert answer.first_plan_at is None


def test_a_settled_entrant_wins_over_a_better_plan_found_in_time() -> None:
    statuses = {0: cp_model.FEASIBLE, 1: cp_model.INFEASIBLE}
    assert pick(statuses, {0: 3.0}, maximise=False) == 1


def test_unsettled_the_best_plan_wins_whichever_way_the_objective_goes() -> None:
    statuses = {0: cp_model.FEASIBLE, 1: cp_model.FEASIBLE}
    assert pick(statuses, {0: 5.0, 1: 7.0}, maximise=False) == 0
    assert pick(statuses, {0: 5.0, 1: 7.0}, maximise=True) == 1


def test_with_no_plan_the_first_entrant_answers() -> None:
    assert pick({0: cp_model.UNKNOWN, 1: cp_model.UNKNOWN}, {}, maximise=False) == 0
    assert pick({}, {}, maximise=True) == 0  # the second never started


def test_a_waiting_entrant_never_starts_when_the_first_settles() -> None:
    waiting = _solver(10)
    answer = race([_knapsack(), _knapsack()], [_solver(10), waiting], True, threading.Event())
    assert answer.status == cp_model.OPTIMAL
    with pytest.raises(RuntimeError, match="not been called"):
        _ = waiting.objective_value
