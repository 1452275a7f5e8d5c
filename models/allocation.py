"""Format `rjplan.allocation/1`: the allocator's plan, its reasons and the canonical metrics."""

from __future__ import annotations

from enum import StrEnum
from typing import Final, Literal

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


class AllocationResult(Model):
    """The allocator's answer to one problem."""

    format: Literal["rjplan.allocation/1"] = ALLOCATION_FORMAT
    status: SolveStatus
    assignments: list[Assignment] = Field(default_factory=list)
    unallocated: list[UnallocatedCase] = Field(default_factory=list)
    metrics: Metrics

    def pairs(self) -> dict[str, tuple[str, str]]:
        """Case id -> the pair allocated to it."""
        return {a.case: (a.facilitators[0], a.facilitators[1]) for a in self.assignments}
