"""Format `rjplan.allocation/1`: the allocator's plan, its reasons and the canonical metrics."""

from __future__ import annotations

from enum import StrEnum
from typing import Final, Literal, get_args

from pydantic import Field

from models.common import Model

ALLOCATION_FORMAT: Final = "rjplan.allocation/1"


class SolveStatus(StrEnum):
    OPTIMAL = "optimal"
    FEASIBLE = "feasible"
    INFEASIBLE = "infeasible"
    TIMEOUT_NO_SOLUTION = "timeout_no_solution"


class Assignment(Model):
    """A case and the pair given to it, with the reasons in plain sentences."""

    case: str
    facilitators: list[str] = Field(min_length=2, max_length=2)
    explanation: list[str] = Field(default_factory=list)


class UnallocatedReason(Model):
    """Why a case has no pair: the hard constraint (H1..H10) and a sentence."""

    constraint: str
    text: str


class UnallocatedCase(Model):
    case: str
    reasons: list[UnallocatedReason] = Field(default_factory=list)


class Metrics(Model):
    """The four canonical metrics of formats.md, plus solve time and proven bound."""

    allocated_weight: int
    changes: int
    travel_km: float
    max_utilisation: float
    solve_seconds: float = 0.0
    bound: float | None = None


CanonicalLevel = Literal["allocated_weight", "changes", "travel_km", "max_utilisation"]
CANONICAL_LEVELS: Final[tuple[CanonicalLevel, ...]] = get_args(CanonicalLevel)  # in order


class Objective(Model):
    """rjplan extension: what the plan was solved for, and which canonical levels it is proven
    to reach the optimum of."""

    proven: list[CanonicalLevel] = Field(
        default_factory=list,
        max_length=4,
        description="the canonical levels, in order, whose proven optimum the plan reaches; "
        "all four when the status is optimal",
    )
    own_goals: bool = Field(
        default=False,
        description="the service's own goals (level 5) chose among the plans the canonical "
        "levels allow",
    )
    travel_slack: float = Field(
        default=0.0,
        ge=0,
        le=1,
        description="share of travel km above its optimum that the own goals were allowed to "
        "spend (0: none); levels 1, 2 and 4 are held at their optimum all the same",
    )


class AllocationResult(Model):
    """The allocator's answer to one problem."""

    format: Literal["rjplan.allocation/1"] = ALLOCATION_FORMAT
    status: SolveStatus
    assignments: list[Assignment] = Field(default_factory=list)
    unallocated: list[UnallocatedCase] = Field(default_factory=list)
    metrics: Metrics
    objective: Objective | None = Field(
        default=None, description="rjplan extension: what was solved for and proven"
    )

    def pairs(self) -> dict[str, tuple[str, str]]:
        """Case id -> the pair allocated to it."""
        return {a.case: (a.facilitators[0], a.facilitators[1]) for a in self.assignments}
