"""Facts the pair model is built from, computed once per problem.

Capacity (H5), distances (H7 and the travel metric), who is vetted (H2) and who can start
soon (H6) are derived here, in one place, so the model, the explanations and the re-planner
agree on them. Hours and distances are scaled to integers for CP-SAT.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
from numpy.typing import NDArray

from geo import distance_matrix_km
from models import Case, Facilitator, Problem

HOURS_SCALE = 100  # CP-SAT works in integers: hours to 1/100 h
METRES = 1000  # travel to whole metres


def capacity_hours(facilitator: Facilitator, problem: Problem) -> float:
    """H5 hours capacity: weekly hours x (horizon weeks less absent days in the horizon / 7)."""
    absent = _absent_days(facilitator, problem)
    return facilitator.weekly_hours * (problem.horizon_weeks - absent / 7.0)


def is_vetted(facilitator: Facilitator, as_of: dt.date) -> bool:
    """H2: active, with vetting that expires after the planning day."""
    return facilitator.active and facilitator.vetting_expires > as_of


def can_start_soon(facilitator: Facilitator, problem: Problem) -> bool:
    """H6: available on at least one of the first `start_within_days` days from as_of."""
    last = problem.as_of + dt.timedelta(days=problem.start_within_days - 1)
    return _covered_days(facilitator, problem.as_of, last) < problem.start_within_days


def _absent_days(facilitator: Facilitator, problem: Problem) -> int:
    """Days of the horizon covered by any absence; overlapping absences count once."""
    return _covered_days(facilitator, problem.as_of, problem.horizon_end)


def _covered_days(facilitator: Facilitator, first: dt.date, last: dt.date) -> int:
    """Days from first to last (inclusive) inside at least one absence, overlaps once."""
    if not facilitator.unavailable:
        return 0
    spans = sorted(
        (max(w.start, first), min(w.end, last))
        for w in facilitator.unavailable
        if w.end >= first and w.start <= last
    )
    total, reached = 0, first - dt.timedelta(days=1)  # last day already counted
    for lo, hi in spans:
        if hi > reached:
            total += (hi - max(lo, reached + dt.timedelta(days=1))).days + 1
            reached = hi
    return total


@dataclass(frozen=True)
class Facts:
    """Per-problem derived data, indexed by position in problem.facilitators / problem.cases."""

    problem: Problem
    fac_index: dict[str, int] = field(init=False)
    case_index: dict[str, int] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(
            self, "fac_index", {f.id: i for i, f in enumerate(self.problem.facilitators)}
        )
        object.__setattr__(self, "case_index", {c.id: i for i, c in enumerate(self.problem.cases)})

    @cached_property
    def capacity(self) -> list[float]:
        """H5 hours capacity of each facilitator (absent days counted once)."""
        return [capacity_hours(f, self.problem) for f in self.problem.facilitators]

    @cached_property
    def capacity_scaled(self) -> list[int]:
        """Capacity in 1/HOURS_SCALE hours, rounded down (never over-promise)."""
        return [int(np.floor(c * HOURS_SCALE + 1e-6)) for c in self.capacity]

    @cached_property
    def vetted(self) -> list[bool]:
        """H2 per facilitator."""
        return [is_vetted(f, self.problem.as_of) for f in self.problem.facilitators]

    @cached_property
    def starts_soon(self) -> list[bool]:
        """H6 per facilitator."""
        return [can_start_soon(f, self.problem) for f in self.problem.facilitators]

    @cached_property
    def km(self) -> NDArray[np.float64]:
        """Great-circle km from each facilitator's home (rows) to each case's place (cols)."""
        homes = [f.home.point() for f in self.problem.facilitators]
        places = [c.place() for c in self.problem.cases]
        return distance_matrix_km(homes, places)

    @cached_property
    def metres(self) -> NDArray[np.int64]:
        """km as whole metres, for CP-SAT coefficients."""
        return np.rint(self.km * METRES).astype(np.int64)

    def hours_scaled(self, case: Case) -> int:
        """A case's hours per facilitator in 1/HOURS_SCALE hours, rounded up."""
        return int(np.ceil(case.hours * HOURS_SCALE - 1e-6))

    @cached_property
    def case_hours(self) -> list[int]:
        """`hours_scaled` of each case, by index: computed once (the model, the LP and the
        greedy read it once per variable; region has 36,000 of them)."""
        return [self.hours_scaled(case) for case in self.problem.cases]

    def facilitator(self, fid: str) -> Facilitator:
        """The facilitator with id `fid`."""
        return self.problem.facilitators[self.fac_index[fid]]

    def named_pairs(self, names: Callable[[Facilitator], list[str]]) -> set[tuple[int, int]]:
        """Index pairs (low, high) in which one facilitator names the other in `names` (their
        avoid_partners, say); ids not in the problem, and a facilitator naming themselves, are
        ignored."""
        pairs = set()
        for f in self.problem.facilitators:
            for other in names(f):
                if other in self.fac_index and other != f.id:
                    a, b = self.fac_index[f.id], self.fac_index[other]
                    pairs.add((min(a, b), max(a, b)))
        return pairs

    @cached_property
    def avoiding(self) -> dict[int, frozenset[int]]:
        """H8: for each facilitator index, those they must not be paired with (either names the
        other in avoid_partners)."""
        partners: dict[int, set[int]] = {}
        for a, b in self.named_pairs(lambda f: f.avoid_partners):
            partners.setdefault(a, set()).add(b)
            partners.setdefault(b, set()).add(a)
        return {fi: frozenset(others) for fi, others in partners.items()}

    def case(self, cid: str) -> Case:
        """The case with id `cid`."""
        return self.problem.cases[self.case_index[cid]]
