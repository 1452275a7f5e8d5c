"""Calendars parse back with the icalendar library: one event per meeting, London time."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from icalendar import Calendar

from allocator.meetings import SolveSettings, calendars, facilitator_calendar, plan_meetings
from tests.allocator.meetings.builders import a_case, a_problem

STAMP = dt.datetime(2026, 11, 23, 8, 0, tzinfo=dt.UTC)


def test_every_facilitator_and_venue_gets_a_calendar_that_parses_back() -> None:
    problem = a_problem(cases=[a_case("C1", ("F1", "F2")), a_case("C2", ("F1", "F3"))])
    schedule = plan_meetings(problem, SolveSettings(time_limit_s=5, num_workers=1))
    files = calendars(problem, schedule, STAMP)
    assert set(files) == {
        "facilitator-F1.ics",
        "facilitator-F2.ics",
        "facilitator-F3.ics",
        "venue-V1.ics",
    }
    mine = Calendar.from_ical(files["facilitator-F1.ics"])
    events = list(mine.walk("VEVENT"))
    assert len(events) == sum(1 for m in schedule.meetings if "F1" in m.facilitators)
    assert len({str(e["UID"]) for e in events}) == len(events)
    first = min(schedule.meetings, key=lambda m: m.start)
    event = next(e for e in events if str(e["UID"]) == f"{first.id}@rjplan")
    start = event.decoded("DTSTART")
    assert start == first.start.replace(tzinfo=ZoneInfo("Europe/London"))
    assert str(start.tzinfo) == "Europe/London"
    assert event.decoded("DTSTAMP") == STAMP
    assert list(mine.walk("VTIMEZONE"))


def test_calendar_entries_name_cases_and_roles_never_people_or_addresses() -> None:
    problem = a_problem()
    schedule = plan_meetings(problem, SolveSettings(time_limit_s=5, num_workers=1))
    cal = Calendar.from_ical(facilitator_calendar(problem, schedule, "F2", STAMP))
    texts = {str(e["SUMMARY"]) + " | " + str(e["LOCATION"]) for e in cal.walk("VEVENT")}
    assert (
        "Preparation visit (victim) - case C1 | The victim's home (address in the case file)"
        in texts
    )
    assert "Restorative conference - case C1 | EXAMPLE hall V1, room R1" in texts


def test_a_facilitator_feed_holds_only_their_own_meetings() -> None:
    problem = a_problem(cases=[a_case("C1", ("F1", "F2")), a_case("C2", ("F1", "F3"))])
    schedule = plan_meetings(problem, SolveSettings(time_limit_s=5, num_workers=1))
    cal = Calendar.from_ical(facilitator_calendar(problem, schedule, "F3", STAMP))
    assert {str(e["UID"]).split("/")[0] for e in cal.walk("VEVENT")} == {"C2"}


def test_meeting_times_carry_their_utc_offset_across_the_change_from_bst_to_gmt() -> None:
    """Clocks go back on Sunday 25 October 2026: a meeting the Friday before is at +01:00, one
    the Monday after at +00:00, in the schedule's JSON and in the calendar file."""
    cases = [a_case("C1", ("F1", "F2")), a_case("C2", ("F1", "F3"))]
    problem = a_problem(as_of="2026-10-22", horizon_weeks=2, cases=cases)
    schedule = plan_meetings(problem, SolveSettings(time_limit_s=5, num_workers=1))
    days = {m.date for m in schedule.meetings}
    assert min(days) < dt.date(2026, 10, 25) < max(days), days
    written = {m["id"]: m for m in schedule.model_dump(mode="json")["meetings"]}
    files = calendars(problem, schedule, STAMP)
    events = {
        str(e["UID"]).removesuffix("@rjplan"): e
        for f in files.values()
        for e in Calendar.from_ical(f).walk("VEVENT")
    }
    for m in schedule.meetings:
        offset = "+01:00" if m.date < dt.date(2026, 10, 25) else "Z"
        assert written[m.id]["start"] == f"{m.start.isoformat()}{offset}"
        start = events[m.id].decoded("DTSTART")
        hours = 1 if m.date < dt.date(2026, 10, 25) else 0
        assert start.utcoffset() == dt.timedelta(hours=hours)
    zone = Calendar.from_ical(files["facilitator-F1.ics"]).walk("VTIMEZONE")[0]
    offsets = {str(c.name): c.decoded("TZOFFSETTO") for c in zone.subcomponents}
    assert offsets == {"STANDARD": dt.timedelta(0), "DAYLIGHT": dt.timedelta(hours=1)}
