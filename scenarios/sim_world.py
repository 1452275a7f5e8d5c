"""The simulated service's people and random streams, set up from a scenario.

Every replicate has its own `numpy.random.SeedSequence` child of the scenario seed, split again
by purpose (referrals, funnel, volunteers, recruits), so one replicate's numbers do not depend on
how many others run or where, and two scenarios with the same seed draw the same referrals and
the same leavers (common random numbers) even when their policies differ.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import numpy as np

from geo import Gazetteer, UnknownPlaceError, default_gazetteer, resolve_problem
from models import DateWindow, Facilitator, FieldError, InputError, Problem, parse_document
from rules import load_policy
from scenarios.demo_data import load_demo
from scenarios.demo_figures import ModelledFigures, default_figures
from scenarios.demo_people import make_facilitators
from scenarios.demo_places import areas
from scenarios.demo_scales import Scale
from scenarios.sim_spec import Absences, Cohort, Group, PoolSource, Scenario, VettingDelay

FAR_FUTURE = dt.date(2100, 1, 1)
STREAMS = ("referrals", "funnel", "volunteers", "recruits")


@dataclass(frozen=True)
class Streams:
    """Independent generators of one replicate, one per purpose."""

    referrals: np.random.Generator
    funnel: np.random.Generator
    volunteers: np.random.Generator
    recruits: np.random.Generator


def replicate_streams(seed: int, replicate: int) -> Streams:
    """The streams of replicate `replicate`: the same for the same seed on any machine."""
    child = np.random.SeedSequence(seed).spawn(replicate + 1)[replicate]
    gens = [np.random.default_rng(s) for s in child.spawn(len(STREAMS))]
    return Streams(*gens)


@dataclass
class Volunteer:
    """One volunteer in the run: their record, when they can work, and what they have done."""

    record: Facilitator
    vetted_from: dt.date
    leaves: dt.date
    absences: list[DateWindow]
    cases_done: int = 0
    cases: set[str] = field(default_factory=set)
    _seen: tuple[tuple[DateWindow, ...], bool, Facilitator] | None = field(
        default=None, repr=False, compare=False
    )

    def present(self, day: dt.date) -> bool:
        """Vetted, active and not yet gone on `day`."""
        return self.record.active and self.vetted_from <= day < self.leaves

    def as_facilitator(self, day: dt.date, experienced_after: int) -> Facilitator:
        """The facilitator the allocator sees on `day` (vetted; holidays in the window)."""
        horizon = day + dt.timedelta(60)
        soon = tuple(w for w in self.absences if w.end >= day and w.start <= horizon)
        experienced = self.record.experienced or self.cases_done >= experienced_after
        if self._seen is not None and self._seen[:2] == (soon, experienced):
            return self._seen[2]  # unchanged since the last morning: spare the copy
        view = self.record.model_copy(
            update={
                "vetting_expires": FAR_FUTURE,
                "unavailable": list(soon),
                "experienced": experienced,
            }
        )
        self._seen = (soon, experienced, view)
        return view


def pool_facilitators(scenario: Scenario) -> list[Facilitator]:
    """The scenario's starting pool, resolved to coordinates."""
    pool = scenario.pool
    if pool.source is PoolSource.INLINE:
        listed = Problem(as_of=scenario.start, facilitators=pool.facilitators or [], cases=[])
        try:
            resolved = resolve_problem(listed, default_gazetteer(), source="scenario")
        except UnknownPlaceError as exc:
            pointed = [FieldError("/pool" + e.pointer, e.message) for e in exc.errors]
            raise InputError("scenario", pointed) from None
        return list(resolved.facilitators)
    return list(_pool(pool.source, pool.scale, pool.path))


