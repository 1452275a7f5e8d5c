"""The volunteers report's counting beyond the head counts (service.store.reports): supervisions
done against due, the days recruits spend in each pipeline stage, those trained and started,
and CPD hours against the level's requirement. SQL GROUP BY and window functions, one query per
table, the same meaning on SQLite and PostgreSQL; the policy's values come in as arguments (the
rules live in rules.volunteering)."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Date, and_, case, func, literal, literal_column, select, union_all
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.sql.functions import FunctionElement
from sqlalchemy.sql.selectable import Subquery

from models.volunteers import LEVEL_ORDER, PIPELINE, Level, Stage
from service.store import tables as t
from service.store.reports import Window, active_in, days_between, month_of


class days_after(FunctionElement[dt.date]):  # noqa: N801 - a SQL function, named like one
    """The day a whole number of days after a day (the number written into the SQL, so that
    PostgreSQL adds an integer to a date whatever the driver's parameter types)."""

    type = Date()
    inherit_cache = True


@compiles(days_after)
def _after_default(element: days_after, compiler: SQLCompiler, **kw: Any) -> str:
    day, days = list(element.clauses)
    return f"({compiler.process(day, **kw)} + {compiler.process(days, **kw)})"


@compiles(days_after, "sqlite")
def _after_sqlite(element: days_after, compiler: SQLCompiler, **kw: Any) -> str:
    day, days = list(element.clauses)
    a, n = compiler.process(day, **kw), compiler.process(days, **kw)
    return f"date({a}, '+' || {n} || ' days')"


def _between(column: Any, first: dt.date | None, last: dt.date | None) -> list[Any]:
    where = []
    if first is not None:
        where.append(column >= first)
    if last is not None:
        where.append(column <= last)
    return where


# --- supervision -----------------------------------------------------------------------------


@dataclass(frozen=True)
class SupervisionCounts:
    held: int
    due: int
    held_by_due_day: int
    held_late: int
    not_held: int


def supervisions(session: Session, window: Window, every: dt.timedelta) -> SupervisionCounts:
    """Of the facilitators active in the window: supervisions held in it, and supervisions
    falling due in it. Each start and each supervision makes the next one due `every` later
    (rules.volunteering.supervision_due); the next supervision held (LEAD over the volunteer's
    start and supervisions in order) meets it on or before that day, or late. A due day on or
    after the day the volunteer left is not owed."""
    fac, s = t.Facilitator, t.Supervision
    people = select(fac.id).where(*active_in(window))
    anchors = union_all(
        select(fac.id.label("fid"), fac.started_on.label("since"), literal(0).label("kind"))
        .where(fac.id.in_(people), fac.started_on.is_not(None)),
        select(s.facilitator_id, s.held_on, literal(1)).where(s.facilitator_id.in_(people)),
    ).subquery("anchors")  # fmt: skip
    order = (anchors.c.since, anchors.c.kind)
    chained = select(
        anchors.c.fid,
        anchors.c.kind,
        anchors.c.since,
        days_after(anchors.c.since, literal_column(str(every.days))).label("due_on"),
        func.lead(anchors.c.since).over(partition_by=anchors.c.fid, order_by=order).label("next"),
    ).subquery("chained")
    c = chained
    left = select(fac.left_on).where(fac.id == c.c.fid).scalar_subquery()
    owed = and_(*_between(c.c.due_on, window.start, window.end), func.coalesce(
        c.c.due_on < left, True))  # fmt: skip
    held = and_(c.c.kind == 1, *_between(c.c.since, window.start, window.end))
    query = select(
        _count(held),
        _count(owed),
        _count(and_(owed, c.c.next <= c.c.due_on)),
        _count(and_(owed, c.c.next > c.c.due_on)),
        _count(and_(owed, c.c.next.is_(None))),
    )
    return SupervisionCounts(*(int(v) for v in session.execute(query).one()))


def _count(condition: ColumnElement[bool]) -> ColumnElement[int]:
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


# --- the recruitment pipeline ----------------------------------------------------------------


def _first_reached(window: Window) -> Subquery:
    """Per recruit (of the window's district) and stage: the first day it was reached."""
    rs = t.RecruitStage
    where = []
    if window.district:
        where.append(rs.recruit_id.in_(select(t.Recruit.id).where(
            t.Recruit.district == window.district)))  # fmt: skip
    return (
        select(rs.recruit_id, rs.stage, func.min(rs.reached_on).label("on"))
        .where(*where)
        .group_by(rs.recruit_id, rs.stage)
        .subquery("reached")
    )


def stage_days(session: Session, window: Window) -> list[tuple[Stage, int, int]]:
    """(pipeline stage, days spent in it, recruits) over the recruits who moved on from the
    stage in the window: days from first reaching it to first reaching the next stage of the
    pipeline (rules.recruitment.funnel's days)."""
    here, there = _first_reached(window).alias("here"), _first_reached(window).alias("there")
    following = case(
        *((here.c.stage == a.value, literal(b.value)) for a, b in itertools.pairwise(PIPELINE)),
        else_=None,
    )
    days = days_between(here.c.on, there.c.on).label("days")
    query = (
        select(here.c.stage, days, func.count())
        .join(there, and_(there.c.recruit_id == here.c.recruit_id, there.c.stage == following))
        .where(*_between(there.c.on, window.start, window.end))
        .group_by(here.c.stage, days)
        .order_by(here.c.stage, days)
    )
    return [(Stage(stage), int(d), int(n)) for stage, d, n in session.execute(query)]


@dataclass(frozen=True)
class CohortCounts:
    trained: int
    started: int
    left: int
    on_the_way: int


def trained_and_started(session: Session, window: Window) -> CohortCounts:
    """Recruits who first reached `trained` in the window, and of them: those who have reached
    `active` since (started), those who left without starting, and the rest (on the way)."""
    r = _first_reached(window)

    def on(stage: Stage) -> ColumnElement[dt.date]:
        return func.max(case((r.c.stage == stage.value, r.c.on)))

    per = (
        select(
            on(Stage.TRAINED).label("trained"),
            on(Stage.ACTIVE).label("active"),
            on(Stage.LEFT).label("left"),
        )
        .group_by(r.c.recruit_id)
        .subquery("per_recruit")
    )
    started = per.c.active.is_not(None)
    left = and_(per.c.active.is_(None), per.c.left.is_not(None))
    query = select(
        func.count(),
        _count(started),
        _count(left),
        _count(and_(per.c.active.is_(None), per.c.left.is_(None))),
    ).where(*_between(per.c.trained, window.start, window.end))
    return CohortCounts(*(int(v) for v in session.execute(query).one()))


# --- CPD -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CpdRow:
    level: Level
    volunteers: int
    met: int
    hours: float


def cpd_by_level(
    session: Session,
    window: Window,
    year: tuple[dt.date, dt.date],
    required: Mapping[Level, float],
) -> list[CpdRow]:
    """Per practitioner level (the highest level of a course completed by the year's last day
    counted), over the facilitators active in the window: how many, how many have done at least
    the level's `required` CPD hours in `year` (first day to the day counted up to), and the
    hours done."""
    course, fac = t.TrainingRecord, t.Facilitator
    first, last = year
    rank = case(*((course.level == lv.value, n) for lv, n in LEVEL_ORDER.items()), else_=0)
    in_year = and_(course.completed_on >= first, course.completed_on <= last)
    counted = course.completed_on.is_(None) | (course.completed_on <= last)
    per = (
        select(
            fac.id,
            func.coalesce(func.max(case((counted, rank))), 0).label("rank"),
            func.coalesce(func.sum(case((in_year, course.hours), else_=0.0)), 0.0).label("done"),
        )
        .outerjoin(course, course.facilitator_id == fac.id)
        .where(*active_in(window))
        .group_by(fac.id)
        .subquery("per_volunteer")
    )
    needed = case(*((per.c.rank == LEVEL_ORDER[lv], h) for lv, h in required.items()), else_=0.0)
    query = (
        select(per.c.rank, func.count(), _count(per.c.done >= needed), func.sum(per.c.done))
        .group_by(per.c.rank)
        .order_by(per.c.rank)
    )
    level_of = {n: lv for lv, n in LEVEL_ORDER.items()}
    return [
        CpdRow(level_of[int(k)], int(n), int(met), float(hours))
        for k, n, met, hours in session.execute(query)
    ]


# --- a facilitator's own hours ---------------------------------------------------------------


def own_hours_by_month(session: Session, fid: str, window: Window) -> list[tuple[str, float]]:
    """('YYYY-MM', hours) the facilitator logged in each month of the window, by month."""
    h = t.HoursEntry
    month = month_of(h.worked_on).label("month")
    query = (
        select(month, func.sum(h.hours))
        .where(h.facilitator_id == fid, *_between(h.worked_on, window.start, window.end))
        .group_by(month)
        .order_by(month)
    )
    return [(str(m), float(n)) for m, n in session.execute(query)]


def own_hours_by_case(session: Session, fid: str, window: Window) -> list[tuple[str | None, float]]:
    """(case id, or None for work on no case, hours) the facilitator logged in the window,
    by case id, the work on no case last."""
    h = t.HoursEntry
    query = (
        select(h.case_id, func.sum(h.hours))
        .where(h.facilitator_id == fid, *_between(h.worked_on, window.start, window.end))
        .group_by(h.case_id)
        .order_by(h.case_id.is_(None), h.case_id)
    )
    return [(c, float(n)) for c, n in session.execute(query)]
