"""How a case ended (in the seeds' words), its agreement and onward referrals, and the feedback
afterwards: participants' evaluations, the referrer's, victim empathy and complaints."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import ConfigDict, Field

from models.casefile import Agency, DeclinedBy, EmpathyStage, Impact, Method, OutcomeKind
from service.workflow.schemas.base import Note500, Note2000, SaneDay, Schema

Rating = Annotated[int, Field(ge=1, le=5, description="1 (worst) to 5 (best)")]


class OutcomeIn(Schema):
    """The outcome: declined (by whom), no outcome, indirect (letter, shuttle) or direct
    (conference, panel)."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"outcome": "direct", "method": "conference"},
                {"outcome": "declined", "declined_by": "harmed"},
            ]
        }
    )

    outcome: OutcomeKind
    declined_by: DeclinedBy | None = None
    method: Method | None = None


class OutcomeOut(Schema):
    kind: OutcomeKind
    declined_by: DeclinedBy | None
    method: Method | None
    positive: bool
    recorded_on: dt.date
    recorded_by: str
    migrated_from: str | None = Field(description="the closing word before 0008, if migrated")


class ActionIn(Schema):
    """One action of the agreement: what, whose (a role, or coordinator/facilitator), by when."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "description": "Pay the £150 insurance excess",
                    "owner": "responsible",
                    "due": "2027-01-31",
                }
            ]
        }
    )

    description: Note500 = Field(min_length=1)
    owner: Annotated[
        str,
        Field(max_length=11, pattern="^(harmed|responsible|supporter|coordinator|facilitator)$"),
    ]
    due: SaneDay
    done_on: SaneDay | None = None


class ActionDone(Schema):
    model_config = ConfigDict(json_schema_extra={"examples": [{"done_on": "2027-01-20"}]})

    done_on: SaneDay


class ActionOut(Schema):
    id: int
    description: str | None
    owner: str
    due: dt.date
    done_on: dt.date | None


class OnwardIn(Schema):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"party": 2, "agency": "probation", "on": "2027-01-10"}]}
    )

    party: int | None = Field(default=None, ge=1, le=2_147_483_647)
    agency: Agency
    on: SaneDay
    note: Note500 = ""


class OnwardOut(Schema):
    id: int
    party: int | None
    agency: Agency
    on: dt.date
    note: str | None


class EvaluationIn(Schema):
    """A participant's evaluation (the 1-5 satisfaction scale of the 2016 review)."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "party": 1,
                    "received_on": "2027-02-01",
                    "satisfaction": 5,
                    "facilitator_rating": 5,
                    "positive_outcome": True,
                    "felt_better": True,
                    "would_recommend": True,
                    "impact": "positive",
                    "comments": "They made me open up to a lot I had been bottling up.",
                }
            ]
        }
    )

    party: int = Field(ge=1, le=2_147_483_647)
    received_on: SaneDay
    satisfaction: Rating | None = None
    facilitator_rating: Rating | None = None
    positive_outcome: bool | None = Field(default=None, description='"positive outcome for you?"')
    felt_better: bool | None = None
    would_recommend: bool | None = None
    impact: Impact | None = None
    comments: Note2000 = ""


class ReferrerFeedbackIn(Schema):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"received_on": "2027-02-03", "kept_updated": 4, "would_refer_again": True}
            ]
        }
    )

    received_on: SaneDay
    referral_process: Rating | None = None
    initial_response: Rating | None = None
    kept_updated: Rating | None = None
    effectiveness: Rating | None = None
    would_refer_again: bool | None = None
    would_recommend: bool | None = None
    comments: Note2000 = ""


class EmpathyIn(Schema):
    """The person responsible's victim-empathy questionnaire score, at the start or the end."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"party": 2, "stage": "before", "score": 41, "taken_on": "2026-12-01"}]
        }
    )

    party: int = Field(ge=1, le=2_147_483_647)
    stage: EmpathyStage
    score: int = Field(ge=0, le=100)
    taken_on: SaneDay


class ComplaintIn(Schema):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"received_on": "2027-01-05", "summary": "Progress too slow"}]
        }
    )

    party: int | None = Field(default=None, ge=1, le=2_147_483_647)
    received_on: SaneDay
    summary: Note2000 = Field(min_length=1)


class ComplaintResolved(Schema):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"resolved_on": "2027-01-12", "resolution": "Visited; action plan", "upheld": False}
            ]
        }
    )

    resolved_on: SaneDay
    resolution: Note2000 = Field(min_length=1)
    upheld: bool


class FeedbackOut(Schema):
    """A case's feedback: counts and scores for anyone on the case; comments for staff only."""

    evaluations: list[dict[str, object]]
    referrer: list[dict[str, object]]
    empathy: list[dict[str, object]]
    complaints: list[dict[str, object]]
