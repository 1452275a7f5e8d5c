"""The reports: each a named unit that asks the store its counts (one query per table,
service.store.reports) and assembles a typed table with totals and every term defined.

A report holds counts only. Exports that leave the service hide small cells
(service.workflow.report_files.suppress).
"""

from __future__ import annotations

import datetime as dt
import itertools
import statistics
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from models import FieldError
from models.casefile import DeclinedBy, OutcomeKind
from rules.recruitment import percentile as nearest_rank
from rules.timeliness import Clock, ClockState
from service.errors import ForbiddenError, InputError
from service.store import reports as q
from service.store.uow import UnitOfWork
from service.workflow import own_hours, survey, volunteer_policy
from service.workflow import volunteer_report as vr
from service.workflow.auth import STAFF, Principal, Role
from service.workflow.clocks import of_cases, standard
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
FACILITATORS = frozenset({Role.FACILITATOR})
MAX_DAYS = 366 * 20


@dataclass(frozen=True)
class Params:
    """What a report is asked for: the period, a district, what to count by, period splits."""

    start: dt.date | None = None
    end: dt.date | None = None
    district: str | None = None
    by: tuple[str, ...] = ()
    splits: tuple[q.Split, ...] = field(default_factory=tuple)
    facilitator: str | None = None
    """Whose own report (my_hours): set by `run` from the signed-in facilitator, never asked."""

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
    roles: frozenset[Role] = STAFF
    own: bool = False
    """Of the signed-in facilitator only: their own record, nobody else's."""


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


# --- feedback -----------------------------------------------------------------------------

FEW = 5
"""Fewer answers than this and a question's result is not shown (the issue's privacy rule)."""
EVALUATION_ROWS = {
    "extremely_satisfied": "Extremely satisfied with the service (5 of 5)",
    "satisfied_4_or_5": "Rated the service 4 out of 5 or higher",
    "facilitator_5": "Rated the facilitators 5 out of 5",
    "positive_outcome": "Said it resulted in a positive outcome for them",
    "felt_better": "Felt better as a result",
    "would_recommend": "Would recommend it to others",
}
REFERRER_ROWS = {
    "referral_process": "How would you rate the referral process?",
    "initial_response": "How would you rate the initial response?",
    "kept_updated": "How would you rate how well you were kept updated?",
    "effectiveness": "How would you rate the effectiveness as an outcome for you?",
    "would_refer_again": "Would refer again",
    "would_recommend": "Would recommend the service",
}
FEEDBACK_DEFINITIONS = [
    Definition(
        term="Participant evaluations",
        meaning="Evaluations received in the period; each question counts those who answered it.",
    ),
    Definition(
        term="Referrer rating",
        meaning="The mean of the referrers' 1-5 ratings as a percentage of 5 (the 2015-16 "
        "review's satisfaction ratings); yes/no questions as the share saying yes.",
    ),
    Definition(
        term="Empathy change",
        meaning="The mean change in the victim-empathy score of people responsible scored "
        "before and after (after taken in the period).",
    ),
    Definition(
        term="Hidden",
        meaning=f"A question with fewer than {FEW} answers shows no result.",
    ),
]


def _shown(answered: int, value: float | None) -> float | None:
    return value if answered >= FEW else None


def _feedback(uow: UnitOfWork, p: Params) -> Report:
    answers = q.evaluation_answers(uow.session, p.window)
    evaluations = ReportTable(
        key="participants",
        title="Participant evaluations",
        columns=[
            ReportColumn(key="question", label="Question", kind="text"),
            ReportColumn(key="answered", label="Answered", kind="count"),
            ReportColumn(key="yes", label="Yes", kind="count"),
            ReportColumn(key="share", label="%", kind="percent", of="yes"),
        ],
        rows=[
            [
                title,
                answers[key][0],
                answers[key][1] if answers[key][0] >= FEW else None,
                _shown(answers[key][0], percent(answers[key][1], answers[key][0])),
            ]
            for key, title in EVALUATION_ROWS.items()
        ],
    )
    ratings = q.referrer_answers(uow.session, p.window)
    referrers = ReportTable(
        key="referrers",
        title="Referrer feedback",
        columns=[
            ReportColumn(key="question", label="Question", kind="text"),
            ReportColumn(key="answered", label="Answered", kind="count"),
            ReportColumn(key="rating", label="Rating", kind="percent"),
        ],
        rows=[
            [title, ratings[key][0], _shown(ratings[key][0], _rating(key, ratings[key][1]))]
            for key, title in REFERRER_ROWS.items()
        ],
    )
    scored, change = q.empathy_change(uow.session, p.window)
    empathy = Headline(
        key="empathy_change",
        label="Victim-empathy change (mean points)",
        value=round(change, 2) if change is not None and scored >= FEW else None,
        kind="ratio",
        definition=FEEDBACK_DEFINITIONS[2].meaning,
    )
    return _report(
        "feedback",
        p,
        [evaluations, referrers],
        headlines=[empathy],
        definitions=FEEDBACK_DEFINITIONS,
    )


