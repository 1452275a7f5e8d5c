"""Booking lists for the coordinator: per venue and per prison, what to book and for whom.

Rows are sorted by date and session; a prison row sums the visitors of every visit in that
session, so several cases' visits on one day show as one trip to book together.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from dataclasses import dataclass

from models.meetings import MeetingSchedule, MeetingsProblem, PlannedMeeting


@dataclass(frozen=True)
class BookingRow:
    """One room or visit session to book."""

    place: str
    date: str
    session: str
    start: str
    end: str
    room: str
    people: int
    meetings: str
    facilitators: str


def booking_rows(
    problem: MeetingsProblem, schedule: MeetingSchedule
) -> dict[str, list[BookingRow]]:
    """Place id -> its bookings: one row per venue room per session, one per prison session."""
    groups: dict[tuple[str, str, str, str], list[PlannedMeeting]] = defaultdict(list)
    for m in schedule.meetings:
        if m.place.kind != "home":
            groups[(m.place.id, m.date.isoformat(), m.session.value, m.place.room or "")].append(m)
    found: dict[str, list[BookingRow]] = defaultdict(list)
    for (place, day, session, room), ms in sorted(groups.items(), key=_order):
        found[place].append(
            BookingRow(
                place=place,
                date=day,
                session=session,
                start=ms[0].start.strftime("%H:%M"),
                end=ms[0].end.strftime("%H:%M"),
                room=room,
                people=sum(_visitors(problem, m) for m in ms),
                meetings=" ".join(m.id for m in ms),
                facilitators=" ".join(sorted({f for m in ms for f in m.facilitators})),
            )
        )
    return dict(found)


def _order(
    item: tuple[tuple[str, str, str, str], list[PlannedMeeting]],
) -> tuple[str, str, int, str]:
    (place, day, session, room), _ = item
    return (place, day, ("morning", "afternoon", "evening").index(session), room)


def _visitors(problem: MeetingsProblem, m: PlannedMeeting) -> int:
    if m.place.kind != "prison":
        return m.attendees
    case = next(c for c in problem.cases if c.id == m.case)
    held = {"prep_victim": [case.victim], "prep_harmer": [case.harmer]}.get(
        m.kind.value, [case.victim, case.harmer]
    )
    return m.attendees - sum(1 for p in held if p.prison)


def booking_csv(rows: list[BookingRow]) -> str:
    """One place's bookings as CSV text (header included)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(
        ["date", "session", "start", "end", "room", "people", "meetings", "facilitators"]
    )
    for r in rows:
        writer.writerow(
            [r.date, r.session, r.start, r.end, r.room, r.people, r.meetings, r.facilitators]
        )
    return out.getvalue()
