"""Facilitator bodies: create, update, availability, and what staff read back."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import ConfigDict, Field, model_validator

from models import Skill
from service.workflow.schemas.base import Day, EntityId, Line32, Line200, Name, Outcode, Schema

MAX_AVOID = 50
AVOID_RULE = (
    f"facilitators never paired with this one: at most {MAX_AVOID} known facilitators' ids, "
    "not their own"
)
_EXAMPLE: dict[str, Any] = {
    "id": "F-101",
    "name": "Alex Example",
    "home": {"outcode": "CM1"},
    "district": "Chelmsford",
    "skills": [{"skill": "mediation", "trained_on": "2024-03-01"}, {"skill": "prison"}],
    "weekly_hours": 6,
    "max_cases": 3,
    "vetting_expires": "2027-06-30",
    "experienced": True,
    "unavailable": [{"start": "2026-12-20", "end": "2027-01-03"}],
}


class HomeIn(Schema):
    """A home given by outcode (resolved by the gazetteer) or coordinates."""

    outcode: Outcode | None = Field(default=None, examples=["CM1"])
    lat: float | None = Field(default=None, ge=-90, le=90)
    lon: float | None = Field(default=None, ge=-180, le=180)


class SkillIn(Schema):
    """A skill and the day it was gained. On registration it is recorded as the course (or
    for `prison`, the clearance) that grants it; read back, it is what the record grants."""

    skill: Skill
    trained_on: Day | None = None


class WindowIn(Schema):
    start: Day
    end: Day
    reason: Line32 = "unavailable"

    @model_validator(mode="after")
    def _ordered(self) -> WindowIn:
        if self.end < self.start:
            raise ValueError("end is before start; swap the dates")
        return self


class FacilitatorIn(Schema):
    """A new facilitator. `name` and `home` are personal information (PROTECT)."""

    model_config = ConfigDict(json_schema_extra={"examples": [_EXAMPLE]})

    id: EntityId
    name: Line200 = ""
    home: HomeIn
    district: Name | None = None
    skills: list[SkillIn] = Field(default_factory=list, max_length=5)
    weekly_hours: float = Field(ge=0, le=80)
    max_cases: int = Field(ge=0, le=50)
    vetting_expires: Day
    active: bool = True
    experienced: bool = False
    max_travel_km: float | None = Field(default=None, ge=0, le=1000)
    avoid_partners: list[EntityId] = Field(
        default_factory=list, max_length=MAX_AVOID, description=AVOID_RULE
    )
    unavailable: list[WindowIn] = Field(default_factory=list, max_length=100)
    started_on: Day | None = Field(default=None, description="the day they started")


class FacilitatorPatch(Schema):
    """Fields to change; those left out stay as they are."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"vetting_expires": "2027-09-30"},
                {"weekly_hours": 4, "active": True},
            ]
        }
    )

    name: Line200 | None = None
    home: HomeIn | None = None
    district: Name | None = None
    skills: list[SkillIn] | None = Field(
        default=None,
        max_length=5,
        description="refused: skills follow from training (POST /facilitators/{id}/training) "
        "and clearances (POST /facilitators/{id}/checks)",
    )
    weekly_hours: float | None = Field(default=None, ge=0, le=80)
    max_cases: int | None = Field(default=None, ge=0, le=50)
    vetting_expires: Day | None = None
    active: bool | None = None
    experienced: bool | None = None
    max_travel_km: float | None = Field(default=None, ge=0, le=1000)
    avoid_partners: list[EntityId] | None = Field(
        default=None, max_length=MAX_AVOID, description=AVOID_RULE
    )


class FacilitatorOut(Schema):
    """A facilitator as staff see it, with their current caseload."""

    model_config = ConfigDict(json_schema_extra={"examples": [_EXAMPLE | {"version": 1}]})

    id: str
    name: str
    home: HomeIn
    district: str | None
    skills: list[SkillIn]
    weekly_hours: float
    max_cases: int
    vetting_expires: dt.date
    active: bool
    experienced: bool
    max_travel_km: float | None
    avoid_partners: list[str]
    unavailable: list[WindowIn]
    version: int
    current_cases: list[str] = Field(default_factory=list)
    started_on: dt.date | None = None
    left_on: dt.date | None = None


class ImportReport(Schema):
    """The result of an all-or-nothing CSV import."""

    model_config = ConfigDict(json_schema_extra={"examples": [{"created": 12, "ids": ["F-1"]}]})

    created: int
    ids: list[str]
