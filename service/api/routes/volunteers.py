"""Volunteers' records: the policy, the warnings, and each volunteer's training, checks,
supervision and leaving. Staff record; a facilitator reads only their own record."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, status

from models import values
from models.values import EntityId
from rules.volunteering import VolunteerPolicy
from service.api.deps import CurrentUser, Planner, PolicySetter, Staff, UowDep, VolunteerStaff
from service.api.schemas.common import AUTHED, error_responses
from service.workflow import volunteer_policy, volunteer_record
from service.workflow.schemas.volunteers import (
    CheckIn,
    CheckOut,
    LeaveIn,
    PolicyOut,
    SupervisionIn,
    SupervisionOut,
    TrainingIn,
    TrainingOut,
    VolunteerRecordOut,
)
from service.workflow.schemas.worklist import WorkItem
from service.workflow.volunteer_warnings import volunteer_warnings

router = APIRouter(tags=["volunteers"])
CREATED = status.HTTP_201_CREATED
RESPONSES = error_responses(*AUTHED, 404)
Day = Annotated[
    values.Day | None,
    Query(description="the day to ask about; today by default", examples=["2026-11-25"]),
]


@router.get("/volunteers/policy", responses=error_responses(*AUTHED))
def read_policy(_user: Staff, uow: UowDep) -> PolicyOut:
    """The volunteer policy in force (RJC defaults until a manager sets one)."""
    return volunteer_policy.show(uow)


@router.put("/volunteers/policy", responses=error_responses(*AUTHED))
def set_policy(body: VolunteerPolicy, user: PolicySetter, uow: UowDep) -> PolicyOut:
    """Set the volunteer policy: supervision interval, CPD hours by level, check periods,
    notices, mileage rate, which course grants which skill. Managers and admins; audited."""
    return volunteer_policy.put(uow, user, body)


@router.get("/volunteers/warnings", responses=error_responses(*AUTHED))
def warnings(_user: Staff, uow: UowDep, day: Day = None) -> list[WorkItem]:
    """What the volunteers' records ask of a coordinator on a day: checks lapsing within
    60/30/7 days, supervision overdue, CPD short near the year's end, no case for weeks, the
    RJC register rule, more hours this month than offered. Soonest due first."""
    return volunteer_warnings(uow, day or uow.clock.today())


@router.get("/facilitators/{facilitator_id}/record", responses=error_responses(*AUTHED, 404))
def read_record(facilitator_id: EntityId, user: CurrentUser, uow: UowDep) -> VolunteerRecordOut:
    """A volunteer's record today: skills (derived), training, checks, supervision, CPD,
    availability. Staff read anyone's; a facilitator only their own."""
    return volunteer_record.record(uow, user, facilitator_id)


@router.get("/me/record", responses=error_responses(*AUTHED))
def my_record(user: CurrentUser, uow: UowDep) -> VolunteerRecordOut:
    """The logged-in facilitator's own record."""
    return volunteer_record.record(uow, user, volunteer_record.mine(user))


@router.post("/facilitators/{facilitator_id}/training", status_code=CREATED, responses=RESPONSES)
def add_training(
    facilitator_id: EntityId, body: TrainingIn, user: VolunteerStaff, uow: UowDep
) -> TrainingOut:
    """Record a course completed (not in the future); skills follow from it. Audited."""
    return volunteer_record.record_training(uow, user, facilitator_id, body)


@router.post("/facilitators/{facilitator_id}/checks", status_code=CREATED, responses=RESPONSES)
def add_check(
    facilitator_id: EntityId, body: CheckIn, user: VolunteerStaff, uow: UowDep
) -> CheckOut:
    """Record a security check granted: force vetting (sets the expiry the allocator reads),
    national security vetting or prison clearance. Audited."""
    return volunteer_record.record_check(uow, user, facilitator_id, body)


@router.post(
    "/facilitators/{facilitator_id}/supervisions", status_code=CREATED, responses=RESPONSES
)
def add_supervision(
    facilitator_id: EntityId, body: SupervisionIn, user: VolunteerStaff, uow: UowDep
) -> SupervisionOut:
    """Record an individual or group supervision. Audited."""
    return volunteer_record.record_supervision(uow, user, facilitator_id, body)


@router.post("/facilitators/{facilitator_id}/leave", responses=error_responses(*AUTHED, 404, 409))
def leave(
    facilitator_id: EntityId, body: LeaveIn, user: Planner, uow: UowDep
) -> VolunteerRecordOut:
    """The volunteer leaves on a day, with the reason (PERSONAL); inactive from then. Audited."""
    return volunteer_record.leave(uow, user, facilitator_id, body)
