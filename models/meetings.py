"""Formats `rjplan.meetings-problem/1` (what to plan) and `rjplan.meetings/1` (the schedule).

Time is discretised into sessions: a meeting takes one session of one day. Session clock times
are fixed (SESSION_TIMES, Europe/London); weekends have no evening session. No field holds a
person's name: cases, parties and facilitators appear by id and role only.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from enum import StrEnum
from typing import Annotated, Final, Literal, Self
from zoneinfo import ZoneInfo

from pydantic import AfterValidator, Field, PlainSerializer, model_validator

from models.common import DateWindow, Location, Model, Skill

MEETINGS_PROBLEM_FORMAT: Final = "rjplan.meetings-problem/1"
MEETINGS_FORMAT: Final = "rjplan.meetings/1"


LONDON: Final = ZoneInfo("Europe/London")
"""The zone of every meeting time: sessions are London wall-clock times, GMT or BST."""


def _wall_clock(value: dt.datetime) -> dt.datetime:
    """London wall-clock time, kept without a zone inside (the solver and the checks compare
    such times); a time given with an offset is converted to it."""
    return value.astimezone(LONDON).replace(tzinfo=None) if value.tzinfo else value


def _with_offset(value: dt.datetime) -> dt.datetime:
    return value.replace(tzinfo=LONDON)


LondonTime = Annotated[
    dt.datetime,
    AfterValidator(_wall_clock),
    PlainSerializer(_with_offset, return_type=dt.datetime, when_used="json"),
]
"""A meeting's time: London wall-clock time, written in JSON with its UTC offset (RFC 3339:
Z in GMT, +01:00 in BST), so a reader anywhere knows the instant."""


class Session(StrEnum):
    MORNING = "morning"
    AFTERNOON = "afternoon"
    EVENING = "evening"


SESSION_TIMES: Final[dict[Session, tuple[dt.time, dt.time]]] = {
    Session.MORNING: (dt.time(9, 30), dt.time(12, 0)),
    Session.AFTERNOON: (dt.time(13, 30), dt.time(16, 0)),
    Session.EVENING: (dt.time(18, 0), dt.time(20, 0)),
}


class Weekday(StrEnum):
    MON = "mon"
    TUE = "tue"
    WED = "wed"
    THU = "thu"
    FRI = "fri"
    SAT = "sat"
    SUN = "sun"


class Pattern(StrEnum):
    """A weekly availability pattern: weekday mornings+afternoons, weekday evenings, weekends."""

    WEEKDAY_DAYTIME = "weekday_daytime"
    WEEKDAY_EVENING = "weekday_evening"
    WEEKEND = "weekend"


class Access(StrEnum):
    """An access need of a participant, or a feature of a venue that meets it."""

    STEP_FREE = "step_free"
    HEARING_LOOP = "hearing_loop"
    ACCESSIBLE_TOILET = "accessible_toilet"
    QUIET_ROOM = "quiet_room"


Opening = dict[Weekday, list[Session]]


class MeetingFacilitator(Model):
    """A facilitator as the meetings planner sees them."""

    id: str = Field(min_length=1)
    home: Location
    skills: frozenset[Skill] = frozenset()
    availability: frozenset[Pattern] = Field(
        default=frozenset({Pattern.WEEKDAY_DAYTIME}), description="weekly pattern"
    )
    unavailable: list[DateWindow] = Field(default_factory=list, description="absences")


class PartyDetails(Model):
    """The victim or the harmer of a case: where they are, when they can meet, what they need."""

    home: Location
    availability: frozenset[Pattern] = frozenset({Pattern.WEEKDAY_DAYTIME})
    unavailable: list[DateWindow] = Field(default_factory=list)
    supporters: int = Field(default=0, ge=0, le=20, description="people coming with them")
    access: frozenset[Access] = Field(default=frozenset(), description="access needs")
    prep_at: Literal["home", "neutral"] = Field(
        default="home", description="where the preparation visit happens (ignored in prison)"
    )
    prison: str | None = Field(default=None, description="prison name when in custody")


class MeetingCase(Model):
    """An allocated case: its pair, its parties and the kind of restorative meeting."""

    id: str = Field(min_length=1)
    facilitators: list[str] = Field(min_length=2, max_length=2, description="the pair")
    risk: Literal["standard", "high"] = Field(
        default="standard", description="high: meets only at high-risk-suitable venues"
    )
    meeting: Literal["conference", "panel", "indirect"] = Field(
        default="conference", description="the restorative meeting; indirect has none"
    )
    panel_members: int = Field(default=0, ge=0, le=40, description="extra people at a panel")
    area: str | None = Field(
        default=None, description="the case's district, for venues neutral only for some areas"
    )
    victim: PartyDetails
    harmer: PartyDetails


class Room(Model):
    id: str = Field(min_length=1)
    capacity: int = Field(ge=1)
    cost: float = Field(default=0.0, ge=0, description="pounds per session")


class Booking(Model):
    """A room already taken on a day and session."""

    date: dt.date
    session: Session
    room: str


PARTY_ROLES: Final = frozenset({"victim", "harmer"})
"""The words of a venue's `neutral_for` that name parties; any other word names an area."""


