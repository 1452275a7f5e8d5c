"""The independent checker: one test where each hard constraint holds, one where only it breaks."""

from __future__ import annotations

import pytest

from allocator.check import check_allocation
from allocator.check_rules import check_h5_load
from models import InputError, Location
from tests.allocator.check_builders import (
    AS_OF,
    COLCHESTER,
    HMP_CHELMSFORD,
    a_case,
    a_facilitator,
    a_problem,
    a_result,
)

PAIR = ("A", "B")


def broken(problem, result):
    """The set of constraint ids the checker reports."""
    return {v.constraint for v in check_allocation(problem, result).violations}


def two_people(**b_fields):
    return [a_facilitator("A"), a_facilitator("B", experienced=False, **b_fields)]


def test_a_plain_valid_plan_passes_every_check():
    problem = a_problem(two_people(), [a_case("C1"), a_case("C2")])
    report = check_allocation(problem, a_result(problem, {"C1": PAIR}))
    assert report.valid
    assert report.violations == []


# H1 ------------------------------------------------------------------------------------------


def test_a_pair_of_one_person_twice_breaks_h1():
    problem = a_problem(two_people(), [a_case("C1")])
    assert broken(problem, a_result(problem, {"C1": ("A", "A")})) == {"H1"}


def test_a_case_missing_from_the_result_breaks_h1():
    problem = a_problem(two_people(), [a_case("C1")])
    result = a_result(problem, {}).model_copy(update={"unallocated": []})
    [violation] = check_allocation(problem, result).violations
    assert (violation.constraint, violation.case) == ("H1", "C1")


def test_a_case_both_allocated_and_unallocated_breaks_h1():
    problem = a_problem(two_people(), [a_case("C1")])
    listed_twice = a_result(problem, {}).unallocated
    result = a_result(problem, {"C1": PAIR}).model_copy(update={"unallocated": listed_twice})
    assert broken(problem, result) == {"H1"}


def test_an_unknown_case_or_facilitator_breaks_h1():
    problem = a_problem(two_people(), [a_case("C1")])
    result = a_result(problem, {"C1": PAIR, "C9": ("A", "Z")})
    found = {
        (v.constraint, v.case, v.facilitator) for v in check_allocation(problem, result).violations
    }
    assert found == {("H1", "C9", "Z"), ("H1", "C9", None)}


# H2 ------------------------------------------------------------------------------------------


def test_an_inactive_facilitator_breaks_h2():
    problem = a_problem(two_people(active=False), [a_case("C1")])
    assert broken(problem, a_result(problem, {"C1": PAIR})) == {"H2"}


@pytest.mark.parametrize(("days_after", "ok"), [(0, False), (1, True)])
def test_vetting_must_expire_after_the_planning_day(days_after, ok):
    expiry = AS_OF.replace(day=AS_OF.day + days_after)
    problem = a_problem(two_people(vetting_expires=expiry), [a_case("C1")])
    assert broken(problem, a_result(problem, {"C1": PAIR})) == (set() if ok else {"H2"})


# H3 / H4 -------------------------------------------------------------------------------------


def test_a_both_skill_must_be_held_by_both_facilitators():
    people = [a_facilitator("A", skills=["complex"]), a_facilitator("B", experienced=False)]
    problem = a_problem(people, [a_case("C1", both=["complex"])])
    [violation] = check_allocation(problem, a_result(problem, {"C1": PAIR})).violations
    assert (violation.constraint, violation.facilitator) == ("H3", "B")


def test_an_either_skill_is_enough_in_one_of_the_pair():
    people = [a_facilitator("A", skills=["dv"]), a_facilitator("B", experienced=False)]
    holds = a_problem(people, [a_case("C1", either=["dv"])])
    breaks = a_problem(people, [a_case("C1", either=["mediation"])])
    assert broken(holds, a_result(holds, {"C1": PAIR})) == set()
    assert broken(breaks, a_result(breaks, {"C1": PAIR})) == {"H3"}


