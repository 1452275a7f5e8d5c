"""Checker: the place of one meeting (home, venue room or prison) against the problem."""

from __future__ import annotations

from allocator.meetings.check_base import (
    WEEKDAY_KEYS,
    Violation,
    attendees,
    party,
    point,
    roles_of,
    working_days_between,
)
from geo import haversine_km
from models.common import Skill
from models.meetings import (
    MeetingCase,
    MeetingPrison,
    MeetingsProblem,
    MeetingVenue,
    PlannedMeeting,
)

RESTORATIVE = ("conference", "panel")


def place_violations(
    problem: MeetingsProblem, case: MeetingCase, m: PlannedMeeting
) -> list[Violation]:
    """M6-M10 for one meeting, by the kind of place it uses."""
    custody = {p for r in roles_of(m.kind) if (p := party(case, r).prison) is not None}
    if custody and (m.place.kind != "prison" or m.place.id not in custody):
        return [Violation("M6", m.id, f"a party is in {sorted(custody)[0]}; meet there")]
    if m.place.kind == "home":
        return _home(case, m)
    if m.place.kind == "venue":
        venue = next((v for v in problem.venues if v.id == m.place.id), None)
        if venue is None:
            return [Violation("M7", m.id, f"unknown venue {m.place.id}")]
        return _venue(case, m, venue)
    prison = next((p for p in problem.prisons if p.name == m.place.id), None)
    if prison is None or not custody:
        return [Violation("M6", m.id, f"{m.place.id} is not the prison of an attending party")]
    return _prison(problem, case, m, prison)


def _home(case: MeetingCase, m: PlannedMeeting) -> list[Violation]:
    if m.kind.value in RESTORATIVE:
        return [Violation("M10", m.id, "a conference or panel is never at a party's home")]
    role = roles_of(m.kind)[0]
    person = party(case, role)
    if m.place.id != f"{role}-home" or person.prep_at != "home":
        return [Violation("M10", m.id, f"a home visit must be at the {role}'s home, when asked")]
    if haversine_km(point(person.home), (m.place.lat, m.place.lon)) > 0.05:
        return [Violation("M10", m.id, "the home's coordinates are not the party's home")]
    return []


def _venue(case: MeetingCase, m: PlannedMeeting, venue: MeetingVenue) -> list[Violation]:
    found = []
    room = next((r for r in venue.rooms if r.id == m.place.room), None)
    if room is None:
        return [Violation("M2", m.id, f"venue {venue.id} has no room {m.place.room}")]
    weekday = WEEKDAY_KEYS[m.date.weekday()]
    if m.session not in venue.opening.get(weekday, []):  # type: ignore[call-overload]
        found.append(Violation("M7", m.id, f"{venue.id} is not open {weekday} {m.session}"))
    if any(w.start <= m.date <= w.end for w in venue.blackout):
        found.append(Violation("M7", m.id, f"{venue.id} is blacked out on {m.date}"))
    if any(
        b.room == room.id and b.date == m.date and b.session is m.session for b in venue.bookings
    ):
        found.append(Violation("M2", m.id, f"{venue.id}/{room.id} is already booked then"))
    if room.capacity < attendees(case, m.kind):
        found.append(
            Violation("M8", m.id, f"room holds {room.capacity}, {attendees(case, m.kind)} come")
        )
    needs = frozenset().union(*(party(case, r).access for r in roles_of(m.kind)))
    if not needs <= venue.features:
        found.append(Violation("M8", m.id, f"{venue.id} lacks {sorted(needs - venue.features)}"))
    if case.risk == "high" and not venue.high_risk_suitable:
        found.append(Violation("M9", m.id, f"{venue.id} is not suitable for a high-risk case"))
    if m.kind.value in RESTORATIVE:
        if not venue.is_neutral_for(roles_of(m.kind), case.area):
            found.append(Violation("M10", m.id, f"{venue.id} is not neutral for this case"))
        here = point(venue.location)
        for role in ("victim", "harmer"):
            if haversine_km(here, point(party(case, role).home)) <= 0.1:
                found.append(Violation("M10", m.id, f"{venue.id} is at the {role}'s home"))
    return found


def _prison(
    problem: MeetingsProblem, case: MeetingCase, m: PlannedMeeting, prison: MeetingPrison
) -> list[Violation]:
    found = []
    cleared = {f.id for f in problem.facilitators if Skill.PRISON in f.skills}
    if not set(m.facilitators) <= cleared:
        found.append(Violation("M6", m.id, "both facilitators must be prison-cleared"))
    weekday = WEEKDAY_KEYS[m.date.weekday()]
    if m.session not in prison.sessions.get(weekday, []):  # type: ignore[call-overload]
        found.append(Violation("M6", m.id, f"no visit session {weekday} {m.session}"))
    if working_days_between(problem.as_of, m.date) < prison.lead_time_working_days:
        found.append(
            Violation(
                "M6", m.id, f"inside the {prison.lead_time_working_days}-working-day lead time"
            )
        )
    if any(w.start <= m.date <= w.end for w in prison.closed):
        found.append(Violation("M6", m.id, f"{prison.name} is closed on {m.date}"))
    needs = frozenset().union(
        *(party(case, r).access for r in roles_of(m.kind) if not party(case, r).prison)
    )
    if not needs <= prison.features:
        found.append(
            Violation("M8", m.id, f"{prison.name} lacks {sorted(needs - prison.features)}")
        )
    return found
