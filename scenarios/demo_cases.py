"""Demo cases: ongoing ones with a valid current pair, and new ones waiting for a pair.

What a case needs of its pair follows the accept mix of the 2018 policy (case_kind_weights in
seed_figures.yaml). An ongoing case's current pair is chosen by a simple greedy from the
volunteers who may hold it under H2-H5 and H7-H9 of formats.md (vetted and active, skills,
prison clearance, load within capacity and max_cases, travel limit, no avoided partner, one
experienced), nearest first with a little noise, so the pool starts in a state a real service
could be in. H6 (start within days) applies only to new assignments and is not checked.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from geo import Gazetteer, distance_matrix_km
from models import Case, CaseRequirements, Facilitator, PrisonRef, Skill
from scenarios.demo_figures import ModelledFigures
from scenarios.demo_places import Area, pick, point_in_district, prison_in, prison_ref

CASE_JITTER_KM = 1.0
NEW_CASE_HOURS = (18, 19, 20)  # the seeds' "18-20 hours on a case"
PAIR_NOISE_KM = 15.0  # nearest is likelier, not certain
BUSY_KM = 30.0  # a volunteer at their max_cases ranks as if 30 km further away
NEIGHBOURS = 5  # an excluded volunteer is one of the five living nearest the case
REDRAWS = 6  # tries at an ongoing case's needs before falling back to a plain case


@dataclass(frozen=True)
class Needs:
    """What a case asks of its pair."""

    kind: str
    requires: CaseRequirements
    prison: PrisonRef | None = None


def draw_needs(
    rng: np.random.Generator, figures: ModelledFigures, gazetteer: Gazetteer, area: Area
) -> Needs:
    """A case kind from the 2018 accept mix, and the skills (and prison) it needs."""
    kind = pick(rng, figures.case_kind_weights)
    both: set[Skill] = set()
    either: set[Skill] = set()
    prison = None
    if kind == "neighbour_dispute":
        (both if rng.random() < 1 / 3 else either).add(Skill.MEDIATION)
    elif kind == "community_issue":
        either.add(Skill.CJP)
    elif kind == "complex":
        both.add(Skill.COMPLEX)
    elif kind == "domestic_abuse":
        both.add(Skill.COMPLEX)
        either.add(Skill.DV)
    elif kind == "prison":
        both.add(Skill.PRISON)
        prison = prison_ref(prison_in(gazetteer, pick(rng, figures.prison_weights), area))
    requires = CaseRequirements(both=frozenset(both), either=frozenset(either))
    return Needs(kind, requires, prison)


def capacity_hours(facilitator: Facilitator, as_of: dt.date, horizon_weeks: int) -> float:
    """H5 capacity: weekly hours x (horizon weeks less unavailable days in the horizon / 7)."""
    last = as_of + dt.timedelta(days=7 * horizon_weeks - 1)
    away = sum(w.days_within(as_of, last) for w in facilitator.unavailable)
    return facilitator.weekly_hours * max(0.0, horizon_weeks - away / 7)


class Pool:
    """The volunteers with the load the generated ongoing cases have put on them so far."""

    def __init__(self, facilitators: list[Facilitator], as_of: dt.date, horizon_weeks: int):
        self.people = facilitators
        self.points = [f.home.point() for f in facilitators]
        self.capacity = np.array([capacity_hours(f, as_of, horizon_weeks) for f in facilitators])
        self.max_cases = np.array([f.max_cases for f in facilitators])
        self.load = np.zeros(len(facilitators))
        self.count = np.zeros(len(facilitators), dtype=int)
        self.allocatable = np.array([f.active and f.vetting_expires > as_of for f in facilitators])
        self.experienced = np.array([f.experienced for f in facilitators])
        self.index = {f.id: i for i, f in enumerate(facilitators)}
        self.skilled = {s: np.array([s in f.skills for f in facilitators], bool) for s in Skill}
        limits = [np.inf if f.max_travel_km is None else f.max_travel_km for f in facilitators]
        self.max_travel = np.array(limits, dtype=np.float64)

    def eligible(self, case: Case, km: NDArray[np.float64]) -> NDArray[np.bool_]:
        """Who could be one of the pair on their own (H2, H3 both, H4, H5, H7, exclude)."""
        ok = self.allocatable & (self.count < self.max_cases)
        ok &= self.load + case.hours <= self.capacity + 1e-9
        ok &= km <= self.max_travel
        for skill in case.requires.both:
            ok &= self.skilled[skill]
        for fid in case.exclude:
            ok[self.index[fid]] = False
        return ok

    def choose_pair(self, rng: np.random.Generator, case: Case) -> tuple[int, int] | None:
        """A valid pair for `case`, nearest first with noise; None when nobody fits."""
        if not self.people:
            return None
        km = distance_matrix_km([case.place()], self.points)[0]
        ok = self.eligible(case, km)
        # Nearest first, with noise, and the busy last: coordinators spread the work.
        busy = self.count / np.maximum(self.max_cases, 1)
        score = km + rng.uniform(0.0, PAIR_NOISE_KM, size=len(km)) + BUSY_KM * busy
        order = np.argsort(score, kind="stable")
        candidates: list[int] = order[ok[order]].tolist()
        # New volunteers work beside experienced ones: an experienced lead, and a newer
        # partner where one fits, so the experienced are not used up two to a case.
        partners = sorted(candidates, key=lambda i: bool(self.experienced[i]))
        for a in (i for i in candidates if self.experienced[i]):
            for b in partners:
                if b != a and self._fits_together(case, a, b):
                    return (a, b)
        return None

    def _fits_together(self, case: Case, a: int, b: int) -> bool:
        fa, fb = self.people[a], self.people[b]
        if fa.id in fb.avoid_partners or fb.id in fa.avoid_partners:
            return False
        return case.requires.either <= (fa.skills | fb.skills)

    def take(self, pair: tuple[int, int], hours: float) -> list[str]:
        """Put a case of `hours` on both of `pair`; their ids, as `current`."""
        for i in pair:
            self.load[i] += hours
            self.count[i] += 1
        return [self.people[i].id for i in pair]


def make_cases(
    rng: np.random.Generator,
    figures: ModelledFigures,
    gazetteer: Gazetteer,
    areas: list[Area],
    pool: Pool,
    count: int,
    ongoing: int,
) -> list[Case]:
    """`count` cases spread over `areas`, ids C0000...; the first `ongoing` have a current pair."""
    cases = []
    for i in range(count):
        area = areas[i % len(areas)]
        district = pick(rng, figures.case_district_weights)
        base = Case(
            id=f"C{i:04d}",
            location=point_in_district(rng, gazetteer, district, area, CASE_JITTER_KM),
            district=area.district(district),
            hours=0,
            priority=1 + int(rng.choice(5, p=_normalised(figures.priority_weights))),
        )
        if i < ongoing:
            cases.append(_ongoing(rng, figures, gazetteer, area, pool, base))
        else:
            cases.append(_new(rng, figures, gazetteer, area, pool, base))
    return cases


def _ongoing(
    rng: np.random.Generator,
    figures: ModelledFigures,
    gazetteer: Gazetteer,
    area: Area,
    pool: Pool,
    base: Case,
) -> Case:
    """An ongoing case with hours still to do and a valid current pair (a few pinned)."""
    hours = float(rng.integers(figures.ongoing_hours_min, figures.ongoing_hours_max + 1))
    plain = Needs("plain", CaseRequirements())
    for attempt in range(REDRAWS + 1):
        needs = draw_needs(rng, figures, gazetteer, area) if attempt < REDRAWS else plain
        case = _with_needs(base, needs, hours)
        pair = pool.choose_pair(rng, case)
        if pair is not None:
            pinned = bool(rng.random() < figures.pinned_share_of_ongoing)
            return case.model_copy(update={"current": pool.take(pair, hours), "pinned": pinned})
    return case  # nobody left who could hold it: it stays a case without a pair


def _new(
    rng: np.random.Generator,
    figures: ModelledFigures,
    gazetteer: Gazetteer,
    area: Area,
    pool: Pool,
    base: Case,
) -> Case:
    """A newly accepted case: 18-20 hours each; a few exclude a volunteer who lives nearby
    (a conflict of interest: a neighbour of one of the parties)."""
    needs = draw_needs(rng, figures, gazetteer, area)
    case = _with_needs(base, needs, float(NEW_CASE_HOURS[int(rng.integers(3))]))
    if pool.people and rng.random() < figures.exclude_share:
        km = distance_matrix_km([case.location.point()], pool.points)[0]
        nearest = np.argsort(km, kind="stable")[:NEIGHBOURS]
        neighbour = pool.people[int(nearest[int(rng.integers(len(nearest)))])]
        case = case.model_copy(update={"exclude": [neighbour.id]})
    return case


def _with_needs(base: Case, needs: Needs, hours: float) -> Case:
    update = {"requires": needs.requires, "prison": needs.prison, "hours": hours}
    return base.model_copy(update=update)


def _normalised(weights: list[float]) -> NDArray[np.float64]:
    p = np.asarray(weights, dtype=np.float64)
    out: NDArray[np.float64] = p / p.sum()
    return out
