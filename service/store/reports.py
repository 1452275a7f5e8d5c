"""The reports' counting, done by the database: SQLAlchemy Core selects with GROUP BY, one
query per table, the same SQL meaning on SQLite and PostgreSQL.

Every referral report reads one selectable, `facts()`: a row per referral, from the live record
(referral, its latest screening decision, its case, the case's outcome and the people its
contacts reached) and from the imported history (history_referrals), side by side. The few
things SQLite and PostgreSQL spell differently (a month, a day of a timestamp, days between
two days) are small compiled constructs below, so each report's query is written once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    Date,
    Integer,
    String,
    and_,
    case,
    func,
    literal,
    null,
    or_,
    select,
    union_all,
)
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.sql.functions import FunctionElement
from sqlalchemy.sql.selectable import Subquery

from models.casefile import NOT_REACHED, ContactOutcome, OutcomeKind, PartyRole
from models.decision import DecisionKind
from service.store import tables as t

# --- the dialects' spellings --------------------------------------------------------------


class month_of(FunctionElement[str]):  # noqa: N801 - a SQL function, named like one
    """'YYYY-MM' of a day."""

    type = String()
    inherit_cache = True


@compiles(month_of)
def _month_default(element: month_of, compiler: SQLCompiler, **kw: Any) -> str:
    return f"to_char({compiler.process(element.clauses, **kw)}, 'YYYY-MM')"


@compiles(month_of, "sqlite")
def _month_sqlite(element: month_of, compiler: SQLCompiler, **kw: Any) -> str:
    return f"strftime('%Y-%m', {compiler.process(element.clauses, **kw)})"


class day_of(FunctionElement[dt.date]):  # noqa: N801
    """The day of a timestamp."""

    type = Date()
    inherit_cache = True


@compiles(day_of)
def _day_default(element: day_of, compiler: SQLCompiler, **kw: Any) -> str:
    return f"CAST({compiler.process(element.clauses, **kw)} AS DATE)"


@compiles(day_of, "sqlite")
def _day_sqlite(element: day_of, compiler: SQLCompiler, **kw: Any) -> str:
    return f"date({compiler.process(element.clauses, **kw)})"


class days_between(FunctionElement[int]):  # noqa: N801
    """Whole days from the first day to the second."""

    type = Integer()
    inherit_cache = True


@compiles(days_between)
def _days_default(element: days_between, compiler: SQLCompiler, **kw: Any) -> str:
    first, second = list(element.clauses)
    return f"({compiler.process(second, **kw)} - {compiler.process(first, **kw)})"


@compiles(days_between, "sqlite")
def _days_sqlite(element: days_between, compiler: SQLCompiler, **kw: Any) -> str:
    first, second = list(element.clauses)
    a, b = compiler.process(first, **kw), compiler.process(second, **kw)
    return f"CAST(julianday({b}) - julianday({a}) AS INTEGER)"


# --- one row per referral, live and imported ----------------------------------------------

LIVE = "live"
HISTORY = "history"


def _latest_decision() -> Subquery:
    latest = select(func.max(t.Decision.id).label("id")).group_by(t.Decision.referral_id).subquery()
    return (
        select(t.Decision.referral_id, t.Decision.outcome, t.Decision.decided_at)
        .join(latest, latest.c.id == t.Decision.id)
        .subquery("decision")
    )


def _people() -> Subquery:
    """Per case: the people harmed and responsible its contacts reached, and those who agreed
    to take part (models.casefile: reached, took_up)."""
    reached = t.Contact.outcome.not_in([o.value for o in NOT_REACHED])
    harmed = t.Party.role == PartyRole.HARMED.value
    responsible = t.Party.role == PartyRole.RESPONSIBLE.value
    agreed = t.Contact.outcome == ContactOutcome.AGREED.value

    def distinct_parties(condition: ColumnElement[bool]) -> ColumnElement[int]:
        return func.count(func.distinct(case((condition, t.Party.id))))

    return (
        select(
            t.Party.case_id,
            distinct_parties(and_(harmed, reached)).label("harmed"),
            distinct_parties(and_(responsible, reached)).label("responsible"),
            distinct_parties(and_(or_(harmed, responsible), agreed)).label("took_up"),
        )
        .join(t.Contact, t.Contact.party_id == t.Party.id)
        .group_by(t.Party.case_id)
        .subquery("people")
    )


def _first_pairs() -> Subquery:
    return (
        select(t.Pair.case_id, func.min(t.Pair.started_on).label("paired_on"))
        .group_by(t.Pair.case_id)
        .subquery("first_pair")
    )


def facts() -> Subquery:
    """A row per referral: id, source (live or history), received, district, referrer,
    offence, decision, decided_on, paired_on, outcome, declined_by, method, closed_on,
    harmed_contacted, responsible_contacted, took_up."""
    decision = _latest_decision()
    people = _people()
    pairs = _first_pairs()
    document = t.Referral.document
    live = (
        select(
            t.Referral.id.label("id"),
            literal(LIVE, String()).label("source"),
            t.Referral.received.label("received"),
            t.Referral.district.label("district"),
            document[("referrer", "organisation")].as_string().label("referrer"),
            document[("case_type",)].as_string().label("offence"),
            decision.c.outcome.label("decision"),
            day_of(decision.c.decided_at).label("decided_on"),
            pairs.c.paired_on.label("paired_on"),
            t.CaseOutcome.kind.label("outcome"),
            t.CaseOutcome.declined_by.label("declined_by"),
            t.CaseOutcome.method.label("method"),
            t.Case.closed_on.label("closed_on"),
            func.coalesce(people.c.harmed, 0).label("harmed_contacted"),
            func.coalesce(people.c.responsible, 0).label("responsible_contacted"),
            func.coalesce(people.c.took_up, 0).label("took_up"),
        )
        .outerjoin(decision, decision.c.referral_id == t.Referral.id)
        .outerjoin(t.Case, t.Case.referral_id == t.Referral.id)
        .outerjoin(t.CaseOutcome, t.CaseOutcome.case_id == t.Case.id)
        .outerjoin(people, people.c.case_id == t.Case.id)
        .outerjoin(pairs, pairs.c.case_id == t.Case.id)
    )
    h = t.HistoryReferral
    history = select(
        h.id,
        literal(HISTORY, String()),
        h.received,
        h.district,
        h.referrer,
        h.offence,
        h.decision,
        h.decided_on,
        h.paired_on,
        h.outcome,
        h.declined_by,
        h.method,
        h.closed_on,
        h.harmed_contacted,
        h.responsible_contacted,
        h.took_up,
    )
    return union_all(live, history).subquery("facts")


# --- the questions the reports ask --------------------------------------------------------


@dataclass(frozen=True)
class Window:
    """The referrals a report counts: received from `start` to `end` (inclusive, either open),
    in `district` when given."""

    start: dt.date | None = None
    end: dt.date | None = None
    district: str | None = None


@dataclass(frozen=True)
class Split:
    """A named date range (e.g. pilot, rollout) a referral's received day falls in."""

    label: str
    start: dt.date
    end: dt.date


