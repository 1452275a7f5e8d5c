"""A volunteer's record: training, checks, supervision, leaving, and the record read back."""

from __future__ import annotations

import datetime as dt

from pydantic import ConfigDict, Field, ValidationInfo, field_validator

from models import Skill
from models.volunteers import CheckKind, Course, Level, SupervisionKind
from rules.volunteering import VolunteerPolicy
from service.workflow.schemas.base import Day, Line, Schema, UtcDateTime
from service.workflow.schemas.facilitators import WindowIn


class TrainingIn(Schema):
    """A course completed; skills follow from it by the volunteer policy."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "course": "dv_sv",
                    "level": "intermediate",
                    "completed_on": "2026-10-14",
                    "provider": "Restorative Solutions",
                    "hours": 12,
                }
            ]
        }
    )

    course: Course
    level: Level = Level.FOUNDATION
    completed_on: Day = Field(description="not in the future")
    provider: Line = Field(default="", max_length=200)
    hours: float = Field(default=0.0, ge=0, le=200, description="CPD hours it counts for")


class TrainingOut(Schema):
    id: int
    course: Course
    level: Level
    completed_on: dt.date | None = Field(description="null: declared undated at registration")
    provider: str
    hours: float
    recorded_by: str
    recorded_at: UtcDateTime


class CheckIn(Schema):
    """A security check granted: force vetting, national security vetting (nsv) or prison
    clearance. Without `expires_on` it lapses after the policy's period (12 months, 5 years,
    12 months by default)."""

    model_config = ConfigDict(
        json_schema_extra={"examples": [{"kind": "force", "granted_on": "2026-11-02"}]}
    )

    kind: CheckKind
    granted_on: Day = Field(description="not in the future")
    expires_on: Day | None = None

    @field_validator("expires_on")
    @classmethod
    def _after_grant(cls, value: dt.date | None, info: ValidationInfo) -> dt.date | None:
        granted = info.data.get("granted_on")
        if value is not None and granted is not None and value <= granted:
            raise ValueError(f"the expiry must come after granted_on ({granted})")
        return value


class CheckOut(Schema):
    id: int
    kind: CheckKind
    granted_on: dt.date | None
    expires_on: dt.date | None = Field(description="as recorded")
    lapses_on: dt.date | None = Field(description="when it lapses (the policy's period if none)")
    recorded_by: str
    recorded_at: UtcDateTime


class SupervisionIn(Schema):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"held_on": "2026-11-20", "kind": "individual", "supervisor": "coord"}]
        }
    )

    held_on: Day = Field(description="not in the future")
    kind: SupervisionKind
    supervisor: Line = Field(min_length=1, max_length=100, description="who supervised")


class SupervisionOut(SupervisionIn):
    id: int
    recorded_by: str
    recorded_at: UtcDateTime


class LeaveIn(Schema):
    """A volunteer leaves: no new cases from that day (their current ones are re-planned)."""

    left_on: Day = Field(description="not in the future")
    reason: Line = Field(min_length=1, max_length=200, description="PERSONAL")


class SkillHeld(Schema):
    skill: Skill
    since: dt.date | None = Field(description="the day the course or clearance granted it")


class CpdOut(Schema):
    year_from: dt.date
    year_to: dt.date
    level: Level
    required_hours: float
    done_hours: float
    short_hours: float


class SupervisionStatus(Schema):
    last: dt.date | None
    due: dt.date | None
    overdue: bool
    history: list[SupervisionOut]


class VolunteerRecordOut(Schema):
    """Everything the service keeps about one volunteer's volunteering, on a day."""

    facilitator: str
    as_of: dt.date
    active: bool
    started_on: dt.date | None
    commitment_until: dt.date | None = Field(description="the 12-month commitment's end")
    left_on: dt.date | None
    left_reason: str | None
    level: Level
    skills: list[SkillHeld]
    training: list[TrainingOut]
    force_vetting_expires: dt.date = Field(description="as the allocator reads it (H2)")
    checks: list[CheckOut]
    supervision: SupervisionStatus
    cpd: CpdOut
    weekly_hours: float
    unavailable: list[WindowIn]


class PolicyOut(Schema):
    """The volunteer policy in force, and who set it (null: the shipped defaults)."""

    policy: VolunteerPolicy
    set_by: str | None
    set_at: UtcDateTime | None
