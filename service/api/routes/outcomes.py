"""How a case ended, its agreement and onward referrals, and the feedback afterwards."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, status

from models.values import EntityId
from service.api.deps import CurrentUser, UowDep
from service.api.schemas.common import AUTHED, error_responses
from service.workflow import feedback, outcomes
from service.workflow.schemas.outcomes import (
    ActionDone,
    ActionIn,
    ActionOut,
    ComplaintIn,
    ComplaintResolved,
    EmpathyIn,
    EvaluationIn,
    FeedbackOut,
    OnwardIn,
    OnwardOut,
    OutcomeIn,
    OutcomeOut,
    ReferrerFeedbackIn,
)

router = APIRouter(prefix="/cases/{case_id}", tags=["outcomes and feedback"])
Id = Annotated[int, Path(ge=1, le=2_147_483_647)]
CREATED = status.HTTP_201_CREATED


@router.get("/outcome", responses=error_responses(*AUTHED, 404))
def get_outcome(case_id: EntityId, user: CurrentUser, uow: UowDep) -> OutcomeOut:
    """How the case ended (404 while it is open)."""
    return outcomes.get(uow, user, case_id)


@router.put("/outcome", responses=error_responses(*AUTHED, 404, 409))
def correct_outcome(
    case_id: EntityId, body: OutcomeIn, user: CurrentUser, uow: UowDep
) -> OutcomeOut:
    """Correct a closed case's outcome; 409 on an open case (close it with its outcome)."""
    return outcomes.correct(uow, user, case_id, body)


@router.get("/actions", responses=error_responses(*AUTHED, 404))
def list_actions(case_id: EntityId, user: CurrentUser, uow: UowDep) -> list[ActionOut]:
    """The agreement's actions, with owner, due day and when done."""
    return outcomes.actions(uow, user, case_id)


@router.post("/actions", status_code=CREATED, responses=error_responses(*AUTHED, 404, 409))
def add_action(case_id: EntityId, body: ActionIn, user: CurrentUser, uow: UowDep) -> ActionOut:
    """Add an action of the agreement (monitored on the worklist until done)."""
    return outcomes.add_action(uow, user, case_id, body)


@router.put("/actions/{action_id}/done", responses=error_responses(*AUTHED, 404))
def action_done(
    case_id: EntityId, action_id: Id, body: ActionDone, user: CurrentUser, uow: UowDep
) -> ActionOut:
    """Mark an action of the agreement done."""
    return outcomes.action_done(uow, user, case_id, action_id, body.done_on)


@router.get("/onward-referrals", responses=error_responses(*AUTHED, 404))
def onward_referrals(case_id: EntityId, user: CurrentUser, uow: UowDep) -> list[OnwardOut]:
    """The participants referred on to other agencies, oldest first."""
    return outcomes.onward_referrals(uow, user, case_id)


@router.post("/onward-referrals", status_code=CREATED, responses=error_responses(*AUTHED, 404))
def refer_on(case_id: EntityId, body: OnwardIn, user: CurrentUser, uow: UowDep) -> OnwardOut:
    """Record that a participant was referred to another agency (probation, structured
    activity...)."""
    return outcomes.add_onward(uow, user, case_id, body)


@router.get("/feedback", responses=error_responses(*AUTHED, 404))
def get_feedback(case_id: EntityId, user: CurrentUser, uow: UowDep) -> FeedbackOut:
    """Evaluations, referrer feedback, victim-empathy scores and complaints of the case."""
    return feedback.get(uow, user, case_id)


@router.post("/evaluations", status_code=CREATED, responses=error_responses(*AUTHED, 404, 409))
def add_evaluation(
    case_id: EntityId, body: EvaluationIn, user: CurrentUser, uow: UowDep
) -> FeedbackOut:
    """A participant's evaluation of a closed case (satisfaction 1-5, positive outcome,
    recommend, comments)."""
    return feedback.evaluate(uow, user, case_id, body)


@router.post(
    "/referrer-feedback", status_code=CREATED, responses=error_responses(*AUTHED, 404, 409)
)
def add_referrer_feedback(
    case_id: EntityId, body: ReferrerFeedbackIn, user: CurrentUser, uow: UowDep
) -> FeedbackOut:
    """The referrer's ratings of the service on a closed case."""
    return feedback.referrer(uow, user, case_id, body)


@router.post("/empathy", status_code=CREATED, responses=error_responses(*AUTHED, 404, 409))
def add_empathy(case_id: EntityId, body: EmpathyIn, user: CurrentUser, uow: UowDep) -> FeedbackOut:
    """The person responsible's victim-empathy score before or after (one of each)."""
    return feedback.empathy(uow, user, case_id, body)


@router.post("/complaints", status_code=CREATED, responses=error_responses(*AUTHED, 404))
def add_complaint(
    case_id: EntityId, body: ComplaintIn, user: CurrentUser, uow: UowDep
) -> FeedbackOut:
    """A complaint about the service on this case."""
    return feedback.complain(uow, user, case_id, body)


@router.put("/complaints/{complaint_id}/resolution", responses=error_responses(*AUTHED, 404))
def resolve_complaint(
    case_id: EntityId, complaint_id: Id, body: ComplaintResolved, user: CurrentUser, uow: UowDep
) -> FeedbackOut:
    """How a complaint was resolved, and whether it was upheld."""
    return feedback.resolve(uow, user, case_id, complaint_id, body)
