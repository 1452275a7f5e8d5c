"""Level 5, the service's own goals: they choose among plans the canonical levels leave equal,
and only spend extra travel when the coordinator allows it."""

from __future__ import annotations

from pathlib import Path

from allocator import SolveOptions, solve
from allocator.check import check_allocation
from allocator.goals import CaseKind, GoalWeights, case_kind
from allocator.solve import solve_with_stats
from models import CANONICAL_LEVELS, Problem, SolveStatus, load_document
from tests.allocator.check_builders import (
    CHELMSFORD,
    COLCHESTER,
    HMP_CHELMSFORD,
    SOUTHEND,
    a_case,
    a_facilitator,
    a_problem,
)

FAST = SolveOptions(time_limit_s=5, workers=1)
CANONICAL_ONLY = SolveOptions(time_limit_s=5, workers=1, own_goals=False)
TINY = Path(__file__).parents[1] / "fixtures" / "problem-tiny.json"


def tiny() -> Problem:
    problem = load_document(TINY)
    assert isinstance(problem, Problem)
    return problem


def test_a_case_is_named_by_its_most_demanding_need() -> None:
    assert case_kind(a_case(prison=HMP_CHELMSFORD, both=["prison", "dv"])) is CaseKind.PRISON
    assert case_kind(a_case(either=["dv", "complex"])) is CaseKind.DV
    assert case_kind(a_case(both=["complex"])) is CaseKind.COMPLEX
    assert case_kind(a_case(either=["mediation"])) is CaseKind.STANDARD


def test_among_equal_plans_a_newer_volunteer_learns_beside_an_experienced_one() -> None:
    # B and N live in the same place with the same hours: the canonical levels cannot tell
    # {A, B} from {A, N}; mentoring can.
    people = [
        a_facilitator("A"),
        a_facilitator("B"),
        a_facilitator("N", experienced=False),
    ]
    problem = a_problem(people, [a_case("C1")])
    result, stats = solve_with_stats(problem, FAST)
    assert set(result.pairs()["C1"]) == {"A", "N"}
    assert result.status is SolveStatus.OPTIMAL
    assert stats.goals is not None
    assert stats.goals.proven
    assert check_allocation(problem, result).valid


def test_a_pair_already_working_together_is_paired_again_when_it_costs_nothing() -> None:
    # A and C already carry a little more than B, which fair spread weighs against them; the
    # known pairing outweighs it (the new case is of another kind, so variety is silent).
    people = [a_facilitator(f, weekly_hours=10, skills=["complex"]) for f in ("A", "B", "C")]
    ongoing = a_case("OLD", current=["A", "C"], pinned=True, hours=6)
    problem = a_problem(people, [ongoing, a_case("NEW", hours=6, either=["complex"])])
    result = solve(problem, FAST)
    assert set(result.pairs()["NEW"]) == {"A", "C"}
    [new] = [a for a in result.assignments if a.case == "NEW"]
    assert "A and C already work together on case OLD." in new.explanation


def test_a_pair_that_worked_well_before_is_paired_again_and_told_so() -> None:
    # Two cases, five people in one place. Mentoring alone would put a newer volunteer on each
    # case; B and D's good review outweighs one of those mentoring rewards.
    people = [a_facilitator(f) for f in ("A", "B")]
    people.append(a_facilitator("D", worked_well_with=["B", "GONE"]))  # GONE: left, ignored
    people += [a_facilitator(f, experienced=False) for f in ("N1", "N2")]
    problem = a_problem(people, [a_case("C1"), a_case("C2")])
    unreviewed = [f.model_copy(update={"worked_well_with": []}) for f in people]
    without = solve(problem.model_copy(update={"facilitators": unreviewed}), FAST)
    assert all({"N1", "N2"} & set(pair) for pair in without.pairs().values())
    canonical = solve(problem, CANONICAL_ONLY)
    result = solve(problem, FAST)
    assert {frozenset(p) for p in result.pairs().values()} >= {frozenset({"B", "D"})}
    assert result.metrics.travel_km == canonical.metrics.travel_km
    [together] = [a for a in result.assignments if set(a.facilitators) == {"B", "D"}]
    assert "B and D worked well together on an earlier case." in together.explanation
    assert check_allocation(problem, result).valid


def test_explanations_give_the_drive_in_minutes() -> None:
    people = [a_facilitator("A"), a_facilitator("B", home=COLCHESTER)]
    result = solve(a_problem(people, [a_case("C1", at=CHELMSFORD)]), FAST)
    [assignment] = result.assignments
    assert any("min by road" in line for line in assignment.explanation)


