"""The anonymous volunteer survey: its rounds, a facilitator's answers, and the results in
aggregate."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from pydantic import ConfigDict, Field

from service.workflow.schemas.base import Schema


class Answer(StrEnum):
    AGREE = "agree"
    NEITHER = "neither"
    DISAGREE = "disagree"


class SurveyAnswersIn(Schema):
    """One facilitator's answers to a round: every question's key with agree, neither or
    disagree. Kept as counts only: nobody can tell who gave them."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"answers": {"interesting": "agree", "supported": "neither"}}]
        }
    )

    answers: dict[str, Answer] = Field(max_length=40, description="question key -> answer")


class QuestionResult(Schema):
    """A question of a closed round: how many answered, and how many agreed and their share
    (None, with the reason, when too few answered to show it)."""

    question: str
    statement: str
    answered: int
    agreeing: int | None
    share_agreeing: float | None
    suppressed: str | None


class RoundOut(Schema):
    """A round: when it was opened and closed and by whom, how many have answered; the
    results once it is closed."""

    id: int
    opened_on: dt.date
    opened_by: str
    closed_on: dt.date | None
    closed_by: str | None
    answered: int
    results: list[QuestionResult]


class QuestionOut(Schema):
    key: str
    statement: str


class MySurvey(Schema):
    """The survey as a facilitator sees it: the round open now (if any), whether they have
    answered it, and the questions."""

    round_id: int | None
    opened_on: dt.date | None
    answered: bool
    questions: list[QuestionOut]
