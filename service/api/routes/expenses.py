"""Hours and expenses: a volunteer logs and claims for themself, staff for anyone; staff
approve, reject and pay claims (never their own)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, status

from models.values import Day, EntityId
from service.api.deps import CurrentUser, Staff, UowDep
from service.api.schemas.common import AUTHED, PageOffset, error_responses
from service.api.schemas.facilitators import AvailabilityIn
from service.workflow import expenses, facilitators, volunteer_hours
from service.workflow.schemas.facilitators import FacilitatorOut
from service.workflow.schemas.hours import (
    ExpenseDecision,
    ExpenseIn,
    ExpenseOut,
    ExpenseStatus,
    HoursIn,
    HoursOut,
    HoursSummary,
)
from service.workflow.volunteer_record import mine

router = APIRouter(tags=["hours and expenses"])
CREATED = status.HTTP_201_CREATED
RESPONSES = error_responses(*AUTHED, 404)
From = Annotated[Day | None, Query(alias="from", description="first day; 12 weeks back")]
To = Annotated[Day | None, Query(alias="to", description="last day; today by default")]
ClaimId = Annotated[int, Path(ge=1, le=2_147_483_647)]


@router.post("/facilitators/{facilitator_id}/hours", status_code=CREATED, responses=RESPONSES)
def log_hours(facilitator_id: EntityId, body: HoursIn, user: CurrentUser, uow: UowDep) -> HoursOut:
    """Log hours worked on a day (staff, or the volunteer themself). Audited."""
    return volunteer_hours.log(uow, user, facilitator_id, body)


@router.get("/facilitators/{facilitator_id}/hours", responses=error_responses(*AUTHED, 404))
def read_hours(
    facilitator_id: EntityId, user: CurrentUser, uow: UowDep, first: From = None, last: To = None
) -> HoursSummary:
    """Hours from `from` to `to`: in all, by week, by case and by activity."""
    return volunteer_hours.summary(uow, user, facilitator_id, first, last)


@router.post("/me/hours", status_code=CREATED, responses=RESPONSES)
def log_my_hours(body: HoursIn, user: CurrentUser, uow: UowDep) -> HoursOut:
    """Log the logged-in volunteer's own hours."""
    return volunteer_hours.log(uow, user, mine(user), body)


@router.get("/me/hours", responses=error_responses(*AUTHED))
def my_hours(user: CurrentUser, uow: UowDep, first: From = None, last: To = None) -> HoursSummary:
    """The logged-in volunteer's own hours."""
    return volunteer_hours.summary(uow, user, mine(user), first, last)


@router.put("/me/availability", responses=error_responses(*AUTHED))
def set_my_availability(body: AvailabilityIn, user: CurrentUser, uow: UowDep) -> FacilitatorOut:
    """Replace the logged-in volunteer's own absences. Audited."""
    return facilitators.set_availability(uow, user, mine(user), body.unavailable)


@router.post("/facilitators/{facilitator_id}/expenses", status_code=CREATED, responses=RESPONSES)
def claim(facilitator_id: EntityId, body: ExpenseIn, user: CurrentUser, uow: UowDep) -> ExpenseOut:
    """Submit a claim for a volunteer (staff, or the volunteer themself). Audited."""
    return expenses.submit(uow, user, facilitator_id, body)


@router.post("/me/expenses", status_code=CREATED, responses=RESPONSES)
def claim_mine(body: ExpenseIn, user: CurrentUser, uow: UowDep) -> ExpenseOut:
    """Submit the logged-in volunteer's own claim: mileage is priced at the policy's rate."""
    return expenses.submit(uow, user, mine(user), body)


@router.get("/me/expenses", responses=error_responses(*AUTHED))
def my_claims(user: CurrentUser, uow: UowDep, offset: PageOffset = 0) -> list[ExpenseOut]:
    """The logged-in volunteer's own claims, newest first."""
    return expenses.listing(uow, user, mine(user), None, 200, offset)


@router.get("/expenses", responses=error_responses(*AUTHED))
def list_claims(
    user: Staff,
    uow: UowDep,
    status: ExpenseStatus | None = None,
    facilitator: Annotated[EntityId | None, Query()] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 200,
    offset: PageOffset = 0,
) -> list[ExpenseOut]:
    """Claims, newest first, by status or facilitator (staff)."""
    return expenses.listing(uow, user, facilitator, status, limit, offset)


@router.post("/expenses/{claim_id}/{decision}", responses=error_responses(*AUTHED, 404, 409))
def decide(claim_id: ClaimId, decision: ExpenseDecision, user: Staff, uow: UowDep) -> ExpenseOut:
    """`approve` or `reject` a submitted claim, or `pay` an approved one; by a member of staff
    other than the one who submitted it. Audited."""
    return expenses.decide(uow, user, claim_id, decision)
