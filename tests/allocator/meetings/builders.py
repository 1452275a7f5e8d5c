"""Builders for small meetings problems: one pair, one case, one venue, one prison by default.

2026-11-23 is a Monday; the planner's first day is Tuesday 24 November. Everyone lives near
Chelmsford unless a test says otherwise.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from allocator.meetings.calendar import horizon_slots
from allocator.meetings.candidates import Candidate
from allocator.meetings.rules import Context
from allocator.meetings.solve import meeting_options
from models.meetings import MeetingsProblem

AS_OF = dt.date(2026, 11, 23)
WEEKDAYS_DAYTIME = {d: ["morning", "afternoon"] for d in ("mon", "tue", "wed", "thu", "fri")}


def a_facilitator(fid: str, **over: Any) -> dict[str, Any]:
    doc = {"id": fid, "home": {"lat": 51.74, "lon": 0.47}, "skills": ["mediation", "prison"]}
    return doc | over


def a_party(**over: Any) -> dict[str, Any]:
    return {"home": {"lat": 51.73, "lon": 0.48}, "availability": ["weekday_daytime"]} | over


def a_case(cid: str = "C1", pair: tuple[str, str] = ("F1", "F2"), **over: Any) -> dict[str, Any]:
    doc = {"id": cid, "facilitators": list(pair), "victim": a_party(), "harmer": a_party()}
    return doc | over


def a_venue(vid: str = "V1", **over: Any) -> dict[str, Any]:
    doc = {
        "id": vid,
        "name": f"EXAMPLE hall {vid}",
        "location": {"lat": 51.7356, "lon": 0.4685},
        "rooms": [{"id": "R1", "capacity": 10, "cost": 20}],
        "features": ["step_free"],
        "opening": WEEKDAYS_DAYTIME,
    }
    return doc | over


def a_prison(name: str = "HMP Example", **over: Any) -> dict[str, Any]:
    doc = {
        "name": name,
        "location": {"lat": 51.7362, "lon": 0.489},
        "sessions": {"tue": ["morning"], "thu": ["morning", "afternoon"]},
        "visitors_per_session": 4,
        "lead_time_working_days": 5,
    }
    return doc | over


def a_problem(**over: Any) -> MeetingsProblem:
    """A valid problem; keyword arguments replace whole top-level fields."""
    doc: dict[str, Any] = {
        "format": "rjplan.meetings-problem/1",
        "as_of": AS_OF.isoformat(),
        "horizon_weeks": 2,
        "facilitators": [a_facilitator("F1"), a_facilitator("F2"), a_facilitator("F3")],
        "cases": [a_case()],
        "venues": [a_venue()],
        "prisons": [a_prison()],
    }
    return MeetingsProblem.model_validate(doc | over)


def candidates_of(problem: MeetingsProblem, meeting_id: str) -> list[Candidate]:
    """The pre-filtered options of one meeting."""
    options = {o.meeting.id: o for o in meeting_options(Context.of(problem))}
    return options[meeting_id].candidates


def slots(problem: MeetingsProblem) -> list[Any]:
    return horizon_slots(problem)
