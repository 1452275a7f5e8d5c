"""Referral bodies: what was received, its current decision and its case."""

from __future__ import annotations

from typing import Any

from pydantic import ConfigDict, Field

from models import Decision, Referral
from service.workflow.schemas.base import Schema

REFERRAL_EXAMPLE: dict[str, Any] = {
    "format": "rjplan.referral/1",
    "id": "R-0001",
    "received": "2026-11-18",
    "referrer": {"organisation": "police"},
    "route": "community_resolution",
    "case_type": "low_level_crime",
    "offence": "criminal damage to a car",
    "court": "none",
    "youth": {"under_18": False, "youth_justice": False},
    "consent": {"victim": True, "perpetrator": True},
    "responsibility_accepted": True,
    "restorative_element": True,
    "district": "Braintree",
    "location": {"outcode": "CO9"},
    "parties": [{"role": "victim"}, {"role": "perpetrator"}],
}
DECISION_EXAMPLE: dict[str, Any] = {
    "format": "rjplan.decision/1",
    "referral": "R-0001",
    "policy": "essex-2018",
    "decision": "accept",
    "reasons": [],
    "requirements": {"both": [], "either": ["mediation"], "hours": 19, "risk": "standard"},
}


class ReferralOut(Schema):
    """A referral as received, with its current screening decision and case, if any."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"referral": REFERRAL_EXAMPLE, "decision": DECISION_EXAMPLE, "case_id": "R-0001"}
            ]
        }
    )

    referral: Referral
    decision: Decision | None = None
    case_id: str | None = None


class ScreeningOut(Schema):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"decision": DECISION_EXAMPLE, "case_id": "R-0001"}]}
    )

    decision: Decision
    case_id: str | None = Field(description="the case opened for an accepted referral")


class ReferralImport(Schema):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"created": 2, "ids": ["R-1", "R-2"]}]}
    )

    created: int
    ids: list[str]
