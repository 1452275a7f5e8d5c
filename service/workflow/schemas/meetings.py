"""Bodies of meetings planning: a plan for the committed pairs, its bookings and its commit."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import ConfigDict, Field

from models.meetings import MeetingSchedule
from service.workflow.schemas.base import Schema, UtcDateTime

_SCHEDULE: dict[str, Any] = {
    "format": "rjplan.meetings/1",
    "status": "feasible",
    "as_of": "2026-11-23",
    "meetings": [
        {
            "id": "R-0001/prep-victim",
            "case": "R-0001",
            "kind": "prep_victim",
            "date": "2026-11-24",
            "session": "morning",
            "start": "2026-11-24T09:30:00Z",
            "end": "2026-11-24T12:00:00Z",
            "place": {"kind": "home", "id": "victim-home", "room": None, "lat": 51.73, "lon": 0.47},
            "facilitators": ["F-01", "F-07"],
            "attendees": 3,
        }
    ],
    "unplaced": [
        {
            "id": "R-0002/prep-harmer",
            "case": "R-0002",
            "kind": "prep_harmer",
            "reasons": [
                {
                    "rule": "M6",
                    "text": "no professional-visit session of HMP/YOI Chelmsford after the "
                    "15-working-day lead time (earliest 2026-12-15) falls inside the horizon",
                }
            ],
        }
    ],
    "metrics": {
        "placed": 1,
        "unplaced": 1,
        "mean_wait_days": 1.0,
        "victim_travel_minutes": 0,
        "harmer_travel_minutes": 0,
        "facilitator_travel_minutes": 24,
        "prison_trips": 0,
        "room_cost": 0.0,
        "objective": 1000124.0,
        "bound": 1000100.0,
        "gap": 0.0,
        "solve_seconds": 0.8,
        "num_workers": 2,
    },
}

PlanStatus = Literal["proposed", "committed"]


class MeetingPlanOut(Schema):
    """A meetings plan: every meeting placed, or listed as unplaced with the rule and why."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": "0b7e5a1c-0000-4000-8000-000000000002",
                    "status": "proposed",
                    "as_of": "2026-11-23",
                    "created_at": "2026-11-23T09:10:00Z",
                    "created_by": "coordinator",
                    "committed_at": None,
                    "committed_by": None,
                    "schedule": _SCHEDULE,
                }
            ]
        }
    )

    id: str
    status: PlanStatus
    as_of: dt.date
    created_at: UtcDateTime
    created_by: str
    committed_at: UtcDateTime | None
    committed_by: str | None
    schedule: MeetingSchedule = Field(description="format rjplan.meetings/1")
    party_locations: dict[str, dict[str, Literal["party", "case"]]] = Field(
        default_factory=dict,
        description="case -> victim/harmer -> where the planner placed them from: `party`, their "
        "own address in the case file; `case`, the case's location (no party with a postcode "
        "the gazetteer knows recorded yet). Empty for plans made before this was kept.",
    )


class MeetingPlanSummary(Schema):
    """One line per plan: who made it, when, and how much it placed."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": "0b7e5a1c-0000-4000-8000-000000000002",
                    "status": "committed",
                    "as_of": "2026-11-23",
                    "created_at": "2026-11-23T09:10:00Z",
                    "created_by": "coordinator",
                    "committed_at": "2026-11-23T09:15:00Z",
                    "placed": 41,
                    "unplaced": 2,
                }
            ]
        }
    )

    id: str
    status: PlanStatus
    as_of: dt.date
    created_at: UtcDateTime
    created_by: str
    committed_at: UtcDateTime | None
    placed: int
    unplaced: int


class BookingRowOut(Schema):
    """One room (venue) or visit session (prison) to book; prison rows sum every visit."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "place": "HMP/YOI Chelmsford",
                    "date": "2026-12-15",
                    "session": "morning",
                    "start": "09:30",
                    "end": "12:00",
                    "room": "",
                    "people": 4,
                    "meetings": "R-0002/prep-harmer R-0005/prep-harmer",
                    "facilitators": "F-01 F-03 F-07 F-09",
                }
            ]
        }
    )

    place: str = Field(description="venue id or prison name")
    date: str
    session: str
    start: str = Field(description="local time HH:MM, Europe/London")
    end: str
    room: str = Field(description="the venue's room id; empty for a prison")
    people: int = Field(description="visitors or people in the room")
    meetings: str = Field(description="meeting ids, space separated")
    facilitators: str = Field(description="facilitator ids, space separated")


class MeetingCommitOut(Schema):
    """A committed plan; repeated unchanged for a retry with the same Idempotency-Key."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "plan": "0b7e5a1c-0000-4000-8000-000000000002",
                    "committed_at": "2026-11-23T09:15:00Z",
                    "committed_by": "coordinator",
                    "placed": 41,
                    "unplaced": 2,
                }
            ]
        }
    )

    plan: str
    committed_at: UtcDateTime
    committed_by: str
    placed: int
    unplaced: int


CALENDAR_EXAMPLE = (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//rjplan//meetings planner//EN\r\n"
    "X-WR-CALNAME:rjplan F-01\r\nBEGIN:VEVENT\r\nSUMMARY:Preparation visit (victim) - case "
    "R-0001\r\nDTSTART;TZID=Europe/London:20261124T093000\r\n"
    "DTEND;TZID=Europe/London:20261124T120000\r\nDTSTAMP:20261123T091500Z\r\n"
    "UID:R-0001/prep-victim@rjplan\r\n"
    "LOCATION:The victim's home (address in the case file)\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
)


class MeetingCell(Schema):
    """One meeting as a week's timetable shows it: no person's name or address."""

    id: str
    case: str
    title: str = Field(description="what kind of meeting, in words")
    date: dt.date
    session: str
    start: str = Field(description="local time HH:MM, Europe/London")
    end: str
    place: str = Field(description="where, in words (a home visit: whose, never the address)")
    facilitators: list[str]


class MeetingLane(Schema):
    """One place or one facilitator: its meetings on each day of the week, and the name of
    its calendar file for the whole plan."""

    name: str
    calendar: str | None = Field(
        description="file name of this lane's .ics for the whole plan; none for home visits"
    )
    days: list[list[MeetingCell]] = Field(description="one list per day of the week's `days`")


class UnplacedCell(Schema):
    id: str
    case: str
    title: str
    reasons: list[str] = Field(description="the rule id and why, one sentence each")


class MeetingWeekOut(Schema):
    """A plan's week: the meetings by place and by facilitator, with the weeks around it."""

    plan: MeetingPlanSummary
    week: dt.date = Field(description="the Monday")
    days: list[dt.date] = Field(description="Monday to Friday, and a weekend day with meetings")
    weeks: list[dt.date] = Field(description="the Mondays of the weeks that have meetings")
    by_place: list[MeetingLane]
    by_facilitator: list[MeetingLane]
    unplaced: list[UnplacedCell]
