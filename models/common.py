"""Small value types shared by every format: skills, locations, date windows."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from models.values import Outcode


class Model(BaseModel):
    """Base of every rjplan model: unknown fields are ignored, models are immutable."""

    model_config = ConfigDict(extra="ignore", frozen=True, use_enum_values=False)


class Skill(StrEnum):
    """A facilitator's training or clearance."""

    MEDIATION = "mediation"
    COMPLEX = "complex"
    DV = "dv"
    PRISON = "prison"
    CJP = "cjp"


SKILL_NAMES: dict[Skill, str] = {
    Skill.MEDIATION: "mediation-trained",
    Skill.COMPLEX: "complex-and-sensitive-trained",
    Skill.DV: "domestic-violence-trained",
    Skill.PRISON: "prison-cleared",
    Skill.CJP: "community-justice-panel-trained",
}


class Location(Model):
    """A place given by coordinates, by postcode outcode, or both.

    A location with only an outcode is resolved to coordinates by `geo` on import.
    """

    lat: float | None = Field(default=None, ge=-90, le=90)
    lon: float | None = Field(default=None, ge=-180, le=180)
    outcode: Outcode | None = None

    @model_validator(mode="after")
    def _needs_coordinates_or_outcode(self) -> Self:
        if (self.lat is None) != (self.lon is None):
            raise ValueError("give both lat and lon, or neither (and an outcode instead)")
        if self.lat is None and self.outcode is None:
            raise ValueError("give lat and lon, or an outcode such as 'CM1'")
        return self

    @property
    def resolved(self) -> bool:
        """True when the location has coordinates."""
        return self.lat is not None and self.lon is not None

    def point(self) -> tuple[float, float]:
        """(lat, lon); raises ValueError when the location has not been resolved."""
        if self.lat is None or self.lon is None:
            raise ValueError(f"location {self.outcode!r} has no coordinates; resolve it with geo")
        return (self.lat, self.lon)


class DateWindow(Model):
    """An inclusive range of days, e.g. a facilitator's absence."""

    start: dt.date
    end: dt.date

    @model_validator(mode="after")
    def _ends_after_it_starts(self) -> Self:
        if self.end < self.start:
            raise ValueError(
                f"end {self.end} is before start {self.start}; swap them or fix the dates"
            )
        return self

    def contains(self, day: dt.date) -> bool:
        """True when `day` falls inside the window (both ends included)."""
        return self.start <= day <= self.end

    def days_within(self, first: dt.date, last: dt.date) -> int:
        """Number of days of this window that fall inside [first, last]."""
        lo, hi = max(self.start, first), min(self.end, last)
        return max(0, (hi - lo).days + 1)
