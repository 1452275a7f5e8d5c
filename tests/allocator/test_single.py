"""One free case: enumerating its pairs gives what the CP-SAT levels give, level by level."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from allocator import SolveOptions
from allocator.check import check_allocation
from allocator.solve import solve_with_stats
from models import Problem, SolveStatus
from tests.allocator.check_builders import CHELMSFORD, a_case, a_facilitator, a_problem
from tests.allocator.test_properties import problems

ENUMERATED = SolveOptions(time_limit_s=5, workers=1)
CP_SAT = SolveOptions(time_limit_s=5, workers=1, enumerate_single=False)
METRICS = ("allocated_weight", "changes", "travel_km", "max_utilisation")


@st.composite
def one_free_case(draw: st.DrawFn) -> Problem:
    """A random problem in which every case but one is pinned (where it can be), with a few
    pairs that worked well before (level 5)."""
    problem = draw(problems())
    free = draw(st.integers(0, len(problem.cases) - 1))
    cases = [
        c if i == free else c.model_copy(update={"pinned": len(c.current) == 2})
        for i, c in enumerate(problem.cases)
    ]
    cases = [c for i, c in enumerate(cases) if i == free or c.pinned]
    ids = [f.id for f in problem.facilitators]
    liked = draw(st.lists(st.tuples(st.sampled_from(ids), st.sampled_from(ids)), max_size=4))
    people = [
        f.model_copy(update={"worked_well_with": [b for a, b in liked if a == f.id]})
        for f in problem.facilitators
    ]
    return problem.model_copy(update={"cases": cases, "facilitators": people})


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(one_free_case(), st.booleans())
def test_enumeration_equals_the_cp_sat_levels(problem: Problem, own_goals: bool) -> None:
    options = [SolveOptions(**{**o.__dict__, "own_goals": own_goals}) for o in (ENUMERATED, CP_SAT)]
    (fast, fast_stats), (slow, slow_stats) = (solve_with_stats(problem, o) for o in options)
    assert fast.status is SolveStatus.OPTIMAL
    assert slow.status is SolveStatus.OPTIMAL
    assert [lv.value for lv in fast_stats.levels] == [lv.value for lv in slow_stats.levels]
    assert fast.metrics.model_dump(include=set(METRICS)) == slow.metrics.model_dump(
        include=set(METRICS)
    )
    if own_goals and fast_stats.goals and slow_stats.goals:
        assert fast_stats.goals.value == slow_stats.goals.value
    assert check_allocation(problem, fast).valid


def test_a_kept_facilitator_is_in_the_pair_or_the_case_waits() -> None:
    people = [a_facilitator("A"), a_facilitator("B"), a_facilitator("C", home=CHELMSFORD)]
    kept = a_case("C1", keep=["C"])
    result, stats = solve_with_stats(a_problem(people, [kept]), ENUMERATED)
    assert "C" in result.pairs()["C1"]
    assert stats.variables == 3
    away = a_facilitator("C", active=False)
    lost, _ = solve_with_stats(a_problem([*people[:2], away], [kept]), ENUMERATED)
    assert lost.pairs() == {}
    assert lost.unallocated[0].case == "C1"