def _rating(key: str, mean: float | None) -> float | None:
    if mean is None:
        return None
    scale = 5 if key in q.REFERRER_RATINGS else 1  # a 1-5 rating, or a share of yes
    return round(100 * mean / scale, 2)


# --- allocation ---------------------------------------------------------------------------


def gini(values: Sequence[float]) -> float | None:
    """How unevenly the values are spread: 0 when all equal, towards 1 when one holds all
    (mean absolute difference over twice the mean)."""
    total = sum(values)
    if not values or total <= 0:
        return None
    ordered = sorted(values)
    n = len(ordered)
    weighted = sum((2 * (i + 1) - n - 1) * v for i, v in enumerate(ordered))
    return round(weighted / (n * total), 4)


ALLOCATION_DEFINITIONS = [
    Definition(
        term="Days to a pair",
        meaning="Calendar days from the screening decision to accept to the first pair of "
        "facilitators on the case, over the period's accepted referrals that were paired.",
    ),
    Definition(
        term="Median, 90th percentile",
        meaning="Nearest rank: the smallest number of days that half (nine in ten) of the "
        "cases took at most.",
    ),
    Definition(
        term="Hours' spread (Gini)",
        meaning="0 when every active facilitator logged the same hours in the period, towards "
        "1 when a few logged them all.",
    ),
    Definition(
        term="Cases per facilitator",
        meaning="Active facilitators by the number of cases they were paired on for any part "
        "of the period.",
    ),
]


def _allocation(uow: UnitOfWork, p: Params) -> Report:
    delays = q.days_to_pair(uow.session, p.window)
    days = [d for d, n in delays for _ in range(n)]
    hours = q.hours_by_facilitator(uow.session, p.window)
    spread = q.cases_per_facilitator(uow.session, p.window)
    timing = ReportTable(
        key="days_to_pair",
        title="Days from acceptance to a full pair",
        columns=[
            ReportColumn(key="measure", label="Measure", kind="text"),
            ReportColumn(key="value", label="Value", kind="days"),
        ],
        rows=[
            ["Median days", statistics.median(days) if days else None],
            ["90th percentile days", nearest_rank(days, 90)],
        ],
    )
    per = ReportTable(
        key="cases_per_facilitator",
        title="Cases per facilitator",
        columns=[
            ReportColumn(key="cases", label="Cases", kind="text"),
            ReportColumn(key="facilitators", label="Facilitators", kind="count"),
        ],
        rows=[[str(c), n] for c, n in spread],
        totals=["Total", sum(n for _, n in spread)],
    )
    headlines = [
        Headline(
            key="paired",
            label="Cases paired",
            value=len(days),
            kind="count",
            definition=ALLOCATION_DEFINITIONS[0].meaning,
        ),
        Headline(
            key="hours_gini",
            label="Hours' spread among volunteers (Gini)",
            value=gini(hours),
            kind="ratio",
            definition=ALLOCATION_DEFINITIONS[2].meaning,
        ),
        Headline(
            key="hours_logged",
            label="Hours logged by active volunteers",
            value=round(sum(hours), 1),
            kind="hours",
            definition="Hours logged in the period by the facilitators active in it.",
        ),
    ]
    return _report(
        "allocation", p, [timing, per], headlines=headlines, definitions=ALLOCATION_DEFINITIONS
    )


# --- volunteers ---------------------------------------------------------------------------

VOLUNTEER_ROWS = (
    ("active", "Active volunteers", "count", "Facilitators active for any part of the period."),
    ("trained", "Trained", "count", "Facilitators who completed the practitioner course in "
     "the period."),
    ("started", "Started", "count", "Recruits who became active volunteers in the period."),
    ("waiting_for_vetting", "Waiting for vetting", "count", "Recruits whose vetting was "
     "submitted and not yet granted, today."),
    ("hours", "Hours logged", "hours", "Hours volunteers logged in the period."),
    ("supervisions", "Supervisions held", "count", "Individual and group supervisions held "
     "in the period."),
)  # fmt: skip


