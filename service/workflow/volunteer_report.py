"""The volunteers report's tables beyond the head counts: supervision done against due, the
pipeline's days in each stage, those trained and started, CPD against the requirement. Each a
small builder over one query of service.store.volunteer_reports; the policy's values from the
volunteer policy in force (rules.volunteering)."""

from __future__ import annotations

import datetime as dt
import statistics
from collections import defaultdict

from models.volunteers import PIPELINE, Stage
from rules.recruitment import percentile as nearest_rank
from rules.volunteering import VolunteerPolicy, cpd_year, supervision_interval
from service.store import volunteer_reports as vq
from service.store.reports import Window
from service.store.uow import UnitOfWork
from service.workflow.schemas.reports import Cell, Definition, ReportColumn, ReportTable

MEASURE = ReportColumn(key="measure", label="Measure", kind="text")
NUMBER = ReportColumn(key="value", label="Number", kind="count")


def supervision_table(uow: UnitOfWork, window: Window, policy: VolunteerPolicy) -> ReportTable:
    """Supervisions held in the period against those falling due in it."""
    c = vq.supervisions(uow.session, window, supervision_interval(policy))
    return ReportTable(
        key="supervision",
        title="Supervision: done and due",
        columns=[MEASURE, NUMBER],
        rows=[
            ["Supervisions held", c.held],
            ["Supervisions due", c.due],
            ["Due and held by the due day", c.held_by_due_day],
            ["Due and held late", c.held_late],
            ["Due and not held yet", c.not_held],
        ],
    )


STAGE_TITLES = {
    Stage.APPLICANT: "Applicant to interviewed",
    Stage.INTERVIEWED: "Interviewed to trained",
    Stage.TRAINED: "Trained to vetting submitted",
    Stage.VETTING_SUBMITTED: "Vetting submitted to vetted",
    Stage.VETTED: "Vetted to active",
}


def pipeline_table(uow: UnitOfWork, window: Window) -> ReportTable:
    """Days recruits spent in each pipeline stage, of those who moved on in the period."""
    days: dict[Stage, list[int]] = defaultdict(list)
    for stage, d, n in vq.stage_days(uow.session, window):
        days[stage] += [d] * n
    rows: list[list[Cell]] = [
        [
            STAGE_TITLES[stage],
            len(days[stage]),
            statistics.median(days[stage]) if days[stage] else None,
            nearest_rank(days[stage], 90),
        ]
        for stage in PIPELINE[:-1]
    ]
    return ReportTable(
        key="pipeline",
        title="Days in each stage of recruitment",
        columns=[
            ReportColumn(key="stage", label="Stage", kind="text"),
            ReportColumn(key="moved_on", label="Moved on", kind="count"),
            ReportColumn(key="median_days", label="Median days", kind="days"),
            ReportColumn(key="p90_days", label="90th percentile days", kind="days"),
        ],
        rows=rows,
    )


def cohort_table(uow: UnitOfWork, window: Window) -> ReportTable:
    """Recruits trained in the period and what became of them (the seeds' 25 trained, 9
    started)."""
    c = vq.trained_and_started(uow.session, window)
    return ReportTable(
        key="trained_started",
        title="Trained in the period, and started",
        columns=[MEASURE, NUMBER],
        rows=[
            ["Trained", c.trained],
            ["Of them, started", c.started],
            ["Of them, left before starting", c.left],
            ["Of them, not started yet", c.on_the_way],
        ],
    )


def cpd_table(
    uow: UnitOfWork, window: Window, policy: VolunteerPolicy, today: dt.date
) -> ReportTable:
    """CPD hours done in the CPD year holding the period's end (today when open), up to that
    day, against each level's requirement."""
    last = min(window.end, today) if window.end else today
    first, _ = cpd_year(last, policy)
    found = vq.cpd_by_level(uow.session, window, (first, last), policy.cpd_hours)
    rows: list[list[Cell]] = [
        [
            r.level.value.capitalize(),
            r.volunteers,
            policy.cpd_hours[r.level],
            r.met,
            r.volunteers - r.met,
            round(r.hours, 1),
        ]
        for r in found
    ]
    count = sum(r.volunteers for r in found)
    met = sum(r.met for r in found)
    hours = round(sum(r.hours for r in found), 1)
    return ReportTable(
        key="cpd",
        title=f"CPD hours from {first} to {last} against the requirement",
        columns=[
            ReportColumn(key="level", label="Practitioner level", kind="text"),
            ReportColumn(key="volunteers", label="Volunteers", kind="count"),
            ReportColumn(key="required", label="Hours required a year", kind="hours"),
            ReportColumn(key="met", label="Met the requirement", kind="count"),
            ReportColumn(key="short", label="Short of it", kind="count"),
            ReportColumn(key="hours", label="CPD hours done", kind="hours"),
        ],
        rows=rows,
        totals=["Total", count, None, met, count - met, hours],
    )


def definitions(policy: VolunteerPolicy) -> list[Definition]:
    """What the tables above count."""
    weeks = policy.supervision_every_weeks
    return [
        Definition(
            term="Supervisions due",
            meaning=f"A supervision falls due {weeks} weeks after the last one (after the start "
            "for a volunteer never supervised), as the worklist's reminders say; counted when "
            "its due day is in the period, for the volunteers active in it, unless they left "
            "first. Held by the due day, late, or not yet: by the next supervision held.",
        ),
        Definition(
            term="Days in each stage",
            meaning="From first reaching a stage to first reaching the next, over the recruits "
            "who reached the next stage in the period. Median; 90th percentile by nearest rank.",
        ),
        Definition(
            term="Trained, and started",
            meaning="Recruits who reached the trained stage in the period; of them, those "
            "active since (started), those who left without starting, and the rest.",
        ),
        Definition(
            term="CPD hours",
            meaning="Hours of training completed in the CPD year holding the period's end "
            "(today while it is open), up to that day; a volunteer's level is the highest of "
            "a course completed by then; the requirement is the volunteer policy's.",
        ),
    ]
