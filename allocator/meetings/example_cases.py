"""A realistic example meetings problem for Essex: facilitators, allocated cases, parties.

Homes are outcode centroids of the 14 Essex districts with a little jitter. Each case's pair
are near each other (as the pair allocator would choose); cases with a party in prison get
two prison-cleared facilitators. Proportions (risk, meeting kind, access needs, availability)
are stated in the code below and are illustrative, not measured.
"""

from __future__ import annotations

import datetime as dt
import random

from allocator.meetings.example import example_prisons, example_venues
from geo import default_gazetteer, haversine_km
from models.common import DateWindow, Location, Skill
from models.meetings import (
    Access,
    MeetingCase,
    MeetingFacilitator,
    MeetingPrison,
    MeetingsProblem,
    PartyDetails,
    Pattern,
)

D, E, W = Pattern.WEEKDAY_DAYTIME, Pattern.WEEKDAY_EVENING, Pattern.WEEKEND


def _essex_points(rng: random.Random, n: int) -> list[tuple[float, float]]:
    gaz = default_gazetteer()
    pool = [o for o in gaz.outcodes.values() if o.district in gaz.districts]
    picks = [rng.choice(pool) for _ in range(n)]
    return [(o.lat + rng.uniform(-0.01, 0.01), o.lon + rng.uniform(-0.015, 0.015)) for o in picks]


def _facilitator(
    i: int, point: tuple[float, float], rng: random.Random, day0: dt.date
) -> MeetingFacilitator:
    pattern = rng.choices(((D,), (D, E), (E, W), (D, E, W)), weights=(45, 30, 10, 15))[0]
    absent = []
    if rng.random() < 0.2:
        start = day0 + dt.timedelta(days=rng.randint(1, 35))
        absent.append(DateWindow(start=start, end=start + dt.timedelta(days=rng.randint(2, 9))))
    skills = {Skill.MEDIATION} | ({Skill.PRISON} if rng.random() < 0.5 else set())
    return MeetingFacilitator(
        id=f"F{i + 1:03d}",
        home=Location(lat=point[0], lon=point[1]),
        skills=frozenset(skills),
        availability=frozenset(pattern),
        unavailable=absent,
    )


def _party(
    point: tuple[float, float], rng: random.Random, prison: str | None, shared: frozenset[Pattern]
) -> PartyDetails:
    pattern = rng.choices(((D,), (D, E), (E, W), (D, E, W)), weights=(35, 35, 10, 20))[0]
    if shared and not shared & set(pattern):  # people agree a time the pair can do
        pattern = (*pattern, rng.choice(sorted(shared)))
    access = {
        a for a, p in ((Access.STEP_FREE, 0.1), (Access.HEARING_LOOP, 0.05)) if rng.random() < p
    }
    return PartyDetails(
        home=Location(lat=point[0], lon=point[1]),
        availability=frozenset(pattern),
        supporters=rng.choices((0, 1, 2), weights=(50, 35, 15))[0],
        access=frozenset(access),
        prep_at="neutral" if rng.random() < 0.2 else "home",
        prison=prison,
    )


def _pair(
    fac: list[MeetingFacilitator], load: dict[str, int], rng: random.Random, cleared: bool
) -> list[str]:
    pool = [f for f in fac if Skill.PRISON in f.skills] if cleared else fac
    pool = pool if len(pool) >= 2 else fac
    first = min(pool, key=lambda f: (load[f.id], rng.random()))
    here = first.home.point()
    others = [f for f in pool if f.id != first.id]
    partner = min(
        [f for f in others if f.availability & first.availability] or others,
        key=lambda f: load[f.id] * 15 + haversine_km(here, f.home.point()) + rng.random(),
    )
    load[first.id] += 1
    load[partner.id] += 1
    return [first.id, partner.id]


def _case(
    i: int,
    fac: list[MeetingFacilitator],
    load: dict[str, int],
    prisons: list[MeetingPrison],
    rng: random.Random,
) -> MeetingCase:
    prison = rng.choice(prisons).name if prisons and rng.random() < 0.12 else None
    pair = _pair(fac, load, rng, cleared=prison is not None)
    a, b = (fac[int(fid[1:]) - 1] for fid in pair)
    near, shared = a.home.point(), a.availability & b.availability
    homes = [
        (near[0] + rng.uniform(-0.08, 0.08), near[1] + rng.uniform(-0.12, 0.12)) for _ in range(2)
    ]
    kind = rng.choices(("conference", "panel", "indirect"), weights=(65, 10, 25))[0]
    return MeetingCase(
        id=f"C{i + 1:03d}",
        facilitators=pair,
        risk="high" if rng.random() < 0.15 else "standard",
        meeting=kind,
        panel_members=rng.randint(3, 6) if kind == "panel" else 0,
        victim=_party(homes[0], rng, None, shared),
        harmer=_party(homes[1], rng, prison, shared),
    )


def example_problem(
    cases: int = 150,
    venues: int = 30,
    prisons: int = 6,
    facilitators: int | None = None,
    seed: int = 0,
    as_of: dt.date = dt.date(2026, 11, 23),
    horizon_weeks: int = 6,
) -> MeetingsProblem:
    """A seeded Essex meetings problem: `cases` allocated cases, about 2.8 meetings each."""
    rng = random.Random(seed)
    count = max(2, facilitators or max(8, cases * 2 // 5))
    fac = [_facilitator(i, p, rng, as_of) for i, p in enumerate(_essex_points(rng, count))]
    jails = example_prisons(prisons, seed)
    load = {f.id: 0 for f in fac}
    return MeetingsProblem(
        as_of=as_of,
        horizon_weeks=horizon_weeks,
        facilitators=fac,
        cases=[_case(i, fac, load, jails, rng) for i in range(cases)],
        venues=example_venues(venues, seed, as_of),
        prisons=jails,
    )
