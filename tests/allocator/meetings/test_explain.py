"""Meetings the plan could not fit get the clash that blocked them, in words."""

from __future__ import annotations

from allocator.meetings import SolveSettings, check_schedule, plan_meetings
from tests.allocator.meetings.builders import a_case, a_facilitator, a_problem

ONLY_TUESDAY = [{"start": "2026-11-25", "end": "2026-12-31"}]


def test_a_busy_facilitator_leaves_meetings_unplaced_with_the_clash_named() -> None:
    busy = a_facilitator("F1", unavailable=ONLY_TUESDAY)  # free on Tuesday 24 only
    problem = a_problem(
        facilitators=[busy, a_facilitator("F2"), a_facilitator("F3")],
        cases=[a_case("C1", ("F1", "F2")), a_case("C2", ("F1", "F3"))],
    )
    schedule = plan_meetings(problem, SolveSettings(time_limit_s=5, num_workers=1))
    assert check_schedule(problem, schedule) == []
    assert len([m for m in schedule.meetings if "F1" in m.facilitators]) == 2  # 2 sessions
    reasons = {u.id: u.reasons[0] for u in schedule.unplaced}
    preps = [r for mid, r in reasons.items() if "prep" in mid]
    assert len(preps) == 2
    assert all(r.rule in {"M1", "M13"} for r in preps)
    assert all("options" in r.text for r in preps)
    assert reasons["C1/conference"].rule in {"M4", "M11"}


def test_a_conference_with_no_day_after_its_preparation_is_named() -> None:
    busy = a_facilitator("F1", unavailable=ONLY_TUESDAY)
    problem = a_problem(facilitators=[busy, a_facilitator("F2")])
    schedule = plan_meetings(problem, SolveSettings(time_limit_s=5, num_workers=1))
    reasons = {u.id: u.reasons[0] for u in schedule.unplaced}
    assert reasons["C1/conference"].rule == "M11"
    assert {m.id for m in schedule.meetings} == {"C1/prep-victim", "C1/prep-harmer"}
