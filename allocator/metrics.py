"""The four canonical metrics of formats.md, computed from a plan alone.

This module is deliberately independent of the solver (and of `geo`): it recomputes distances
with its own haversine and capacities from the problem, so a checker built on it can catch a
solver that gets either wrong.

Zero capacity: a facilitator whose capacity is 0 hours (absent for the whole horizon, or 0
weekly hours) but who carries hours has an unbounded load ratio. JSON has no infinity, so that
utilisation is reported as the finite sentinel `UNBOUNDED_UTILISATION` (1e6), far above any
real ratio. Only a pinned case can put a facilitator there (H5 forbids it for any other case).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from functools import lru_cache

from models import Case, Facilitator, Metrics, Problem

EARTH_RADIUS_KM = 6371.0088
UNBOUNDED_UTILISATION = 1e6

Pairs = Mapping[str, tuple[str, str]]


@lru_cache(maxsize=1 << 16)
def great_circle_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Haversine distance in km between two (lat, lon) points, Earth radius 6371.0088 km.
    Remembered: a simulation's mornings measure the same homes to the same ongoing cases
    each day (a third of a scenario replicate's metrics were these sums)."""
    lat1, lon1, lat2, lon2 = (math.radians(v) for v in (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(min(1.0, max(0.0, h))))


def travel_km(facilitator: Facilitator, case: Case) -> float:
    """Km from the facilitator's home to where the case meets (its prison when set)."""
    return great_circle_km(facilitator.home.point(), case.place())


def horizon_days(problem: Problem) -> tuple[dt.date, dt.date]:
    """First and last day (inclusive) of the planning horizon."""
    return problem.as_of, problem.as_of + dt.timedelta(days=7 * problem.horizon_weeks - 1)


def unavailable_days(facilitator: Facilitator, problem: Problem) -> int:
    """Distinct days inside the horizon covered by at least one absence (overlaps count once)."""
    if not facilitator.unavailable:
        return 0
    first, last = horizon_days(problem)
    clipped = sorted(
        (max(w.start, first).toordinal(), min(w.end, last).toordinal())
        for w in facilitator.unavailable
        if w.start <= last and w.end >= first
    )
    days, upto = 0, first.toordinal() - 1  # upto: the last day already counted
    for lo, hi in clipped:
        if hi > upto:
            days += hi - max(lo, upto + 1) + 1
            upto = hi
    return days


def capacity_hours(facilitator: Facilitator, problem: Problem) -> float:
    """H5 capacity: weekly hours x (horizon weeks - unavailable days in the horizon / 7)."""
    weeks = problem.horizon_weeks - unavailable_days(facilitator, problem) / 7
    return facilitator.weekly_hours * weeks


def loads(problem: Problem, pairs: Pairs) -> dict[str, tuple[float, int]]:
    """Facilitator id -> (hours, number of cases) over every allocated case it is on."""
    hours = {c.id: c.hours for c in problem.cases}
    out: dict[str, tuple[float, int]] = {}
    for case_id, pair in pairs.items():
        for fid in set(pair):
            total, count = out.get(fid, (0.0, 0))
            out[fid] = (total + hours.get(case_id, 0.0), count + 1)
    return out


def utilisation(load: float, capacity: float) -> float:
    """Load / capacity; 0 with no load, `UNBOUNDED_UTILISATION` for load on no capacity."""
    if load <= 0:
        return 0.0
    if capacity <= 0:
        return UNBOUNDED_UTILISATION
    return load / capacity


def canonical_metrics(problem: Problem, pairs: Pairs) -> Metrics:
    """allocated_weight, changes, travel_km and max_utilisation of a plan, as formats.md defines.

    `pairs` maps case id -> its two facilitators; cases not in it are unallocated. Ids not in the
    problem are ignored here (the checker reports them). Locations must have coordinates.
    """
    cases = {c.id: c for c in problem.cases}
    people = {f.id: f for f in problem.facilitators}
    allocated = {cid: pair for cid, pair in pairs.items() if cid in cases}
    weight = sum(cases[cid].priority for cid in allocated)
    changes = sum(len(set(c.current) - set(allocated.get(c.id, ()))) for c in problem.cases)
    km = math.fsum(  # exactly rounded: the same plan listed in another order, the same km
        travel_km(people[fid], cases[cid])
        for cid, pair in allocated.items()
        for fid in pair
        if fid in people
    )
    ratios = [
        utilisation(load, capacity_hours(people[fid], problem))
        for fid, (load, _) in loads(problem, allocated).items()
        if fid in people
    ]
    return Metrics(
        allocated_weight=weight,
        changes=changes,
        travel_km=km,
        max_utilisation=max(ratios, default=0.0),
        solve_seconds=0.0,
        bound=None,
    )
