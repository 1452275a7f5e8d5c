"""The canonical metrics of formats.md, computed from a plan alone."""

from __future__ import annotations

import math

import pytest

from allocator.metrics import (
    EARTH_RADIUS_KM,
    UNBOUNDED_UTILISATION,
    canonical_metrics,
    capacity_hours,
    great_circle_km,
)
from tests.allocator.check_builders import (
    CHELMSFORD,
    COLCHESTER,
    HMP_CHELMSFORD,
    a_case,
    a_facilitator,
    a_problem,
)


def test_one_degree_of_latitude_is_a_360th_of_the_mean_earth_circumference():
    assert great_circle_km((51.0, 0.5), (52.0, 0.5)) == pytest.approx(
        2 * math.pi * EARTH_RADIUS_KM / 360, rel=1e-12
    )


def test_capacity_is_weekly_hours_times_weeks_not_away_in_the_horizon():
    problem = a_problem([], [], horizon_weeks=4)
    assert capacity_hours(a_facilitator(weekly_hours=5), problem) == 20
    away_a_week_partly_after_the_horizon = a_facilitator(weekly_hours=7, away=[(24, 40)])
    assert capacity_hours(away_a_week_partly_after_the_horizon, problem) == pytest.approx(24)
    overlapping = a_facilitator(weekly_hours=7, away=[(0, 6), (3, 9)])
    assert capacity_hours(overlapping, problem) == pytest.approx(18)


def test_a_plan_scores_weight_changes_travel_and_the_busiest_facilitator():
    people = [a_facilitator("A", home=CHELMSFORD), a_facilitator("B", home=COLCHESTER)]
    cases = [
        a_case("C1", priority=3, at=COLCHESTER, hours=9),
        a_case("C2", priority=2, current=["A", "B"]),
        a_case("C3", priority=5, current=["B"], prison=HMP_CHELMSFORD, at=COLCHESTER, hours=18),
    ]
    problem = a_problem([*people, a_facilitator("C", home=COLCHESTER)], cases)
    metrics = canonical_metrics(problem, {"C1": ("A", "B"), "C3": ("A", "C")})
    assert metrics.allocated_weight == 8
    assert metrics.changes == 2 + 1  # C2 loses both, C3 loses B
    colchester_km = great_circle_km(CHELMSFORD, COLCHESTER)
    prison_km = great_circle_km(CHELMSFORD, (HMP_CHELMSFORD.lat, HMP_CHELMSFORD.lon))
    prison_from_colchester = great_circle_km(COLCHESTER, (HMP_CHELMSFORD.lat, HMP_CHELMSFORD.lon))
    assert metrics.travel_km == pytest.approx(colchester_km + prison_km + prison_from_colchester)
    assert metrics.max_utilisation == pytest.approx(27 / 36)  # A: 9 h + 18 h of 6 x 6 h


def test_an_empty_plan_has_no_utilisation():
    problem = a_problem([a_facilitator("A")], [a_case("C1")])
    assert canonical_metrics(problem, {}).max_utilisation == 0


def test_load_on_a_facilitator_with_no_capacity_is_reported_as_the_finite_sentinel():
    people = [a_facilitator("A", away=[(0, 60)]), a_facilitator("B")]
    problem = a_problem(people, [a_case("P1", current=["A", "B"], pinned=True)])
    assert canonical_metrics(problem, {"P1": ("A", "B")}).max_utilisation == UNBOUNDED_UTILISATION
