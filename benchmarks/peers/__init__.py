"""Peer solvers for the side-by-side benchmark: what a user might use instead of rjplan.

- `highs_mip.solve_highs`: a plain HiGHS MIP of the same problem, solved level by level on the
  canonical lexicographic objective (PEERS.md: the peer to beat).
- `greedy.solve_greedy`: what a coordinator does by hand, nearest valid pair first.

Both return a `PeerRun`: an `AllocationResult` with the canonical metrics, plus timings.
Every plan they make passes `allocator.check.check_allocation` (tests/benchmarks/test_peers.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from models import AllocationResult


@dataclass(frozen=True)
class PeerRun:
    """A peer's plan and how long it took (wall-clock seconds, model building included)."""

    solver: str
    result: AllocationResult
    first_plan_seconds: float | None  # first plan found; None when none was
    total_seconds: float  # until every level was proven (or its time limit hit)
    level_seconds: list[float] = field(default_factory=list)  # per objective level
    proven: bool = False  # every level solved to proven optimality
    overhead_seconds: float = 0.0  # not in total: e.g. starting the HiGHS worker process