DIMENSIONS = ("referrer", "district", "decision", "offence", "month", "period")
"""What referrals can be counted by; `period` needs splits."""

NOT_RECORDED = "not_recorded"


def _filtered(f: Subquery, window: Window) -> list[ColumnElement[bool]]:
    where: list[ColumnElement[bool]] = []
    if window.start is not None:
        where.append(f.c.received >= window.start)
    if window.end is not None:
        where.append(f.c.received <= window.end)
    if window.district:
        where.append(f.c.district == window.district)
    return where


def _dimension(f: Subquery, name: str, splits: Sequence[Split]) -> ColumnElement[Any]:
    if name == "month":
        return month_of(f.c.received)
    if name == "period":
        whens = [(f.c.received.between(s.start, s.end), literal(s.label)) for s in splits]
        return case(*whens, else_=null())
    column: ColumnElement[Any] = f.c[name]
    return func.coalesce(column, NOT_RECORDED)


def referral_counts(
    session: Session, window: Window, by: Sequence[str], splits: Sequence[Split] = ()
) -> list[tuple[Any, ...]]:
    """(value of each dimension in `by`..., referrals) per group; with a period split, only the
    referrals inside one of its ranges."""
    f = facts()
    keys = [_dimension(f, name, splits).label(f"d{i}") for i, name in enumerate(by)]
    where = _filtered(f, window)
    if "period" in by:
        where.append(or_(*[f.c.received.between(s.start, s.end) for s in splits]))
    query = select(*keys, func.count().label("n")).where(*where).group_by(*keys)
    return [tuple(row) for row in session.execute(query)]


def _count_if(condition: ColumnElement[bool]) -> ColumnElement[int]:
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


@dataclass(frozen=True)
class FunnelCounts:
    referrals: int
    accepted: int
    harmed_contacted: int
    responsible_contacted: int
    took_up: int
    direct: int
    indirect: int


def funnel(session: Session, window: Window) -> FunnelCounts:
    """The funnel's stages over the referrals received in the window, in one query."""
    f = facts()
    query = select(
        func.count(),
        _count_if(f.c.decision == DecisionKind.ACCEPT.value),
        func.coalesce(func.sum(f.c.harmed_contacted), 0),
        func.coalesce(func.sum(f.c.responsible_contacted), 0),
        func.coalesce(func.sum(f.c.took_up), 0),
        _count_if(f.c.outcome == OutcomeKind.DIRECT.value),
        _count_if(f.c.outcome == OutcomeKind.INDIRECT.value),
    ).where(*_filtered(f, window))
    row = session.execute(query).one()
    return FunnelCounts(*(int(v) for v in row))


def outcome_counts(session: Session, window: Window) -> list[tuple[str | None, str | None, int]]:
    """(outcome or None while open or not recorded, declined_by, cases) over the accepted
    referrals received in the window."""
    f = facts()
    query = (
        select(f.c.outcome, f.c.declined_by, func.count())
        .where(f.c.decision == DecisionKind.ACCEPT.value, *_filtered(f, window))
        .group_by(f.c.outcome, f.c.declined_by)
    )
    return [(row[0], row[1], int(row[2])) for row in session.execute(query)]
