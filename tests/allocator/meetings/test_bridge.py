"""Committed pairs become a meetings problem the planner can plan and the checker accepts."""

from __future__ import annotations

from allocator.meetings import (
    SolveSettings,
    check_schedule,
    example_venues,
    meetings_problem_for,
    plan_meetings,
)
from models import AllocationResult, Problem


def a_committed_allocation() -> tuple[Problem, AllocationResult]:
    person = {"weekly_hours": 6, "max_cases": 3, "vetting_expires": "2027-06-01"}
    problem = Problem.model_validate(
        {
            "as_of": "2026-11-23",
            "facilitators": [
                {"id": "F1", "home": {"outcode": "CM1"}, "skills": ["prison", "dv"]} | person,
                {"id": "F2", "home": {"outcode": "CM2"}, "skills": ["prison"]} | person,
                {"id": "F3", "home": {"outcode": "SS1"}} | person,
            ],
            "cases": [
                {
                    "id": "C1",
                    "location": {"outcode": "CM3"},
                    "hours": 19,
                    "requires": {"either": ["dv"]},
                },
                {
                    "id": "C2",
                    "location": {"outcode": "CM1"},
                    "hours": 19,
                    "prison": {"name": "HMP/YOI Chelmsford", "lat": 51.7362, "lon": 0.489},
                },
                {"id": "C3", "location": {"outcode": "SS2"}, "hours": 19},
            ],
        }
    )
    allocation = AllocationResult.model_validate(
        {
            "status": "optimal",
            "assignments": [
                {"case": "C1", "facilitators": ["F1", "F2"]},
                {"case": "C2", "facilitators": ["F1", "F2"]},
            ],
            "unallocated": [
                {"case": "C3", "reasons": [{"constraint": "H5", "text": "no capacity"}]}
            ],
            "metrics": {
                "allocated_weight": 2,
                "changes": 0,
                "travel_km": 10,
                "max_utilisation": 0.5,
            },
        }
    )
    return problem, allocation


def test_only_allocated_cases_and_their_facilitators_are_planned() -> None:
    problem, allocation = a_committed_allocation()
    meetings = meetings_problem_for(problem, allocation, example_venues(10))
    assert [c.id for c in meetings.cases] == ["C1", "C2"]
    assert {f.id for f in meetings.facilitators} == {"F1", "F2"}
    assert meetings.cases[0].risk == "high"  # needs dv
    assert meetings.cases[1].harmer.prison == "HMP/YOI Chelmsford"
    assert [p.name for p in meetings.prisons] == ["HMP/YOI Chelmsford"]


def test_a_bridged_problem_plans_and_passes_the_check() -> None:
    problem, allocation = a_committed_allocation()
    meetings = meetings_problem_for(problem, allocation, example_venues(10))
    schedule = plan_meetings(meetings, SolveSettings(time_limit_s=5, num_workers=1))
    assert check_schedule(meetings, schedule) == []
    assert {m.case for m in schedule.meetings} == {"C1", "C2"}
