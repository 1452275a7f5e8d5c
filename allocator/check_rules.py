"""Hard constraints H1-H10 of formats.md, each re-read from the spec as one small check.

Each `check_*` takes (problem, result) and returns the violations it finds, so a test can
break exactly one constraint and see exactly one check fire. Nothing here is shared with the
solver. A pinned case that keeps its current pair is exempt from H3, H4 and H6-H9 (H10); a
pinned case given any other pair gets no exemption, since that pair is not the override.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Final

from allocator.metrics import capacity_hours, loads, travel_km
from models import AllocationResult, Case, Facilitator, Problem, Skill

_SLACK = 1e-9  # floating-point slack on hour and km limits


@dataclass(frozen=True)
class Violation:
    """One broken hard constraint: which (H1..H10, or 'keep'), where, and a plain sentence.

    `case` is None for a facilitator's overall load (H5); `facilitator` is None when the
    violation is about the case as a whole.
    """

    constraint: str
    case: str | None
    facilitator: str | None
    text: str


@dataclass(frozen=True)
class _Assigned:
    case: Case
    pair: tuple[Facilitator, Facilitator]

    @property
    def ids(self) -> tuple[str, str]:
        return (self.pair[0].id, self.pair[1].id)

    @property
    def exempt(self) -> bool:
        """A pinned case on its own current pair: the coordinator's override (H10)."""
        return self.case.pinned and set(self.ids) == set(self.case.current)


def _assigned(problem: Problem, result: AllocationResult) -> list[_Assigned]:
    """Assignments of known cases to two known facilitators (H1 reports the rest)."""
    cases = {c.id: c for c in problem.cases}
    people = {f.id: f for f in problem.facilitators}
    return [
        _Assigned(cases[a.case], (people[a.facilitators[0]], people[a.facilitators[1]]))
        for a in result.assignments
        if a.case in cases and a.facilitators[0] in people and a.facilitators[1] in people
    ]


def _checked(problem: Problem, result: AllocationResult) -> Iterator[_Assigned]:
    """Assignments that H3, H4 and H6-H9 apply to: all but kept pinned pairs."""
    return (a for a in _assigned(problem, result) if not a.exempt)


def check_h1_pairs(problem: Problem, result: AllocationResult) -> list[Violation]:
    """H1: two distinct known facilitators per assignment; every case listed exactly once."""
    out: list[Violation] = []
    known = {f.id for f in problem.facilitators}
    for a in result.assignments:
        if a.facilitators[0] == a.facilitators[1]:
            text = f"case {a.case} names {a.facilitators[0]} twice instead of two facilitators"
            out.append(Violation("H1", a.case, a.facilitators[0], text))
        for fid in sorted(set(a.facilitators) - known):
            out.append(Violation("H1", a.case, fid, f"{fid} is not a facilitator of the problem"))
    listed = Counter([a.case for a in result.assignments] + [u.case for u in result.unallocated])
    cases = [c.id for c in problem.cases]
    for cid in cases:
        if listed[cid] == 0:
            text = f"case {cid} is neither allocated nor listed as unallocated"
            out.append(Violation("H1", cid, None, text))
        elif listed[cid] > 1:
            text = f"case {cid} appears {listed[cid]} times; it must be listed once"
            out.append(Violation("H1", cid, None, text))
    for cid in sorted(set(listed) - set(cases)):
        out.append(Violation("H1", cid, None, f"case {cid} is not a case of the problem"))
    return out


def h2_failure(facilitator: Facilitator, problem: Problem) -> str | None:
    """Why `facilitator` may not work (inactive, vetting lapsed), or None when H2 holds."""
    if not facilitator.active:
        return f"{facilitator.id} is not active"
    if facilitator.vetting_expires <= problem.as_of:
        return f"{facilitator.id}'s vetting expired on {facilitator.vetting_expires}"
    return None


def check_h2_eligible(problem: Problem, result: AllocationResult) -> list[Violation]:
    """H2: every facilitator on a case is active and vetted beyond `as_of` (pinned too)."""
    out = []
    for a in _assigned(problem, result):
        for f in a.pair:
            why = h2_failure(f, problem)
            if why:
                out.append(Violation("H2", a.case.id, f.id, f"{why} but is on case {a.case.id}"))
    return out


def check_h3_skills(problem: Problem, result: AllocationResult) -> list[Violation]:
    """H3: `requires.both` skills held by both; each `requires.either` skill by at least one."""
    out = []
    for a in _checked(problem, result):
        for skill in sorted(a.case.requires.both):
            for f in a.pair:
                if not f.has(skill):
                    text = f"case {a.case.id} needs {skill} of both facilitators; {f.id} lacks it"
                    out.append(Violation("H3", a.case.id, f.id, text))
        for skill in sorted(a.case.requires.either):
            if not any(f.has(skill) for f in a.pair):
                text = f"case {a.case.id} needs {skill} of one facilitator; neither has it"
                out.append(Violation("H3", a.case.id, None, text))
    return out


def check_h4_prison(problem: Problem, result: AllocationResult) -> list[Violation]:
    """H4: a case held in a prison needs both facilitators prison-cleared."""
    out = []
    for a in _checked(problem, result):
        if a.case.prison is None:
            continue
        for f in a.pair:
            if not f.has(Skill.PRISON):
                text = f"case {a.case.id} meets in {a.case.prison.name}; {f.id} is not cleared"
                out.append(Violation("H4", a.case.id, f.id, text))
    return out


