"""The facilitators as the coordinator's table shows them: skills, training, vetting with its
warning (the volunteer policy's notices: one place, rules.volunteer_reminders.notice_within),
hours committed to current cases."""

from __future__ import annotations

import datetime as dt

from rules.volunteer_reminders import notice_within
from rules.volunteering import VolunteerPolicy
from service.errors import NotFoundError
from service.store import tables as t
from service.store.mapping import training_of
from service.store.uow import UnitOfWork
from service.workflow import facilitators, volunteer_policy
from service.workflow.auth import Principal
from service.workflow.schemas.board import FacilitatorRow, TrainingLine, Vetting
from service.workflow.schemas.facilitators import FacilitatorOut


def vetting(expires: dt.date, day: dt.date, policy: VolunteerPolicy) -> Vetting:
    """The vetting warning on `day`: lapsed (on or after expiry), else the tightest notice the
    days left fall within, ranked (0: the tightest notice)."""
    left = (expires - day).days
    notices = sorted(policy.expiry_notice_days)
    notice = notice_within(left, policy.expiry_notice_days)
    rank = notices.index(notice) if notice is not None else None
    return Vetting(expires=expires, days_left=left, lapsed=left <= 0, notice=notice, rank=rank)


def rows(uow: UnitOfWork, who: Principal, day: dt.date) -> list[FacilitatorRow]:
    """Every facilitator with their warning, training and committed hours (the names' read is
    audited by facilitators.listing)."""
    policy = volunteer_policy.in_force(uow)
    people = facilitators.listing(uow, who)
    stored = {r.id: r for r in uow.facilitators.all()}
    hours = _hours(uow, {c for f in people for c in f.current_cases})
    return [_row(f, stored[f.id], hours, day, policy) for f in people]


def one(uow: UnitOfWork, who: Principal, fid: str, day: dt.date) -> FacilitatorRow:
    """One facilitator as a row of the table (404 for an unknown id; the read is audited)."""
    person = facilitators.get(uow, who, fid)
    stored = uow.facilitators.get(fid)
    if stored is None:  # removed since: facilitators are never removed, but be exact
        raise NotFoundError("facilitator", fid, "/path/facilitator_id")
    hours = _hours(uow, set(person.current_cases))
    return _row(person, stored, hours, day, volunteer_policy.in_force(uow))


def _hours(uow: UnitOfWork, case_ids: set[str]) -> dict[str, float]:
    return {c.id: c.hours for c in uow.cases.by_ids(case_ids)}


def _row(
    person: FacilitatorOut,
    stored: t.Facilitator,
    hours: dict[str, float],
    day: dt.date,
    policy: VolunteerPolicy,
) -> FacilitatorRow:
    training = [
        TrainingLine(course=e.course.value, level=e.level.value, completed_on=e.completed_on)
        for e in training_of(stored)
    ]
    return FacilitatorRow(
        facilitator=person,
        vetting=vetting(person.vetting_expires, day, policy),
        training=training,
        hours_committed=sum(hours.get(c, 0.0) for c in person.current_cases),
    )