@cache
def _pool(source: PoolSource, scale: str, path: str | None) -> tuple[Facilitator, ...]:
    if source is PoolSource.DEMO:
        try:
            problem = load_demo(Scale(scale)).problem
        except ValueError:
            choices = ", ".join(s.value for s in Scale)
            raise InputError.single("scenario", "/pool/scale", f"use one of {choices}") from None
    else:
        file = Path(path or "")
        try:
            data = json.loads(file.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise InputError.single(str(file), "/pool/path", f"cannot read: {exc}") from None
        problem = parse_document(data, Problem, str(file))
    return tuple(resolve_problem(problem, default_gazetteer()).facilitators)


def starting_volunteers(
    scenario: Scenario, pool: list[Facilitator], rng: np.random.Generator
) -> list[Volunteer]:
    """The pool at the start: those whose vetting had lapsed are cleared after a drawn delay."""
    out = []
    for fac in pool:
        waiting = fac.vetting_expires <= scenario.start
        delay = vetting_delay(scenario, rng) if waiting else 0
        out.append(_volunteer(scenario, fac, scenario.start + dt.timedelta(days=delay), rng))
    return out


def vetting_delay(
    scenario: Scenario, rng: np.random.Generator, spec: VettingDelay | None = None
) -> int:
    """Days from training to vetting: lognormal around the median (the scenario's by default)."""
    spec = spec or scenario.vetting_delay
    return round(spec.median_days * math.exp(spec.sigma * rng.standard_normal()))


def _volunteer(
    scenario: Scenario, fac: Facilitator, vetted_from: dt.date, rng: np.random.Generator
) -> Volunteer:
    """A volunteer with a drawn leaving day (constant hazard) and holidays."""
    hazard = -math.log(scenario.retained_after_year) / 365.0
    stay = rng.exponential(1 / hazard) if hazard > 0 else math.inf
    leaves = FAR_FUTURE if stay > 365 * 50 else vetted_from + dt.timedelta(days=int(stay))
    absences = holidays(scenario.absences, scenario.start, scenario.end, rng)
    return Volunteer(record=fac, vetted_from=vetted_from, leaves=leaves, absences=absences)


def holidays(
    spec: Absences, start: dt.date, end: dt.date, rng: np.random.Generator
) -> list[DateWindow]:
    """Holidays over the run: a Poisson number, uniform start days, lengths in the range."""
    days = (end - start).days
    count = int(rng.poisson(spec.per_year * days / 365.0))
    out = []
    for _ in range(count):
        first = start + dt.timedelta(days=int(rng.integers(0, max(days, 1))))
        length = int(rng.integers(spec.min_days, max(spec.min_days, spec.max_days) + 1))
        out.append(DateWindow(start=first, end=first + dt.timedelta(days=length - 1)))
    return sorted(out, key=lambda w: w.start)


def cohort_volunteers(
    scenario: Scenario,
    cohort: Cohort,
    number: int,
    trained: dt.date,
    rng: np.random.Generator,
    gazetteer: Gazetteer,
) -> list[Volunteer]:
    """The new volunteers of one cohort, each cleared after their own vetting delay."""
    figures = default_figures().modelled
    out = []
    for g, group in enumerate(cohort.groups):
        for i, fac in enumerate(_recruits(group, figures, gazetteer, trained, rng)):
            record = fac.model_copy(
                update={
                    "id": f"N{number}-{g}-{i:03d}",
                    "skills": group.skills,
                    "active": True,
                    "experienced": False,
                    "avoid_partners": [],
                }
            )
            delay = vetting_delay(scenario, rng, cohort.vetting_delay)
            out.append(_volunteer(scenario, record, trained + dt.timedelta(days=delay), rng))
    return out


def _recruits(
    group: Group,
    figures: ModelledFigures,
    gazetteer: Gazetteer,
    trained: dt.date,
    rng: np.random.Generator,
) -> list[Facilitator]:
    """Homes, hours and case limits drawn by the demo's generator, in the group's district."""
    if group.count == 0:
        return []
    if group.district is not None:
        figures = figures.model_copy(update={"facilitator_district_weights": {group.district: 1}})
    made = make_facilitators(rng, figures, gazetteer, areas(1), group.count, trained, 6)
    return [f.model_copy(update={"unavailable": []}) for f in made]


def check_inputs(scenario: Scenario) -> None:
    """Fail early, in this process, on what a replicate would fail on: the policy, the pool
    and the districts of recruits (errors raised in worker processes reach us mangled)."""
    load_policy(scenario.policy)
    pool_facilitators(scenario)
    known = default_figures().modelled.facilitator_district_weights
    for c, cohort in enumerate(scenario.cohorts):
        for g, group in enumerate(cohort.groups):
            if group.district is not None and group.district not in known:
                msg = f"{group.district!r} is not a district; use one of {sorted(known)}"
                raise InputError.single(scenario.scenario, f"/cohorts/{c}/groups/{g}/district", msg)


def skill_labels(fac: Facilitator) -> list[str]:
    """Skills a volunteer is counted under in utilisation tables ('none' when untrained)."""
    return sorted(s.value for s in fac.skills) or ["none"]
