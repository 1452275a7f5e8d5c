"""The recruitment pipeline: which stage may follow which, and the funnel of a cohort with the
days spent in each stage. Pure: stage histories in, rows out. The seeds' "25 trained, only 9
started" is the funnel of those trained in 2017-18, read at its `trained` and `active` rows."""

from __future__ import annotations

import datetime as dt
import math
import statistics
from collections.abc import Iterable, Sequence

from pydantic import Field

from models.common import Model
from models.volunteers import PIPELINE, Stage

History = Sequence[tuple[Stage, dt.date]]
"""A recruit's stages in the order reached, each with its day."""


def allowed_next(current: Stage | None) -> frozenset[Stage]:
    """The stages a recruit may reach from `current` (None: not yet an applicant). The
    pipeline is walked one stage at a time; an active volunteer may pause and come back;
    anyone may leave; nobody comes back after leaving (they apply again)."""
    if current is None:
        return frozenset({Stage.APPLICANT})
    if current is Stage.LEFT:
        return frozenset()
    if current is Stage.ACTIVE:
        return frozenset({Stage.PAUSED, Stage.LEFT})
    if current is Stage.PAUSED:
        return frozenset({Stage.ACTIVE, Stage.LEFT})
    return frozenset({PIPELINE[PIPELINE.index(current) + 1], Stage.LEFT})


class FunnelRow(Model):
    """One pipeline stage of a cohort: how many reached it, moved on from it, are still in it
    on the day, or left from it; and the days spent in it by those who moved on."""

    stage: Stage
    reached: int
    moved_on: int
    waiting: int
    left: int
    days_median: float | None = Field(description="null when nobody moved on yet")
    days_p90: float | None
    waiting_days_median: float | None = Field(description="days so far of those still in it")


def first_reached(history: History) -> dict[Stage, dt.date]:
    """Each stage -> the first day it was reached."""
    days: dict[Stage, dt.date] = {}
    for stage, day in history:
        days.setdefault(stage, day)
    return days


def in_cohort(history: History, stage: Stage, first: dt.date, last: dt.date) -> bool:
    """True when the recruit reached `stage` between `first` and `last` inclusive."""
    day = first_reached(history).get(stage)
    return day is not None and first <= day <= last


def funnel(histories: Iterable[History], day: dt.date) -> list[FunnelRow]:
    """The funnel of these recruits on `day`, one row per pipeline stage."""
    reached = [first_reached(h) for h in histories]
    return [_row(stage, reached, day) for stage in PIPELINE]


def _row(stage: Stage, reached: list[dict[Stage, dt.date]], day: dt.date) -> FunnelRow:
    after = PIPELINE[PIPELINE.index(stage) + 1] if stage is not PIPELINE[-1] else None
    moved: list[int] = []
    waiting: list[int] = []
    left = 0
    there = [r for r in reached if stage in r]
    for r in there:
        if after is not None and after in r:
            moved.append((r[after] - r[stage]).days)
        elif Stage.LEFT in r:
            left += 1
        else:
            waiting.append((day - r[stage]).days)
    return FunnelRow(
        stage=stage,
        reached=len(there),
        moved_on=len(moved),
        waiting=len(waiting),
        left=left,
        days_median=statistics.median(moved) if moved else None,
        days_p90=percentile(moved, 90),
        waiting_days_median=statistics.median(waiting) if waiting else None,
    )


def percentile(values: Sequence[float], pct: float) -> float | None:
    """The nearest-rank percentile (the smallest value with `pct` % at or below it)."""
    if not values:
        return None
    ordered = sorted(values)
    return float(ordered[max(0, math.ceil(pct / 100 * len(ordered)) - 1)])
