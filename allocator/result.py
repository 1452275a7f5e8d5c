"""What a solve produced, turned into the allocation document with its reasons."""

from __future__ import annotations

from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from allocator.explain import (
    cases_by_person,
    explain_assignment,
    explain_unallocated,
    plan_loads,
)
from allocator.goals import fill_minutes
from allocator.metrics import canonical_metrics
from allocator.model import PairModel
from models import (
    CANONICAL_LEVELS,
    AllocationResult,
    Assignment,
    Metrics,
    Objective,
    SolveStatus,
    UnallocatedCase,
    UnallocatedReason,
)
from models.allocation import CanonicalLevel


@dataclass
class LevelOutcome:
    name: str
    value: float
    bound: float
    proven: bool
    seconds: float


@dataclass
class Solution:
    """What the level loop found: chosen pairs and how each level ended."""

    pairs: dict[int, tuple[int, int]] = field(default_factory=dict)
    levels: list[LevelOutcome] = field(default_factory=list)
    from_greedy: bool = False
    first_plan_at: float | None = None  # perf_counter() when the first complete plan existed
    relaxed: bool = False  # level 5 spent travel above its optimum (SolveOptions.travel_slack)
    goals: LevelOutcome | None = None  # level 5, the service's own goals, when it ran
    held: dict[str, cp_model.Constraint] = field(default_factory=dict)  # each fixed level's row


def proven_levels(found: Solution | None, pruned: bool) -> list[CanonicalLevel]:
    """The canonical levels, in order, whose proven optimum the plan reaches: those before the
    first level left unproven, or before travel when level 5 spent slack on it. None for a
    greedy plan, nor on a model pruned to the nearest candidates (its proofs are the model's)."""
    if found is None or found.from_greedy or pruned:
        return []
    reached = 0
    for level in found.levels:
        if not level.proven or (found.relaxed and level.name == "travel_km"):
            break
        reached += 1
    return list(CANONICAL_LEVELS[:reached])


def plan_status(found: Solution | None, proven: list[CanonicalLevel]) -> SolveStatus:
    """optimal only when the plan reaches every canonical level's proven optimum; feasible for
    any other plan."""
    if found is None:
        return SolveStatus.TIMEOUT_NO_SOLUTION
    return SolveStatus.OPTIMAL if len(proven) == len(CANONICAL_LEVELS) else SolveStatus.FEASIBLE


def _no_plan(seconds: float) -> UnallocatedReason:
    text = (
        f"no plan was found within {seconds:.1f} s, so no case could be given a pair; "
        "run again with a longer --time-limit"
    )
    return UnallocatedReason(constraint="H1", text=text)


def build_result(
    m: PairModel,
    found: Solution | None,
    seconds: float,
    travel_slack: float = 0.0,
    explain: bool = True,
) -> AllocationResult:
    """The allocation document: assignments with reasons (unless `explain` is off: a caller
    that reads only the pairs, such as a simulation), unallocated cases with theirs, and what
    was proven (`travel_slack`: the share level 5 was allowed)."""
    facts = m.facts
    pairs = found.pairs if found else dict(m.baseline.fixed)
    ids = {
        facts.problem.cases[ci].id: (
            facts.problem.facilitators[a].id,
            facts.problem.facilitators[b].id,
        )
        for ci, (a, b) in pairs.items()
    }
    metrics = canonical_metrics(facts.problem, ids)
    pinned_weight = sum(facts.problem.cases[ci].priority for ci in m.baseline.fixed)
    proven_bound = found is not None and bool(found.levels) and not m.pruned
    bound = found.levels[0].bound + pinned_weight if found and proven_bound else None
    if explain:
        fill_minutes(m, pairs)
    loads = plan_loads(m, ids)
    assignments = [
        Assignment(
            case=cid,
            facilitators=list(pair),
            explanation=explain_assignment(m, cid, ids, loads) if explain else [],
        )
        for cid, pair in ids.items()
    ]
    by_person = cases_by_person(ids)
    unallocated = [
        UnallocatedCase(
            case=c.id,
            reasons=explain_unallocated(m, c.id, by_person) if found else [_no_plan(seconds)],
        )
        for c in facts.problem.cases
        if c.id not in ids
    ]
    order = {c.id: i for i, c in enumerate(facts.problem.cases)}
    assignments.sort(key=lambda a: order[a.case])
    proven = proven_levels(found, m.pruned)
    goals = found is not None and found.goals is not None
    return AllocationResult(
        status=plan_status(found, proven),
        assignments=assignments,
        unallocated=unallocated,
        metrics=Metrics(**{**metrics.model_dump(), "solve_seconds": seconds, "bound": bound}),
        objective=Objective(
            proven=proven, own_goals=goals, travel_slack=travel_slack if goals else 0.0
        ),
    )
