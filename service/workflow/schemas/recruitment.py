"""The recruitment pipeline: recruits, their stages, and the funnel."""

from __future__ import annotations

import datetime as dt

from pydantic import ConfigDict, Field

from models.volunteers import Stage
from rules.recruitment import FunnelRow
from service.workflow.schemas.base import (
    Day,
    EntityId,
    Line,
    Line200,
    Name,
    Outcode,
    Schema,
    UtcDateTime,
)


class RecruitIn(Schema):
    """A new applicant. `name` and `home_outcode` are personal information (PROTECT)."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": "A-2026-014",
                    "name": "Sam Applicant",
                    "home_outcode": "CO1",
                    "district": "Colchester",
                    "applied_on": "2026-09-14",
                }
            ]
        }
    )

    id: EntityId
    name: Line200 = ""
    home_outcode: Outcode | None = None
    district: Name | None = None
    applied_on: Day = Field(description="not in the future")


class NewFacilitatorIn(Schema):
    """The facilitator record a recruit becomes when first active."""

    id: EntityId
    weekly_hours: float = Field(ge=0, le=80)
    max_cases: int = Field(ge=0, le=50)
    experienced: bool = False
    max_travel_km: float | None = Field(default=None, ge=0, le=1000)


class StageIn(Schema):
    """The next stage reached, on a day. Becoming active the first time creates the facilitator
    record (`facilitator`): trained on the `trained` day, force-vetted on the `vetted` day."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"stage": "interviewed", "on": "2026-09-30"},
                {
                    "stage": "active",
                    "on": "2027-01-11",
                    "facilitator": {"id": "F-120", "weekly_hours": 6, "max_cases": 2},
                },
            ]
        }
    )

    stage: Stage
    on: Day = Field(description="not in the future, nor before the stage before")
    note: Line | None = Field(default=None, max_length=200, description="PERSONAL")
    facilitator: NewFacilitatorIn | None = None


class StageOut(Schema):
    stage: Stage
    reached_on: dt.date
    note: str | None
    recorded_by: str
    recorded_at: UtcDateTime


class RecruitOut(Schema):
    id: str
    name: str
    home_outcode: str | None
    district: str | None
    stage: Stage
    facilitator_id: str | None
    stages: list[StageOut]
    next_stages: list[Stage] = Field(
        default_factory=list, description="the stages they may reach next, in pipeline order"
    )


class RecruitLine(Schema):
    """A recruit in the pipeline without their personal details: where they are and since."""

    id: str
    district: str | None
    stage: Stage
    since: dt.date = Field(description="the day they reached their stage")
    facilitator_id: str | None


class FunnelOut(Schema):
    """The funnel of those who reached `cohort` between `from_day` and `to_day`, on `as_of`."""

    cohort: Stage
    from_day: dt.date
    to_day: dt.date
    as_of: dt.date
    district: str | None
    recruits: int
    rows: list[FunnelRow]
