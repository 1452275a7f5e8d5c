"""Planning end to end: everything placeable is placed, the rest named, every plan checks."""

from __future__ import annotations

import datetime as dt

from allocator.meetings import SolveSettings, check_schedule, plan_meetings
from models.meetings import MeetingSchedule, MeetingsProblem
from tests.allocator.meetings.builders import (
    a_case,
    a_facilitator,
    a_party,
    a_prison,
    a_problem,
    a_venue,
)

QUICK = SolveSettings(time_limit_s=5.0, num_workers=1)


def planned(problem: MeetingsProblem) -> MeetingSchedule:
    schedule = plan_meetings(problem, QUICK)
    assert check_schedule(problem, schedule) == []
    return schedule


def test_a_case_gets_two_preparation_visits_then_its_conference() -> None:
    schedule = planned(a_problem())
    by_id = {m.id: m for m in schedule.meetings}
    assert set(by_id) == {"C1/prep-victim", "C1/prep-harmer", "C1/conference"}
    assert by_id["C1/conference"].date > by_id["C1/prep-victim"].date
    assert by_id["C1/conference"].place.id == "V1"
    assert schedule.unplaced == []


def test_victims_do_not_wait_the_first_visits_are_on_the_first_day() -> None:
    schedule = planned(a_problem())
    assert {m.date for m in schedule.meetings if m.kind.value.startswith("prep")} == {
        dt.date(2026, 11, 24)
    }


def test_indirect_contact_plans_only_the_preparation_visits() -> None:
    schedule = planned(a_problem(cases=[a_case(meeting="indirect")]))
    assert sorted(m.kind.value for m in schedule.meetings) == ["prep_harmer", "prep_victim"]


def test_a_panel_room_holds_its_members_too() -> None:
    case = a_case(meeting="panel", panel_members=5)
    venues = [a_venue("V1"), a_venue("V2", rooms=[{"id": "Hall", "capacity": 20}])]
    schedule = planned(a_problem(cases=[case], venues=venues))
    panel = next(m for m in schedule.meetings if m.kind.value == "panel")
    assert panel.attendees == 9
    assert panel.place.room == "Hall"


def test_bad_input_leaves_the_rest_planned_and_names_what_could_not_be() -> None:
    cases = [
        a_case("C1", ("F1", "F2")),
        a_case("C2", ("F1", "F3"), victim=a_party(availability=[])),
        a_case("C3", ("F2", "F3"), harmer=a_party(prison="HMP Far")),
    ]
    prisons = [a_prison("HMP Far", lead_time_working_days=40)]
    schedule = planned(a_problem(cases=cases, prisons=prisons))
    reasons = {u.id: u.reasons[0] for u in schedule.unplaced}
    assert reasons["C2/prep-victim"].rule == "M5"
    assert reasons["C2/conference"].rule == "M5"  # the victim cannot come to it either
    assert "lead time" in reasons["C3/prep-harmer"].text
    assert {m.id for m in schedule.meetings} >= {
        "C1/conference",
        "C2/prep-harmer",
        "C3/prep-victim",
    }


def test_visits_to_one_prison_on_one_day_make_one_trip() -> None:
    inside = a_party(prison="HMP Example")
    cases = [a_case("C1", ("F1", "F2"), harmer=inside), a_case("C2", ("F3", "F4"), harmer=inside)]
    people = [a_facilitator(f) for f in ("F1", "F2", "F3", "F4")]
    schedule = planned(a_problem(cases=cases, facilitators=people))
    visits = [m for m in schedule.meetings if m.place.kind == "prison"]
    assert len(visits) == 4
    assert schedule.metrics.prison_trips == len({m.date for m in visits})


def test_the_schedule_reports_its_bound_and_gap() -> None:
    metrics = planned(a_problem()).metrics
    assert metrics.bound is not None
    assert metrics.objective is not None
    assert metrics.bound <= metrics.objective
    assert metrics.num_workers == 1
