"""Booking lists: one row per room or prison session, visitors summed per prison session."""

from __future__ import annotations

from allocator.meetings import SolveSettings, booking_csv, booking_rows, plan_meetings
from tests.allocator.meetings.builders import a_case, a_facilitator, a_party, a_problem


def test_each_venue_and_prison_gets_its_bookings_with_people_to_expect() -> None:
    inside = a_party(prison="HMP Example")
    cases = [a_case("C1", ("F1", "F2"), harmer=inside), a_case("C2", ("F3", "F4"), harmer=inside)]
    people = [a_facilitator(f) for f in ("F1", "F2", "F3", "F4")]
    problem = a_problem(cases=cases, facilitators=people)
    schedule = plan_meetings(problem, SolveSettings(time_limit_s=5, num_workers=1))
    rows = booking_rows(problem, schedule)
    assert set(rows) == {"HMP Example"}  # both conferences happen in the prison
    visits = [m for m in schedule.meetings if m.place.kind == "prison"]
    assert sum(r.people for r in rows["HMP Example"]) == sum(
        m.attendees - 1
        for m in visits  # the prisoner is not a visitor
    )
    text = booking_csv(rows["HMP Example"])
    assert text.splitlines()[0] == "date,session,start,end,room,people,meetings,facilitators"
    assert len(text.splitlines()) == 1 + len(rows["HMP Example"])
