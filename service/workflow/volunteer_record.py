"""A volunteer's record: training, security checks, supervision and leaving, each recorded by
staff and audited; the record read back by staff or by the volunteer themself (nobody else)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from models.volunteers import CheckKind, Stage
from rules.volunteering import (
    VolunteerPolicy,
    add_months,
    check_expiry,
    cpd_done,
    cpd_year,
    current_check,
    practitioner_level,
    supervision_due,
)
from service.errors import ConflictError, ForbiddenError, InputError, NotFoundError
from service.store import tables as t
from service.store.mapping import check_model, checks_of, training_of
from service.store.uow import UnitOfWork
from service.workflow import volunteer_policy
from service.workflow.audit import read_personal
from service.workflow.auth import STAFF, Principal
from service.workflow.facilitators import recording
from service.workflow.schemas.facilitators import WindowIn
from service.workflow.schemas.volunteers import (
    CheckIn,
    CheckOut,
    CpdOut,
    LeaveIn,
    SkillHeld,
    SupervisionIn,
    SupervisionOut,
    SupervisionStatus,
    TrainingIn,
    TrainingOut,
    VolunteerRecordOut,
)
from service.workflow.training import check_row, not_after, skills_on, training_row

ENTITY = "facilitator"
POINTER = "/path/facilitator_id"


def existing(uow: UnitOfWork, fid: str, pointer: str = POINTER) -> t.Facilitator:
    """The facilitator, or 404 naming where the id came from."""
    row = uow.facilitators.get(fid)
    if row is None:
        raise NotFoundError("facilitator", fid, pointer)
    return row


def _changed(
    uow: UnitOfWork, who: Principal, row: t.Facilitator, action: str, **changes: Any
) -> None:
    row.version += 1  # what the allocator reads may have changed: a proposal made before is stale
    uow.audit.record(who.username, action, ENTITY, row.id, changes)


def record_training(uow: UnitOfWork, who: Principal, fid: str, data: TrainingIn) -> TrainingOut:
    """Add a completed course (skills follow from it by the policy); audited."""
    row = existing(uow, fid)
    not_after(data.completed_on, uow.clock.today(), "/body/completed_on", "training")
    event = training_row(data, recording(uow, who))
    row.training.append(event)
    _changed(uow, who, row, "training", **data.model_dump(mode="json"))
    uow.commit()
    return TrainingOut.model_validate(event)


def record_check(uow: UnitOfWork, who: Principal, fid: str, data: CheckIn) -> CheckOut:
    """Add a security check; a force vetting sets the expiry the allocator reads (H2) to the
    lapse of the force vetting now current. Audited."""
    row = existing(uow, fid)
    today = uow.clock.today()
    not_after(data.granted_on, today, "/body/granted_on", "check")
    by = recording(uow, who)
    check = check_row(data, by)
    row.checks.append(check)
    changes: dict[str, Any] = data.model_dump(mode="json")
    if data.kind is CheckKind.FORCE:
        current = current_check(checks_of(row), CheckKind.FORCE, today)
        lapses = check_expiry(current, by.policy) if current else None
        if lapses is not None and lapses != row.vetting_expires:
            changes["vetting_expires"] = {"from": str(row.vetting_expires), "to": str(lapses)}
            row.vetting_expires = lapses
    _changed(uow, who, row, "check", **changes)
    uow.commit()
    return _check_out(check, by.policy)


def record_supervision(
    uow: UnitOfWork, who: Principal, fid: str, data: SupervisionIn
) -> SupervisionOut:
    """Add a supervision the volunteer had; audited."""
    existing(uow, fid)
    not_after(data.held_on, uow.clock.today(), "/body/held_on", "supervision")
    row = t.Supervision(
        facilitator_id=fid,
        held_on=data.held_on,
        kind=data.kind.value,
        supervisor=data.supervisor,
        recorded_by=who.username,
        recorded_at=uow.clock.now(),
    )
    uow.volunteers.add(row)
    uow.audit.record(who.username, "supervision", ENTITY, fid, data.model_dump(mode="json"))
    uow.commit()
    return SupervisionOut.model_validate(row)


def leave(uow: UnitOfWork, who: Principal, fid: str, data: LeaveIn) -> VolunteerRecordOut:
    """The volunteer leaves on a day: inactive from then (the reason is PERSONAL: audited as
    changed, never copied), and their recruit record, if any, reaches `left`. Their cases are
    re-planned by the next proposal."""
    row = existing(uow, fid)
    if row.left_on is not None:
        raise ConflictError(POINTER, f"{fid} left on {row.left_on}; nothing to do")
    mark_left(uow, who, row, data.left_on, data.reason, "/body/left_on")
    recruit = uow.recruits.of_facilitator(fid)
    if recruit is not None:
        append_stage(uow, recruit, Stage.LEFT, data.left_on, data.reason, who.username)
    uow.commit()
    return record(uow, who, fid)


def mark_left(
    uow: UnitOfWork, who: Principal, row: t.Facilitator, day: dt.date, reason: str, pointer: str
) -> None:
    """Set the facilitator's leaving day and reason and make them inactive; audited."""
    not_after(day, uow.clock.today(), pointer, "leaving")
    if row.started_on is not None and day < row.started_on:
        raise InputError.single("leaving", pointer, f"before they started ({row.started_on})")
    row.left_on, row.left_reason, row.active = day, uow.cipher.seal(reason), False
    _changed(uow, who, row, "left", left_on=str(day), left_reason={"changed": True})


