"""What both peers need: who may take which case (H2-H8 per person), pair rules, the result.

Written from formats.md, independently of the CP-SAT allocator, so the side-by-side benchmark
compares solvers and not shared helpers. Only the canonical metrics and capacity come from
`allocator.metrics`, which is itself independent of the solver.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from allocator.metrics import canonical_metrics, capacity_hours, travel_km
from models import (
    AllocationResult,
    Assignment,
    Case,
    Facilitator,
    Problem,
    Skill,
    SolveStatus,
    UnallocatedCase,
    UnallocatedReason,
)

EPS = 1e-9
Pair = tuple[str, str]


@dataclass(frozen=True)
class Instance:
    """A problem with the facts every peer uses, computed once."""

    problem: Problem
    people: dict[str, Facilitator]
    capacity: dict[str, float]
    pinned_kept: dict[str, Pair]  # pinned cases whose pair passes H2: fixed in every plan
    pinned_dropped: dict[str, str]  # pinned cases whose pair breaks H2 -> why (H10)
    base_hours: dict[str, float]  # hours each facilitator carries on kept pinned cases
    base_count: dict[str, int]
    open_cases: list[Case]  # every case that is not pinned
    km: dict[tuple[str, str], float]  # (case, facilitator) -> great-circle km
    eligible: dict[str, list[str]]  # open case -> facilitators passing H2-H8, nearest first


def vetting_problem(f: Facilitator, as_of: dt.date) -> str | None:
    """H2 in words, or None when the facilitator is active and vetted beyond `as_of`."""
    if not f.active:
        return f"{f.id} is inactive"
    if f.vetting_expires <= as_of:
        return f"{f.id}'s vetting expired on {f.vetting_expires}"
    return None


def build_instance(problem: Problem) -> Instance:
    """Derive capacities, the fixed pinned part and per-person eligibility of `problem`."""
    people = {f.id: f for f in problem.facilitators}
    kept: dict[str, Pair] = {}
    dropped: dict[str, str] = {}
    for case in (c for c in problem.cases if c.pinned):
        why = [w for w in (vetting_problem(people[f], problem.as_of) for f in case.current) if w]
        if why:
            dropped[case.id] = "; ".join(why)
        else:
            kept[case.id] = (case.current[0], case.current[1])
    hours = {c.id: c.hours for c in problem.cases}
    count = Counter(f for pair in kept.values() for f in pair)
    base_hours = {f: sum(hours[c] for c, p in kept.items() if f in p) for f in people}
    open_cases = [c for c in problem.cases if not c.pinned]
    km = {(c.id, f.id): travel_km(f, c) for c in open_cases for f in problem.facilitators}
    instance = Instance(
        problem=problem,
        people=people,
        capacity={f.id: capacity_hours(f, problem) for f in problem.facilitators},
        pinned_kept=kept,
        pinned_dropped=dropped,
        base_hours=base_hours,
        base_count={f: count[f] for f in people},
        open_cases=open_cases,
        km=km,
        eligible={},
    )
    for case in open_cases:
        ok = [f for f in people if person_failure(instance, case, f) is None]
        instance.eligible[case.id] = sorted(ok, key=lambda f: (km[case.id, f], f))
    return instance


def person_failure(inst: Instance, case: Case, fid: str) -> str | None:
    """The first hard constraint (H2-H8) that stops `fid` taking open `case`, or None."""
    f, problem = inst.people[fid], inst.problem
    if vetting_problem(f, problem.as_of):
        return "H2"
    if inst.base_hours[fid] + case.hours > inst.capacity[fid] + EPS:
        return "H5"
    if inst.base_count[fid] + 1 > f.max_cases:
        return "H5"
    if not case.requires.both <= f.skills:
        return "H3"
    if case.prison is not None and Skill.PRISON not in f.skills:
        return "H4"
    if fid not in case.current and not _starts_soon(f, problem):
        return "H6"
    if f.max_travel_km is not None and inst.km[case.id, fid] > f.max_travel_km + EPS:
        return "H7"
    if fid in case.exclude:
        return "H8"
    return None


def _starts_soon(f: Facilitator, problem: Problem) -> bool:
    days = (problem.as_of + dt.timedelta(days=i) for i in range(problem.start_within_days))
    return any(not any(w.start <= d <= w.end for w in f.unavailable) for d in days)


def pair_failure(inst: Instance, case: Case, a: str, b: str) -> str | None:
    """The pair-level rule (H1 distinct, H3 either-skills, H8 avoid, H9, keep) a pair breaks."""
    fa, fb = inst.people[a], inst.people[b]
    if a == b:
        return "H1"
    if any(s not in fa.skills and s not in fb.skills for s in case.requires.either):
        return "H3"
    if b in fa.avoid_partners or a in fb.avoid_partners:
        return "H8"
    if not (fa.experienced or fb.experienced):
        return "H9"
    if not set(case.keep) <= {a, b}:
        return "keep"
    return None


def unallocated_reason(inst: Instance, case: Case) -> UnallocatedReason:
    """Why a case has no pair: the pinned pair's H2 failure, no valid pair, or lost to others."""
    if case.id in inst.pinned_dropped:
        text = f"pinned pair cannot be kept ({inst.pinned_dropped[case.id]}); not changed silently"
        return UnallocatedReason(constraint="H10", text=text)
    failures = Counter(person_failure(inst, case, f) for f in inst.people)
    failures.pop(None, None)
    eligible = inst.eligible[case.id]
    pairs = [(a, b) for i, a in enumerate(eligible) for b in eligible[i + 1 :]]
    pair_failures = Counter(pair_failure(inst, case, a, b) for a, b in pairs)
    if len(eligible) < 2:
        rule = failures.most_common(1)[0][0] if failures else "H1"
        text = f"only {len(eligible)} facilitator(s) may take it; most others fail {rule}"
        return UnallocatedReason(constraint=str(rule), text=text)
    if None not in pair_failures:
        rule = pair_failures.most_common(1)[0][0]
        return UnallocatedReason(constraint=str(rule), text=f"every eligible pair breaks {rule}")
    text = "its valid pairs had no capacity left after cases of higher weight"
    return UnallocatedReason(constraint="H5", text=text)


def to_result(
    inst: Instance,
    pairs: dict[str, Pair],
    status: SolveStatus,
    seconds: float,
    bound: float | None,
    note: str,
) -> AllocationResult:
    """A result: `pairs` (open cases) plus the kept pinned pairs, with canonical metrics."""
    every = {**inst.pinned_kept, **pairs}
    assignments = [
        Assignment(case=c.id, facilitators=list(every[c.id]), explanation=[note])
        for c in inst.problem.cases
        if c.id in every
    ]
    unallocated = [
        UnallocatedCase(case=c.id, reasons=[unallocated_reason(inst, c)])
        for c in inst.problem.cases
        if c.id not in every
    ]
    metrics = canonical_metrics(inst.problem, every).model_copy(
        update={"solve_seconds": seconds, "bound": bound}
    )
    return AllocationResult(
        status=status, assignments=assignments, unallocated=unallocated, metrics=metrics
    )
