"""Facilitators: create, change, absences; every change goes to the audit log. Skills are
never set here: they follow from the training and clearances on the volunteer's record
(service.workflow.training), except those a registration declares."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from geo import Gazetteer
from models import Facilitator, Location, Skill
from service.errors import ConflictError, FieldError, InputError, NotFoundError
from service.store import tables as t
from service.store.crypto import Cipher
from service.store.mapping import facilitator_model, partners_who_worked_well
from service.store.uow import UnitOfWork
from service.workflow import volunteer_policy
from service.workflow.audit import created, diff, read_personal
from service.workflow.auth import Principal
from service.workflow.schemas.facilitators import (
    FacilitatorIn,
    FacilitatorOut,
    FacilitatorPatch,
    HomeIn,
    SkillIn,
    WindowIn,
)
from service.workflow.training import Recording, declared, skills_on

NULLABLE = frozenset({"district", "max_travel_km"})
"""The facilitator fields a PATCH may clear with null; null on any other is left out."""


def allocator_view(
    uow: UnitOfWork, rows: Sequence[t.Facilitator], day: dt.date
) -> list[Facilitator]:
    """Stored facilitators as the allocator sees them on `day`: the skills their records grant
    then, and the partners of their pairs a coordinator reviewed as having gone well."""
    partners = partners_who_worked_well(uow.pairs.went_well(), {f.id for f in rows})
    policy = volunteer_policy.in_force(uow)
    return [facilitator_model(f, skills_on(f, day, policy), partners.get(f.id, ())) for f in rows]


def recording(uow: UnitOfWork, who: Principal) -> Recording:
    """Who records what, now, under the volunteer policy in force."""
    return Recording(
        who.username, uow.clock.now(), uow.clock.today(), volunteer_policy.in_force(uow)
    )


def snapshot(
    row: t.Facilitator,
    cipher: Cipher,
    skills: dict[Skill, dt.date | None],
    cases: Sequence[str] = (),
) -> FacilitatorOut:
    """A stored facilitator as an API body, with the skills its record grants (the name
    opened with `cipher`)."""
    return FacilitatorOut(
        id=row.id,
        name=cipher.open_optional(row.name) or "",
        home=HomeIn(outcode=row.home_outcode, lat=row.home_lat, lon=row.home_lon),
        district=row.district,
        skills=[SkillIn(skill=skill, trained_on=day) for skill, day in sorted(skills.items())],
        weekly_hours=row.weekly_hours,
        max_cases=row.max_cases,
        vetting_expires=row.vetting_expires,
        active=row.active,
        experienced=row.experienced,
        max_travel_km=row.max_travel_km,
        avoid_partners=list(row.avoid_partners),
        unavailable=[WindowIn(start=a.start, end=a.end, reason=a.reason) for a in row.absences],
        version=row.version,
        current_cases=list(cases),
        started_on=row.started_on,
        left_on=row.left_on,
    )


def _audited(row: t.Facilitator, cipher: Cipher) -> dict[str, Any]:
    # skills are audited where they change: in the training and checks recorded
    body = snapshot(row, cipher, {})
    return body.model_dump(mode="json", exclude={"version", "current_cases", "skills"})


def resolve_home(home: HomeIn, gazetteer: Gazetteer, pointer: str) -> tuple[float, float]:
    """Coordinates of a home given by outcode or lat/lon; an unknown outcode is a 422."""
    if home.lat is not None and home.lon is not None:
        return home.lat, home.lon
    if home.outcode is None:
        raise InputError.single("facilitator", pointer, "give an outcode such as 'CM1' or lat+lon")
    located = gazetteer.resolve(Location(outcode=home.outcode), "facilitator", pointer)
    return located.point()


def new_row(
    data: FacilitatorIn,
    gazetteer: Gazetteer,
    by: Recording,
    cipher: Cipher,
    pointers: tuple[str, str] = ("/body/home", "/body/skills"),
) -> t.Facilitator:
    """A table row for a new facilitator (not yet added to the store; the name sealed), with
    the training and clearances that grant the skills it declares; `pointers` name its home
    and skills."""
    training, checks = declared(data.skills, by, pointers[1])
    lat, lon = resolve_home(data.home, gazetteer, pointers[0])
    row = t.Facilitator(
        id=data.id,
        name=cipher.seal(data.name),
        home_outcode=data.home.outcode,
        home_lat=lat,
        home_lon=lon,
        district=data.district,
        weekly_hours=data.weekly_hours,
        max_cases=data.max_cases,
        vetting_expires=data.vetting_expires,
        active=data.active,
        experienced=data.experienced,
        max_travel_km=data.max_travel_km,
        avoid_partners=list(data.avoid_partners),
        version=1,
        started_on=data.started_on,
    )
    row.training, row.checks = training, checks
    row.absences = [t.Absence(start=w.start, end=w.end, reason=w.reason) for w in data.unavailable]
    return row


def create(
    uow: UnitOfWork, who: Principal, data: FacilitatorIn, gazetteer: Gazetteer
) -> FacilitatorOut:
    """Add one facilitator (409 when the id is taken)."""
    if uow.facilitators.get(data.id) is not None:
        raise ConflictError("/body/id", f"facilitator {data.id!r} exists; use PATCH to change it")
    check_partners(uow, data.id, data.avoid_partners)
    by = recording(uow, who)
    row = new_row(data, gazetteer, by, uow.cipher)
    uow.facilitators.add(row)
    skills = skills_on(row, by.today, by.policy)
    audited = _audited(row, uow.cipher) | {"skills": sorted(skills)}
    uow.audit.record(who.username, "create", "facilitator", row.id, created(audited))
    uow.commit()
    return snapshot(row, uow.cipher, skills)


def check_partners(
    uow: UnitOfWork, fid: str, partners: Sequence[str], pointer: str = "/body/avoid_partners"
) -> None:
    """Facilitators never paired with `fid`: known ones, not `fid` itself, each once; else an
    InputError naming each entry at fault."""
    known = uow.facilitators.existing_ids(set(partners))
    errors = []
    for i, partner in enumerate(partners):
        if partner == fid:
            errors.append(FieldError(f"{pointer}/{i}", "a facilitator cannot avoid themself"))
        elif partner not in known:
            errors.append(FieldError(f"{pointer}/{i}", f"no facilitator {partner!r}; check the id"))
        elif partner in partners[:i]:
            errors.append(FieldError(f"{pointer}/{i}", f"{partner!r} is listed twice"))
    if errors:
        raise InputError("facilitator", errors)


def get(uow: UnitOfWork, who: Principal, fid: str) -> FacilitatorOut:
    """One facilitator with their current cases and the skills their record grants today
    (reading the name is audited: `who`)."""
    row = _existing(uow, fid)
    cases = [p.case_id for p in uow.pairs.current_for_facilitator(fid)]
    read_personal(uow, who, "facilitator", fid, ["name", "home"])
    uow.commit()
    skills = skills_on(row, uow.clock.today(), volunteer_policy.in_force(uow))
    return snapshot(row, uow.cipher, skills, cases)


def listing(uow: UnitOfWork, who: Principal) -> list[FacilitatorOut]:
    """Every facilitator with their current cases and skills (reading the names is audited)."""
    current = uow.pairs.current()
    mine: dict[str, list[str]] = {}
    for pair in current.values():
        for fid in (pair.facilitator_a, pair.facilitator_b):
            mine.setdefault(fid, []).append(pair.case_id)
    day, policy = uow.clock.today(), volunteer_policy.in_force(uow)
    rows = uow.facilitators.all()
    read_personal(uow, who, "facilitator", "*", ["name", "home"])
    uow.commit()
    return [
        snapshot(r, uow.cipher, skills_on(r, day, policy), sorted(mine.get(r.id, []))) for r in rows
    ]


def update(
    uow: UnitOfWork, who: Principal, fid: str, patch: FacilitatorPatch, gazetteer: Gazetteer
) -> FacilitatorOut:
    """Change the given fields (vetting, hours...), audited. Skills follow from training."""
    if patch.skills is not None:
        raise InputError.single(
            "facilitator",
            "/body/skills",
            "skills follow from the volunteer's training and clearances: record a course with "
            "POST /facilitators/{id}/training or a check with POST /facilitators/{id}/checks",
        )
    row = _existing(uow, fid)
    if patch.avoid_partners is not None:
        check_partners(uow, fid, patch.avoid_partners)
    before = _audited(row, uow.cipher)
    values = patch.model_dump(exclude_unset=True, exclude={"skills", "home"})
    for key, value in values.items():
        if value is None and key not in NULLABLE:
            continue  # null on a field that must have a value: left as it is
        setattr(row, key, uow.cipher.seal(value) if key == "name" else value)
    if patch.home is not None:
        row.home_lat, row.home_lon = resolve_home(patch.home, gazetteer, "/body/home")
        row.home_outcode = patch.home.outcode
    return _changed(uow, who, row, before, "update")


def set_availability(
    uow: UnitOfWork, who: Principal, fid: str, windows: Sequence[WindowIn]
) -> FacilitatorOut:
    """Replace the facilitator's absences, audited."""
    row = _existing(uow, fid)
    before = _audited(row, uow.cipher)
    row.absences = [t.Absence(start=w.start, end=w.end, reason=w.reason) for w in windows]
    return _changed(uow, who, row, before, "availability")


