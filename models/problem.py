"""Format `rjplan.problem/1`: facilitators, cases and the planning window for the allocator."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Final, Literal, Self

from pydantic import Field, field_validator, model_validator

from models.common import DateWindow, Location, Model, Skill

PROBLEM_FORMAT: Final = "rjplan.problem/1"


class Facilitator(Model):
    """A volunteer facilitator as the allocator sees them."""

    id: str = Field(min_length=1)
    home: Location
    district: str | None = None
    skills: frozenset[Skill] = frozenset()
    weekly_hours: float = Field(ge=0)
    max_cases: int = Field(ge=0)
    vetting_expires: dt.date
    active: bool = True
    experienced: bool = False
    unavailable: list[DateWindow] = Field(default_factory=list)
    max_travel_km: float | None = Field(default=None, ge=0)
    avoid_partners: list[str] = Field(default_factory=list)
    worked_well_with: list[str] = Field(
        default_factory=list,
        description="rjplan extension: facilitators this one has co-facilitated a case with "
        "that went well (a coordinator's review); the allocator prefers pairing them again. "
        "Ids not in the problem are ignored, as in avoid_partners",
    )

    def has(self, skill: Skill) -> bool:
        """True when the facilitator holds `skill`."""
        return skill in self.skills

    def is_available_on(self, day: dt.date) -> bool:
        """True when no absence covers `day`."""
        return not any(w.contains(day) for w in self.unavailable)


class CaseRequirements(Model):
    """Skills a case needs: `both` of the pair hold each; `either` at least one holds each."""

    both: frozenset[Skill] = frozenset()
    either: frozenset[Skill] = frozenset()


class PrisonRef(Model):
    """The prison where a case's meetings take place."""

    name: str = Field(min_length=1)
    lat: float = Field(ge=-90, le=90)
    lon: float = Field(ge=-180, le=180)


class Case(Model):
    """A case that needs (or has) a pair of facilitators."""

    id: str = Field(min_length=1)
    location: Location
    district: str | None = None
    requires: CaseRequirements = CaseRequirements()
    hours: float = Field(ge=0, description="hours per facilitator still to do")
    priority: int = Field(default=1, ge=1, le=5)
    prison: PrisonRef | None = None
    current: list[str] = Field(default_factory=list, max_length=2)
    pinned: bool = False
    exclude: list[str] = Field(default_factory=list)
    keep: list[str] = Field(
        default_factory=list,
        max_length=2,
        description="rjplan extension: facilitators who must stay on the case; the solver "
        "chooses the partner (a coordinator's 'keep one, choose the other')",
    )

    @field_validator("current")
    @classmethod
    def _distinct_current(cls, value: list[str]) -> list[str]:
        if len(set(value)) != len(value):
            raise ValueError("the current pair names the same facilitator twice")
        return value

    @model_validator(mode="after")
    def _pinned_needs_a_pair(self) -> Self:
        if self.pinned and len(self.current) != 2:
            raise ValueError("a pinned case needs its two current facilitators in 'current'")
        return self

    def place(self) -> tuple[float, float]:
        """Where the facilitators travel to: the prison when set, else the case location."""
        if self.prison is not None:
            return (self.prison.lat, self.prison.lon)
        return self.location.point()


class Problem(Model):
    """One allocation problem: who is available and which cases need a pair."""

    format: Literal["rjplan.problem/1"] = PROBLEM_FORMAT
    as_of: dt.date
    horizon_weeks: int = Field(default=6, ge=1, le=52)
    start_within_days: int = Field(default=7, ge=1, le=366)
    facilitators: list[Facilitator] = Field(default_factory=list)
    cases: list[Case] = Field(default_factory=list)

    @model_validator(mode="after")
    def _references_are_consistent(self) -> Self:
        _no_duplicates("facilitators", [f.id for f in self.facilitators])
        _no_duplicates("cases", [c.id for c in self.cases])
        known = {f.id for f in self.facilitators}
        for i, case in enumerate(self.cases):
            for field in ("current", "exclude", "keep"):
                for fid in getattr(case, field):
                    if fid not in known:
                        raise ValueError(
                            f"cases/{i}/{field}: case {case.id} names facilitator {fid!r}, "
                            "who is not in facilitators; add them or remove the id"
                        )
        return self

    @property
    def horizon_end(self) -> dt.date:
        """Last day of the planning horizon (inclusive)."""
        return self.as_of + dt.timedelta(days=7 * self.horizon_weeks - 1)

    def facilitator(self, fid: str) -> Facilitator:
        """The facilitator with id `fid` (KeyError when unknown)."""
        for f in self.facilitators:
            if f.id == fid:
                return f
        raise KeyError(fid)


def _no_duplicates(what: str, ids: list[str]) -> None:
    repeated = [i for i, n in Counter(ids).items() if n > 1]
    if repeated:
        second = [i for i, x in enumerate(ids) if x == repeated[0]][1]
        raise ValueError(
            f"{what}/{second}/id: id {repeated[0]!r} is used more than once; "
            "give every record its own id"
        )
