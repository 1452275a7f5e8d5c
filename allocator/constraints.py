"""Pair-level hard constraints, each a small function adding its part to the CP-SAT model.

Person-level rules (H2, H3 both, H4, H6, H7, H8 exclude, H5 room) are in eligibility.py and
decide which variables exist; who may work with whom (H3 either, H8 avoid, H9, keep) is stated
once in pair_rules.py and only written as rows here; H10 is in baseline.py.
"""

from __future__ import annotations

from collections.abc import Callable

from ortools.sat.python import cp_model

from allocator.model import PairModel


def h1_two_distinct_facilitators(m: PairModel) -> None:
    """H1: an allocated case has exactly two distinct facilitators; none when unallocated."""
    for ci, facs in m.by_case.items():
        m.cp.add(cp_model.LinearExpr.sum([m.x[ci, fi] for fi in facs]) == 2 * m.y[ci])
        for fi in facs:  # redundant, but tightens the LP relaxation a great deal
            m.cp.add_implication(m.x[ci, fi], m.y[ci])


def h3_either_skills(m: PairModel) -> None:
    """H3 (pair): every skill in requires.either is held by at least one of the pair."""
    _pair_rule_rows(m, "H3")


def h5_load_limits(m: PairModel) -> None:
    """H5: a facilitator's hours and number of cases, fixed ones included, stay within limits."""
    for fi, cases in m.by_fac.items():
        hours = [m.facts.case_hours[ci] for ci in cases]
        xs = [m.x[ci, fi] for ci in cases]
        # weighted_sum and sum build each row in one call (Python's sum() over products took
        # about 0.3 s of a region model's build)
        if sum(hours) > m.free_hours[fi]:
            m.cp.add(cp_model.LinearExpr.weighted_sum(xs, hours) <= m.free_hours[fi])
        most = min(m.free_cases[fi], most_that_fit(hours, m.free_hours[fi]))
        if len(xs) > most:  # the count limit, tightened by what fits in the hours (LP cut)
            m.cp.add(cp_model.LinearExpr.sum(xs) <= most)


def largest_that_fit(m: PairModel) -> list[tuple[list[cp_model.IntVar], int]]:
    """H5 stated more tightly, for CP-SAT's LP: among a facilitator's largest candidate cases,
    at most as many as fit in their free hours. Each row is implied by the hours row, but the
    LP does not see it: someone with 36 free hours may take half of each of three 20-hour cases
    in the LP, never two of them in a plan. One row per size where the number that fits grows
    (a row whose next larger set allows no more is dominated by it)."""
    rows: list[tuple[list[cp_model.IntVar], int]] = []
    for fi, mine in m.by_fac.items():
        largest = sorted(((m.facts.case_hours[ci], ci) for ci in mine), reverse=True)
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


def h8_avoid_partners(m: PairModel) -> None:
    """H8 (pair): no pair in which either facilitator lists the other in avoid_partners."""
    _pair_rule_rows(m, "H8")


def h9_an_experienced_facilitator(m: PairModel) -> None:
    """H9: every pair includes at least one experienced facilitator."""
    _pair_rule_rows(m, "H9")


def keep_requested_facilitators(m: PairModel) -> None:
    """Coordinator control: a facilitator in `keep` stays on the case whenever it is allocated."""
    _pair_rule_rows(m, "keep")


def _pair_rule_rows(m: PairModel, constraint: str) -> None:
    """Each case's groups of one pair-level rule (pair_rules.py) as rows over its variables:
    sum(x of the group) - y within the group's bounds."""
    for ci in m.by_case:
        for group in m.pair_rules(ci).groups:
            if group.constraint == constraint:
                lo, hi = group.bounds()
                xs = [m.x[ci, fi] for fi in group.members]
                m.cp.add_linear_constraint(
                    cp_model.LinearExpr.sum(xs) - m.y[ci],
                    cp_model.INT_MIN if lo is None else lo,
                    cp_model.INT_MAX if hi is None else hi,
                )


PAIR_CONSTRAINTS: tuple[tuple[str, Callable[[PairModel], None]], ...] = (
    ("H1", h1_two_distinct_facilitators),
    ("H3", h3_either_skills),
    ("H5", h5_load_limits),
    ("H8", h8_avoid_partners),
    ("H9", h9_an_experienced_facilitator),
    ("keep", keep_requested_facilitators),
)