def append_stage(
    uow: UnitOfWork, recruit: t.Recruit, stage: Stage, day: dt.date, note: str | None, actor: str
) -> None:
    """The recruit reaches `stage` on `day` (its current stage from now on); the note sealed."""
    recruit.stage = stage.value
    recruit.stages.append(
        t.RecruitStage(
            stage=stage.value,
            reached_on=day,
            note=uow.cipher.seal_optional(note),
            recorded_by=actor,
            recorded_at=uow.clock.now(),
        )
    )


def owner(who: Principal, fid: str) -> None:
    """Staff act on anyone's record; a facilitator only on their own (403)."""
    if who.role not in STAFF and who.facilitator_id != fid:
        raise ForbiddenError("a facilitator may see and change only their own record")


def mine(who: Principal) -> str:
    """The facilitator id of the logged-in volunteer (403 for a login without one)."""
    if who.facilitator_id is None:
        raise ForbiddenError("this login is not linked to a facilitator record; ask an admin")
    return who.facilitator_id


def record(uow: UnitOfWork, who: Principal, fid: str) -> VolunteerRecordOut:
    """The volunteer's record today: staff read anyone's, a facilitator only their own."""
    owner(who, fid)
    row = existing(uow, fid)
    found = view(uow, row, uow.clock.today())
    if row.left_reason is not None:
        read_personal(uow, who, ENTITY, fid, ["left_reason"])
        uow.commit()
    return found


def view(uow: UnitOfWork, row: t.Facilitator, day: dt.date) -> VolunteerRecordOut:
    """The record as it stands on `day`."""
    policy = volunteer_policy.in_force(uow)
    training = training_of(row)
    level = practitioner_level(training)
    first, last = cpd_year(day, policy)
    required, done = policy.cpd_hours[level], cpd_done(training, first, day)
    history = [SupervisionOut.model_validate(s) for s in uow.volunteers.supervisions(row.id)]
    latest = history[0].held_on if history else None
    due = supervision_due(latest, row.started_on, policy)
    started = row.started_on
    return VolunteerRecordOut(
        facilitator=row.id,
        as_of=day,
        active=row.active,
        started_on=started,
        commitment_until=add_months(started, policy.commitment_months) if started else None,
        left_on=row.left_on,
        left_reason=uow.cipher.open_optional(row.left_reason),
        level=level,
        skills=[
            SkillHeld(skill=s, since=d) for s, d in sorted(skills_on(row, day, policy).items())
        ],
        training=[TrainingOut.model_validate(e) for e in row.training],
        force_vetting_expires=row.vetting_expires,
        checks=[_check_out(c, policy) for c in row.checks],
        supervision=SupervisionStatus(
            last=latest, due=due, overdue=due is not None and due <= day, history=history
        ),
        cpd=CpdOut(
            year_from=first,
            year_to=last,
            level=level,
            required_hours=required,
            done_hours=done,
            short_hours=max(0.0, required - done),
        ),
        weekly_hours=row.weekly_hours,
        unavailable=[WindowIn(start=a.start, end=a.end, reason=a.reason) for a in row.absences],
    )


def _check_out(row: t.CheckRecord, policy: VolunteerPolicy) -> CheckOut:
    return CheckOut(
        id=row.id,
        kind=CheckKind(row.kind),
        granted_on=row.granted_on,
        expires_on=row.expires_on,
        lapses_on=check_expiry(check_model(row), policy),
        recorded_by=row.recorded_by,
        recorded_at=row.recorded_at,
    )
