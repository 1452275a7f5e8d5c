"""An upper bound on allocated weight from the LP relaxation (GLOP), for reporting gaps.

The relaxation is the allocator's own (`allocator.relaxation`, which large models use for their
bound and starting plan); here it is solved for every instance, small ones too, and the pinned
cases' weight is added. It bounds the whole problem only when the model was not pruned to the
nearest candidates.
"""

from __future__ import annotations

from allocator.facts import Facts
from allocator.model import build_pair_model
from allocator.relaxation import solve_relaxation
from models import Problem


def weight_bound(problem: Problem) -> float | None:
    """LP bound on allocated weight (pinned cases included); None if GLOP fails."""
    m = build_pair_model(Facts(problem))
    lp = solve_relaxation(m, 300.0)  # national, unpruned (1.07 M variables): about 45 s
    if lp is None:
        return None
    pinned = sum(problem.cases[ci].priority for ci in m.baseline.fixed)
    return lp.weight + pinned
