"""Two CP-SAT settings raced on one question: the first to settle it is the answer, and a
solver that runs out of time before settling never wins over one that settled."""

from __future__ import annotations

from ortools.sat.python import cp_model

from allocator.race import race


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