def _volunteers(uow: UnitOfWork, p: Params) -> Report:
    counts = q.volunteer_counts(uow.session, p.window)
    table = ReportTable(
        key="volunteers",
        title="Volunteers",
        columns=[
            ReportColumn(key="measure", label="Measure", kind="text"),
            ReportColumn(key="value", label="Number", kind="count"),
        ],
        rows=[[title, getattr(counts, key)] for key, title, _, _ in VOLUNTEER_ROWS],
    )
    definitions = [Definition(term=title, meaning=m) for _, title, _, m in VOLUNTEER_ROWS]
    looked_after, more = _volunteer_care(uow, p)
    tables = [table, *looked_after, _survey_table(uow, p)]
    return _report("volunteers", p, tables, definitions=[*definitions, *more, *SURVEY_DEFINITIONS])


SURVEY_DEFINITIONS = [
    Definition(
        term="Volunteer survey",
        meaning="The anonymous volunteer survey's rounds closed in the period (the whole "
        "service: answers name no district): per question, how many answered and how many "
        "agreed. A question fewer than 5 answered is not shown, so no one can be recognised.",
    ),
]


def _survey_table(uow: UnitOfWork, p: Params) -> ReportTable:
    rows: list[list[Cell]] = []
    for counts in _by_round(q.survey_counts(uow.session, p.window)):
        first = counts[0]
        when = f"opened {first.opened_on}, closed {first.closed_on}"
        rows += [
            [when, r.statement, r.answered, r.agreeing, r.share_agreeing, r.suppressed]
            for r in survey.results(counts)
        ]
    return ReportTable(
        key="survey",
        title="Volunteer survey",
        columns=[
            ReportColumn(key="round", label="Round", kind="text"),
            ReportColumn(key="question", label="Statement", kind="text"),
            ReportColumn(key="answered", label="Answered", kind="count"),
            ReportColumn(key="agreeing", label="Agreeing", kind="count"),
            ReportColumn(key="share", label="% agreeing", kind="percent", of="agreeing"),
            ReportColumn(key="note", label="Note", kind="text"),
        ],
        rows=rows,
    )


def _by_round(counts: list[q.SurveyCounts]) -> list[list[q.SurveyCounts]]:
    return [list(g) for _, g in itertools.groupby(counts, key=lambda c: c.round_id)]


def _volunteer_care(uow: UnitOfWork, p: Params) -> tuple[list[ReportTable], list[Definition]]:
    """Supervision done and due, the pipeline's stage times, trained and started, CPD."""
    policy = volunteer_policy.in_force(uow)
    tables = [
        vr.supervision_table(uow, p.window, policy),
        vr.pipeline_table(uow, p.window),
        vr.cohort_table(uow, p.window),
        vr.cpd_table(uow, p.window, policy, uow.clock.today()),
    ]
    return tables, vr.definitions(policy)


# --- a facilitator's own hours ------------------------------------------------------------


def _my_hours(uow: UnitOfWork, p: Params) -> Report:
    if p.facilitator is None:  # run() sets it; a caller that did not is refused, never guessed
        raise InputError.single("report", "/path/name", "my_hours is a facilitator's own")
    tables = [
        own_hours.by_month(uow, p.facilitator, p.window),
        own_hours.by_case(uow, p.facilitator, p.window),
    ]
    return _report("my_hours", p, tables, definitions=own_hours.DEFINITIONS)


# --- timeliness ---------------------------------------------------------------------------

TIMELINESS_DEFINITIONS = [
    Definition(
        term="Cases",
        meaning="Cases accepted in the period (the day of the referral's first decision to "
        "accept, else the day the case was opened); every clock of the timeliness standard in "
        "force that their record started, on the day the report is run.",
    ),
    Definition(term="Met", meaning="Stopped on or before its due day."),
    Definition(term="Met late", meaning="Stopped after its due day."),
    Definition(term="Missed", meaning="Not stopped, and its due day has passed."),
    Definition(term="Still due", meaning="Not stopped, and its due day has not passed yet."),
    Definition(
        term="Days taken",
        meaning="Among the clocks met (on time or late): from the start to the day it was "
        "stopped, in the clock's own unit: working days (Monday to Friday, bank holidays of "
        "England and Wales excepted, the start not counted) for a working-day clock, calendar "
        "days for a calendar-day clock. Median; 90th percentile by nearest rank.",
    ),
    Definition(
        term="Void",
        meaning="A clock no longer owed (e.g. the case closed first) is not counted.",
    ),
]


