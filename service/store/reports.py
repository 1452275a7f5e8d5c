"""The reports' counting, done by the database: SQLAlchemy Core selects with GROUP BY, one
query per table, the same SQL meaning on SQLite and PostgreSQL.

Every referral report reads one selectable, `facts(window)`: a row per referral received in
the window (the window's filter inside each part, so no part counts more than it must), from
the live record (referral, its latest screening decision, its case, the case's outcome and the
people its contacts reached) and from the imported history (history_referrals), side by side.
The few
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


# --- one row per referral, live and imported ----------------------------------------------

LIVE = "live"
HISTORY = "history"


def _in_window(received: Any, district: Any, window: Window) -> list[ColumnElement[bool]]:
    where: list[ColumnElement[bool]] = []
    if window.start is not None:
        where.append(received >= window.start)
    if window.end is not None:
        where.append(received <= window.end)
    if window.district:
        where.append(district == window.district)
    return where


def _referrals_in(window: Window) -> Any:
    return select(t.Referral.id).where(
        *_in_window(t.Referral.received, t.Referral.district, window)
    )


def _cases_in(window: Window) -> Any:
    return (
        select(t.Case.id)
        .join(t.Referral, t.Referral.id == t.Case.referral_id)
        .where(*_in_window(t.Referral.received, t.Referral.district, window))
    )


def _latest_decision(window: Window) -> Subquery:
    latest = (
        select(func.max(t.Decision.id).label("id"))
        .where(t.Decision.referral_id.in_(_referrals_in(window)))
        .group_by(t.Decision.referral_id)
        .subquery()
    )
    return (
        select(t.Decision.referral_id, t.Decision.outcome, t.Decision.decided_at)
        .join(latest, latest.c.id == t.Decision.id)
        .subquery("decision")
    )


def _people(window: Window) -> Subquery:
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
        .where(t.Party.case_id.in_(_cases_in(window)))
        .group_by(t.Party.case_id)
        .subquery("people")
    )


def _first_pairs(window: Window) -> Subquery:
    return (
        select(t.Pair.case_id, func.min(t.Pair.started_on).label("paired_on"))
        .where(t.Pair.case_id.in_(_cases_in(window)))
        .group_by(t.Pair.case_id)
        .subquery("first_pair")
    )


def facts(window: Window) -> Subquery:
    """A row per referral received in the window: id, source (live or history), received,
    district, referrer, offence, decision, decided_on, paired_on, outcome, declined_by, method,
    closed_on, harmed_contacted, responsible_contacted, took_up."""
    decision = _latest_decision(window)
    people = _people(window)
    pairs = _first_pairs(window)
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
        .where(*_in_window(t.Referral.received, t.Referral.district, window))
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
    ).where(*_in_window(h.received, h.district, window))
    return union_all(live, history).subquery("facts")


# --- the questions the reports ask --------------------------------------------------------


DIMENSIONS = ("referrer", "district", "decision", "offence", "month", "period")
"""What referrals can be counted by; `period` needs splits."""

NOT_RECORDED = "not_recorded"


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
    f = facts(window)
    keys = [_dimension(f, name, splits).label(f"d{i}") for i, name in enumerate(by)]
    where: list[ColumnElement[bool]] = []
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
    f = facts(window)
    query = select(
        func.count(),
        _count_if(f.c.decision == DecisionKind.ACCEPT.value),
        func.coalesce(func.sum(f.c.harmed_contacted), 0),
        func.coalesce(func.sum(f.c.responsible_contacted), 0),
        func.coalesce(func.sum(f.c.took_up), 0),
        _count_if(f.c.outcome == OutcomeKind.DIRECT.value),
        _count_if(f.c.outcome == OutcomeKind.INDIRECT.value),
    )
    row = session.execute(query).one()
    return FunnelCounts(*(int(v) for v in row))


def outcome_counts(session: Session, window: Window) -> list[tuple[str | None, str | None, int]]:
    """(outcome or None while open or not recorded, declined_by, cases) over the accepted
    referrals received in the window."""
    f = facts(window)
    query = (
        select(f.c.outcome, f.c.declined_by, func.count())
        .where(f.c.decision == DecisionKind.ACCEPT.value)
        .group_by(f.c.outcome, f.c.declined_by)
    )
    return [(row[0], row[1], int(row[2])) for row in session.execute(query)]


# --- timeliness ----------------------------------------------------------------------------


def accepted_cases(session: Session, window: Window) -> list[t.Case]:
    """The cases accepted in the window, in one query: accepted on the day of their referral's
    first decision to accept, or (a case with no such decision) the day the case was opened,
    as the case's timeline says (service.workflow.timeline); in the referral's district (else
    the case's) when one is asked."""
    first = (
        select(t.Decision.referral_id, func.min(t.Decision.decided_at).label("at"))
        .where(t.Decision.outcome == DecisionKind.ACCEPT.value)
        .group_by(t.Decision.referral_id)
        .subquery()
    )
    accepted_on = day_of(func.coalesce(first.c.at, t.Case.created_at))
    district = func.coalesce(t.Referral.district, t.Case.district)
    query = (
        select(t.Case)
        .outerjoin(t.Referral, t.Referral.id == t.Case.referral_id)
        .outerjoin(first, first.c.referral_id == t.Case.referral_id)
        .where(*_in_window(accepted_on, district, window))
        .order_by(t.Case.id)
    )
    return list(session.scalars(query))


# --- feedback ------------------------------------------------------------------------------


def _in_days(column: Any, window: Window) -> list[ColumnElement[bool]]:
    where: list[ColumnElement[bool]] = []
    if window.start is not None:
        where.append(column >= window.start)
    if window.end is not None:
        where.append(column <= window.end)
    return where


def _case_in(case_column: Any, window: Window) -> list[ColumnElement[bool]]:
    if not window.district:
        return []
    in_district = select(t.Case.id).where(t.Case.district == window.district)
    return [case_column.in_(in_district)]


def _answered(column: Any) -> ColumnElement[int]:
    return func.count(column)


def _yes(condition: ColumnElement[bool]) -> ColumnElement[int]:
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


EVALUATION_QUESTIONS = (
    "extremely_satisfied",
    "satisfied_4_or_5",
    "facilitator_5",
    "positive_outcome",
    "felt_better",
    "would_recommend",
)


def evaluation_answers(session: Session, window: Window) -> dict[str, tuple[int, int]]:
    """Per question of the participants' evaluations received in the window: (answered, yes),
    in one query."""
    e = t.Evaluation
    query = select(
        _answered(e.satisfaction),
        _yes(e.satisfaction == 5),
        _answered(e.satisfaction),
        _yes(e.satisfaction >= 4),
        _answered(e.facilitator_rating),
        _yes(e.facilitator_rating == 5),
        _answered(e.positive_outcome),
        _yes(e.positive_outcome.is_(True)),
        _answered(e.felt_better),
        _yes(e.felt_better.is_(True)),
        _answered(e.would_recommend),
        _yes(e.would_recommend.is_(True)),
    ).where(*_in_days(e.received_on, window), *_case_in(e.case_id, window))
    row = [int(v) for v in session.execute(query).one()]
    return {q: (row[2 * i], row[2 * i + 1]) for i, q in enumerate(EVALUATION_QUESTIONS)}


REFERRER_RATINGS = ("referral_process", "initial_response", "kept_updated", "effectiveness")
REFERRER_YES_NO = ("would_refer_again", "would_recommend")


def referrer_answers(session: Session, window: Window) -> dict[str, tuple[int, float | None]]:
    """Per question of the referrers' feedback received in the window: (answered, mean of the
    1-5 ratings) or (answered, share saying yes, 0-1), in one query."""
    f = t.ReferrerFeedback
    columns: list[ColumnElement[Any]] = []
    for name in REFERRER_RATINGS:
        columns += [_answered(f.__table__.c[name]), func.avg(f.__table__.c[name])]
    for name in REFERRER_YES_NO:
        column = f.__table__.c[name]
        columns += [_answered(column), func.avg(case((column.is_(True), 1.0), else_=0.0))]
    query = select(*columns).where(*_in_days(f.received_on, window), *_case_in(f.case_id, window))
    row = session.execute(query).one()
    names = (*REFERRER_RATINGS, *REFERRER_YES_NO)
    out: dict[str, tuple[int, float | None]] = {}
    for i, name in enumerate(names):
        answered, mean = int(row[2 * i]), row[2 * i + 1]
        out[name] = (answered, float(mean) if answered and mean is not None else None)
    return out


def empathy_change(session: Session, window: Window) -> tuple[int, float | None]:
    """People responsible with a score before and after (the after taken in the window), and
    their mean change (after - before)."""
    s = t.EmpathyScore
    per_party = (
        select(
            s.party_id,
            func.max(case((s.stage == "before", s.score))).label("before"),
            func.max(case((s.stage == "after", s.score))).label("after"),
            func.max(case((s.stage == "after", s.taken_on))).label("after_on"),
        )
        .where(*_case_in(s.case_id, window))
        .group_by(s.party_id)
        .subquery()
    )
    both = and_(per_party.c.before.is_not(None), per_party.c.after.is_not(None))
    query = select(func.count(), func.avg(per_party.c.after - per_party.c.before)).where(
        both, *_in_days(per_party.c.after_on, window)
    )
    n, mean = session.execute(query).one()
    return int(n), (float(mean) if n else None)


# --- allocation ----------------------------------------------------------------------------


def days_to_pair(session: Session, window: Window) -> list[tuple[int, int]]:
    """(days from acceptance to the first full pair, cases) over the accepted referrals of
    the window that were paired."""
    f = facts(window)
    days = days_between(f.c.decided_on, f.c.paired_on).label("days")
    query = (
        select(days, func.count())
        .where(
            f.c.decision == DecisionKind.ACCEPT.value,
            f.c.paired_on.is_not(None),
            f.c.decided_on.is_not(None),
        )
        .group_by(days)
        .order_by(days)
    )
    return [(int(d), int(n)) for d, n in session.execute(query)]


def active_in(window: Window) -> list[ColumnElement[bool]]:
    """Facilitators active (not paused) now and not started after, nor left before, the window;
    of its district when given."""
    fac = t.Facilitator
    where: list[ColumnElement[bool]] = [fac.active.is_(True)]
    if window.end is not None:
        where.append(or_(fac.started_on.is_(None), fac.started_on <= window.end))
    if window.start is not None:
        where.append(or_(fac.left_on.is_(None), fac.left_on >= window.start))
    if window.district:
        where.append(fac.district == window.district)
    return where


def hours_by_facilitator(session: Session, window: Window) -> list[float]:
    """Hours each active facilitator logged in the window (0 for none), one per facilitator."""
    h = t.HoursEntry
    logged = (
        select(h.facilitator_id, func.sum(h.hours).label("hours"))
        .where(*_in_days(h.worked_on, window))
        .group_by(h.facilitator_id)
        .subquery()
    )
    query = (
        select(func.coalesce(logged.c.hours, 0.0))
        .select_from(t.Facilitator)
        .outerjoin(logged, logged.c.facilitator_id == t.Facilitator.id)
        .where(*active_in(window))
    )
    return [float(v) for v in session.scalars(query)]


def cases_per_facilitator(session: Session, window: Window) -> list[tuple[int, int]]:
    """(cases, facilitators with that many) over the active facilitators: the cases each was
    paired on for any part of the window."""
    p = t.Pair
    overlap: list[ColumnElement[bool]] = []
    if window.end is not None:
        overlap.append(p.started_on <= window.end)
    if window.start is not None:
        overlap.append(or_(p.ended_on.is_(None), p.ended_on >= window.start))
    sides = union_all(
        select(p.facilitator_a.label("fid"), p.case_id).where(*overlap),
        select(p.facilitator_b.label("fid"), p.case_id).where(*overlap),
    ).subquery()
    per = (
        select(sides.c.fid, func.count(func.distinct(sides.c.case_id)).label("cases"))
        .group_by(sides.c.fid)
        .subquery()
    )
    cases = func.coalesce(per.c.cases, 0).label("cases")
    query = (
        select(cases, func.count())
        .select_from(t.Facilitator)
        .outerjoin(per, per.c.fid == t.Facilitator.id)
        .where(*active_in(window))
        .group_by(cases)
        .order_by(cases)
    )
    return [(int(c), int(n)) for c, n in session.execute(query)]


# --- volunteers ----------------------------------------------------------------------------


@dataclass(frozen=True)
class VolunteerCounts:
    active: int
    trained: int
    started: int
    waiting_for_vetting: int
    hours: float
    supervisions: int


def volunteer_counts(session: Session, window: Window) -> VolunteerCounts:
    """Active volunteers, those trained (practitioner course) and started (became active) in the
    window, recruits waiting for vetting now, hours logged and supervisions held in the window:
    one query of scalar subqueries."""
    fac, course, rs = t.Facilitator, t.TrainingRecord, t.RecruitStage
    in_district = (
        [course.facilitator_id.in_(select(fac.id).where(fac.district == window.district))]
        if window.district
        else []
    )
    active = select(func.count()).select_from(fac).where(*active_in(window))
    trained = select(func.count(func.distinct(course.facilitator_id))).where(
        course.course == "practitioner", *_in_days(course.completed_on, window), *in_district
    )
    started = select(func.count(func.distinct(rs.recruit_id))).where(
        rs.stage == "active", *_in_days(rs.reached_on, window)
    )
    waiting = (
        select(func.count()).select_from(t.Recruit).where(t.Recruit.stage == "vetting_submitted")
    )
    hours = select(func.coalesce(func.sum(t.HoursEntry.hours), 0.0)).where(
        *_in_days(t.HoursEntry.worked_on, window)
    )
    supervisions = (
        select(func.count())
        .select_from(t.Supervision)
        .where(*_in_days(t.Supervision.held_on, window))
    )
    row = session.execute(
        select(
            active.scalar_subquery(),
            trained.scalar_subquery(),
            started.scalar_subquery(),
            waiting.scalar_subquery(),
            hours.scalar_subquery(),
            supervisions.scalar_subquery(),
        )
    ).one()
    return VolunteerCounts(
        int(row[0]), int(row[1]), int(row[2]), int(row[3]), float(row[4]), int(row[5])
    )


@dataclass(frozen=True)
class SurveyCounts:
    """One question of one closed survey round: how many answered it and how many agreed."""

    round_id: int
    opened_on: dt.date
    closed_on: dt.date
    question: str
    answered: int
    agreeing: int


def survey_counts(
    session: Session, window: Window, round_id: int | None = None
) -> list[SurveyCounts]:
    """Per closed survey round (closed within the window's days; the district is not asked, so
    not used) and question: the answers and those agreeing, summed from the round's tallies."""
    r, tally = t.SurveyRound, t.SurveyTally
    agreeing = func.sum(case((tally.answer == "agree", tally.count), else_=0))
    query = (
        select(r.id, r.opened_on, r.closed_on, tally.question, func.sum(tally.count), agreeing)
        .join(tally, tally.round_id == r.id)
        .where(r.closed_on.is_not(None), *_in_days(r.closed_on, window))
        .group_by(r.id, r.opened_on, r.closed_on, tally.question)
        .order_by(r.closed_on, r.id, tally.question)
    )
    if round_id is not None:
        query = query.where(r.id == round_id)
    return [
        SurveyCounts(int(rid), opened, closed, str(question), int(n), int(agree))
        for rid, opened, closed, question, n, agree in session.execute(query)
    ]
