"""The anonymous volunteer survey: a manager (or admin) opens and closes rounds and reads the
results in aggregate; a facilitator answers the open round once."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, status

from service.api.deps import FacilitatorUser, Overseer, UowDep
from service.api.schemas.common import AUTHED, error_responses
from service.workflow import survey
from service.workflow.schemas.survey import MySurvey, RoundOut, SurveyAnswersIn

router = APIRouter(tags=["volunteer survey"])
RoundId = Annotated[int, Path(ge=1, le=2_147_483_647)]


@router.get("/survey/rounds", responses=error_responses(*AUTHED))
def rounds(user: Overseer, uow: UowDep) -> list[RoundOut]:
    """Every round, newest first; a closed round's results per question: the share agreeing
    and how many answered, shown only where at least 5 answered."""
    return survey.rounds(uow, user)


@router.post(
    "/survey/rounds", status_code=status.HTTP_201_CREATED, responses=error_responses(*AUTHED, 409)
)
def open_round(user: Overseer, uow: UowDep) -> RoundOut:
    """Open a round (one at a time): facilitators may answer it from now. Audited."""
    return survey.open_round(uow, user)


@router.post("/survey/rounds/{round_id}/close", responses=error_responses(*AUTHED, 404, 409))
def close_round(round_id: RoundId, user: Overseer, uow: UowDep) -> RoundOut:
    """Close a round: no more answers; its results are shown from now. Audited."""
    return survey.close_round(uow, user, round_id)


@router.get("/me/survey", responses=error_responses(*AUTHED))
def my_survey(user: FacilitatorUser, uow: UowDep) -> MySurvey:
    """The round open now, whether the logged-in facilitator has answered it, the questions."""
    return survey.mine(uow, user)


@router.post(
    "/me/survey", status_code=status.HTTP_201_CREATED, responses=error_responses(*AUTHED, 409)
)
def answer(body: SurveyAnswersIn, user: FacilitatorUser, uow: UowDep) -> MySurvey:
    """Answer the open round, once: the answers are kept as counts that name nobody."""
    survey.answer(uow, user, body)
    return survey.mine(uow, user)
