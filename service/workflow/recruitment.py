"""The recruitment pipeline: applicants recorded, moved on one dated stage at a time, made a
facilitator when first active (paused, back and leaving kept in step with that record); and
the funnel of a cohort with the days spent in each stage. Every change audited; names and
home outcodes are PERSONAL."""

from __future__ import annotations

import datetime as dt

from geo import Gazetteer
from models import Location
from models.volunteers import Check, CheckKind, Course, Stage
from rules.recruitment import History, allowed_next, first_reached, funnel, in_cohort
from rules.volunteering import check_expiry
from service.errors import ConflictError, InputError, NotFoundError
from service.store import tables as t
from service.store.crypto import Cipher
from service.store.uow import UnitOfWork
from service.workflow.audit import created, read_personal
from service.workflow.auth import Principal
from service.workflow.facilitators import new_row, recording
from service.workflow.schemas.facilitators import FacilitatorIn, HomeIn
from service.workflow.schemas.recruitment import (
    FunnelOut,
    NewFacilitatorIn,
    RecruitIn,
    RecruitLine,
    RecruitOut,
    StageIn,
    StageOut,
)
from service.workflow.schemas.volunteers import CheckIn, TrainingIn
from service.workflow.training import Recording, check_row, not_after, training_row
from service.workflow.volunteer_record import append_stage, mark_left

ENTITY = "recruit"
POINTER = "/path/recruit_id"
INITIAL_TRAINING = "initial practitioner training"
READ_FIELDS = ["home_outcode", "name", "note"]


def create(uow: UnitOfWork, who: Principal, data: RecruitIn, gazetteer: Gazetteer) -> RecruitOut:
    """Record a new applicant at the `applicant` stage (409 when the id is taken)."""
    if uow.recruits.get(data.id) is not None:
        raise ConflictError("/body/id", f"recruit {data.id!r} exists; choose another id")
    not_after(data.applied_on, uow.clock.today(), "/body/applied_on", ENTITY)
    if data.home_outcode is not None:
        gazetteer.resolve(Location(outcode=data.home_outcode), ENTITY, "/body/home_outcode")
    now = uow.clock.now()
    row = t.Recruit(
        id=data.id,
        name=uow.cipher.seal(data.name),
        home_outcode=uow.cipher.seal_optional(data.home_outcode),
        district=data.district,
        stage=Stage.APPLICANT.value,
        created_at=now,
    )
    append_stage(uow, row, Stage.APPLICANT, data.applied_on, None, who.username)
    uow.recruits.add(row)
    uow.audit.record(who.username, "create", ENTITY, row.id, created(data.model_dump(mode="json")))
    uow.commit()
    return view(uow, row)


def advance(
    uow: UnitOfWork, who: Principal, rid: str, data: StageIn, gazetteer: Gazetteer
) -> RecruitOut:
    """Move the recruit to the next stage on a day, in one transaction with the facilitator
    record it makes, pauses, brings back or closes."""
    row = existing(uow, rid)
    current = Stage(row.stage)
    if data.stage not in allowed_next(current):
        nexts = ", ".join(sorted(allowed_next(current))) or "nothing: they left"
        raise ConflictError("/body/stage", f"{rid} is {current}; the next stage is {nexts}")
    last = row.stages[-1].reached_on
    if data.on < last:
        raise InputError.single(ENTITY, "/body/on", f"before the stage before ({last})")
    not_after(data.on, uow.clock.today(), "/body/on", ENTITY)
    _follow(uow, who, row, data, gazetteer)
    append_stage(uow, row, data.stage, data.on, data.note, who.username)
    changes = {"stage": {"from": current.value, "to": data.stage.value}, "on": str(data.on)}
    uow.audit.record(who.username, "stage", ENTITY, rid, changes)
    uow.commit()
    return view(uow, row)


def _follow(
    uow: UnitOfWork, who: Principal, row: t.Recruit, data: StageIn, gazetteer: Gazetteer
) -> None:
    """What a stage does to the recruit's facilitator record."""
    person = uow.facilitators.get(row.facilitator_id) if row.facilitator_id else None
    if data.stage is Stage.ACTIVE and person is None:
        _become_facilitator(uow, who, row, data, gazetteer)
    elif person is not None and data.stage in (Stage.ACTIVE, Stage.PAUSED):
        person.active = data.stage is Stage.ACTIVE
        person.version += 1
        uow.audit.record(who.username, data.stage.value, "facilitator", person.id, {})
    elif person is not None and data.stage is Stage.LEFT:
        mark_left(uow, who, person, data.on, data.note or "left", "/body/on")


