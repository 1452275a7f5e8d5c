"""Builders of tiny allocation problems and results, for the checker's and the peers' tests."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

from allocator.metrics import canonical_metrics
from models import (
    AllocationResult,
    Assignment,
    Case,
    CaseRequirements,
    DateWindow,
    Facilitator,
    Location,
    PrisonRef,
    Problem,
    Skill,
    SolveStatus,
    UnallocatedCase,
    UnallocatedReason,
)

AS_OF = dt.date(2026, 11, 23)
CHELMSFORD = (51.7356, 0.4685)
COLCHESTER = (51.8959, 0.8919)
SOUTHEND = (51.5459, 0.7077)
HMP_CHELMSFORD = PrisonRef(name="HMP Chelmsford", lat=51.7372, lon=0.4866)


def a_facilitator(
    fid: str = "A",
    *,
    skills: Iterable[str] = (),
    experienced: bool = True,
    weekly_hours: float = 6,
    max_cases: int = 3,
    home: tuple[float, float] = CHELMSFORD,
    active: bool = True,
    vetting_expires: dt.date = AS_OF + dt.timedelta(days=200),
    away: Iterable[tuple[int, int]] = (),
    max_travel_km: float | None = None,
    avoid: Iterable[str] = (),
    worked_well_with: Iterable[str] = (),
) -> Facilitator:
    """A facilitator; `away` holds absences as (first, last) day offsets from AS_OF."""
    return Facilitator(
        id=fid,
        home=Location(lat=home[0], lon=home[1]),
        skills=frozenset(Skill(s) for s in skills),
        weekly_hours=weekly_hours,
        max_cases=max_cases,
        vetting_expires=vetting_expires,
        active=active,
        experienced=experienced,
        unavailable=[
            DateWindow(start=AS_OF + dt.timedelta(days=a), end=AS_OF + dt.timedelta(days=b))
            for a, b in away
        ],
        max_travel_km=max_travel_km,
        avoid_partners=list(avoid),
        worked_well_with=list(worked_well_with),
    )


def a_case(
    cid: str = "C1",
    *,
    hours: float = 18,
    priority: int = 1,
    both: Iterable[str] = (),
    either: Iterable[str] = (),
    prison: PrisonRef | None = None,
    current: Iterable[str] = (),
    pinned: bool = False,
    exclude: Iterable[str] = (),
    keep: Iterable[str] = (),
    at: tuple[float, float] = CHELMSFORD,
) -> Case:
    """A case needing a pair; by default a new, unskilled 18-hour case in Chelmsford."""
    return Case(
        id=cid,
        location=Location(lat=at[0], lon=at[1]),
        requires=CaseRequirements(
            both=frozenset(Skill(s) for s in both), either=frozenset(Skill(s) for s in either)
        ),
        hours=hours,
        priority=priority,
        prison=prison,
        current=list(current),
        pinned=pinned,
        exclude=list(exclude),
        keep=list(keep),
    )


def a_problem(facilitators: list[Facilitator], cases: list[Case], **fields: object) -> Problem:
    """A problem as of AS_OF (horizon 6 weeks, start within 7 days unless given)."""
    return Problem.model_validate(
        {"as_of": AS_OF, "facilitators": facilitators, "cases": cases, **fields}
    )


def a_result(
    problem: Problem,
    pairs: Mapping[str, tuple[str, str]],
    *,
    reasons: Mapping[str, str] | None = None,
    status: SolveStatus = SolveStatus.FEASIBLE,
) -> AllocationResult:
    """A result allocating `pairs`, listing every other case unallocated, metrics canonical.

    `reasons` gives the constraint cited for an unallocated case (default: H10 for a pinned
    case, H5 otherwise).
    """
    known = {c.id for c in problem.cases}
    unallocated = [
        UnallocatedCase(
            case=c.id,
            reasons=[
                UnallocatedReason(
                    constraint=(reasons or {}).get(c.id, "H10" if c.pinned else "H5"),
                    text="test",
                )
            ],
        )
        for c in problem.cases
        if c.id not in pairs
    ]
    return AllocationResult(
        status=status,
        assignments=[Assignment(case=cid, facilitators=list(pair)) for cid, pair in pairs.items()],
        unallocated=unallocated,
        metrics=canonical_metrics(
            problem, {cid: pair for cid, pair in pairs.items() if cid in known}
        ),
    )
