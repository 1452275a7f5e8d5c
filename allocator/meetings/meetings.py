"""The meetings a case needs and the places each may happen: the planner's vocabulary.

A case gets a preparation visit to each party, then its restorative meeting: a conference or
a community justice panel at a neutral venue, or at the prison when a party is in custody.
Indirect contact has no venue meeting, so only its preparation visits are planned.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from geo import default_gazetteer
from models.common import Location
from models.meetings import (
    Access,
    MeetingCase,
    MeetingKind,
    MeetingPrison,
    MeetingsProblem,
    MeetingVenue,
    PartyDetails,
    Room,
)

Role = Literal["victim", "harmer"]
Point = tuple[float, float]


@dataclass(frozen=True)
class Meeting:
    """One meeting to place: who comes and how many people."""

    id: str
    case: MeetingCase
    kind: MeetingKind
    roles: tuple[Role, ...]

    @property
    def facilitators(self) -> tuple[str, str]:
        return (self.case.facilitators[0], self.case.facilitators[1])

    def party(self, role: Role) -> PartyDetails:
        return self.case.victim if role == "victim" else self.case.harmer

    @property
    def attendees(self) -> int:
        """Everyone present: two facilitators, the parties, their supporters, panel members."""
        people = 2 + sum(1 + self.party(r).supporters for r in self.roles)
        return people + (self.case.panel_members if self.kind is MeetingKind.PANEL else 0)

    @property
    def access(self) -> frozenset[Access]:
        """Access needs of every party who attends."""
        return frozenset().union(*(self.party(r).access for r in self.roles))

    @property
    def visitor_access(self) -> frozenset[Access]:
        """Access needs of the attending parties who are not held in a prison."""
        needs = (self.party(r).access for r in self.roles if not self.party(r).prison)
        return frozenset().union(*needs)

    @property
    def is_restorative(self) -> bool:
        return self.kind in (MeetingKind.CONFERENCE, MeetingKind.PANEL)

    @property
    def prison(self) -> str | None:
        """The prison this meeting happens in, when an attending party is in custody."""
        return next((p.prison for p in map(self.party, self.roles) if p.prison), None)


@dataclass(frozen=True)
class PlaceOption:
    """A place a meeting could use: a party's home, one room of a venue, or a prison."""

    kind: Literal["home", "venue", "prison"]
    id: str
    point: Point
    room: Room | None = None
    venue: MeetingVenue | None = None
    prison: MeetingPrison | None = None

    @property
    def venue_features(self) -> frozenset[Access]:
        return self.venue.features if self.venue else frozenset()

    @property
    def key(self) -> str:
        """Identifies the bookable resource: a venue room, a prison, or a home."""
        return f"{self.id}/{self.room.id}" if self.room else self.id


def prison_visitors(meeting: Meeting) -> int:
    """Visitors a meeting brings into a prison: everyone but the parties held there."""
    return meeting.attendees - sum(1 for r in meeting.roles if meeting.party(r).prison)


def point_of(location: Location, source: str = "location") -> Point:
    """(lat, lon) of a location, resolving an outcode with the embedded gazetteer."""
    return default_gazetteer().resolve(location, source).point()


def meetings_of(case: MeetingCase) -> list[Meeting]:
    """The meetings a case needs, preparation visits first."""
    found = [
        Meeting(f"{case.id}/prep-victim", case, MeetingKind.PREP_VICTIM, ("victim",)),
        Meeting(f"{case.id}/prep-harmer", case, MeetingKind.PREP_HARMER, ("harmer",)),
    ]
    if case.meeting != "indirect":
        kind = MeetingKind.CONFERENCE if case.meeting == "conference" else MeetingKind.PANEL
        found.append(Meeting(f"{case.id}/{kind.value}", case, kind, ("victim", "harmer")))
    return found


def all_meetings(problem: MeetingsProblem) -> list[Meeting]:
    """Every meeting of every case, in case order."""
    return [m for case in problem.cases for m in meetings_of(case)]


def venue_rooms(problem: MeetingsProblem) -> list[PlaceOption]:
    """One option per room of every venue."""
    return [
        PlaceOption("venue", v.id, point_of(v.location, f"venues/{v.id}"), room=r, venue=v)
        for v in problem.venues
        for r in v.rooms
    ]


def prison_place(problem: MeetingsProblem, name: str) -> PlaceOption:
    """The place option of a prison named in the problem."""
    prison = next(p for p in problem.prisons if p.name == name)
    return PlaceOption("prison", name, point_of(prison.location, name), prison=prison)


def home_place(meeting: Meeting, role: Role) -> PlaceOption:
    """A party's home (identified by role only, never by address)."""
    point = point_of(meeting.party(role).home, f"cases/{meeting.case.id}/{role}/home")
    return PlaceOption("home", f"{role}-home", point)