def test_own_goals_never_change_the_canonical_metrics() -> None:
    people = [
        a_facilitator("A", weekly_hours=8),
        a_facilitator("B", weekly_hours=8, home=COLCHESTER),
        a_facilitator("N", weekly_hours=8, experienced=False),
        a_facilitator("M", weekly_hours=8, experienced=False, home=COLCHESTER),
    ]
    cases = [a_case("C1", hours=10), a_case("C2", hours=10, at=COLCHESTER), a_case("C3")]
    problem = a_problem(people, cases)
    with_goals, without = solve(problem, FAST), solve(problem, CANONICAL_ONLY)
    keep = ("allocated_weight", "changes", "travel_km", "max_utilisation")
    assert with_goals.metrics.model_dump(include=set(keep)) == without.metrics.model_dump(
        include=set(keep)
    )


def test_level_five_runs_after_the_peak_was_lowered() -> None:
    # The first plan loads A to the full; the descent lowers the peak with a refuted last cap,
    # which must be switched off, or level 5 would find no plan at all.
    people = [
        a_facilitator("A", weekly_hours=10),
        a_facilitator("B", weekly_hours=10),
        a_facilitator("C", weekly_hours=10),
        a_facilitator("D", weekly_hours=10),
    ]
    cases = [a_case("C1", hours=12), a_case("C2", hours=12)]
    result, stats = solve_with_stats(a_problem(people, cases), FAST)
    assert stats.levels[3].proven
    assert stats.goals is not None
    assert len(result.assignments) == 2


def test_travel_slack_buys_a_goal_and_is_reported_as_not_optimal() -> None:
    # A and C are nearest, but A already carries half their hours; B is farther and free.
    # Strict travel keeps {A, C}; 100 % slack lets fair spread choose {C, B}.
    people = [
        a_facilitator("A", weekly_hours=20, home=SOUTHEND),
        a_facilitator("C", weekly_hours=20, home=SOUTHEND),
        a_facilitator("B", weekly_hours=20, home=COLCHESTER),
        a_facilitator("E"),
    ]
    busy = a_case("OLD", current=["A", "E"], pinned=True, hours=60)
    problem = a_problem(people, [busy, a_case("NEW", hours=6, at=CHELMSFORD)])
    weights = GoalWeights(road_minute=0, load_point=10)
    strict = solve(problem, SolveOptions(time_limit_s=5, workers=1, goal_weights=weights))
    slack = SolveOptions(time_limit_s=5, workers=1, goal_weights=weights, travel_slack=1.0)
    relaxed = solve(problem, slack)
    assert set(strict.pairs()["NEW"]) == {"A", "C"}
    assert strict.status is SolveStatus.OPTIMAL
    assert set(relaxed.pairs()["NEW"]) == {"B", "C"}
    assert relaxed.status is SolveStatus.FEASIBLE
    assert relaxed.metrics.travel_km <= 2 * strict.metrics.travel_km + 1e-6
    assert check_allocation(problem, relaxed).valid
    assert relaxed.objective is not None
    assert relaxed.objective.proven == ["allocated_weight", "changes"]
    assert (relaxed.objective.own_goals, relaxed.objective.travel_slack) == (True, 1.0)


def test_without_own_goals_a_travel_slack_has_nothing_to_buy_and_changes_nothing() -> None:
    canonical = solve(tiny(), CANONICAL_ONLY)
    slack = SolveOptions(time_limit_s=5, workers=1, own_goals=False, travel_slack=0.3)
    loose = solve(tiny(), slack)
    assert loose.metrics.travel_km == canonical.metrics.travel_km
    assert loose.metrics.max_utilisation == canonical.metrics.max_utilisation
    assert loose.status is SolveStatus.OPTIMAL
    assert loose.objective is not None
    assert loose.objective.proven == list(CANONICAL_LEVELS)
    assert (loose.objective.own_goals, loose.objective.travel_slack) == (False, 0.0)


def test_the_levels_proven_under_a_travel_slack_are_the_canonical_optima() -> None:
    # Level 4 is proven at the travel optimum; only level 5 may then spend the slack, and it
    # keeps the peak at or below level 4's optimum.
    canonical, strict = solve_with_stats(tiny(), CANONICAL_ONLY)
    slack = SolveOptions(time_limit_s=5, workers=1, travel_slack=0.3)
    loose, stats = solve_with_stats(tiny(), slack)
    assert [lv.value for lv in stats.levels] == [lv.value for lv in strict.levels]
    assert all(lv.proven for lv in stats.levels)
    assert loose.metrics.allocated_weight == canonical.metrics.allocated_weight
    assert loose.metrics.changes == canonical.metrics.changes
    assert loose.metrics.max_utilisation <= canonical.metrics.max_utilisation
    assert loose.metrics.travel_km <= 1.3 * canonical.metrics.travel_km + 1e-6
    assert check_allocation(tiny(), loose).valid
