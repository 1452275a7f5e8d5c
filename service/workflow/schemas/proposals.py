"""Bodies of the morning allocation and re-planning: proposals, controls, commits."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Any

from pydantic import ConfigDict, Field, model_validator

from models import AllocationResult, Metrics
from service.workflow.schemas.base import Day, EntityId, Schema, UtcDateTime

_RESULT: dict[str, Any] = {
    "format": "rjplan.allocation/1",
    "status": "optimal",
    "assignments": [
        {
            "case": "R-0001",
            "facilitators": ["F-01", "F-07"],
            "explanation": ["F-01 and F-07 are the nearest mediation-trained pair with capacity"],
        }
    ],
    "unallocated": [],
    "metrics": {"allocated_weight": 1, "changes": 0, "travel_km": 21.5, "max_utilisation": 0.4},
}


class Pin(Schema):
    case: EntityId
    facilitators: list[EntityId] = Field(min_length=2, max_length=2)

    @model_validator(mode="after")
    def _two_people(self) -> Pin:
        if self.facilitators[0] == self.facilitators[1]:
            raise ValueError("a pair needs two different facilitators")
        return self


class Forbid(Schema):
    case: EntityId
    facilitator: EntityId


class ControlsIn(Schema):
    """A coordinator's overrides, applied on top of the proposal's own, then re-solved."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "pins": [{"case": "R-0001", "facilitators": ["F-01", "F-07"]}],
                    "forbids": [{"case": "R-0002", "facilitator": "F-03"}],
                    "keeps": [{"case": "R-0003", "facilitator": "F-05"}],
                }
            ]
        }
    )

    pins: list[Pin] = Field(default_factory=list, max_length=500)
    forbids: list[Forbid] = Field(default_factory=list, max_length=500)
    keeps: list[Forbid] = Field(
        default_factory=list,
        max_length=500,
        description="keep this one; the solver picks the partner",
    )


class ReplanReason(StrEnum):
    UNAVAILABLE = "unavailable"
    VETTING_LAPSED = "vetting_lapsed"


class ReplanIn(Schema):
    """A facilitator is unavailable from a day (until a day, or open-ended), or lost vetting."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"facilitator": "F-01", "reason": "unavailable", "from_date": "2026-11-24"},
                {"facilitator": "F-02", "reason": "vetting_lapsed", "from_date": "2026-11-23"},
            ]
        }
    )

    facilitator: EntityId
    reason: ReplanReason
    from_date: Day
    until: Day | None = None
    as_of: Day | None = None

    @model_validator(mode="after")
    def _ordered(self) -> ReplanIn:
        if self.until is not None and self.until < self.from_date:
            raise ValueError("until is before from_date; swap them")
        return self


class ChangeOut(Schema):
    """A case whose stored pair the proposal changes (`after` empty: the pair is released)."""

    case: str
    before: list[str]
    after: list[str]
    reasons: list[str] = Field(
        default_factory=list,
        description="why each facilitator who leaves the case leaves (e.g. their vetting "
        "lapsed), and why a released case has no pair now",
    )


class SolveRecord(Schema):
    """How a proposal was solved: the same store and the same options give the same plan
    (when the solver proves it optimal within the time limit; a plan cut short by the limit
    depends on the machine's speed)."""

    time_limit_s: float
    workers: int | None = Field(
        description="CP-SAT workers; null: the allocator's default (1 on small models, 2 on "
        "large), as `rjplan allocate`"
    )
    seed: int
    travel_slack_percent: float


class ProposalOut(Schema):
    """A proposal: the allocator's result with explanations, and what it would change."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": "6f1c2d3e-0000-4000-8000-000000000001",
                    "kind": "morning",
                    "parent_id": None,
                    "status": "open",
                    "as_of": "2026-11-23",
                    "created_at": "2026-11-23T09:00:00",
                    "created_by": "coordinator",
                    "controls": {"pins": [], "forbids": [], "keeps": []},
                    "solve": {
                        "time_limit_s": 10.0,
                        "workers": None,
                        "seed": 0,
                        "travel_slack_percent": 0.0,
                    },
                    "result": _RESULT,
                    "changes": [{"case": "R-0001", "before": [], "after": ["F-01", "F-07"]}],
                }
            ]
        }
    )

    id: str
    kind: str
    parent_id: str | None
    status: str
    as_of: dt.date
    created_at: UtcDateTime
    created_by: str
    controls: ControlsIn
    solve: SolveRecord | None = Field(
        description="how it was solved; null for proposals made before rjplan recorded it"
    )
    result: AllocationResult
    changes: list[ChangeOut]


class ProposalSummary(Schema):
    id: str
    kind: str
    status: str
    as_of: dt.date
    created_at: UtcDateTime
    created_by: str


class AlternativeOut(Schema):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "pair": ["F-01", "F-09"],
                    "current": False,
                    "metrics": _RESULT["metrics"],
                    "delta": {
                        "allocated_weight": 0,
                        "changes": 0,
                        "travel_km": 4.2,
                        "max_utilisation": 0,
                    },
                }
            ]
        }
    )

    pair: list[str]
    current: bool
    metrics: Metrics
    delta: dict[str, float]


class CommitOut(Schema):
    """What a commit changed; repeated unchanged for a retry with the same Idempotency-Key."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "proposal": "6f1c2d3e-0000-4000-8000-000000000001",
                    "committed_at": "2026-11-23T09:05:00",
                    "committed_by": "coordinator",
                    "changes": [{"case": "R-0001", "before": [], "after": ["F-01", "F-07"]}],
                }
            ]
        }
    )

    proposal: str
    committed_at: UtcDateTime
    committed_by: str
    changes: list[ChangeOut]
