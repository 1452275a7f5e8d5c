"""Facilitator bodies: create, update, availability, and what staff read back."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import ConfigDict, Field, model_validator

from models import Skill
from service.workflow.schemas.base import Schema

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

    outcode: str | None = Field(default=None, min_length=2, max_length=5, examples=["CM1"])
    lat: float | None = Field(default=None, ge=-90, le=90)
    lon: float | None = Field(default=None, ge=-180, le=180)


class SkillIn(Schema):
    """A skill and the day it was gained. On registration it is recorded as the course (or
    for `prison`, the clearance) that grants it; read back, it is what the record grants."""

    skill: Skill
    trained_on: dt.date | None = None


class WindowIn(Schema):
    start: dt.date
    end: dt.date
    reason: str = Field(default="unavailable", max_length=32)

    @model_validator(mode="after")
    def _ordered(self) -> WindowIn:
        if self.end < self.start:
            raise ValueError("end is before start; swap the dates")
        return self


class FacilitatorIn(Schema):
    """A new facilitator. `name` and `home` are personal information (PROTECT)."""

    model_config = ConfigDict(json_schema_extra={"examples": [_EXAMPLE]})

    id: str = Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.-]+$")
    name: str = Field(default="", max_length=200)
    home: HomeIn
    district: str | None = Field(default=None, max_length=64)
    skills: list[SkillIn] = Field(default_factory=list, max_length=5)
    weekly_hours: float = Field(ge=0, le=80)
    max_cases: int = Field(ge=0, le=50)
    vetting_expires: dt.date
    active: bool = True
    experienced: bool = False
    max_travel_km: float | None = Field(default=None, ge=0, le=1000)
    avoid_partners: list[str] = Field(default_factory=list, max_length=50)
    unavailable: list[WindowIn] = Field(default_factory=list, max_length=100)
    started_on: dt.date | None = Field(default=None, description="the day they started")


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

    name: str | None = Field(default=None, max_length=200)
    home: HomeIn | None = None
    district: str | None = Field(default=None, max_length=64)
    skills: list[SkillIn] | None = Field(
        default=None,
        max_length=5,
        description="refused: skills follow from training (POST /facilitators/{id}/training) "
        "and clearances (POST /facilitators/{id}/checks)",
    )
    weekly_hours: float | None = Field(default=None, ge=0, le=80)
    max_cases: int | None = Field(default=None, ge=0, le=50)
    vetting_expires: dt.date | None = None
    active: bool | None = None
    experienced: bool | None = None
    max_travel_km: float | None = Field(default=None, ge=0, le=1000)
    avoid_partners: list[str] | None = Field(default=None, max_length=50)


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
