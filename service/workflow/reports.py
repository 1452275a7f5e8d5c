"""The reports: each a named unit that asks the store its counts (one query per table,
service.store.reports) and assembles a typed table with totals and every term defined.

A report holds counts only. Exports that leave the service hide small cells
(service.workflow.report_files.suppress).
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from models import FieldError
from models.casefile import DeclinedBy, OutcomeKind
from service.errors import InputError
from service.store import reports as q
from service.store.uow import UnitOfWork
from service.workflow.auth import STAFF, Principal
from service.workflow.schemas.reports import (
    Cell,
    Definition,
    Headline,
    Report,
    ReportColumn,
    ReportInfo,
    ReportTable,
)

MAX_SPLITS = 6
MAX_DAYS = 366 * 20


@dataclass(frozen=True)
class Params:
    """What a report is asked for: the period, a district, what to count by, period splits."""

    start: dt.date | None = None
    end: dt.date | None = None
    district: str | None = None
    by: tuple[str, ...] = ()
    splits: tuple[q.Split, ...] = field(default_factory=tuple)

    @property
    def window(self) -> q.Window:
        return q.Window(self.start, self.end, self.district)


Builder = Callable[[UnitOfWork, Params], Report]


@dataclass(frozen=True)
class ReportSpec:
    name: str
    title: str
    build: Builder
    dimensions: tuple[str, ...] = ()


def percent(part: int, whole: int) -> float | None:
    """part as a percentage of whole, to two places (None of nothing)."""
    return round(100 * part / whole, 2) if whole else None


# --- labels -------------------------------------------------------------------------------

_WORDS = {
    "self": "Self-referral",
    "no_outcome": "No outcome",
    "needs_info": "Needs information",
    "not_recorded": "Not recorded",
    "youth_offending_service": "Youth Offending Service",
}


def label(dimension: str, value: Any) -> str:
    """A value as a heading: districts, months and periods as they are, codes in words."""
    if value is None:
        return "Not recorded"
    text = str(value)
    if dimension in ("district", "month", "period"):
        return text
    return _WORDS.get(text) or text.replace("_", " ").capitalize()


DIMENSION_TITLES = {
    "referrer": "Referrer",
    "district": "District",
    "decision": "Screening decision",
    "offence": "Offence category",
    "month": "Month",
    "period": "Period",
}

# --- referrals ----------------------------------------------------------------------------

REFERRAL_DEFINITIONS = [
    Definition(term="Referral", meaning="A referral received in the period (its received day)."),
    Definition(
        term="Referrer", meaning="The referring organisation's type, as on the referral form."
    ),
    Definition(term="District", meaning="The district the referral is about."),
    Definition(
        term="Screening decision",
        meaning="The latest screening decision (accept, decline, hold, needs information, "
        "redirect); not recorded while unscreened.",
    ),
    Definition(term="Offence category", meaning="The case type given on the referral."),
    Definition(term="Period", meaning="The named date ranges asked for (e.g. pilot and rollout)."),
    Definition(
        term="Imported history",
        meaning="Referrals imported from a history file count like referrals in the record.",
    ),
]


def _ordered(dimension: str, totals: dict[Any, int], splits: Sequence[q.Split]) -> list[Any]:
    if dimension == "period":
        return [s.label for s in splits if s.label in totals]
    if dimension == "month":
        return sorted(totals)
    return sorted(totals, key=lambda v: (-totals[v], label(dimension, v)))


def _referrals(uow: UnitOfWork, p: Params) -> Report:
    by = p.by or ("referrer",)
    counts = q.referral_counts(uow.session, p.window, by, p.splits)
    if len(by) == 1:
        table = _one_way(by[0], counts, p.splits)
    else:
        table = _crossed(by[0], by[1], counts, p.splits)
    return _report("referrals", p, [table], definitions=REFERRAL_DEFINITIONS, by=by)


def _one_way(dim: str, counts: list[tuple[Any, ...]], splits: Sequence[q.Split]) -> ReportTable:
    totals: dict[Any, int] = dict(counts)
    whole = sum(totals.values())
    rows: list[list[Cell]] = [
        [label(dim, v), totals[v], percent(totals[v], whole)] for v in _ordered(dim, totals, splits)
    ]
    return ReportTable(
        key=f"by_{dim}",
        title=f"Referrals by {DIMENSION_TITLES[dim].lower()}",
        columns=[
            ReportColumn(key=dim, label=DIMENSION_TITLES[dim], kind="text"),
            ReportColumn(key="referrals", label="Referrals", kind="count"),
            ReportColumn(key="share", label="% of referrals", kind="percent", of="referrals"),
        ],
        rows=rows,
        totals=["Total", whole, percent(whole, whole)],
    )


def _crossed(
    first: str, second: str, counts: list[tuple[Any, ...]], splits: Sequence[q.Split]
) -> ReportTable:
    cells: dict[tuple[Any, Any], int] = {(a, b): n for a, b, n in counts}
    row_totals: dict[Any, int] = defaultdict(int)
    column_totals: dict[Any, int] = defaultdict(int)
    for (a, b), n in cells.items():
        row_totals[a] += n
        column_totals[b] += n
    heads = _ordered(second, column_totals, splits)
    rows: list[list[Cell]] = [
        [label(first, a), *(cells.get((a, b), 0) for b in heads), row_totals[a]]
        for a in _ordered(first, row_totals, splits)
    ]
    whole = sum(row_totals.values())
    columns = [ReportColumn(key=first, label=DIMENSION_TITLES[first], kind="text")]
    columns += [
        ReportColumn(key=f"{second}:{b}", label=label(second, b), kind="count") for b in heads
    ]
    columns.append(ReportColumn(key="total", label="Total", kind="count"))
    title = f"Referrals by {DIMENSION_TITLES[first].lower()} and {DIMENSION_TITLES[second].lower()}"
    return ReportTable(
        key=f"by_{first}_{second}",
        title=title,
        columns=columns,
        rows=rows,
        totals=["Total", *(column_totals[b] for b in heads), whole],
    )


# --- funnel -------------------------------------------------------------------------------

FUNNEL_STAGES = [
    ("referrals", "Referrals", "Referrals received in the period."),
    ("accepted", "Accepted", "Referrals whose latest screening decision is accept."),
    (
        "harmed_contacted",
        "People harmed contacted",
        "People harmed a contact reached (spoken to, met, or a letter or email sent), counted "
        "once each; the dashboard's victims contacted.",
    ),
    (
        "responsible_contacted",
        "People responsible contacted",
        "People responsible a contact reached, counted once each; the dashboard's "
        "perpetrators contacted.",
    ),
    (
        "took_up",
        "Took up the offer",
        "People harmed or responsible who agreed to take part at some point, even if they "
        "withdrew later.",
    ),
    ("direct", "Direct communication", "Cases closed with a conference or panel."),
    ("indirect", "Indirect communication", "Cases closed with letters or shuttle mediation."),
    ("positive", "Positive outcomes", "Cases where the parties communicated, directly or not."),
]
CONVERSION = "Positive outcomes ÷ referrals received in the period (the dashboard's 23 %)."


def _funnel(uow: UnitOfWork, p: Params) -> Report:
    c = q.funnel(uow.session, p.window)
    values = {
        "referrals": c.referrals,
        "accepted": c.accepted,
        "harmed_contacted": c.harmed_contacted,
        "responsible_contacted": c.responsible_contacted,
        "took_up": c.took_up,
        "direct": c.direct,
        "indirect": c.indirect,
        "positive": c.direct + c.indirect,
    }
    table = ReportTable(
        key="funnel",
        title="From referral to positive outcome",
        columns=[
            ReportColumn(key="stage", label="Stage", kind="text"),
            ReportColumn(key="number", label="Number", kind="count"),
            ReportColumn(key="definition", label="Definition", kind="text"),
        ],
        rows=[[title, values[key], meaning] for key, title, meaning in FUNNEL_STAGES],
    )
    conversion = Headline(
        key="conversion",
        label="Conversion rate",
        value=percent(values["positive"], c.referrals),
        kind="percent",
        definition=CONVERSION,
    )
    definitions = [Definition(term=title, meaning=m) for _, title, m in FUNNEL_STAGES]
    definitions.append(Definition(term="Conversion rate", meaning=CONVERSION))
    return _report("funnel", p, [table], headlines=[conversion], definitions=definitions)


# --- outcomes -----------------------------------------------------------------------------

OUTCOME_ROWS = [
    (OutcomeKind.DECLINED, "Declined"),
    (OutcomeKind.NO_OUTCOME, "No outcome"),
    (OutcomeKind.DIRECT, "Conference"),
    (OutcomeKind.INDIRECT, "Indirect"),
]
OUTCOME_DEFINITIONS = [
    Definition(
        term="Declined",
        meaning="Either party declined to take part, or the service declined the case.",
    ),
    Definition(
        term="No outcome",
        meaning="It was not possible to progress: a participant could not be contacted or "
        "did not respond.",
    ),
    Definition(term="Conference", meaning="Direct communication: a conference or a panel."),
    Definition(term="Indirect", meaning="Indirect communication: letters or shuttle mediation."),
    Definition(
        term="Percentage",
        meaning="Of the accepted referrals of the period that have closed with an outcome "
        "(the 2015-16 review's 62 % of 53); those still open are counted apart.",
    ),
]
DECLINERS = [
    (DeclinedBy.HARMED.value, "The person harmed"),
    (DeclinedBy.RESPONSIBLE.value, "The person responsible"),
    (DeclinedBy.SERVICE.value, "The service"),
    (None, "Not recorded"),
]


def _outcomes(uow: UnitOfWork, p: Params) -> Report:
    counts = q.outcome_counts(uow.session, p.window)
    by_kind: dict[str | None, int] = defaultdict(int)
    declined: dict[str | None, int] = defaultdict(int)
    for kind, declined_by, n in counts:
        by_kind[kind] += n
        if kind == OutcomeKind.DECLINED.value:
            declined[declined_by] += n
    closed = sum(n for kind, n in by_kind.items() if kind is not None)
    accepted = closed + by_kind[None]
    outcomes = ReportTable(
        key="outcomes",
        title="Case outcomes of accepted referrals",
        columns=[
            ReportColumn(key="outcome", label="Case outcome", kind="text"),
            ReportColumn(key="cases", label="Number", kind="count"),
            ReportColumn(key="share", label="Percentage", kind="percent", of="cases"),
        ],
        rows=[
            [title, by_kind[kind.value], percent(by_kind[kind.value], closed)]
            for kind, title in OUTCOME_ROWS
        ],
        totals=["Total with an outcome", closed, percent(closed, closed)],
    )
    whom = ReportTable(
        key="declined_by",
        title="Declined, by whom",
        columns=[
            ReportColumn(key="declined_by", label="Declined by", kind="text"),
            ReportColumn(key="cases", label="Number", kind="count"),
        ],
        rows=[[title, declined[value]] for value, title in DECLINERS],
        totals=["Total declined", by_kind[OutcomeKind.DECLINED.value]],
    )
    headlines = [
        Headline(
            key="accepted",
            label="Accepted referrals",
            value=accepted,
            kind="count",
            definition="Referrals of the period whose latest screening decision is accept.",
        ),
        Headline(
            key="open",
            label="Without an outcome yet",
            value=by_kind[None],
            kind="count",
            definition="Accepted referrals still open, or closed before outcomes were recorded.",
        ),
    ]
    return _report(
        "outcomes", p, [outcomes, whom], headlines=headlines, definitions=OUTCOME_DEFINITIONS
    )


# --- the catalogue ------------------------------------------------------------------------

REPORTS: dict[str, ReportSpec] = {
    spec.name: spec
    for spec in (
        ReportSpec("referrals", "Referrals", _referrals, q.DIMENSIONS),
        ReportSpec("funnel", "From referral to outcome", _funnel),
        ReportSpec("outcomes", "Case outcomes", _outcomes),
    )
}


def _report(
    name: str,
    p: Params,
    tables: list[ReportTable],
    *,
    headlines: list[Headline] | None = None,
    definitions: list[Definition] | None = None,
    by: Sequence[str] = (),
) -> Report:
    return Report(
        name=name,
        title=REPORTS[name].title,
        start=p.start,
        end=p.end,
        district=p.district,
        by=list(by),
        tables=tables,
        headlines=headlines or [],
        definitions=definitions or [],
    )


def catalogue() -> list[ReportInfo]:
    """The reports there are, and what each can count by."""
    return [
        ReportInfo(name=s.name, title=s.title, dimensions=list(s.dimensions))
        for s in REPORTS.values()
    ]


def check(name: str, p: Params) -> ReportSpec:
    """The report named, once its parameters make sense; every problem named with its fix."""
    spec = REPORTS.get(name)
    if spec is None:
        known = ", ".join(REPORTS)
        raise InputError.single("report", "/path/name", f"no report {name!r}; use one of {known}")
    problems: list[tuple[str, str]] = []
    if p.start and p.end and p.end < p.start:
        problems.append(("/query/to", f"{p.end} is before from {p.start}; swap them"))
    if p.start and p.end and (p.end - p.start).days > MAX_DAYS:
        problems.append(("/query/to", "a period of at most 20 years; shorten it"))
    if len(p.by) > 2:
        problems.append(("/query/by", "count by one thing, or two crossed; not more"))
    if len(set(p.by)) < len(p.by):
        problems.append(("/query/by", "the same thing twice; cross two different ones"))
    for dim in p.by:
        if dim not in spec.dimensions:
            choice = ", ".join(spec.dimensions) or "nothing (this report has fixed tables)"
            problems.append(("/query/by", f"{name} cannot count by {dim!r}; use {choice}"))
    if "period" in p.by and not p.splits:
        problems.append(
            ("/query/split", "by period needs splits, e.g. pilot:2015-04-01:2015-09-30")
        )
    if len(p.splits) > MAX_SPLITS:
        problems.append(("/query/split", f"at most {MAX_SPLITS} periods side by side"))
    labels = [s.label for s in p.splits]
    if len(set(labels)) < len(labels):
        problems.append(("/query/split", "each period needs its own name"))
    for s in p.splits:
        if s.end < s.start:
            problems.append(("/query/split", f"period {s.label!r} ends before it starts"))
    ordered = sorted(p.splits, key=lambda s: s.start)
    for a, b in itertools.pairwise(ordered):
        if b.start <= a.end:
            problems.append(("/query/split", f"periods {a.label!r} and {b.label!r} overlap"))
    if problems:
        raise InputError("report", [FieldError(pointer, fix) for pointer, fix in problems])
    return spec


def split_of(text: str) -> q.Split:
    """A period split from `name:YYYY-MM-DD:YYYY-MM-DD` (the CLI's --split, the API's split)."""
    parts = text.strip().split(":")
    fix = (
        "write a period as name:YYYY-MM-DD:YYYY-MM-DD, e.g. pilot:2015-04-01:2015-09-30; "
        f"not {text[:80]!r}"
    )
    if len(parts) != 3 or not parts[0] or len(parts[0]) > 40:
        raise InputError.single("report", "/query/split", fix)
    try:
        start, end = dt.date.fromisoformat(parts[1]), dt.date.fromisoformat(parts[2])
    except ValueError:
        raise InputError.single("report", "/query/split", fix) from None
    if not parts[0].isprintable():
        raise InputError.single("report", "/query/split", "a period's name is one line of text")
    return q.Split(parts[0], start, end)


def run(uow: UnitOfWork, who: Principal, name: str, p: Params) -> Report:
    """The report named over the period asked; staff only (a facilitator sees their own hours
    on their own page, no report)."""
    who.require(STAFF, "reports")
    return check(name, p).build(uow, p)
