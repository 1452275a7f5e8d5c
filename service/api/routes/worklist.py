"""The worklist, referral reviews and updates, and the timeliness standard in force."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request

from models import values
from models.values import EntityId
from rules.timeliness import list_timeliness
from service.api.deps import CurrentUser, GazetteerDep, Overseer, Planner, Staff, UowDep
from service.api.schemas.casefile import ReferralUpdateIn, StandardIn, StandardsOut
from service.api.schemas.common import AUTHED, error_responses
from service.workflow import clocks, referral_updates, worklist
from service.workflow.schemas.casefile import ReferralReviewIn, ReferralReviewOut
from service.workflow.schemas.referrals import ScreeningOut
from service.workflow.schemas.worklist import WorkItem

router = APIRouter(tags=["worklist"])
Day = Annotated[values.Day | None, Query()]


@router.get("/worklist", responses=error_responses(*AUTHED))
def get_worklist(user: CurrentUser, uow: UowDep, day: Day = None) -> list[WorkItem]:
    """Everything due or overdue on `day` (today by default), most urgent first, each with the
    one action that clears it: clocks, hold reviews, agreed actions, lapsed vetting. A
    facilitator sees only their own cases'."""
    return worklist.for_user(uow, user, day)


@router.put("/referrals/{referral_id}/review", responses=error_responses(*AUTHED, 404, 409))
def set_review(
    referral_id: EntityId, body: ReferralReviewIn, user: Planner, uow: UowDep
) -> ReferralReviewOut:
    """When to look at a held or needs-information referral again (it shows on the worklist)."""
    return referral_updates.set_review(uow, user, referral_id, body)


@router.put("/referrals/{referral_id}", responses=error_responses(*AUTHED, 404, 409))
def update_referral(
    referral_id: EntityId,
    body: ReferralUpdateIn,
    user: Planner,
    uow: UowDep,
    gaz: GazetteerDep,
    request: Request,
) -> ScreeningOut:
    """Update a held or needs-information referral and screen it again; both decisions kept."""
    policies = request.app.state.policies
    return referral_updates.update_and_screen(
        uow, user, referral_id, body.referral, body.policy, policies, gaz
    )


@router.get("/timeliness", responses=error_responses(*AUTHED))
def list_standards(_user: Staff, uow: UowDep) -> StandardsOut:
    """The shipped timeliness standards and the one in force."""
    return StandardsOut(standards=list_timeliness(), in_force=clocks.standard(uow).id)


@router.put("/timeliness", responses=error_responses(*AUTHED))
def set_standard(body: StandardIn, user: Overseer, uow: UowDep) -> StandardsOut:
    """Put another shipped timeliness standard in force (audited)."""
    clocks.set_standard(uow, user, body.standard)
    return StandardsOut(standards=list_timeliness(), in_force=clocks.standard(uow).id)
