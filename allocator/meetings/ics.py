"""iCalendar files: one per facilitator, per venue and per prison, for standard calendar apps.

Each meeting is one VEVENT with a stable UID (the meeting id), DTSTAMP, DTSTART/DTEND in
Europe/London (with its VTIMEZONE), LOCATION and SUMMARY. Data protection: no person's name
or address appears, only case ids, roles and facilitator ids; a home visit's location says
whose home by role and that the address is in the case file.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from icalendar import Calendar, Event

from models.meetings import (
    LONDON,
    MeetingKind,
    MeetingSchedule,
    MeetingsProblem,
    PlannedMeeting,
)

TITLES = {
    MeetingKind.PREP_VICTIM: "Preparation visit (victim)",
    MeetingKind.PREP_HARMER: "Preparation visit (harmer)",
    MeetingKind.CONFERENCE: "Restorative conference",
    MeetingKind.PANEL: "Community justice panel",
}


def location_text(problem: MeetingsProblem, m: PlannedMeeting) -> str:
    """Where, in words a facilitator can use, without any personal address."""
    if m.place.kind == "home":
        role = m.place.id.removesuffix("-home")
        return f"The {role}'s home (address in the case file)"
    if m.place.kind == "prison":
        return f"{m.place.id} (professional visit)"
    venue = next((v for v in problem.venues if v.id == m.place.id), None)
    name = venue.name if venue else m.place.id
    return f"{name}, room {m.place.room}"


def _event(problem: MeetingsProblem, m: PlannedMeeting, stamp: dt.datetime) -> Event:
    event = Event()
    event.add("uid", f"{m.id}@rjplan")
    event.add("dtstamp", stamp)
    event.add("dtstart", m.start.replace(tzinfo=LONDON))
    event.add("dtend", m.end.replace(tzinfo=LONDON))
    event.add("summary", f"{TITLES[m.kind]} - case {m.case}")
    event.add("location", location_text(problem, m))
    event.add(
        "description",
        f"Meeting {m.id}. Facilitators: {', '.join(m.facilitators)}. People: {m.attendees}.",
    )
    return event


def calendar(
    problem: MeetingsProblem, meetings: list[PlannedMeeting], name: str, stamp: dt.datetime
) -> bytes:
    """One VCALENDAR holding `meetings`, as bytes ready to write to an .ics file."""
    cal = Calendar()
    cal.add("prodid", "-//rjplan//meetings planner//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", name)
    for m in meetings:
        cal.add_component(_event(problem, m, stamp))
    cal.add_missing_timezones()
    return bytes(cal.to_ical())


def calendars(
    problem: MeetingsProblem, schedule: MeetingSchedule, stamp: dt.datetime
) -> dict[str, bytes]:
    """File name -> .ics bytes: one per facilitator, venue and prison with meetings; `stamp`
    (the time the files are made, in UTC) is every event's DTSTAMP."""
    owners: dict[str, tuple[str, Callable[[PlannedMeeting], bool]]] = {}
    for f in problem.facilitators:
        owners[f"facilitator-{f.id}"] = (f"rjplan {f.id}", _with(f.id))
    for v in problem.venues:
        owners[f"venue-{v.id}"] = (f"rjplan {v.name}", _at("venue", v.id))
    for p in problem.prisons:
        owners[f"prison-{p.name}"] = (f"rjplan {p.name}", _at("prison", p.name))
    files = {}
    for key, (title, wanted) in owners.items():
        mine = [m for m in schedule.meetings if wanted(m)]
        if mine:
            files[calendar_file(key)] = calendar(problem, mine, title, stamp)
    return files


def calendar_file(owner: str) -> str:
    """The file name `calendars` gives an owner's feed: owner is "facilitator-F-01",
    "venue-V-03" or "prison-HMP Chelmsford"."""
    return f"{_safe(owner)}.ics"


def facilitator_calendar(
    problem: MeetingsProblem,
    schedule: MeetingSchedule,
    facilitator: str,
    stamp: dt.datetime,
) -> bytes:
    """A facilitator's own feed: only their meetings (the service serves it behind a token)."""
    mine = [m for m in schedule.meetings if facilitator in m.facilitators]
    return calendar(problem, mine, f"rjplan {facilitator}", stamp)


def _with(fid: str) -> Callable[[PlannedMeeting], bool]:
    return lambda m: fid in m.facilitators


def _at(kind: str, pid: str) -> Callable[[PlannedMeeting], bool]:
    return lambda m: m.place.kind == kind and m.place.id == pid


def _safe(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", name).strip("-")
