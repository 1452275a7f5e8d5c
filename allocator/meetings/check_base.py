"""Shared definitions of the independent checker: violations, party roles, availability."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from geo import default_gazetteer
from models.common import DateWindow, Location
from models.meetings import (
    MeetingCase,
    MeetingKind,
    MeetingsProblem,
    PartyDetails,
    Pattern,
    PlannedMeeting,
    Session,
)

WEEKDAY_KEYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


@dataclass(frozen=True)
class Violation:
    """One broken rule: its id, the meeting (or case) at fault, and what is wrong."""

    rule: str
    meeting: str
    text: str

    def __str__(self) -> str:
        return f"{self.rule} {self.meeting}: {self.text}"


def point(location: Location) -> tuple[float, float]:
    """(lat, lon) of a location, resolving an outcode with the gazetteer."""
    return default_gazetteer().resolve(location).point()


def roles_of(kind: MeetingKind) -> tuple[str, ...]:
    """The parties who attend a meeting of this kind."""
    return {
        MeetingKind.PREP_VICTIM: ("victim",),
        MeetingKind.PREP_HARMER: ("harmer",),
    }.get(kind, ("victim", "harmer"))


def expected_ids(case: MeetingCase) -> dict[str, MeetingKind]:
    """The meetings a case must have, planned or listed as unplaced."""
    found = {f"{case.id}/prep-victim": MeetingKind.PREP_VICTIM}
    found[f"{case.id}/prep-harmer"] = MeetingKind.PREP_HARMER
    if case.meeting != "indirect":
        kind = MeetingKind(case.meeting)
        found[f"{case.id}/{kind.value}"] = kind
    return found


def party(case: MeetingCase, role: str) -> PartyDetails:
    """The victim or the harmer of a case."""
    return case.victim if role == "victim" else case.harmer


def attendees(case: MeetingCase, kind: MeetingKind) -> int:
    """Two facilitators, the parties with their supporters, and a panel's members."""
    people = 2 + sum(1 + party(case, r).supporters for r in roles_of(kind))
    return people + (case.panel_members if kind is MeetingKind.PANEL else 0)


def free(patterns: frozenset[Pattern], absences: list[DateWindow], m: PlannedMeeting) -> bool:
    """The weekly pattern covers the meeting's session and no absence covers its date."""
    if m.date.weekday() >= 5:
        ok = Pattern.WEEKEND in patterns
    elif m.session is Session.EVENING:
        ok = Pattern.WEEKDAY_EVENING in patterns
    else:
        ok = Pattern.WEEKDAY_DAYTIME in patterns
    return ok and not any(w.start <= m.date <= w.end for w in absences)


def working_days_between(first: dt.date, last: dt.date) -> int:
    """Mon-Fri days strictly after `first` and strictly before `last`."""
    days = (first + dt.timedelta(days=n) for n in range(1, (last - first).days))
    return sum(1 for d in days if d.weekday() < 5)


def place_point(problem: MeetingsProblem, m: PlannedMeeting) -> tuple[float, float]:
    """Where a meeting is, from the problem's own data (the schedule's coordinates are not
    trusted); an unknown place falls back to the schedule's coordinates."""
    case = next((c for c in problem.cases if c.id == m.case), None)
    if m.place.kind == "home" and case is not None:
        return point(party(case, m.place.id.removesuffix("-home")).home)
    if m.place.kind == "venue":
        venue = next((v for v in problem.venues if v.id == m.place.id), None)
        if venue is not None:
            return point(venue.location)
    prison = next((p for p in problem.prisons if p.name == m.place.id), None)
    if m.place.kind == "prison" and prison is not None:
        return point(prison.location)
    return (m.place.lat, m.place.lon)
