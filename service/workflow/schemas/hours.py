"""Hours a volunteer logs and the expenses they claim."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import TypeVar

from pydantic import ConfigDict, Field, ValidationInfo, field_validator

from service.workflow.schemas.base import Day, EntityId, Line, Schema, UtcDateTime


class Activity(StrEnum):
    CASE = "case"
    TRAVEL = "travel"
    TRAINING = "training"
    SUPERVISION = "supervision"
    ADMIN = "admin"
    OTHER = "other"


class HoursIn(Schema):
    """Hours worked on one day; on a case they have been on, for `case` and `travel`."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"worked_on": "2026-11-20", "hours": 2.5, "activity": "case", "case": "C1"}
            ]
        }
    )

    worked_on: Day = Field(description="not in the future")
    hours: float = Field(gt=0, le=24)
    activity: Activity
    case: EntityId | None = Field(default=None, validate_default=True)

    @field_validator("case")
    @classmethod
    def _case_work_names_the_case(cls, value: str | None, info: ValidationInfo) -> str | None:
        if info.data.get("activity") is Activity.CASE and value is None:
            raise ValueError("case work names its case: give `case`")
        return value


class HoursOut(Schema):
    id: int
    facilitator: str
    worked_on: dt.date
    hours: float
    activity: Activity
    case: str | None


class Total(Schema):
    key: str = Field(description="a week's Monday, a case id or an activity")
    hours: float


class HoursSummary(Schema):
    """A volunteer's hours between two days: in all, by week (from Monday), by case and by
    activity, with each entry."""

    facilitator: str
    from_day: dt.date
    to_day: dt.date
    total: float
    by_week: list[Total]
    by_case: list[Total]
    by_activity: list[Total]
    entries: list[HoursOut]


class ExpenseKind(StrEnum):
    MILEAGE = "mileage"
    OTHER = "other"


class ExpenseStatus(StrEnum):
    SUBMITTED = "submitted"
    APPROVED = "approved"
    REJECTED = "rejected"
    PAID = "paid"


class ExpenseIn(Schema):
    """A claim: `miles` for mileage (paid at the policy's rate per mile when submitted), or
    `amount_pence` for any other cost (a bus fare, parking...)."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"incurred_on": "2026-11-20", "kind": "mileage", "miles": 23.4, "case": "C1"},
                {
                    "incurred_on": "2026-11-20",
                    "kind": "other",
                    "amount_pence": 450,
                    "description": "parking at the conference venue",
                },
            ]
        }
    )

    incurred_on: Day = Field(description="not in the future")
    kind: ExpenseKind
    miles: float | None = Field(default=None, gt=0, le=2000, validate_default=True)
    amount_pence: int | None = Field(default=None, ge=1, le=1_000_000, validate_default=True)
    description: Line = Field(default="", max_length=200, description="PERSONAL")
    case: EntityId | None = None

    @field_validator("miles")
    @classmethod
    def _miles_for_mileage(cls, value: float | None, info: ValidationInfo) -> float | None:
        return _priced_by(value, info.data.get("kind") is ExpenseKind.MILEAGE, "miles", "mileage")

    @field_validator("amount_pence")
    @classmethod
    def _pence_for_others(cls, value: int | None, info: ValidationInfo) -> int | None:
        other = info.data.get("kind") is ExpenseKind.OTHER
        return _priced_by(value, other, "amount_pence", "another cost")


_V = TypeVar("_V", int, float)


def _priced_by(value: _V | None, wanted: bool, field: str, kind: str) -> _V | None:
    if wanted and value is None:
        raise ValueError(f"{kind} is claimed by {field}: give it")
    if not wanted and value is not None:
        raise ValueError(f"leave {field} out: only {kind} is claimed by it")
    return value


class ExpenseOut(Schema):
    id: int
    facilitator: str
    case: str | None
    incurred_on: dt.date
    kind: ExpenseKind
    miles: float | None
    pence_per_mile: int | None
    amount_pence: int
    description: str
    status: ExpenseStatus
    submitted_by: str
    submitted_at: UtcDateTime
    decided_by: str | None
    decided_at: UtcDateTime | None
    paid_by: str | None
    paid_at: UtcDateTime | None


class ExpenseDecision(StrEnum):
    APPROVE = "approve"
    REJECT = "reject"
    PAY = "pay"
