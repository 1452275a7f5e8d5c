"""Bodies that change a case: close it, change the work left or its priority, review a pair."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any

from pydantic import ConfigDict, Field, field_validator, model_validator
from pydantic.json_schema import WithJsonSchema

from service.workflow.schemas.base import Day, Schema
from service.workflow.schemas.outcomes import OutcomeIn

MAX_HOURS = 100.0
"""Hours per facilitator still to do, at most: a case takes 18-20, a complex one 30."""


LEGACY_OUTCOMES = {
    "completed": "direct (with method conference or panel) or indirect (letter or shuttle)",
    "withdrawn": "declined, with declined_by harmed or responsible",
    "not_proceeding": "no_outcome",
    "transferred": "declined, with declined_by service",
}
"""The closing words before the case file (0008), and what to send instead."""


class CaseStatusFilter(StrEnum):
    """Which cases a listing shows."""

    OPEN = "open"
    CLOSED = "closed"
    ALL = "all"


class CloseIn(OutcomeIn):
    """How and when a case ended, in the seeds' words; its current pair ends the same day."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "outcome": "direct",
                    "method": "conference",
                    "closed_on": "2027-01-15",
                    "pair_went_well": True,
                },
                {"outcome": "declined", "declined_by": "harmed"},
            ]
        }
    )

    closed_on: Day | None = Field(
        default=None,
        description="today by default; not in the future, not before the current pair started",
    )
    pair_went_well: bool | None = Field(
        default=None, description="the review of the current pair; null or left out: none yet"
    )

    @field_validator("outcome", mode="before")
    @classmethod
    def _not_the_old_words(cls, value: Any) -> Any:
        if isinstance(value, str) and value in LEGACY_OUTCOMES:
            raise ValueError(
                f"{value!r} is a closing word of before the case file; send "
                f"{LEGACY_OUTCOMES[value]}"
            )
        return value


class CasePatch(Schema):
    """The work left on an ongoing case, or its priority; fields left out stay as they are."""

    model_config = ConfigDict(
        json_schema_extra={
            "minProperties": 1,
            "examples": [{"hours": 8}, {"priority": 3}, {"hours": 12, "priority": 2}],
        }
    )

    # None only stands for "left out": a null sent is refused (_a_value), so not in the schema
    hours: Annotated[
        float | None,
        Field(ge=0, le=MAX_HOURS, description="hours per facilitator still to do"),
        WithJsonSchema({"type": "number", "minimum": 0, "maximum": MAX_HOURS}),
    ] = None
    priority: Annotated[
        int | None,
        Field(ge=1, le=5, description="1 (lowest) to 5"),
        WithJsonSchema({"type": "integer", "minimum": 1, "maximum": 5}),
    ] = None

    @field_validator("hours", "priority", mode="before")
    @classmethod
    def _a_value(cls, value: Any) -> Any:
        if value is None:
            raise ValueError("give a value or leave the field out")
        return value

    @model_validator(mode="after")
    def _something_to_change(self) -> CasePatch:
        if not self.model_fields_set & {"hours", "priority"}:
            raise ValueError("nothing to change: give hours, priority or both")
        return self