def check_h5_load(problem: Problem, result: AllocationResult) -> list[Violation]:
    """H5: each facilitator's hours (pinned and new) within capacity, cases within max_cases.

    A facilitator carrying only kept pinned cases may exceed the limits (the override), but a
    facilitator with any other case must fit all of them.
    """
    out = []
    people = {f.id: f for f in problem.facilitators}
    assigned = _assigned(problem, result)
    pairs = {a.case.id: a.ids for a in assigned}
    for fid, (hours, count) in sorted(loads(problem, pairs).items()):
        if all(a.exempt for a in assigned if fid in a.ids):
            continue
        capacity = capacity_hours(people[fid], problem)
        if hours > capacity + _SLACK:
            text = f"{fid} carries {hours:g} h but has capacity for {capacity:.2f} h"
            out.append(Violation("H5", None, fid, text))
        if count > people[fid].max_cases:
            text = f"{fid} is on {count} cases but takes at most {people[fid].max_cases}"
            out.append(Violation("H5", None, fid, text))
    return out


def starts_soon(facilitator: Facilitator, problem: Problem) -> bool:
    """True when the facilitator is free on one of the first `start_within_days` days."""
    days = (problem.as_of + dt.timedelta(days=i) for i in range(problem.start_within_days))
    return any(facilitator.is_available_on(day) for day in days)


def check_h6_start(problem: Problem, result: AllocationResult) -> list[Violation]:
    """H6: a facilitator new to a case (not in `current`) can start within the first days."""
    out = []
    for a in _checked(problem, result):
        for f in a.pair:
            if f.id not in a.case.current and not starts_soon(f, problem):
                text = (
                    f"{f.id} is new to case {a.case.id} but away on all of the first "
                    f"{problem.start_within_days} days"
                )
                out.append(Violation("H6", a.case.id, f.id, text))
    return out


def check_h7_travel(problem: Problem, result: AllocationResult) -> list[Violation]:
    """H7: home-to-place great-circle km within each facilitator's `max_travel_km`."""
    out = []
    for a in _checked(problem, result):
        for f in a.pair:
            km = travel_km(f, a.case)
            if f.max_travel_km is not None and km > f.max_travel_km + _SLACK:
                text = (
                    f"case {a.case.id} is {km:.1f} km from {f.id}, who travels {f.max_travel_km:g}"
                )
                out.append(Violation("H7", a.case.id, f.id, text))
    return out


def check_h8_exclusions(problem: Problem, result: AllocationResult) -> list[Violation]:
    """H8: nobody from the case's `exclude`; no pair where one lists the other to avoid."""
    out = []
    for a in _checked(problem, result):
        for f in a.pair:
            if f.id in a.case.exclude:
                text = f"case {a.case.id} excludes {f.id}"
                out.append(Violation("H8", a.case.id, f.id, text))
        for f, g in (a.pair, a.pair[::-1]):
            if g.id in f.avoid_partners:
                text = f"{f.id} asked not to work with {g.id}, yet they share case {a.case.id}"
                out.append(Violation("H8", a.case.id, f.id, text))
    return out


def check_h9_experience(problem: Problem, result: AllocationResult) -> list[Violation]:
    """H9: every pair includes at least one experienced facilitator."""
    return [
        Violation("H9", a.case.id, None, f"neither {a.ids[0]} nor {a.ids[1]} is experienced")
        for a in _checked(problem, result)
        if not any(f.experienced for f in a.pair)
    ]


def check_h10_pinned(problem: Problem, result: AllocationResult) -> list[Violation]:
    """H10: a pinned case keeps its pair; if that pair breaks H2 it is unallocated citing H10."""
    out = []
    pairs = result.pairs()
    reasons = {u.case: {r.constraint for r in u.reasons} for u in result.unallocated}
    people = {f.id: f for f in problem.facilitators}
    for case in (c for c in problem.cases if c.pinned):
        broken = [w for w in (h2_failure(people[f], problem) for f in case.current) if w]
        kept = " and ".join(case.current)
        if case.id in pairs and set(pairs[case.id]) != set(case.current):
            text = f"pinned case {case.id} must keep {kept}, not {' and '.join(pairs[case.id])}"
            out.append(Violation("H10", case.id, None, text))
        elif case.id in pairs and broken:
            text = f"pinned case {case.id} must be unallocated (H10): {'; '.join(broken)}"
            out.append(Violation("H10", case.id, None, text))
        elif case.id not in pairs and not broken:
            text = f"pinned case {case.id} is unallocated though {kept} may keep it"
            out.append(Violation("H10", case.id, None, text))
        elif case.id in reasons and "H10" not in reasons[case.id]:
            text = f"pinned case {case.id} is unallocated without a reason citing H10"
            out.append(Violation("H10", case.id, None, text))
    return out


def check_keep(problem: Problem, result: AllocationResult) -> list[Violation]:
    """rjplan's `keep` extension: an allocated case keeps every facilitator in its `keep`."""
    out = []
    pairs = result.pairs()
    for case in problem.cases:
        for fid in case.keep:
            if case.id in pairs and fid not in pairs[case.id]:
                text = f"case {case.id} must keep {fid}, who is not in its pair"
                out.append(Violation("keep", case.id, fid, text))
    return out


Check = Callable[[Problem, AllocationResult], list[Violation]]

CHECKS: Final[tuple[Check, ...]] = (
    check_h1_pairs,
    check_h2_eligible,
    check_h3_skills,
    check_h4_prison,
    check_h5_load,
    check_h6_start,
    check_h7_travel,
    check_h8_exclusions,
    check_h9_experience,
    check_h10_pinned,
    check_keep,
)
