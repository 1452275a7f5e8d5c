"""The volunteers' part of the coordinator's worklist: each reminder the records raise on a
day (rules.volunteer_reminders) as a WorkItem. Volunteers who have left raise none."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from models.volunteers import Check, TrainingEvent
from rules.volunteer_reminders import Reminder, VolunteerFacts, reminders
from service.store.mapping import check_of, training_event
from service.store.uow import UnitOfWork
from service.workflow import volunteer_policy
from service.workflow.schemas.worklist import Urgency, WorkItem


def volunteer_warnings(uow: UnitOfWork, day: dt.date) -> list[WorkItem]:
    """Every volunteer reminder on `day`, soonest due first."""
    policy = volunteer_policy.in_force(uow)
    facts = facts_on(uow, day)
    items = [work_item(r, day) for f in facts for r in reminders(f, day, policy)]
    return sorted(items, key=lambda i: (i.due, i.subject_id, i.kind))


def facts_on(uow: UnitOfWork, day: dt.date) -> list[VolunteerFacts]:
    """What the reminders read about every volunteer who has not left, as of `day`: columns
    and aggregates only (VolunteerRepository.reminder_rows), never whole facilitator records."""
    rows = uow.volunteers.reminder_rows(day)
    supervised = uow.volunteers.last_supervisions()
    last_cases = uow.volunteers.last_case_days()
    month = uow.volunteers.hours_by_facilitator(day.replace(day=1), day)
    busy = uow.pairs.current_facilitators()
    training: dict[str, list[TrainingEvent]] = defaultdict(list)
    for fid, course, level, completed_on, hours in rows.training:
        training[fid].append(training_event(course, level, completed_on, hours))
    checks: dict[str, list[Check]] = defaultdict(list)
    for fid, kind, granted_on, expires_on in rows.checks:
        checks[fid].append(check_of(kind, granted_on, expires_on))
    return [
        VolunteerFacts(
            id=fid,
            active=active,
            started_on=started_on,
            weekly_hours=weekly_hours,
            force_expires=vetting_expires,
            checks=checks[fid],
            training=training[fid],
            last_supervision=supervised.get(fid),
            on_a_case=fid in busy,
            last_case_day=last_cases.get(fid),
            month_hours=month.get(fid, 0.0),
        )
        for fid, active, started_on, weekly_hours, vetting_expires in rows.people
    ]


def work_item(reminder: Reminder, day: dt.date) -> WorkItem:
    """A reminder as a worklist item, its urgency from its due day."""
    if reminder.due < day:
        urgency = Urgency.OVERDUE
    elif reminder.due == day:
        urgency = Urgency.DUE_TODAY
    else:
        urgency = Urgency.DUE_SOON
    return WorkItem(
        kind=reminder.kind,
        subject="facilitator",
        subject_id=reminder.facilitator,
        due=reminder.due,
        urgency=urgency,
        title=reminder.title,
        action=reminder.action,
        link=f"/facilitators/{reminder.facilitator}",
    )
