"""Rows of a volunteer's training and checks, from what staff record or a registration
declares; and the skills the record grants on a day (rules.volunteering.derived_skills)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from models import FieldError, InputError, Skill
from models.volunteers import CheckKind
from rules.volunteering import VolunteerPolicy, derived_skills
from service.store import tables as t
from service.store.mapping import checks_of, training_of
from service.workflow.schemas.facilitators import SkillIn
from service.workflow.schemas.volunteers import CheckIn, TrainingIn

DECLARED = "declared at registration"


@dataclass(frozen=True)
class Recording:
    """Who records, when, and under which volunteer policy."""

    actor: str
    now: dt.datetime
    today: dt.date
    policy: VolunteerPolicy


def skills_on(
    row: t.Facilitator, day: dt.date, policy: VolunteerPolicy
) -> dict[Skill, dt.date | None]:
    """Skill -> the day gained, as the facilitator's record stands on `day`."""
    return derived_skills(training_of(row), checks_of(row), day, policy)


def training_row(data: TrainingIn, by: Recording) -> t.TrainingRecord:
    """A stored course (not yet attached to a facilitator)."""
    return t.TrainingRecord(
        course=data.course.value,
        level=data.level.value,
        provider=data.provider,
        completed_on=data.completed_on,
        hours=data.hours,
        recorded_by=by.actor,
        recorded_at=by.now,
    )


def check_row(data: CheckIn, by: Recording) -> t.CheckRecord:
    """A stored security check (not yet attached to a facilitator)."""
    return t.CheckRecord(
        kind=data.kind.value,
        granted_on=data.granted_on,
        expires_on=data.expires_on,
        recorded_by=by.actor,
        recorded_at=by.now,
    )


def declared(
    skills: Sequence[SkillIn], by: Recording, pointer: str
) -> tuple[list[t.TrainingRecord], list[t.CheckRecord]]:
    """The courses and clearances that grant the skills a registration declares: each skill
    becomes the course the policy names for it, at its minimum level, dated `trained_on`
    (undated when not given: it grants the skill, never CPD hours); `prison` becomes a prison
    clearance granted that day (undated: in force until a dated one is recorded)."""
    training, checks, errors = [], [], []
    for i, item in enumerate(skills):
        if item.trained_on is not None and item.trained_on > by.today:
            errors.append(
                FieldError(f"{pointer}/{i}/trained_on", f"{item.trained_on} is in the future")
            )
            continue
        if item.skill is Skill.PRISON:
            checks.append(
                t.CheckRecord(
                    kind=CheckKind.PRISON.value,
                    granted_on=item.trained_on,
                    recorded_by=by.actor,
                    recorded_at=by.now,
                )
            )
            continue
        rule = by.policy.skill_courses.get(item.skill)
        if rule is None:
            errors.append(FieldError(f"{pointer}/{i}/skill", f"no course grants {item.skill}"))
            continue
        training.append(
            t.TrainingRecord(
                course=rule.course.value,
                level=rule.min_level.value,
                provider=DECLARED,
                completed_on=item.trained_on,
                hours=0.0,
                recorded_by=by.actor,
                recorded_at=by.now,
            )
        )
    if errors:
        raise InputError("facilitator", errors)
    return training, checks


def not_after(day: dt.date, today: dt.date, pointer: str, what: str) -> None:
    """Refuse a day after `today` (422 naming the field)."""
    if day > today:
        raise InputError.single(what, pointer, f"{day} is in the future (today is {today})")
