"""Between table rows and domain models: the store's facilitators and cases as a Problem."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Collection, Iterable
from typing import Any

from pydantic import BaseModel

import models
from models.volunteers import Check, CheckKind, Course, Level, TrainingEvent
from service.store import tables as t


def training_of(row: t.Facilitator) -> list[TrainingEvent]:
    """The facilitator's stored courses as the domain's training events."""
    return [training_event(e.course, e.level, e.completed_on, e.hours) for e in row.training]


def training_event(
    course: str, level: str, completed_on: dt.date | None, hours: float
) -> TrainingEvent:
    """A stored course's columns as the domain's training event."""
    return TrainingEvent(
        course=Course(course), level=Level(level), completed_on=completed_on, hours=hours
    )


def check_model(row: t.CheckRecord) -> Check:
    """A stored security check as the domain's check."""
    return check_of(row.kind, row.granted_on, row.expires_on)


def check_of(kind: str, granted_on: dt.date | None, expires_on: dt.date | None) -> Check:
    """A stored security check's columns as the domain's check."""
    return Check(kind=CheckKind(kind), granted_on=granted_on, expires_on=expires_on)


def checks_of(row: t.Facilitator) -> list[Check]:
    """The facilitator's stored security checks as the domain's checks."""
    return [check_model(c) for c in row.checks]


def facilitator_model(
    row: t.Facilitator, skills: Iterable[models.Skill], worked_well_with: Iterable[str] = ()
) -> models.Facilitator:
    """The allocator's view of a stored facilitator (no name: the allocator needs none), with
    the skills its record grants on the day (rules.volunteering.derived_skills) and the
    partners of their pairs that went well (see `partners_who_worked_well`)."""
    return models.Facilitator(
        id=row.id,
        home=models.Location(lat=row.home_lat, lon=row.home_lon, outcode=row.home_outcode),
        district=row.district,
        skills=frozenset(skills),
        weekly_hours=row.weekly_hours,
        max_cases=row.max_cases,
        vetting_expires=row.vetting_expires,
        active=row.active,
        experienced=row.experienced,
        unavailable=[models.DateWindow(start=a.start, end=a.end) for a in row.absences],
        max_travel_km=row.max_travel_km,
        avoid_partners=list(row.avoid_partners),
        worked_well_with=sorted(set(worked_well_with) - {row.id}),
    )


def partners_who_worked_well(
    pairs: Iterable[tuple[str, str]], known: Collection[str]
) -> dict[str, list[str]]:
    """Facilitator id -> the partners of their pairs reviewed as having gone well, both ways,
    sorted and distinct, among the `known` ids only (those put in the problem)."""
    partners: dict[str, set[str]] = {}
    for a, b in pairs:
        if a in known and b in known and a != b:
            partners.setdefault(a, set()).add(b)
            partners.setdefault(b, set()).add(a)
    return {fid: sorted(others) for fid, others in partners.items()}


def case_model(
    row: t.Case, pair: t.Pair | None, pinned: bool, priority: int | None = None
) -> models.Case:
    """The allocator's view of a stored case and its current pair (kept when `pinned`), with
    `priority` for the day when given (the stored one is the case's base)."""
    prison = None
    if row.prison_name and row.prison_lat is not None and row.prison_lon is not None:
        prison = models.PrisonRef(name=row.prison_name, lat=row.prison_lat, lon=row.prison_lon)
    current = [pair.facilitator_a, pair.facilitator_b] if pair else []
    return models.Case(
        id=row.id,
        location=models.Location(lat=row.lat, lon=row.lon, outcode=row.outcode),
        district=row.district,
        requires=models.CaseRequirements(
            both=frozenset(models.Skill(s) for s in row.requires_both),
            either=frozenset(models.Skill(s) for s in row.requires_either),
        ),
        hours=row.hours,
        priority=row.priority if priority is None else priority,
        prison=prison,
        current=current,
        pinned=pinned and bool(current),
    )


def case_row(case: models.Case, referral_id: str | None, now: dt.datetime) -> t.Case:
    """A new table row for a domain case (its location must already have coordinates)."""
    lat, lon = case.location.point()
    prison = case.prison
    return t.Case(
        id=case.id,
        referral_id=referral_id,
        status="open",
        district=case.district,
        outcode=case.location.outcode,
        lat=lat,
        lon=lon,
        requires_both=sorted(s.value for s in case.requires.both),
        requires_either=sorted(s.value for s in case.requires.either),
        hours=case.hours,
        priority=case.priority,
        prison_name=prison.name if prison else None,
        prison_lat=prison.lat if prison else None,
        prison_lon=prison.lon if prison else None,
        created_at=now,
        version=1,
    )


def fingerprint(problem: BaseModel) -> str:
    """SHA-256 of everything a solver reads (an allocation or a meetings problem), not its day."""
    data: dict[str, Any] = problem.model_dump(mode="python", exclude={"as_of"})
    text = json.dumps(data, sort_keys=True, separators=(",", ":"), default=_canonical)
    return hashlib.sha256(text.encode()).hexdigest()


def _canonical(value: Any) -> Any:
    # sets serialise in hash order, which differs between processes: sort them
    if isinstance(value, set | frozenset):
        return sorted(str(v) for v in value)
    return str(value)
