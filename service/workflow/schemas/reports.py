"""Reports as typed tables, and the rows of a history file."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from models.casefile import DeclinedBy, Method, OutcomeKind
from models.decision import DecisionKind
from models.referral import CaseType, Organisation
from service.workflow.schemas.base import Line60, OneLine, SaneDay, Schema

Cell = str | int | float | None
"""One cell of a report: a label, a count, a measure, or nothing (none to show)."""

Kind = Literal["text", "count", "percent", "days", "hours", "ratio"]


class ReportColumn(Schema):
    """A column: its key, heading, and what its numbers are. A percent column names the count
    it is a share of (`of`), so hiding a small count hides its share too."""

    key: str
    label: str
    kind: Kind
    of: str | None = None


class ReportTable(Schema):
    """One table of a report: columns, rows in order, and the totals row when it has one."""

    key: str
    title: str
    columns: list[ReportColumn]
    rows: list[list[Cell]]
    totals: list[Cell] | None = None


class Headline(Schema):
    """A figure stated on its own (e.g. the conversion rate), with what it means."""

    key: str
    label: str
    value: float | int | None
    kind: Kind
    definition: str


class Definition(Schema):
    term: str
    meaning: str


class Report(Schema):
    """A named report over a period: its tables, headline figures and every term defined.
    `suppressed`: cells under the threshold were hidden (exports that leave the service)."""

    name: str
    title: str
    start: dt.date | None
    end: dt.date | None
    district: str | None = None
    by: list[str] = Field(default_factory=list)
    tables: list[ReportTable]
    headlines: list[Headline] = Field(default_factory=list)
    definitions: list[Definition] = Field(default_factory=list)
    suppressed: bool = False


class ReportInfo(Schema):
    name: str
    title: str
    dimensions: list[str]


# --- history import -----------------------------------------------------------------------

HistoryId = Annotated[
    str,
    StringConstraints(min_length=1, max_length=64, strip_whitespace=True, pattern=r"^[\w.\-/]+$"),
    OneLine,
]
Contacted = Annotated[int, Field(ge=0, le=100)]


class HistoryRowIn(Schema):
    """One past referral of a history file (README: History import); how its fields fit
    together is checked by service.workflow.history.row_problems."""

    id: HistoryId
    received: SaneDay
    referrer: Organisation
    district: Annotated[Line60, StringConstraints(min_length=1)]
    offence: CaseType | None = None
    decision: DecisionKind
    decided_on: SaneDay | None = None
    paired_on: SaneDay | None = None
    outcome: OutcomeKind | None = None
    declined_by: DeclinedBy | None = None
    method: Method | None = None
    closed_on: SaneDay | None = None
    harmed_contacted: Contacted = 0
    responsible_contacted: Contacted = 0
    took_up: Contacted = 0


class HistoryImportOut(Schema):
    import_id: int
    filename: str
    rows: int
    first_received: dt.date
    last_received: dt.date


class HistoryImportDone(Schema):
    """A history file loaded before: when, by whom, how many rows."""

    import_id: int
    filename: str
    rows: int
    imported_at: dt.datetime
    imported_by: str


class BadCell(Schema):
    """One problem of a refused history file: its line and column when it has them."""

    line: int | None
    column: str | None
    problem: str


class Chart(Schema):
    """A chart of a report's table, and the table it draws (shown beneath it)."""

    key: str
    title: str
    image: str
    alt: str
    table: ReportTable


class Figure(Schema):
    label: str
    value: str
    definition: str


class DashboardOut(Schema):
    """The manager's dashboard for a period: headline figures, charts with their tables, the
    districts to filter by."""

    start: dt.date
    end: dt.date
    district: str | None
    figures: list[Figure]
    charts: list[Chart]
    districts: list[str]
    definitions: list[Definition]


class ReviewQuoteOut(Schema):
    """A feedback quote printed in the review: who said it, in words, and what (no names)."""

    id: int
    speaker: str
    text: str


class ReviewWords(Schema):
    """The manager's own words in a year's review: the aims and the chosen quotes."""

    year: int
    aims: str | None
    quotes: list[ReviewQuoteOut]


class QuoteCandidate(Schema):
    """A feedback comment of the year a manager may quote, its names already taken out."""

    source: Literal["evaluation", "referrer"]
    source_id: int
    speaker: str
    received_on: dt.date
    text: str
    chosen: bool
