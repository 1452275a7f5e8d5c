"""Invariants of the allocator on random small problems (hypothesis)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from allocator import SolveOptions, solve
from allocator.check import check_allocation
from allocator.replan import replan, replan_problem
from allocator.solve import solve_greedy
from models import Case, Facilitator, Problem, SolveStatus
from tests.allocator.check_builders import (
    CHELMSFORD,
    COLCHESTER,
    SOUTHEND,
    a_case,
    a_facilitator,
    a_problem,
)

FAST = SolveOptions(time_limit_s=5, workers=1)
TOWNS = [CHELMSFORD, COLCHESTER, SOUTHEND]
SKILLS = ["mediation", "complex", "dv", "prison"]
SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def facilitators(draw: st.DrawFn, n: int) -> list[Facilitator]:
    people = []
    for i in range(n):
        people.append(
            a_facilitator(
                f"F{i}",
                skills=draw(st.sets(st.sampled_from(SKILLS), max_size=3)),
                experienced=draw(st.booleans()),
                weekly_hours=draw(st.integers(2, 8)),
                max_cases=draw(st.integers(1, 3)),
                home=draw(st.sampled_from(TOWNS)),
                active=draw(st.sampled_from([True, True, True, False])),
                away=draw(st.sampled_from([[], [], [(0, 3)], [(0, 12)], [(10, 20)]])),
                max_travel_km=draw(st.sampled_from([None, None, 30.0])),
            )
        )
    return people


@st.composite
def problems(draw: st.DrawFn) -> Problem:
    n = draw(st.integers(2, 7))
    people = draw(facilitators(n))
    ids = [f.id for f in people]
    cases: list[Case] = []
    for j in range(draw(st.integers(1, 5))):
        current = draw(st.sampled_from([[], [], draw(st.permutations(ids))[:2]]))
        cases.append(
            a_case(
                f"C{j}",
                hours=draw(st.sampled_from([4, 10, 18, 20])),
                priority=draw(st.integers(1, 5)),
                both=draw(st.sets(st.sampled_from(["complex"]), max_size=1)),
                either=draw(st.sets(st.sampled_from(["mediation", "dv"]), max_size=1)),
                current=current,
                pinned=bool(current) and draw(st.booleans()),
                at=draw(st.sampled_from(TOWNS)),
                exclude=draw(st.lists(st.sampled_from(ids), max_size=1)),
            )
        )
    return a_problem(people, cases)


@SETTINGS
@given(problems())
def test_every_plan_passes_the_independent_checker(problem: Problem) -> None:
    result = solve(problem, FAST)
    report = check_allocation(problem, result)
    assert report.valid, report.violations + report.metric_mismatches


@SETTINGS
@given(problems(), st.sampled_from(TOWNS), st.sets(st.sampled_from(SKILLS)))
def test_adding_a_facilitator_never_lowers_allocated_weight(
    problem: Problem, home: tuple[float, float], skills: set[str]
) -> None:
    before = solve(problem, FAST)
    newcomer = a_facilitator("NEW", home=home, skills=skills, max_cases=3)
    bigger = problem.model_copy(update={"facilitators": [*problem.facilitators, newcomer]})
    after = solve(bigger, FAST)
    assert before.status is SolveStatus.OPTIMAL
    assert after.status is SolveStatus.OPTIMAL
    assert after.metrics.allocated_weight >= before.metrics.allocated_weight


@SETTINGS
@given(problems(), st.data())
def test_replanning_only_changes_the_cases_of_the_one_who_left(
    problem: Problem, data: st.DataObject
) -> None:
    ongoing = [c.model_copy(update={"pinned": True}) for c in problem.cases if c.current]
    pinned_all = problem.model_copy(update={"cases": ongoing})
    gone = data.draw(st.sampled_from([f.id for f in problem.facilitators]))
    result = replan(pinned_all, unavailable=[gone], options=FAST)
    scoped = replan_problem(pinned_all, unavailable=[gone])
    assert check_allocation(scoped, result).valid
    after = result.pairs()
    for case in pinned_all.cases:
        if gone not in case.current and case.id in after:
            assert set(after[case.id]) == set(case.current)
        assert gone not in after.get(case.id, ())


@SETTINGS
@given(problems())
def test_the_greedy_result_passes_the_independent_checker_and_never_beats_the_levels(
    problem: Problem,
) -> None:
    greedy = solve_greedy(problem)
    report = check_allocation(problem, greedy)
    assert report.valid, report.violations + report.metric_mismatches
    assert greedy.metrics.allocated_weight <= solve(problem, FAST).metrics.allocated_weight