def mark_unavailable(
    uow: UnitOfWork, who: Principal, fid: str, start: dt.date, end: dt.date, reason: str
) -> None:
    """Add an absence (re-planning); the caller commits."""
    row = _existing(uow, fid, "/body/facilitator")
    before = _audited(row, uow.cipher)
    row.absences = [*row.absences, t.Absence(start=start, end=end, reason=reason)]
    _record(uow, who, row, before, "unavailable")


def lapse_vetting(uow: UnitOfWork, who: Principal, fid: str, day: dt.date) -> None:
    """Vetting lapsed on `day` (re-planning); the caller commits."""
    row = _existing(uow, fid, "/body/facilitator")
    before = _audited(row, uow.cipher)
    row.vetting_expires = min(row.vetting_expires, day)
    _record(uow, who, row, before, "vetting_lapsed")


def _changed(
    uow: UnitOfWork, who: Principal, row: t.Facilitator, before: dict[str, Any], action: str
) -> FacilitatorOut:
    _record(uow, who, row, before, action)
    uow.commit()
    return get(uow, who, row.id)


def _record(
    uow: UnitOfWork, who: Principal, row: t.Facilitator, before: dict[str, Any], action: str
) -> None:
    uow.flush()
    changes = diff(before, _audited(row, uow.cipher))
    if changes:
        row.version += 1
        uow.audit.record(who.username, action, "facilitator", row.id, changes)


def _existing(uow: UnitOfWork, fid: str, pointer: str = "/path/facilitator_id") -> t.Facilitator:
    row = uow.facilitators.get(fid)
    if row is None:
        raise NotFoundError("facilitator", fid, pointer)
    return row