def _timeliness(uow: UnitOfWork, p: Params) -> Report:
    policy = standard(uow)
    cases = q.accepted_cases(uow.session, p.window)
    by_rule: dict[str, list[Clock]] = defaultdict(list)
    for clocks in of_cases(uow, cases, uow.clock.today()).values():
        for clock in clocks:
            by_rule[clock.rule.id].append(clock)
    rows: list[list[Cell]] = []
    for rule in policy.clocks:
        found = by_rule[rule.id]
        states = [c.state for c in found]
        taken = [rule.taken(c.started, c.met_on) for c in found if c.met_on is not None]
        rows.append(
            [
                rule.title,
                states.count(ClockState.MET),
                states.count(ClockState.MET_LATE),
                states.count(ClockState.OVERDUE),
                states.count(ClockState.DUE),
                statistics.median(taken) if taken else None,
                nearest_rank(taken, 90),
                rule.unit,
                rule.describe(),
            ]
        )
    table = ReportTable(
        key="clocks",
        title=f"Timeliness against {policy.title}",
        columns=[
            ReportColumn(key="clock", label="Clock", kind="text"),
            ReportColumn(key="met", label="Met", kind="count"),
            ReportColumn(key="met_late", label="Met late", kind="count"),
            ReportColumn(key="missed", label="Missed", kind="count"),
            ReportColumn(key="due", label="Still due", kind="count"),
            ReportColumn(key="median_days", label="Median days taken", kind="days"),
            ReportColumn(key="p90_days", label="90th percentile days taken", kind="days"),
            ReportColumn(key="unit", label="Days counted in", kind="text"),
            ReportColumn(key="definition", label="Definition", kind="text"),
        ],
        rows=rows,
    )
    headlines = [
        Headline(
            key="cases",
            label="Cases accepted",
            value=len(cases),
            kind="count",
            definition=TIMELINESS_DEFINITIONS[0].meaning,
        )
    ]
    definitions = [
        *TIMELINESS_DEFINITIONS,
        Definition(term="Standard", meaning=f"{policy.id}: {policy.title}"),
        *(Definition(term=rule.title, meaning=rule.describe()) for rule in policy.clocks),
    ]
    return _report("timeliness", p, [table], headlines=headlines, definitions=definitions)


# --- the catalogue ------------------------------------------------------------------------

REPORTS: dict[str, ReportSpec] = {
    spec.name: spec
    for spec in (
        ReportSpec("referrals", "Referrals", _referrals, q.DIMENSIONS),
        ReportSpec("funnel", "From referral to outcome", _funnel),
        ReportSpec("outcomes", "Case outcomes", _outcomes),
        ReportSpec("timeliness", "Timeliness", _timeliness),
        ReportSpec("feedback", "Feedback", _feedback),
        ReportSpec("allocation", "Allocation of facilitators", _allocation),
        ReportSpec("volunteers", "Volunteers", _volunteers),
        ReportSpec("my_hours", "My hours", _my_hours, roles=FACILITATORS, own=True),
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


def catalogue(who: Principal) -> list[ReportInfo]:
    """The reports this user may run, and what each can count by."""
    return [
        ReportInfo(name=s.name, title=s.title, dimensions=list(s.dimensions))
        for s in REPORTS.values()
        if who.role in s.roles
    ]


def spec_of(name: str) -> ReportSpec:
    """The report named, or 422 naming the ones there are."""
    spec = REPORTS.get(name)
    if spec is None:
        known = ", ".join(REPORTS)
        raise InputError.single("report", "/path/name", f"no report {name!r}; use one of {known}")
    return spec


def check(name: str, p: Params) -> ReportSpec:
    """The report named, once its parameters make sense; every problem named with its fix."""
    spec = spec_of(name)
    problems: list[tuple[str, str]] = []
    if spec.own and p.district:
        problems.append(("/query/district", f"{name} is your own; leave the district out"))
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


def service_year(day: dt.date) -> tuple[dt.date, dt.date]:
    """The April-to-March year `day` is in (the seeds' reporting year)."""
    first = dt.date(day.year if day.month >= 4 else day.year - 1, 4, 1)
    return first, dt.date(first.year + 1, 3, 31)


def my_hours(uow: UnitOfWork, who: Principal, start: dt.date | None, end: dt.date | None) -> Report:
    """The signed-in facilitator's own hours from start to end (this April-March year by
    default)."""
    first, last = service_year(uow.clock.today())
    return run(uow, who, "my_hours", Params(start=start or first, end=end or last))


def run(uow: UnitOfWork, who: Principal, name: str, p: Params) -> Report:
    """The report named over the period asked, if this user's role may run it (403 before
    anything else): staff the service's reports, a facilitator only their own hours."""
    spec = spec_of(name)
    who.require(spec.roles, f"the {name} report")
    if spec.own:
        if who.facilitator_id is None:
            raise ForbiddenError(f"the {name} report is a facilitator's own; you are none")
        p = replace(p, facilitator=who.facilitator_id)
    return check(name, p).build(uow, p)
