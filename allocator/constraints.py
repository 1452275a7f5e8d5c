"""Pair-level hard constraints, each a small function adding its part to the CP-SAT model.

Person-level rules (H2, H3 both, H4, H6, H7, H8 exclude, H5 room) are in eligibility.py and
decide which variables exist; H10 is in baseline.py.
"""

from __future__ import annotations

from collections.abc import Callable

from ortools.sat.python import cp_model

from allocator.facts import Facts
from allocator.model import PairModel


def h1_two_distinct_facilitators(m: PairModel) -> None:
    """H1: an allocated case has exactly two distinct facilitators; none when unallocated."""
    for ci, facs in m.by_case.items():
        m.cp.add(sum(m.x[ci, fi] for fi in facs) == 2 * m.y[ci])
        for fi in facs:  # redundant, but tightens the LP relaxation a great deal
            m.cp.add_implication(m.x[ci, fi], m.y[ci])


def h3_either_skills(m: PairModel) -> None:
    """H3 (pair): every skill in requires.either is held by at least one of the pair."""
    for ci, facs in m.by_case.items():
        for skill in m.facts.problem.cases[ci].requires.either:
            holders = [m.x[ci, fi] for fi in facs if m.facts.problem.facilitators[fi].has(skill)]
            m.cp.add(sum(holders) >= m.y[ci])


def h5_load_limits(m: PairModel) -> None:
    """H5: a facilitator's hours and number of cases, fixed ones included, stay within limits."""
    for fi, cases in m.by_fac.items():
        hours = [m.facts.hours_scaled(m.facts.problem.cases[ci]) for ci in cases]
        xs = [m.x[ci, fi] for ci in cases]
        if sum(hours) > m.free_hours[fi]:
            m.cp.add(sum(h * x for h, x in zip(hours, xs, strict=True)) <= m.free_hours[fi])
        most = min(m.free_cases[fi], most_that_fit(hours, m.free_hours[fi]))
        if len(xs) > most:  # the count limit, tightened by what fits in the hours (LP cut)
            m.cp.add(sum(xs) <= most)


def largest_that_fit(m: PairModel) -> list[tuple[list[cp_model.IntVar], int]]:
    """H5 stated more tightly, for CP-SAT's LP: among a facilitator's largest candidate cases,
    at most as many as fit in their free hours. Each row is implied by the hours row, but the
    LP does not see it: someone with 36 free hours may take half of each of three 20-hour cases
    in the LP, never two of them in a plan. One row per size where the number that fits grows
    (a row whose next larger set allows no more is dominated by it)."""
    rows: list[tuple[list[cp_model.IntVar], int]] = []
    cases = m.facts.problem.cases
    for fi, mine in m.by_fac.items():
        largest = sorted(((m.facts.hours_scaled(cases[ci]), ci) for ci in mine), reverse=True)
        sizes = [h for h, _ in largest]
        fit = [
            min(m.free_cases[fi], most_that_fit(sizes[:j], m.free_hours[fi]))
            for j in range(len(sizes) + 1)
        ]
        for j in range(1, len(sizes)):
            if fit[j] < j and fit[j + 1] > fit[j]:
                rows.append(([m.x[ci, fi] for _, ci in largest[:j]], fit[j]))
    return rows


def most_that_fit(hours: list[int], free: int) -> int:
    """How many of these cases fit in `free` hours at most (smallest first)."""
    total, count = 0, 0
    for h in sorted(hours):
        total += h
        if total > free:
            break
        count += 1
    return count


def avoid_pairs(facts: Facts) -> set[tuple[int, int]]:
    """Facilitator index pairs (low, high) in which one lists the other in avoid_partners."""
    return facts.named_pairs(lambda f: f.avoid_partners)


def h8_avoid_partners(m: PairModel) -> None:
    """H8 (pair): no pair in which either facilitator lists the other in avoid_partners."""
    for a, b in sorted(avoid_pairs(m.facts)):
        for ci in set(m.by_fac.get(a, ())) & set(m.by_fac.get(b, ())):
            m.cp.add_at_most_one(m.x[ci, a], m.x[ci, b])


def h9_an_experienced_facilitator(m: PairModel) -> None:
    """H9: every pair includes at least one experienced facilitator."""
    for ci, facs in m.by_case.items():
        novices = [m.x[ci, fi] for fi in facs if not m.facts.problem.facilitators[fi].experienced]
        if len(novices) > 1:
            m.cp.add(sum(novices) <= m.y[ci])


def keep_requested_facilitators(m: PairModel) -> None:
    """Coordinator control: a facilitator in `keep` stays on the case whenever it is allocated."""
    for ci, facs in m.by_case.items():
        for fid in m.facts.problem.cases[ci].keep:
            fi = m.facts.fac_index[fid]
            if fi in facs:
                m.cp.add(m.x[ci, fi] == m.y[ci])
            else:
                m.cp.add(m.y[ci] == 0)


PAIR_CONSTRAINTS: tuple[tuple[str, Callable[[PairModel], None]], ...] = (
    ("H1", h1_two_distinct_facilitators),
    ("H3", h3_either_skills),
    ("H5", h5_load_limits),
    ("H8", h8_avoid_partners),
    ("H9", h9_an_experienced_facilitator),
    ("keep", keep_requested_facilitators),
)
