"""Retention as data: how long a closed case's personal details are kept before they are
erased (rules/retention/*.yaml). The statistics stay; only the personal values go.

    retention: essex-2018
    title: ...
    source: why these periods
    closed_cases:
      erase_personal_after_years: 6
"""

from __future__ import annotations

import datetime as dt
from importlib import resources
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from models.documents import field_errors
from models.errors import FieldError, InputError


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ClosedCases(_Strict):
    erase_personal_after_years: int = Field(ge=1, le=100)


class RetentionPolicy(_Strict):
    """A retention policy: its id, title, reasons and periods."""

    retention: str = Field(min_length=1, max_length=60, pattern=r"^[a-z0-9][a-z0-9-]*$")
    title: str = Field(min_length=1, max_length=200)
    source: str = Field(min_length=1, max_length=2000)
    closed_cases: ClosedCases

    def erase_closed_before(self, today: dt.date) -> dt.date:
        """Cases closed before this day have had their personal details kept long enough."""
        years = self.closed_cases.erase_personal_after_years
        try:
            return today.replace(year=today.year - years)
        except ValueError:  # 29 February, in a year without one
            return today.replace(year=today.year - years, day=28)


def shipped_dir() -> Path:
    """Where the shipped retention policies are."""
    return Path(str(resources.files("rules") / "retention"))


def list_retention() -> list[str]:
    """The ids of the shipped retention policies, oldest first."""
    return sorted(p.stem for p in shipped_dir().glob("*.yaml"))


def load_retention(ident: str) -> RetentionPolicy:
    """A shipped retention policy by id (never a path)."""
    if ident not in list_retention():
        known = ", ".join(list_retention())
        raise InputError("retention", [FieldError("retention", f"unknown {ident!r}; use {known}")])
    path = shipped_dir() / f"{ident}.yaml"
    return parse_retention(path.read_text(encoding="utf-8"), path.name)


def parse_retention(text: str, source: str) -> RetentionPolicy:
    """Validate a retention policy's YAML; InputError names every bad field."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise InputError(source, [FieldError("", f"not valid YAML: {exc}")]) from None
    try:
        return RetentionPolicy.model_validate(data)
    except ValidationError as exc:
        raise InputError(source, field_errors(exc)) from None