def _become_facilitator(
    uow: UnitOfWork, who: Principal, row: t.Recruit, data: StageIn, gazetteer: Gazetteer
) -> None:
    if data.facilitator is None:
        raise InputError.single(
            ENTITY, "/body/facilitator", "give the new facilitator's id and hours"
        )
    if row.home_outcode is None:
        raise InputError.single(ENTITY, "/body/stage", f"record {row.id}'s home outcode first")
    new = data.facilitator
    if uow.facilitators.get(new.id) is not None:
        raise ConflictError("/body/facilitator/id", f"facilitator {new.id!r} exists")
    by = recording(uow, who)
    days = first_reached(history(row))
    vetted = Check(kind=CheckKind.FORCE, granted_on=days[Stage.VETTED])
    details = _facilitator_in(row, uow.cipher, new, data.on, vetted, by)
    person = new_row(details, gazetteer, by, uow.cipher)
    trained = TrainingIn(
        course=Course.PRACTITIONER, completed_on=days[Stage.TRAINED], provider=INITIAL_TRAINING
    )
    person.training.append(training_row(trained, by))
    person.checks.append(
        check_row(CheckIn(kind=CheckKind.FORCE, granted_on=days[Stage.VETTED]), by)
    )
    uow.facilitators.add(person)
    uow.flush()
    row.facilitator_id = person.id
    uow.audit.record(who.username, "create", "facilitator", person.id, {"from_recruit": row.id})


def _facilitator_in(
    row: t.Recruit,
    cipher: Cipher,
    new: NewFacilitatorIn,
    started: dt.date,
    vetted: Check,
    by: Recording,
) -> FacilitatorIn:
    expires = check_expiry(vetted, by.policy) or started
    return FacilitatorIn(
        id=new.id,
        name=cipher.open_optional(row.name) or "",
        home=HomeIn(outcode=cipher.open_optional(row.home_outcode)),
        district=row.district,
        weekly_hours=new.weekly_hours,
        max_cases=new.max_cases,
        vetting_expires=expires,
        experienced=new.experienced,
        max_travel_km=new.max_travel_km,
        started_on=started,
    )


def history(row: t.Recruit) -> History:
    """The recruit's stages in the order reached."""
    return [(Stage(s.stage), s.reached_on) for s in row.stages]


def cohort_funnel(
    uow: UnitOfWork,
    cohort: Stage,
    period: tuple[dt.date, dt.date],
    day: dt.date | None,
    district: str | None = None,
) -> FunnelOut:
    """The funnel, on `day`, of those who reached `cohort` within `period` (inclusive), of
    one district when given."""
    first, last = period
    if first > last:
        raise InputError.single(ENTITY, "/query/from", f"{first} is after `to` ({last})")
    on = day or uow.clock.today()
    rows = [r for r in uow.recruits.all() if district is None or r.district == district]
    chosen = [h for h in map(history, rows) if in_cohort(h, cohort, first, last)]
    return FunnelOut(
        cohort=cohort,
        from_day=first,
        to_day=last,
        as_of=on,
        district=district,
        recruits=len(chosen),
        rows=funnel(chosen, on),
    )


def existing(uow: UnitOfWork, rid: str) -> t.Recruit:
    """The recruit, or 404 naming the path."""
    row = uow.recruits.get(rid)
    if row is None:
        raise NotFoundError("recruit", rid, POINTER)
    return row


def view(uow: UnitOfWork, row: t.Recruit) -> RecruitOut:
    """A stored recruit with every stage reached, their sealed details opened."""
    cipher = uow.cipher
    return RecruitOut(
        id=row.id,
        name=cipher.open_optional(row.name) or "",
        home_outcode=cipher.open_optional(row.home_outcode),
        district=row.district,
        stage=Stage(row.stage),
        facilitator_id=row.facilitator_id,
        next_stages=next_stages(Stage(row.stage)),
        stages=[
            StageOut(
                stage=Stage(s.stage),
                reached_on=s.reached_on,
                note=cipher.open_optional(s.note),
                recorded_by=s.recorded_by,
                recorded_at=s.recorded_at,
            )
            for s in row.stages
        ],
    )


def next_stages(current: Stage) -> list[Stage]:
    """The stages a recruit at `current` may reach next, in the order of the Stage list."""
    allowed = allowed_next(current)
    return [s for s in Stage if s in allowed]


def pipeline(uow: UnitOfWork) -> list[RecruitLine]:
    """Every recruit by id, with their stage and since when, without personal details (no
    read to audit)."""
    return [
        RecruitLine(
            id=r.id,
            district=r.district,
            stage=Stage(r.stage),
            since=r.stages[-1].reached_on,
            facilitator_id=r.facilitator_id,
        )
        for r in uow.recruits.all()
    ]


def get(uow: UnitOfWork, who: Principal, rid: str) -> RecruitOut:
    """One recruit with their personal details; the read is audited."""
    found = view(uow, existing(uow, rid))
    read_personal(uow, who, ENTITY, rid, READ_FIELDS)
    uow.commit()
    return found


def listing(uow: UnitOfWork, who: Principal, stage: Stage | None) -> list[RecruitOut]:
    """Every recruit (at `stage` when given), by id; each read is audited."""
    rows = [r for r in uow.recruits.all() if stage is None or r.stage == stage.value]
    found = [view(uow, r) for r in rows]
    for row in rows:
        read_personal(uow, who, ENTITY, row.id, READ_FIELDS)
    uow.commit()
    return found
