"""A case's timeline: its events, and its timeliness clocks with their states."""

from __future__ import annotations

import datetime as dt

from pydantic import Field

from models.casefile import CaseEventKind
from service.workflow.schemas.base import Schema


class EventOut(Schema):
    kind: CaseEventKind
    on: dt.date
    about: str = Field(description="ids and roles only, never a name")


class ClockOut(Schema):
    id: str = Field(description="the clock's id in the timeliness standard")
    title: str
    started: dt.date
    due: dt.date
    met_on: dt.date | None
    state: str = Field(description="due, overdue, met_late or met")
    action: str = Field(description="what stops it")


class TimelineOut(Schema):
    """Everything that happened to the case, oldest first, and its clocks under the timeliness
    standard in force on the day asked."""

    case_id: str
    standard: str
    day: dt.date
    events: list[EventOut]
    clocks: list[ClockOut]
