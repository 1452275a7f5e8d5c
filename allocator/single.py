"""One free case: the lexicographic optimum by enumerating its pairs, without CP-SAT.

Most mornings of a small service bring one new case (the scenarios' essex pool: about two
thirds of them). Its model is tiny, and two or three CP-SAT calls cost more in start-up than
in search. With one free case every pair-level rule is about that pair alone, so all pairs of
its candidates can be scored at once (numpy) and sorted by the canonical levels: allocated
weight, then changes, travel metres and peak utilisation, then the service's own goals among
exact ties. The candidates are the model's variables, so every person-level rule (H2-H8, H5's
room) already holds; the pair-level rules (H1, H3 either, H8 avoid, H9, keep) are the model's
own (pair_rules.py), applied to every pair at once. A property test checks this equals the
CP-SAT solve.
"""

from __future__ import annotations

import time

import numpy as np
from numpy.typing import NDArray

from allocator.goals import GoalWeights, goal_terms
from allocator.model import UTIL_SCALE, PairModel
from allocator.result import LevelOutcome, Solution

IntArray = NDArray[np.int64]


def is_single(m: PairModel) -> bool:
    """True when exactly one case is free to be paired (all others pinned)."""
    return len(m.y) == 1


def _units(load: IntArray, caps: IntArray) -> IntArray:
    """Utilisation in 1/UTIL_SCALE units, rounded up; 0 where there is no load or capacity."""
    safe = np.maximum(caps, 1)
    units = -(-UTIL_SCALE * load // safe)
    return np.where((load > 0) & (caps > 0), units, 0)


def pairs_allowed(m: PairModel, ci: int, facs: IntArray) -> tuple[IntArray, IntArray]:
    """Indices (into facs) of the pairs the pair-level rules allow: H1 (two distinct) and who
    may work with whom (pair_rules.py: H3 either, H8 avoid, H9, keep)."""
    a, b = np.triu_indices(len(facs), 1)
    ok = m.pair_rules(ci).allowed(facs, a, b)
    return a[ok], b[ok]


def _peaks(m: PairModel, facs: IntArray, hours: int, a: IntArray, b: IntArray) -> IntArray:
    """Level 4 for each pair: the highest utilisation over everyone once the pair takes it."""
    caps = np.array(m.facts.capacity_scaled, dtype=np.int64)
    base = np.array(m.baseline.load_hours, dtype=np.int64)
    before = _units(base, caps)
    after = _units(base[facs] + hours, caps[facs])
    order = np.argsort(-before, kind="stable")[:3]  # the three highest, to leave two out
    top = [(int(i), int(before[i])) for i in order] + [(-1, 0)] * 3
    fa, fb = facs[a], facs[b]
    others = np.zeros(len(a), dtype=np.int64)
    for i, units in top[:3]:  # at least one of the three is outside any pair
        others = np.where((fa != i) & (fb != i), np.maximum(others, units), others)
    return np.maximum(others, np.maximum(after[a], after[b]))


def _goal_points(
    m: PairModel, weights: GoalWeights, ci: int, pairs: list[tuple[int, int]]
) -> list[int]:
    """Level 5 points of each tied pair, as goals.own_goals scores them."""
    terms = goal_terms(m)
    points = []
    for fa, fb in pairs:
        total = terms.cost(weights, ci, fa, m) + terms.cost(weights, ci, fb, m)
        total -= terms.pair_reward(weights, fa, fb)
        points.append(total)
    return points


def solve_single(m: PairModel, own_goals: bool, weights: GoalWeights) -> Solution:
    """The lexicographic optimum of a one-free-case model, every level proven."""
    started = time.perf_counter()
    [ci] = list(m.y)
    case = m.facts.problem.cases[ci]
    facs = np.array(m.by_case[ci], dtype=np.int64)
    a, b = pairs_allowed(m, ci, facs)
    found = Solution(pairs=dict(m.baseline.fixed), first_plan_at=time.perf_counter())
    current = {m.facts.fac_index[f] for f in case.current}
    if len(a) == 0:
        peak = int(
            _units(np.array(m.baseline.load_hours), np.array(m.facts.capacity_scaled)).max(
                initial=0
            )
        )
        values = (0, len(current), 0, peak)
    else:
        on_case = np.array([fi in current for fi in facs], dtype=np.int64)
        changes = len(current) - on_case[a] - on_case[b]
        metres = m.facts.metres[facs[a], ci] + m.facts.metres[facs[b], ci]
        peaks = _peaks(m, facs, m.facts.hours_scaled(case), a, b)
        first = int(np.lexsort((peaks, metres, changes))[0])  # last key sorts first
        same = (changes == changes[first]) & (metres == metres[first]) & (peaks == peaks[first])
        tied = [int(k) for k in np.flatnonzero(same)]
        chosen = first
        if own_goals and len(tied) > 1:
            pairs = [(int(facs[a[k]]), int(facs[b[k]])) for k in tied]
            points = _goal_points(m, weights, ci, pairs)
            chosen = int(tied[int(np.argmin(points))])
            found.goals = LevelOutcome("own_goals", min(points), min(points), True, 0.0)
        found.pairs[ci] = (int(facs[a[chosen]]), int(facs[b[chosen]]))
        values = (case.priority, int(changes[chosen]), int(metres[chosen]), int(peaks[chosen]))
    seconds = time.perf_counter() - started
    names = ("allocated_weight", "changes", "travel_km", "max_utilisation")
    found.levels = [
        LevelOutcome(n, v, v, True, seconds if n == names[0] else 0.0)
        for n, v in zip(names, values, strict=True)
    ]
    return found
