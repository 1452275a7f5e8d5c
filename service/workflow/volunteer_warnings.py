"""The volunteers' part of the coordinator's worklist: each reminder the records raise on a
day (rules.volunteer_reminders) as a WorkItem. Volunteers who have left raise none."""

from __future__ import annotations

import datetime as dt

from rules.volunteer_reminders import Reminder, VolunteerFacts, reminders
from service.store import tables as t
from service.store.mapping import checks_of, training_of
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
    """What the reminders read about every volunteer who has not left, as of `day`."""
    supervised = uow.volunteers.last_supervisions()
    last_cases = uow.volunteers.last_case_days()
    month = uow.volunteers.hours_by_facilitator(day.replace(day=1), day)
    busy = {f for p in uow.pairs.current().values() for f in (p.facilitator_a, p.facilitator_b)}
    return [
        _facts(row, supervised.get(row.id), row.id in busy, last_cases.get(row.id), month)
        for row in uow.facilitators.all()
        if row.left_on is None or row.left_on > day
    ]


def _facts(
    row: t.Facilitator,
    supervised: dt.date | None,
    on_a_case: bool,
    last_case: dt.date | None,
    month: dict[str, float],
) -> VolunteerFacts:
    return VolunteerFacts(
        id=row.id,
        active=row.active,
        started_on=row.started_on,
        weekly_hours=row.weekly_hours,
        force_expires=row.vetting_expires,
        checks=checks_of(row),
        training=training_of(row),
        last_supervision=supervised,
        on_a_case=on_a_case,
        last_case_day=last_case,
        month_hours=month.get(row.id, 0.0),
    )


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