def test_a_prison_case_needs_both_facilitators_cleared():
    people = [a_facilitator("A", skills=["prison"]), a_facilitator("B", skills=["prison"])]
    holds = a_problem(people, [a_case("C1", prison=HMP_CHELMSFORD)])
    people[1] = a_facilitator("B")
    breaks = a_problem(people, [a_case("C1", prison=HMP_CHELMSFORD)])
    assert broken(holds, a_result(holds, {"C1": PAIR})) == set()
    assert broken(breaks, a_result(breaks, {"C1": PAIR})) == {"H4"}


# H5 ------------------------------------------------------------------------------------------


def test_two_18_hour_cases_fit_six_weeks_of_six_hours():
    problem = a_problem(two_people(), [a_case("C1"), a_case("C2")])
    assert broken(problem, a_result(problem, {"C1": PAIR, "C2": PAIR})) == set()


def test_a_fortnight_away_leaves_room_for_one_case_only():
    problem = a_problem(two_people(away=[(10, 23)]), [a_case("C1"), a_case("C2")])
    violations = check_allocation(problem, a_result(problem, {"C1": PAIR, "C2": PAIR})).violations
    assert [(v.constraint, v.facilitator) for v in violations] == [("H5", "B")]


def test_overlapping_absences_reduce_capacity_once():
    problem = a_problem(two_people(away=[(10, 23), (15, 20)]), [a_case("C1", hours=24)])
    assert broken(problem, a_result(problem, {"C1": PAIR})) == set()


def test_more_cases_than_max_cases_breaks_h5():
    problem = a_problem(two_people(max_cases=1), [a_case("C1", hours=1), a_case("C2", hours=1)])
    assert broken(problem, a_result(problem, {"C1": PAIR, "C2": PAIR})) == {"H5"}


def test_a_pinned_overload_alone_is_allowed_but_blocks_any_other_case():
    people = two_people(max_cases=1)
    pinned = [a_case("P1", current=PAIR, pinned=True), a_case("P2", current=PAIR, pinned=True)]
    alone = a_problem(people, pinned)
    assert check_h5_load(alone, a_result(alone, {"P1": PAIR, "P2": PAIR})) == []
    with_new = a_problem([*people, a_facilitator("C")], [*pinned, a_case("N1", hours=1)])
    result = a_result(with_new, {"P1": PAIR, "P2": PAIR, "N1": ("C", "B")})
    assert {v.facilitator for v in check_h5_load(with_new, result)} == {"B"}


# H6 ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("away", "ok"), [((0, 6), False), ((0, 5), True), ((1, 30), True)])
def test_someone_new_to_a_case_must_be_free_in_its_first_week(away, ok):
    problem = a_problem(two_people(away=[away], weekly_hours=20), [a_case("C1")])
    assert broken(problem, a_result(problem, {"C1": PAIR})) == (set() if ok else {"H6"})


def test_someone_already_on_the_case_may_be_away_in_its_first_week():
    problem = a_problem(two_people(away=[(0, 6)]), [a_case("C1", current=PAIR)])
    assert broken(problem, a_result(problem, {"C1": PAIR})) == set()


# H7 ------------------------------------------------------------------------------------------


def test_a_case_beyond_a_facilitators_travel_limit_breaks_h7():
    problem = a_problem(two_people(max_travel_km=20), [a_case("C1", at=COLCHESTER)])
    assert broken(problem, a_result(problem, {"C1": PAIR})) == {"H7"}
    near = a_problem(two_people(max_travel_km=40), [a_case("C1", at=COLCHESTER)])
    assert broken(near, a_result(near, {"C1": PAIR})) == set()


def test_travel_to_a_prison_case_is_measured_to_the_prison():
    people = [a_facilitator("A", skills=["prison"]), a_facilitator("B", skills=["prison"])]
    people[1] = people[1].model_copy(update={"max_travel_km": 5})
    problem = a_problem(people, [a_case("C1", at=COLCHESTER, prison=HMP_CHELMSFORD)])
    assert broken(problem, a_result(problem, {"C1": PAIR})) == set()


# H8 / H9 -------------------------------------------------------------------------------------


def test_an_excluded_facilitator_breaks_h8():
    problem = a_problem(two_people(), [a_case("C1", exclude=["B"])])
    assert broken(problem, a_result(problem, {"C1": PAIR})) == {"H8"}


