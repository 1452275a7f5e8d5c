"""The independent checker catches each broken rule in an otherwise valid schedule."""

from __future__ import annotations

import datetime as dt
from typing import Any

from allocator.meetings import SolveSettings, check_schedule, plan_meetings
from models.meetings import (
    SESSION_TIMES,
    MeetingSchedule,
    MeetingsProblem,
    PlannedMeeting,
    Session,
)
from tests.allocator.meetings.builders import a_case, a_party, a_problem

QUICK = SolveSettings(time_limit_s=5.0, num_workers=1)


def a_plan(problem: MeetingsProblem) -> MeetingSchedule:
    schedule = plan_meetings(problem, QUICK)
    assert check_schedule(problem, schedule) == []
    return schedule


def changed(schedule: MeetingSchedule, mid: str, **update: Any) -> MeetingSchedule:
    meetings = [m.model_copy(update=update) if m.id == mid else m for m in schedule.meetings]
    return schedule.model_copy(update={"meetings": meetings})


def moved(m: PlannedMeeting, day: dt.date, session: str = "") -> dict[str, Any]:
    start = dt.datetime.combine(day, m.start.time())
    end = dt.datetime.combine(day, m.end.time())
    if session:
        times = SESSION_TIMES[Session(session)]
        start, end = dt.datetime.combine(day, times[0]), dt.datetime.combine(day, times[1])
        return {"date": day, "start": start, "end": end, "session": Session(session)}
    return {"date": day, "start": start, "end": end}


def rules_broken(problem: MeetingsProblem, schedule: MeetingSchedule) -> set[str]:
    return {v.rule for v in check_schedule(problem, schedule)}


def test_a_meeting_neither_planned_nor_unplaced_is_caught() -> None:
    problem = a_problem()
    schedule = a_plan(problem)
    dropped = schedule.model_copy(update={"meetings": schedule.meetings[1:]})
    assert rules_broken(problem, dropped) == {"M0"} | (
        {"M11"} if schedule.meetings[0].kind.value.startswith("prep") else set()
    )


def test_a_facilitator_in_two_places_at_once_is_caught() -> None:
    problem = a_problem(cases=[a_case("C1", ("F1", "F2")), a_case("C2", ("F1", "F3"))])
    schedule = a_plan(problem)
    a = next(m for m in schedule.meetings if m.id == "C1/prep-victim")
    b = next(m for m in schedule.meetings if m.id == "C2/prep-victim")
    clash = changed(schedule, b.id, **moved(b, a.date, a.session.value))
    assert "M1" in rules_broken(problem, clash)


def test_the_wrong_pair_is_caught() -> None:
    problem = a_problem()
    schedule = changed(a_plan(problem), "C1/prep-victim", facilitators=["F1", "F3"])
    assert "M4" in rules_broken(problem, schedule)


def test_a_meeting_on_a_day_a_party_cannot_do_is_caught() -> None:
    problem = a_problem()
    schedule = a_plan(problem)
    prep = next(m for m in schedule.meetings if m.id == "C1/prep-victim")
    weekend = changed(schedule, prep.id, **moved(prep, dt.date(2026, 11, 28)))
    assert {"M4", "M5"} <= rules_broken(problem, weekend)


def test_a_prison_visit_inside_the_lead_time_is_caught() -> None:
    problem = a_problem(cases=[a_case(harmer=a_party(prison="HMP Example"))])
    schedule = a_plan(problem)
    visit = next(m for m in schedule.meetings if m.id == "C1/prep-harmer")
    early = changed(schedule, visit.id, **moved(visit, dt.date(2026, 11, 24), "morning"))
    assert "M6" in rules_broken(problem, early)


def test_a_room_too_small_is_caught() -> None:
    problem = a_problem()
    schedule = changed(a_plan(problem), "C1/conference", attendees=3)
    assert "M8" in rules_broken(problem, schedule)
    crowd = problem.model_copy(
        update={
            "cases": [
                problem.cases[0].model_copy(
                    update={"victim": problem.cases[0].victim.model_copy(update={"supporters": 9})}
                )
            ]
        }
    )
    assert "M8" in rules_broken(crowd, a_plan(problem))


def test_a_conference_at_a_home_is_caught() -> None:
    problem = a_problem()
    schedule = a_plan(problem)
    home = next(m for m in schedule.meetings if m.id == "C1/prep-victim").place
    assert "M10" in rules_broken(problem, changed(schedule, "C1/conference", place=home))


def test_a_conference_at_a_venue_not_neutral_for_the_case_is_caught() -> None:
    problem = a_problem()
    schedule = a_plan(problem)
    venues = [problem.venues[0].model_copy(update={"neutral_for": frozenset({"Colchester"})})]
    narrowed = problem.model_copy(update={"venues": venues})
    assert "M10" not in rules_broken(problem, schedule)
    assert "M10" in rules_broken(narrowed, schedule)


def test_a_conference_before_its_preparation_is_caught() -> None:
    problem = a_problem()
    schedule = a_plan(problem)
    conf = next(m for m in schedule.meetings if m.id == "C1/conference")
    early = changed(schedule, conf.id, **moved(conf, dt.date(2026, 11, 24), "afternoon"))
    assert "M11" in rules_broken(problem, early)


def test_no_time_to_travel_is_caught() -> None:
    far = a_party(home={"lat": 52.63, "lon": 1.30})  # Norwich
    problem = a_problem(cases=[a_case("C1", ("F1", "F2")), a_case("C2", ("F1", "F3"), victim=far)])
    schedule = a_plan(problem)
    a = next(m for m in schedule.meetings if m.id == "C1/prep-victim")
    b = next(m for m in schedule.meetings if m.id == "C2/prep-victim")
    other = "afternoon" if a.session.value == "morning" else "morning"
    tight = changed(schedule, b.id, **moved(b, a.date, other))
    assert "M12" in rules_broken(problem, tight)


def test_too_many_meetings_a_day_is_caught() -> None:
    problem = a_problem(max_meetings_per_day=1)
    schedule = a_plan(problem)
    victim = next(m for m in schedule.meetings if m.id == "C1/prep-victim")
    harmer = next(m for m in schedule.meetings if m.id == "C1/prep-harmer")
    other = "afternoon" if victim.session.value == "morning" else "morning"
    same_day = changed(schedule, harmer.id, **moved(harmer, victim.date, other))
    assert "M13" in rules_broken(problem, same_day)
