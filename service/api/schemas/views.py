"""Read-only bodies: audit entries, cases and the facilitator's own view."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import ConfigDict

from service.api.schemas.common import ApiModel, UtcDateTime


class AuditOut(ApiModel):
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


class PairOut(ApiModel):
    model_config = ConfigDict(from_attributes=True)

    facilitators: list[str]
    started_on: dt.date
    ended_on: dt.date | None
    end_reason: str | None


_CASE: dict[str, Any] = {
    "id": "R-0001",
    "referral_id": "R-0001",
    "status": "open",
    "district": "Braintree",
    "outcode": "CO9",
    "requires_both": [],
    "requires_either": ["mediation"],
    "hours": 19.0,
    "priority": 1,
    "prison": None,
    "facilitators": ["F-01", "F-07"],
    "history": [],
}


class CaseOut(ApiModel):
    """A case, its current pair and the pairs it had before."""

    model_config = ConfigDict(json_schema_extra={"examples": [_CASE]})

    id: str
    referral_id: str | None
    status: str
    district: str | None
    outcode: str | None
    requires_both: list[str]
    requires_either: list[str]
    hours: float
    priority: int
    prison: str | None
    facilitators: list[str]
    history: list[PairOut]
