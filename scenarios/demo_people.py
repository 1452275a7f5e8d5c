"""Demo volunteers: where they live, their training, hours, vetting and holidays.

Shapes come from scenarios/data/seed_figures.yaml: mediation is common (part of initial training
since 2017-18), complex-case training is for a hand-picked few of the experienced, domestic
violence training rarer still (only among the complex-trained), and some recent trainees are
still waiting for police vetting. A volunteer waiting for vetting is written with a
`vetting_expires` date before `as_of`, which is how the problem format says "not vetted now" (H2).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import numpy as np

from geo import Gazetteer
from models import DateWindow, Facilitator, Skill
from scenarios.demo_figures import ModelledFigures
from scenarios.demo_places import Area, pick, point_in_district

HOME_JITTER_KM = 1.5
ABSENCE_DAYS = (3, 14)  # a holiday: three days to a fortnight


def make_facilitators(
    rng: np.random.Generator,
    figures: ModelledFigures,
    gazetteer: Gazetteer,
    areas: list[Area],
    count: int,
    as_of: dt.date,
    horizon_weeks: int,
) -> list[Facilitator]:
    """`count` volunteers spread evenly over `areas`, ids F0000, F0001, ...

    How many are recent trainees, waiting for vetting, lapsed, inactive or experienced, and how
    many give each number of hours and cases, is fixed by the shares (rounded); who they are is
    drawn at random. So "about 50 of 60 can take cases" holds for every seed, not on average.
    """
    statuses = _statuses(rng, figures, count)
    hours = quota(rng, figures.weekly_hours, figures.weekly_hours_weights, count)
    cases = quota(rng, figures.max_cases, figures.max_cases_weights, count)
    records = []
    for i in range(count):
        area = areas[i % len(areas)]
        record = _volunteer(rng, figures, gazetteer, area, statuses[i], as_of, horizon_weeks)
        record.update(id=f"F{i:04d}", weekly_hours=float(hours[i]), max_cases=int(cases[i]))
        records.append(record)
    _add_avoidances(rng, figures, records, len(areas))
    return [Facilitator.model_validate(r) for r in records]


@dataclass(frozen=True)
class Status:
    """Where a volunteer stands: new or established, vetted or not, on a break or not."""

    trainee: bool = False
    waiting_for_vetting: bool = False
    lapsed: bool = False
    inactive: bool = False
    experienced: bool = False


def _statuses(rng: np.random.Generator, figures: ModelledFigures, count: int) -> list[Status]:
    order = rng.permutation(count)
    trainees = round(figures.recent_trainee_share * count)
    waiting = round(figures.waiting_for_vetting_share_of_trainees * trainees)
    established = count - trainees
    experienced = round(figures.experienced_share_of_established * established)
    lapsed = round(figures.lapsed_vetting_share * established)
    inactive = set(rng.permutation(count)[: round(figures.inactive_share * count)].tolist())
    out: list[Status] = []
    for rank in np.argsort(order, kind="stable").tolist():
        trainee = rank < trainees
        senior = rank - trainees  # established volunteers: experienced first, lapsed last
        out.append(
            Status(
                trainee=trainee,
                waiting_for_vetting=trainee and rank < waiting,
                lapsed=not trainee and senior >= established - lapsed,
                inactive=len(out) in inactive,
                experienced=not trainee and senior < experienced,
            )
        )
    return out


def _volunteer(
    rng: np.random.Generator,
    figures: ModelledFigures,
    gazetteer: Gazetteer,
    area: Area,
    status: Status,
    as_of: dt.date,
    horizon_weeks: int,
) -> dict[str, Any]:
    district = pick(rng, figures.facilitator_district_weights)
    home = point_in_district(rng, gazetteer, district, area, HOME_JITTER_KM)
    return {
        "home": home,
        "district": area.district(district),
        "skills": _skills(rng, figures, status.trainee, status.experienced),
        "vetting_expires": _vetting_expires(rng, status, as_of),
        "active": not status.inactive,
        "experienced": status.experienced,
        "unavailable": _absences(rng, figures, as_of, horizon_weeks),
        "max_travel_km": _max_travel(rng, figures),
        "avoid_partners": [],
    }


def _skills(
    rng: np.random.Generator, figures: ModelledFigures, trainee: bool, experienced: bool
) -> list[Skill]:
    if trainee:
        mediation, prison = figures.mediation_share_of_trainees, figures.prison_share_of_trainees
    else:
        mediation = figures.mediation_share_of_established
        prison = figures.prison_share_of_established
    skills = []
    if rng.random() < mediation:
        skills.append(Skill.MEDIATION)
    if experienced and rng.random() < figures.complex_share_of_experienced:
        skills.append(Skill.COMPLEX)
        if rng.random() < figures.dv_share_of_complex:
            skills.append(Skill.DV)
    if rng.random() < prison:
        skills.append(Skill.PRISON)
    if rng.random() < figures.cjp_share:
        skills.append(Skill.CJP)
    return skills


def _vetting_expires(rng: np.random.Generator, status: Status, as_of: dt.date) -> dt.date:
    """Waiting for vetting and lapsed renewals: a date before as_of; others within a year."""
    if status.waiting_for_vetting:
        return as_of - dt.timedelta(days=int(rng.integers(1, 91)))
    if status.lapsed:
        return as_of - dt.timedelta(days=int(rng.integers(1, 46)))
    if status.trainee:
        return as_of + dt.timedelta(days=int(rng.integers(180, 366)))
    return as_of + dt.timedelta(days=int(rng.integers(1, 366)))


def _absences(
    rng: np.random.Generator, figures: ModelledFigures, as_of: dt.date, horizon_weeks: int
) -> list[DateWindow]:
    if rng.random() >= figures.absence_share:
        return []
    start = as_of + dt.timedelta(days=int(rng.integers(-3, 7 * horizon_weeks)))
    length = int(rng.integers(ABSENCE_DAYS[0], ABSENCE_DAYS[1] + 1))
    return [DateWindow(start=start, end=start + dt.timedelta(days=length - 1))]


def _max_travel(rng: np.random.Generator, figures: ModelledFigures) -> float | None:
    if rng.random() >= figures.max_travel_share:
        return None
    return float(_choice(rng, figures.max_travel_km, None))


def _add_avoidances(
    rng: np.random.Generator,
    figures: ModelledFigures,
    records: list[dict[str, Any]],
    area_count: int,
) -> None:
    """A few volunteers would rather not work with one colleague of their own area."""
    for i, record in enumerate(records):
        if len(records) < 2 or rng.random() >= figures.avoid_partner_share:
            continue
        same_area = [j for j in range(i % area_count, len(records), area_count) if j != i]
        if same_area:
            other = same_area[int(rng.integers(len(same_area)))]
            record["avoid_partners"] = [records[other]["id"]]


def quota(
    rng: np.random.Generator, values: list[Any], weights: list[float], count: int
) -> list[Any]:
    """`count` values in the proportions of `weights` (largest remainder), in random order."""
    share = np.asarray(weights, dtype=np.float64) / sum(weights) * count
    each = np.floor(share).astype(int)
    for i in np.argsort(-(share - each), kind="stable")[: count - int(each.sum())]:
        each[i] += 1
    pool = [v for v, n in zip(values, each.tolist(), strict=True) for _ in range(n)]
    return [pool[i] for i in rng.permutation(count).tolist()]


def _choice(rng: np.random.Generator, values: list[Any], weights: list[float] | None) -> Any:
    p = None if weights is None else np.asarray(weights, dtype=np.float64) / sum(weights)
    return values[int(rng.choice(len(values), p=p))]