def test_one_sided_avoidance_is_enough_to_break_h8():
    problem = a_problem(two_people(avoid=["A"]), [a_case("C1")])
    assert broken(problem, a_result(problem, {"C1": PAIR})) == {"H8"}


def test_a_pair_of_two_newcomers_breaks_h9():
    people = [a_facilitator("A", experienced=False), a_facilitator("B", experienced=False)]
    problem = a_problem(people, [a_case("C1")])
    assert broken(problem, a_result(problem, {"C1": PAIR})) == {"H9"}


# H10 -----------------------------------------------------------------------------------------


def test_a_pinned_pair_is_exempt_from_skills_prison_start_travel_avoid_and_experience():
    people = [
        a_facilitator("A", experienced=False, away=[(0, 6)], max_travel_km=1),
        a_facilitator("B", experienced=False, avoid=["A"]),
    ]
    case = a_case("C1", both=["dv"], prison=HMP_CHELMSFORD, at=COLCHESTER, exclude=["A"])
    problem = a_problem(people, [case.model_copy(update={"current": ["A", "B"], "pinned": True})])
    assert broken(problem, a_result(problem, {"C1": PAIR})) == set()


def test_a_pinned_case_given_another_valid_pair_breaks_h10():
    people = [*two_people(), a_facilitator("C")]
    problem = a_problem(people, [a_case("C1", current=PAIR, pinned=True)])
    assert broken(problem, a_result(problem, {"C1": ("A", "C")})) == {"H10"}


def test_a_pinned_case_left_unallocated_though_its_pair_may_work_breaks_h10():
    problem = a_problem(two_people(), [a_case("C1", current=PAIR, pinned=True)])
    assert broken(problem, a_result(problem, {})) == {"H10"}


def test_a_pinned_pair_that_lost_vetting_must_be_unallocated_citing_h10():
    problem = a_problem(two_people(active=False), [a_case("C1", current=PAIR, pinned=True)])
    assert broken(problem, a_result(problem, {})) == set()
    assert broken(problem, a_result(problem, {}, reasons={"C1": "H2"})) == {"H10"}
    assert broken(problem, a_result(problem, {"C1": PAIR})) == {"H2", "H10"}


def test_a_kept_facilitator_must_stay_on_the_case():
    people = [*two_people(), a_facilitator("C")]
    problem = a_problem(people, [a_case("C1", current=PAIR, keep=["B"])])
    assert broken(problem, a_result(problem, {"C1": ("A", "B")})) == set()
    assert broken(problem, a_result(problem, {"C1": ("A", "C")})) == {"keep"}


# Metrics -------------------------------------------------------------------------------------


def test_misreported_metrics_make_a_result_invalid():
    problem = a_problem(two_people(), [a_case("C1", at=COLCHESTER)])
    result = a_result(problem, {"C1": PAIR})
    honest = result.metrics
    slightly_off = honest.model_copy(update={"travel_km": honest.travel_km + 0.005})
    assert check_allocation(problem, result.model_copy(update={"metrics": slightly_off})).valid
    for wrong in (
        {"travel_km": honest.travel_km + 0.5},
        {"allocated_weight": 2},
        {"changes": 1},
        {"max_utilisation": honest.max_utilisation * 1.01},
        {"bound": 0.0},
    ):
        lying = result.model_copy(update={"metrics": honest.model_copy(update=wrong)})
        report = check_allocation(problem, lying)
        assert report.violations == []
        assert not report.metrics_match
        assert not report.valid


def test_a_location_without_coordinates_is_an_input_error():
    problem = a_problem(two_people(), [a_case("C1")])
    case = problem.cases[0].model_copy(update={"location": Location(outcode="CM1")})
    unresolved = problem.model_copy(update={"cases": [case]})
    with pytest.raises(InputError, match="/cases/0/location"):
        check_allocation(unresolved, a_result(problem, {}))


def test_an_ongoing_pair_that_is_not_pinned_gets_no_exemption():
    people = [a_facilitator("A", experienced=False), a_facilitator("B", experienced=False)]
    problem = a_problem(people, [a_case("C1", current=PAIR)])
    assert broken(problem, a_result(problem, {"C1": PAIR})) == {"H9"}
