"""Ongoing cases start with a pair a real service could have: valid under H2-H5 and H7-H9."""

from __future__ import annotations

import pytest

from allocator.check import CHECKS
from geo import haversine_km
from models import AllocationResult, Assignment, Case, Metrics, Problem, Skill, SolveStatus
from models.allocation import UnallocatedCase
from scenarios.demo_cases import capacity_hours
from scenarios.demo_scales import Scale
from tests.scenarios.demo_cache import demo

SCALES = [Scale.TINY, Scale.ESSEX, Scale.REGION]
SEEDS = [1, 2, 3]


def ongoing(problem: Problem) -> list[Case]:
    return [c for c in problem.cases if c.current]


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("scale", SCALES)
def test_every_ongoing_pair_is_active_and_vetted_beyond_as_of(scale: Scale, seed: int) -> None:
    problem = demo(scale, seed).problem
    for case in ongoing(problem):
        for fid in case.current:
            person = problem.facilitator(fid)
            assert person.active
            assert person.vetting_expires > problem.as_of


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("scale", SCALES)
def test_every_ongoing_pair_holds_the_skills_its_case_needs(scale: Scale, seed: int) -> None:
    problem = demo(scale, seed).problem
    for case in ongoing(problem):
        a, b = (problem.facilitator(fid) for fid in case.current)
        assert case.requires.both <= a.skills & b.skills
        assert case.requires.either <= a.skills | b.skills


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("scale", SCALES)
def test_a_prison_case_is_held_by_two_prison_cleared_volunteers(scale: Scale, seed: int) -> None:
    problem = demo(scale, seed).problem
    prison_cases = [c for c in ongoing(problem) if c.prison is not None]
    for case in prison_cases:
        assert all(problem.facilitator(fid).has(Skill.PRISON) for fid in case.current)
    assert all(c.prison is None or Skill.PRISON in c.requires.both for c in problem.cases)


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("scale", SCALES)
def test_every_ongoing_pair_has_an_experienced_member(scale: Scale, seed: int) -> None:
    problem = demo(scale, seed).problem
    for case in ongoing(problem):
        assert any(problem.facilitator(fid).experienced for fid in case.current)


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("scale", SCALES)
def test_ongoing_work_fits_each_volunteers_hours_and_max_cases(scale: Scale, seed: int) -> None:
    problem = demo(scale, seed).problem
    for person in problem.facilitators:
        mine = [c for c in ongoing(problem) if person.id in c.current]
        assert len(mine) <= person.max_cases
        capacity = capacity_hours(person, problem.as_of, problem.horizon_weeks)
        assert sum(c.hours for c in mine) <= capacity + 1e-9


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("scale", SCALES)
def test_ongoing_pairs_respect_travel_limits_and_avoided_partners(scale: Scale, seed: int) -> None:
    problem = demo(scale, seed).problem
    for case in ongoing(problem):
        a, b = (problem.facilitator(fid) for fid in case.current)
        assert a.id not in b.avoid_partners
        assert b.id not in a.avoid_partners
        assert not set(case.current) & set(case.exclude)
        for person in (a, b):
            if person.max_travel_km is not None:
                assert haversine_km(person.home.point(), case.place()) <= person.max_travel_km


@pytest.mark.parametrize("scale", SCALES)
def test_the_independent_checker_finds_nothing_wrong_with_the_pairs_as_they_stand(
    scale: Scale,
) -> None:
    problem = demo(scale).problem
    as_is = AllocationResult(
        status=SolveStatus.FEASIBLE,
        assignments=[Assignment(case=c.id, facilitators=c.current) for c in ongoing(problem)],
        unallocated=[UnallocatedCase(case=c.id) for c in problem.cases if not c.current],
        metrics=Metrics(allocated_weight=0, changes=0, travel_km=0, max_utilisation=0),
    )
    assert [v for check in CHECKS for v in check(problem, as_is)] == []


def test_pinned_cases_are_a_few_ongoing_ones() -> None:
    problem = demo(Scale.ESSEX).problem
    pinned = [c for c in problem.cases if c.pinned]
    assert 1 <= len(pinned) <= 10
    assert all(len(c.current) == 2 for c in pinned)


def test_new_cases_take_18_to_20_hours_and_ongoing_ones_2_to_16() -> None:
    cases = demo(Scale.REGION).problem.cases
    assert {c.hours for c in cases if not c.current} <= {18.0, 19.0, 20.0}
    assert all(2 <= c.hours <= 16 for c in cases if c.current)
    assert all(1 <= c.priority <= 5 for c in cases)
