"""The next best pairs for one case, every other case's pair held as it is in the plan.

A coordinator who wants another pair sees what each choice would change in the four
canonical metrics before pinning it.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations

from allocator.eligibility import eligible_matrix, person_rules
from allocator.facts import Facts
from allocator.metrics import canonical_metrics
from allocator.pair_rules import case_rules
from models import AllocationResult, InputError, Metrics, Problem


@dataclass(frozen=True)
class Alternative:
    """A valid pair for the case and the metrics of the plan with it."""

    pair: tuple[str, str]
    metrics: Metrics
    delta: dict[str, float]
    current: bool


def _rank(m: Metrics) -> tuple[float, float, float, float]:
    return (-m.allocated_weight, m.changes, round(m.travel_km, 6), round(m.max_utilisation, 9))


def _free_capacity(facts: Facts, plan: dict[str, tuple[str, str]]) -> tuple[list[int], list[int]]:
    hours = list(facts.capacity_scaled)
    count = [f.max_cases for f in facts.problem.facilitators]
    for cid, pair in plan.items():
        for fid in pair:
            fi = facts.fac_index[fid]
            hours[fi] -= facts.hours_scaled(facts.case(cid))
            count[fi] -= 1
    return hours, count


def valid_pairs(
    facts: Facts, case_id: str, plan: dict[str, tuple[str, str]]
) -> list[tuple[int, int]]:
    """Every pair that may take the case given the rest of the plan (H1-H9 and `keep`)."""
    ci = facts.case_index[case_id]
    others = {cid: pair for cid, pair in plan.items() if cid != case_id}
    free_hours, free_cases = _free_capacity(facts, others)
    pool = [
        int(f)
        for f in eligible_matrix(facts, person_rules(free_hours, free_cases))[:, ci].nonzero()[0]
    ]
    rules = case_rules(facts, ci, pool)
    return [(a, b) for a, b in combinations(pool, 2) if rules.allows(a, b)]


def alternatives(
    problem: Problem, result: AllocationResult, case_id: str, k: int = 5
) -> list[Alternative]:
    """The k best valid pairs for `case_id` with the rest of `result` held fixed, best first."""
    facts = Facts(problem)
    if case_id not in facts.case_index:
        raise InputError.single("alternatives", "/case", f"unknown case {case_id!r}")
    if facts.case(case_id).pinned:
        raise InputError.single(
            "alternatives", "/case", f"case {case_id} is pinned; unpin it to see other pairs"
        )
    plan = result.pairs()
    base = canonical_metrics(problem, plan)
    people = problem.facilitators
    options = []
    for a, b in valid_pairs(facts, case_id, plan):
        pair = (people[a].id, people[b].id)
        metrics = canonical_metrics(problem, {**plan, case_id: pair})
        options.append((metrics, pair))
    options.sort(key=lambda item: (_rank(item[0]), item[1]))
    current = set(plan.get(case_id, ()))
    return [
        Alternative(
            pair=pair,
            metrics=metrics,
            delta={
                "allocated_weight": metrics.allocated_weight - base.allocated_weight,
                "changes": metrics.changes - base.changes,
                "travel_km": metrics.travel_km - base.travel_km,
                "max_utilisation": metrics.max_utilisation - base.max_utilisation,
            },
            current=set(pair) == current,
        )
        for metrics, pair in options[:k]
    ]
