"""Checker: the rules between meetings (double-booking, prison limits, order, travel, per day)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from allocator.meetings.check_base import Violation, party, place_point
from allocator.meetings.travel import TravelTable
from models.meetings import MeetingSchedule, MeetingsProblem, PlannedMeeting


def cross_meeting_violations(
    problem: MeetingsProblem, schedule: MeetingSchedule
) -> list[Violation]:
    """M1, M2, M3, M11, M12 and M13 over the whole schedule."""
    return (
        _double_bookings(schedule)
        + _prison_limits(problem, schedule)
        + _preparation_first(problem, schedule)
        + _travel_and_daily_limit(problem, schedule)
    )


def _double_bookings(schedule: MeetingSchedule) -> list[Violation]:
    people: dict[tuple[str, dt.date, str], list[str]] = defaultdict(list)
    rooms: dict[tuple[str, str | None, dt.date, str], list[str]] = defaultdict(list)
    for m in schedule.meetings:
        for fid in m.facilitators:
            people[(fid, m.date, m.session.value)].append(m.id)
        if m.place.kind == "venue":
            rooms[(m.place.id, m.place.room, m.date, m.session.value)].append(m.id)
    found = [
        Violation("M1", ids[1], f"{k[0]} is also at {ids[0]}")
        for k, ids in people.items()
        if len(ids) > 1
    ]
    found += [
        Violation("M2", ids[1], f"{k[0]}/{k[1]} also holds {ids[0]}")
        for k, ids in rooms.items()
        if len(ids) > 1
    ]
    return found


def _prison_limits(problem: MeetingsProblem, schedule: MeetingSchedule) -> list[Violation]:
    cases = {c.id: c for c in problem.cases}
    used: dict[tuple[str, dt.date, str], int] = defaultdict(int)
    for m in schedule.meetings:
        if m.place.kind == "prison":
            case = cases[m.case]
            held = sum(1 for r in _roles(m) if party(case, r).prison)
            used[(m.place.id, m.date, m.session.value)] += m.attendees - held
    limits = {p.name: p.visitors_per_session for p in problem.prisons}
    return [
        Violation("M3", f"{name} {day} {session}", f"{n} visitors, limit {limits.get(name, 0)}")
        for (name, day, session), n in used.items()
        if n > limits.get(name, 0)
    ]


def _roles(m: PlannedMeeting) -> tuple[str, ...]:
    return {"prep_victim": ("victim",), "prep_harmer": ("harmer",)}.get(
        m.kind.value, ("victim", "harmer")
    )


def _preparation_first(problem: MeetingsProblem, schedule: MeetingSchedule) -> list[Violation]:
    by_id = {m.id: m for m in schedule.meetings}
    found = []
    for m in schedule.meetings:
        if m.kind.value not in ("conference", "panel"):
            continue
        for prep in (f"{m.case}/prep-victim", f"{m.case}/prep-harmer"):
            p = by_id.get(prep)
            if p is None:
                found.append(Violation("M11", m.id, f"{prep} is not planned"))
            elif problem.prep_days_before == 0 and p.start >= m.start:
                found.append(Violation("M11", m.id, f"{prep} is not before it"))
            elif problem.prep_days_before > 0 and (m.date - p.date).days < problem.prep_days_before:
                found.append(
                    Violation(
                        "M11", m.id, f"{prep} is not {problem.prep_days_before} day(s) before"
                    )
                )
    return found


def _travel_and_daily_limit(problem: MeetingsProblem, schedule: MeetingSchedule) -> list[Violation]:
    travel = TravelTable.of(problem)
    places = {m.id: place_point(problem, m) for m in schedule.meetings}
    days: dict[tuple[str, dt.date], list[PlannedMeeting]] = defaultdict(list)
    for m in schedule.meetings:
        for fid in m.facilitators:
            days[(fid, m.date)].append(m)
    found = []
    for (fid, day), mine in days.items():
        if len(mine) > problem.max_meetings_per_day:
            found.append(
                Violation(
                    "M13",
                    f"{fid} {day}",
                    f"{len(mine)} meetings, limit {problem.max_meetings_per_day}",
                )
            )
        mine.sort(key=lambda m: m.start)
        for i, a in enumerate(mine):
            for b in mine[i + 1 :]:
                gap = (b.start - a.end).total_seconds() / 60
                need = travel.minutes(places[a.id], places[b.id])
                if need > gap:
                    found.append(
                        Violation("M12", b.id, f"{fid} needs {need} min from {a.id}, has {gap:.0f}")
                    )
    return found
