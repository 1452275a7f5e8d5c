"""Peer: what a coordinator does by hand, as a greedy rule. Fast, valid, not optimal.

1. Pinned pairs are kept (or, if a member fails H2, the case is left unallocated: H10).
2. Ongoing cases, highest priority first: keep the current members who may still take the case
   and have room; re-fill a missing partner with the nearest valid one. If nobody can stay,
   the case waits with the new ones.
3. New (and waiting) cases by priority, highest first; ties: fewest eligible facilitators
   first. Take the nearest eligible experienced facilitator with room, then the nearest
   eligible partner that makes a valid pair (either-skills, avoid_partners, H9, keep).
Every step respects H1-H10, so the plan passes the checker.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from benchmarks.peers import PeerRun
from benchmarks.peers.common import EPS, Instance, Pair, build_instance, pair_failure, to_result
from models import Case, Problem, SolveStatus


@dataclass
class Load:
    """Hours and cases each facilitator carries so far (kept pinned cases included)."""

    hours: dict[str, float]
    count: dict[str, int]

    def fits(self, inst: Instance, case: Case, fid: str) -> bool:
        """True when `fid` has room for `case` (H5 hours and max_cases)."""
        room = self.hours[fid] + case.hours <= inst.capacity[fid] + EPS
        return room and self.count[fid] + 1 <= inst.people[fid].max_cases

    def take(self, case: Case, pair: Pair) -> None:
        """Add `case` to both facilitators of `pair`."""
        for fid in pair:
            self.hours[fid] += case.hours
            self.count[fid] += 1


def choose_pair(inst: Instance, load: Load, case: Case, fixed: list[str]) -> Pair | None:
    """The nearest valid pair that contains `fixed` (plus `keep`), or None."""
    fixed = list(dict.fromkeys([*case.keep, *fixed]))
    room = [f for f in inst.eligible[case.id] if load.fits(inst, case, f)]  # nearest first
    if len(fixed) > 2 or any(f not in room for f in fixed):
        return None
    firsts = fixed[:1] or [f for f in room if inst.people[f].experienced]
    partners = fixed[1:] or room
    for first in firsts:
        for partner in partners:
            if pair_failure(inst, case, first, partner) is None:
                return (first, partner)
    return None


def refill(inst: Instance, load: Load, case: Case) -> Pair | None:
    """Keep as much of an ongoing pair as may stay; None when nobody can."""
    stay = [f for f in case.current if f in inst.eligible[case.id] and load.fits(inst, case, f)]
    stay.sort(key=lambda f: (not inst.people[f].experienced, inst.km[case.id, f], f))
    options = ([stay] if len(stay) == 2 else []) + [[f] for f in stay]
    for fixed in options:
        pair = choose_pair(inst, load, case, fixed)
        if pair is not None:
            return pair
    return None


def solve_greedy(problem: Problem) -> PeerRun:
    """Allocate `problem` the way a coordinator would by hand; one plan, with its timing."""
    started = time.perf_counter()
    inst = build_instance(problem)
    load = Load(dict(inst.base_hours), dict(inst.base_count))
    pairs: dict[str, Pair] = {}
    ongoing = sorted((c for c in inst.open_cases if c.current), key=lambda c: -c.priority)
    for case in ongoing:
        pair = refill(inst, load, case)
        if pair is not None:
            pairs[case.id] = pair
            load.take(case, pair)
    waiting = [c for c in inst.open_cases if c.id not in pairs]
    waiting.sort(key=lambda c: (-c.priority, len(inst.eligible[c.id]), c.id))
    for case in waiting:
        pair = choose_pair(inst, load, case, [])
        if pair is not None:
            pairs[case.id] = pair
            load.take(case, pair)
    seconds = time.perf_counter() - started
    note = "greedy: nearest experienced facilitator, then nearest valid partner"
    result = to_result(inst, pairs, SolveStatus.FEASIBLE, seconds, None, note)
    return PeerRun("greedy", result, seconds, seconds)
