"""The service's rules for looking after volunteers, as data with RJC defaults, and the pure
functions that apply them: which skills a record grants, when a check expires, when
supervision is due, how many CPD hours a year asks for, what a mile of travel pays.

Skills are derived, never typed: a course grants a skill when the policy's `skill_courses`
names it for that skill at the course's level or above (complex and domestic/sexual violence
need intermediate, DOMAIN_NOTES); `prison` is the one clearance among the skills, held while a
prison security check is in force; `cjp` is the community justice panel course.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable
from typing import Annotated, Self

from pydantic import Field, model_validator

from models.common import Model, Skill
from models.volunteers import LEVEL_ORDER, Check, CheckKind, Course, Level, TrainingEvent


class CourseRule(Model):
    """A skill comes from this course taken at `min_level` or above."""

    course: Course
    min_level: Level = Level.FOUNDATION


def _skill_courses() -> dict[Skill, CourseRule]:
    return {
        Skill.MEDIATION: CourseRule(course=Course.MEDIATION),
        Skill.COMPLEX: CourseRule(course=Course.COMPLEX_SENSITIVE, min_level=Level.INTERMEDIATE),
        Skill.DV: CourseRule(course=Course.DOMESTIC_SEXUAL_VIOLENCE, min_level=Level.INTERMEDIATE),
        Skill.CJP: CourseRule(course=Course.COMMUNITY_JUSTICE_PANEL),
    }


def _cpd_hours() -> dict[Level, float]:
    return {Level.FOUNDATION: 6.0, Level.INTERMEDIATE: 12.0, Level.ADVANCED: 16.0}


def _check_months() -> dict[CheckKind, int]:
    return {CheckKind.FORCE: 12, CheckKind.NSV: 60, CheckKind.PRISON: 12}


class VolunteerPolicy(Model):
    """What the service asks of and gives its volunteers. Defaults: the RJC Code of Practice
    (supervision every 12 weeks, CPD 6/12/16 hours by level, on the register while trained or
    delivering within 12 months), the seeds (vetting every 12 months, national security
    vetting every 5 years, a 12-month commitment) and HMRC's 45p a mile."""

    supervision_every_weeks: int = Field(default=12, ge=1, le=52)
    cpd_hours: dict[Level, Annotated[float, Field(ge=0, le=200)]] = Field(
        default_factory=_cpd_hours
    )
    cpd_year_starts_month: int = Field(default=4, ge=1, le=12, description="April: the PCC's year")
    cpd_notice_days: int = Field(default=90, ge=0, le=366)
    check_months: dict[CheckKind, Annotated[int, Field(ge=1, le=120)]] = Field(
        default_factory=_check_months
    )
    expiry_notice_days: tuple[Annotated[int, Field(ge=0, le=366)], ...] = Field(
        default=(60, 30, 7), min_length=1, max_length=5
    )
    commitment_months: int = Field(default=12, ge=0, le=60)
    idle_weeks: int = Field(default=12, ge=1, le=104, description="no case for this long: ask")
    register_months: int = Field(default=12, ge=1, le=36)
    mileage_pence_per_mile: int = Field(default=45, ge=0, le=500)
    skill_courses: dict[Skill, CourseRule] = Field(default_factory=_skill_courses)

    @model_validator(mode="after")
    def _complete(self) -> Self:
        missing = [lv.value for lv in Level if lv not in self.cpd_hours]
        missing += [k.value for k in CheckKind if k not in self.check_months]
        if missing:
            raise ValueError(
                f"give cpd_hours and check_months for every level and check: {missing}"
            )
        if Skill.PRISON in self.skill_courses:
            raise ValueError("prison is a clearance, not a course: remove it from skill_courses")
        if any(not 0 <= h <= 200 for h in self.cpd_hours.values()):
            raise ValueError("cpd_hours must be between 0 and 200 a year")
        if any(not 1 <= m <= 120 for m in self.check_months.values()):
            raise ValueError("check_months must be between 1 and 120")
        return self


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later (the month's last day when it is shorter)."""
    years, month0 = divmod(day.month - 1 + months, 12)
    year, month = day.year + years, month0 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def grants(event: TrainingEvent, rule: CourseRule) -> bool:
    """True when this course, at its level, meets the rule."""
    return event.course is rule.course and LEVEL_ORDER[event.level] >= LEVEL_ORDER[rule.min_level]


def skills_granted(event: TrainingEvent, policy: VolunteerPolicy) -> list[Skill]:
    """The skills this course, at its level, gives by the policy (in the policy's order)."""
    return [skill for skill, rule in policy.skill_courses.items() if grants(event, rule)]


def check_expiry(check: Check, policy: VolunteerPolicy) -> dt.date | None:
    """When the check lapses: its own expiry, else the policy's period from the grant; None
    when neither date is known."""
    if check.expires_on is not None:
        return check.expires_on
    if check.granted_on is None:
        return None
    return add_months(check.granted_on, policy.check_months[check.kind])


def in_force(check: Check, day: dt.date, policy: VolunteerPolicy) -> bool:
    """True when the check has been granted by `day` and has not lapsed (lapses on expiry)."""
    expiry = check_expiry(check, policy)
    started = check.granted_on is None or check.granted_on <= day
    return started and (expiry is None or day < expiry)


def current_check(checks: Iterable[Check], kind: CheckKind, day: dt.date) -> Check | None:
    """The check of this kind that counts on `day`: of those granted by then, the one granted
    last (a renewal supersedes; one recorded undated counts as the oldest)."""
    mine = [c for c in checks if c.kind is kind and (c.granted_on is None or c.granted_on <= day)]
    return max(
        mine, key=lambda c: (c.granted_on or dt.date.min, c.expires_on or dt.date.max), default=None
    )


def derived_skills(
    training: Iterable[TrainingEvent],
    checks: Iterable[Check],
    day: dt.date,
    policy: VolunteerPolicy,
) -> dict[Skill, dt.date | None]:
    """Skill -> the day it was first gained (None: not dated) as the record stands on `day`."""
    done = [e for e in training if e.completed_on is None or e.completed_on <= day]
    skills: dict[Skill, dt.date | None] = {}
    for skill, rule in policy.skill_courses.items():
        dates = [e.completed_on for e in done if grants(e, rule)]
        if dates:
            skills[skill] = min(dates, key=lambda d: d or dt.date.min)
    clearance = current_check(checks, CheckKind.PRISON, day)
    if clearance is not None and in_force(clearance, day, policy):
        skills[Skill.PRISON] = clearance.granted_on
    return skills


def practitioner_level(training: Iterable[TrainingEvent]) -> Level:
    """The highest level of any course completed (foundation when none says more)."""
    return max((e.level for e in training), key=LEVEL_ORDER.__getitem__, default=Level.FOUNDATION)


def cpd_year(day: dt.date, policy: VolunteerPolicy) -> tuple[dt.date, dt.date]:
    """The first and last day of the CPD year holding `day`."""
    start = dt.date(day.year, policy.cpd_year_starts_month, 1)
    if day < start:
        start = dt.date(day.year - 1, policy.cpd_year_starts_month, 1)
    return start, add_months(start, 12) - dt.timedelta(days=1)


def cpd_done(training: Iterable[TrainingEvent], first: dt.date, last: dt.date) -> float:
    """CPD hours of the training completed between `first` and `last`, inclusive."""
    return sum(e.hours for e in training if e.completed_on and first <= e.completed_on <= last)


def supervision_due(
    last: dt.date | None, started: dt.date | None, policy: VolunteerPolicy
) -> dt.date | None:
    """The day the next supervision is due: the interval after the last one, or after the
    start for a volunteer never supervised; None when neither is known."""
    since = last or started
    return None if since is None else since + supervision_interval(policy)


def supervision_interval(policy: VolunteerPolicy) -> dt.timedelta:
    """How long after the last supervision (or the start) the next one is due."""
    return dt.timedelta(weeks=policy.supervision_every_weeks)


def mileage_pence(miles: float, pence_per_mile: int) -> int:
    """What `miles` of travel pays, to the nearest penny."""
    return round(miles * pence_per_mile)


def month_capacity(weekly_hours: float, day: dt.date) -> float:
    """Hours a volunteer offering `weekly_hours` offers in the calendar month holding `day`."""
    return weekly_hours * calendar.monthrange(day.year, day.month)[1] / 7
