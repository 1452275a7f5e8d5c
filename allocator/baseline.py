"""H10: pinned cases keep their pair exactly; what they leave for everyone else.

A pinned pair is the coordinator's override, so only H2 is checked on it: a pinned pair with a
facilitator who is inactive or unvetted is reported unallocated under H10, never changed.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from allocator.facts import Facts


@dataclass(frozen=True)
class Baseline:
    """Pinned cases that stand, pinned cases that cannot, and the load they leave behind."""

    fixed: dict[int, tuple[int, int]]  # case index -> (facilitator index, facilitator index)
    broken: dict[int, list[str]]  # case index -> ids of pinned facilitators failing H2
    load_hours: list[int]  # per facilitator, scaled hours of fixed cases
    load_cases: list[int]  # per facilitator, number of fixed cases

    @cached_property
    def case_of_pair(self) -> dict[frozenset[int], int]:
        """The fixed case each fixed pair works on (one, when a pair holds several)."""
        return {frozenset(pair): ci for ci, pair in sorted(self.fixed.items(), reverse=True)}

    def free_hours(self, facts: Facts) -> list[int]:
        """Scaled hours each facilitator has left after fixed cases (may be negative)."""
        return [
            cap - used for cap, used in zip(facts.capacity_scaled, self.load_hours, strict=True)
        ]

    def free_cases(self, facts: Facts) -> list[int]:
        """How many more cases each facilitator may take after fixed cases (may be negative)."""
        return [
            f.max_cases - used
            for f, used in zip(facts.problem.facilitators, self.load_cases, strict=True)
        ]


def h10_pinned_pairs(facts: Facts) -> Baseline:
    """H10: fixes every pinned case to its current pair, or lists it broken when H2 fails."""
    n = len(facts.problem.facilitators)
    fixed: dict[int, tuple[int, int]] = {}
    broken: dict[int, list[str]] = {}
    load_hours, load_cases = [0] * n, [0] * n
    for ci, case in enumerate(facts.problem.cases):
        if not case.pinned:
            continue
        pair = [facts.fac_index[fid] for fid in case.current]
        failing = [case.current[k] for k, fi in enumerate(pair) if not facts.vetted[fi]]
        if failing:
            broken[ci] = failing
            continue
        fixed[ci] = (pair[0], pair[1])
        for fi in pair:
            load_hours[fi] += facts.hours_scaled(case)
            load_cases[fi] += 1
    return Baseline(fixed, broken, load_hours, load_cases)