class MeetingVenue(Model):
    """A bookable neutral venue."""

    id: str = Field(min_length=1)
    name: str
    location: Location
    rooms: list[Room] = Field(default_factory=list)
    features: frozenset[Access] = Field(default=frozenset(), description="access it offers")
    high_risk_suitable: bool = False
    opening: Opening = Field(default_factory=dict, description="weekday -> open sessions")
    blackout: list[DateWindow] = Field(default_factory=list, description="closed dates")
    bookings: list[Booking] = Field(default_factory=list, description="rooms already taken")
    neutral_for: frozenset[str] = Field(
        default=frozenset(),
        description="the parties (victim, harmer) and areas (districts) it is neutral ground "
        "for; empty: any. Parties and areas listed narrow it separately",
    )

    def is_neutral_for(self, roles: Iterable[str], area: str | None) -> bool:
        """Whether a restorative meeting of these parties in this area may be held here (M10):
        when the register names parties, every party coming must be among them; when it names
        areas, the case's area must be one of them (a case with no area is not)."""
        named = {n.casefold() for n in self.neutral_for}
        parties, areas = named & PARTY_ROLES, named - PARTY_ROLES
        if parties and not {r.casefold() for r in roles} <= parties:
            return False
        return not areas or (area is not None and area.casefold() in areas)


class MeetingPrison(Model):
    """A prison's professional-visit arrangements."""

    name: str = Field(min_length=1)
    location: Location
    sessions: Opening = Field(
        default_factory=dict, description="weekday -> professional-visit sessions"
    )
    visitors_per_session: int = Field(
        default=4, ge=0, description="visitors (facilitators included) one session takes"
    )
    lead_time_working_days: int = Field(
        default=10, ge=0, description="full Mon-Fri days between the planning day and a visit"
    )
    features: frozenset[Access] = frozenset({Access.STEP_FREE})
    closed: list[DateWindow] = Field(default_factory=list)


class MeetingsProblem(Model):
    """Everything the meetings planner needs for one planning run."""

    format: Literal["rjplan.meetings-problem/1"] = MEETINGS_PROBLEM_FORMAT
    as_of: dt.date = Field(description="planning day; meetings start the day after")
    horizon_weeks: int = Field(default=6, ge=1, le=26)
    max_meetings_per_day: int = Field(default=2, ge=1, le=3)
    prep_days_before: int = Field(
        default=1, ge=0, description="a preparation visit is at least this many days before"
    )
    facilitators: list[MeetingFacilitator] = Field(default_factory=list)
    cases: list[MeetingCase] = Field(default_factory=list)
    venues: list[MeetingVenue] = Field(default_factory=list)
    prisons: list[MeetingPrison] = Field(default_factory=list)

    @model_validator(mode="after")
    def _references_are_consistent(self) -> Self:
        for what, ids in (
            ("facilitators", [f.id for f in self.facilitators]),
            ("cases", [c.id for c in self.cases]),
            ("venues", [v.id for v in self.venues]),
            ("prisons", [p.name for p in self.prisons]),
        ):
            repeated = [i for i, n in Counter(ids).items() if n > 1]
            if repeated:
                raise ValueError(f"{what}: id {repeated[0]!r} is used twice; make ids unique")
        known, prisons = {f.id for f in self.facilitators}, {p.name for p in self.prisons}
        for i, case in enumerate(self.cases):
            for fid in case.facilitators:
                if fid not in known:
                    raise ValueError(f"cases/{i}/facilitators: unknown facilitator {fid!r}")
            if case.facilitators[0] == case.facilitators[1]:
                raise ValueError(f"cases/{i}/facilitators: a pair needs two different people")
            for role in ("victim", "harmer"):
                prison = getattr(case, role).prison
                if prison is not None and prison not in prisons:
                    raise ValueError(f"cases/{i}/{role}/prison: {prison!r} is not in prisons")
        return self

    @property
    def first_day(self) -> dt.date:
        return self.as_of + dt.timedelta(days=1)

    @property
    def last_day(self) -> dt.date:
        return self.as_of + dt.timedelta(days=7 * self.horizon_weeks)


class MeetingKind(StrEnum):
    PREP_VICTIM = "prep_victim"
    PREP_HARMER = "prep_harmer"
    CONFERENCE = "conference"
    PANEL = "panel"


class Place(Model):
    """Where a meeting happens: a party's home (never named), a venue room or a prison."""

    kind: Literal["home", "venue", "prison"]
    id: str = Field(description="venue id, prison name, or 'victim-home'/'harmer-home'")
    room: str | None = None
    lat: float
    lon: float


class PlannedMeeting(Model):
    id: str
    case: str
    kind: MeetingKind
    date: dt.date
    session: Session
    start: LondonTime = Field(description="Europe/London time with its UTC offset")
    end: LondonTime
    place: Place
    facilitators: list[str] = Field(min_length=2, max_length=2)
    attendees: int = Field(ge=2, description="people present, facilitators included")


class UnplacedReason(Model):
    rule: str = Field(description="the hard rule (M1..M11) or 'solver' / 'depends'")
    text: str


class UnplacedMeeting(Model):
    id: str
    case: str
    kind: MeetingKind
    reasons: list[UnplacedReason] = Field(min_length=1)


class ScheduleMetrics(Model):
    """Totals of the plan; travel in whole minutes by road; objective and bound in points."""

    placed: int
    unplaced: int
    mean_wait_days: float = Field(description="mean days from the first day to a meeting")
    victim_travel_minutes: int
    harmer_travel_minutes: int
    facilitator_travel_minutes: int
    prison_trips: int = Field(description="prison-days with at least one visit")
    room_cost: float = Field(description="pounds")
    objective: float | None = None
    bound: float | None = None
    gap: float | None = Field(default=None, description="(objective - bound) / objective")
    solve_seconds: float = 0.0
    num_workers: int = 0


class MeetingSchedule(Model):
    """The planner's answer: every meeting placed, or named as unplaced with reasons."""

    format: Literal["rjplan.meetings/1"] = MEETINGS_FORMAT
    status: Literal["optimal", "feasible", "no_solution"]
    as_of: dt.date
    meetings: list[PlannedMeeting] = Field(default_factory=list)
    unplaced: list[UnplacedMeeting] = Field(default_factory=list)
    metrics: ScheduleMetrics
