"""A finished scenario run as the pages show it: each chart with the table of its numbers,
and two runs side by side."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from service.workflow.schemas.base import Schema
from service.workflow.schemas.scenarios import ScenarioRunOut

ChartName = Literal["backlog", "waits", "districts", "skills"]


class Interval(Schema):
    mean: float
    low: float
    high: float


class NumberRow(Schema):
    """One quantity: its label and its mean with the 90% interval over the replicates."""

    label: str
    value: Interval


class Chart(Schema):
    """A chart (drawn on request as SVG) and the numbers it draws, as rows of a table."""

    name: ChartName
    title: str
    description: str = Field(description="what the chart shows, for its alternative text")
    columns: list[str]
    rows: list[list[str]]


class ScenarioChartsOut(Schema):
    run: ScenarioRunOut
    counted_from: str
    counted_to: str
    numbers: list[NumberRow]
    charts: list[Chart]


class ComparedRow(Schema):
    label: str
    first: Interval
    second: Interval
    difference: float = Field(description="second's mean minus first's")


class ComparisonOut(Schema):
    """Two finished runs' headline numbers side by side."""

    first: ScenarioRunOut
    second: ScenarioRunOut
    rows: list[ComparedRow]
