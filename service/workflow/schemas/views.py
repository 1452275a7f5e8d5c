"""Read-only bodies: audit entries, cases and the facilitator's own view."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import ConfigDict, Field

from service.workflow.schemas.base import Schema, UtcDateTime


class AuditOut(Schema):
    model_config = ConfigDict(
        from_attributes=True,
        json_schema_extra={
            "examples": [
                {
                    "id": 7,
                    "at": "2026-11-23T09:12:00",
                    "actor": "coordinator",
                    "action": "update",
                    "entity": "facilitator",
                    "entity_id": "F-101",
                    "changes": {"vetting_expires": {"from": "2026-12-01", "to": "2027-12-01"}},
                }
            ]
        },
    )

    id: int
    at: UtcDateTime
    actor: str
    action: str
    entity: str
    entity_id: str
    changes: dict[str, Any]


class PairOut(Schema):
    """A pair a case has had, and a coordinator's review of how it went."""

    model_config = ConfigDict(from_attributes=True)

    id: int = Field(description="the pair's id, for PUT /cases/{case_id}/pairs/{pair_id}/review")
    facilitators: list[str]
    started_on: dt.date
    ended_on: dt.date | None
    end_reason: str | None
    went_well: bool | None = Field(
        description="the review: true or false; null when not reviewed, and always null for a "
        "facilitator (reviews are for staff)"
    )
    reviewed_by: str | None
    reviewed_at: UtcDateTime | None


_PAIR: dict[str, Any] = {
    "id": 12,
    "facilitators": ["F-01", "F-07"],
    "started_on": "2026-11-23",
    "ended_on": None,
    "end_reason": None,
    "went_well": None,
    "reviewed_by": None,
    "reviewed_at": None,
}
_CASE: dict[str, Any] = {
    "id": "R-0001",
    "referral_id": "R-0001",
    "status": "open",
    "closed_on": None,
    "outcome": None,
    "district": "Braintree",
    "outcode": "CO9",
    "requires_both": [],
    "requires_either": ["mediation"],
    "hours": 19.0,
    "priority": 1,
    "prison": None,
    "facilitators": ["F-01", "F-07"],
    "history": [_PAIR],
}
_CLOSED_CASE: dict[str, Any] = _CASE | {
    "status": "closed",
    "closed_on": "2027-01-15",
    "outcome": "direct",
    "facilitators": [],
    "history": [
        _PAIR
        | {
            "ended_on": "2027-01-15",
            "end_reason": "case closed: direct",
            "went_well": True,
            "reviewed_by": "coordinator",
            "reviewed_at": "2027-01-15T10:20:00Z",
        }
    ],
}


class CaseOut(Schema):
    """A case, its current pair and the pairs it had before (oldest first). A closed case
    has no current pair: its last pair ended on the day it closed."""

    model_config = ConfigDict(json_schema_extra={"examples": [_CASE, _CLOSED_CASE]})

    id: str
    referral_id: str | None
    status: str = Field(description="open or closed")
    closed_on: dt.date | None
    outcome: str | None = Field(
        description="how a closed case ended, in the seeds' words: declined, no_outcome, "
        "indirect or direct (GET /cases/{case_id}/outcome has who declined and the method)"
    )
    district: str | None
    outcode: str | None
    requires_both: list[str]
    requires_either: list[str]
    hours: float = Field(description="hours per facilitator still to do")
    priority: int
    prison: str | None
    facilitators: list[str]
    history: list[PairOut]
