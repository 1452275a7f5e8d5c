"""Meetings for committed pairs: plan, read, bookings, commit; the facilitators' calendar feeds."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Header, Response, status

from models.values import EntityId, Line200
from service.api.deps import FacilitatorUser, GazetteerDep, Planner, SettingsDep, Staff, UowDep
from service.api.schemas.common import AUTHED, PageOffset, RecentLimit, error_responses
from service.api.schemas.meetings import MeetingPlanIn
from service.workflow import meeting_commit, meetings
from service.workflow.schemas.meetings import (
    CALENDAR_EXAMPLE,
    BookingRowOut,
    MeetingCommitOut,
    MeetingPlanOut,
    MeetingPlanSummary,
)

router = APIRouter(tags=["meetings"])
IdempotencyKey = Annotated[
    Line200 | None,
    Header(description="repeat a commit safely: the same key gets the first answer"),
]
CALENDAR_TYPE = "text/calendar"
CALENDAR: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "an iCalendar feed (RFC 5545), times in Europe/London",
        "content": {CALENDAR_TYPE: {"schema": {"type": "string"}, "example": CALENDAR_EXAMPLE}},
    }
}


def _ics(body: bytes) -> Response:
    return Response(content=body, media_type=f"{CALENDAR_TYPE}; charset=utf-8")


@router.post(
    "/meetings/plans", status_code=status.HTTP_201_CREATED, responses=error_responses(*AUTHED)
)
def create_plan(
    body: MeetingPlanIn, user: Planner, uow: UowDep, settings: SettingsDep, gaz: GazetteerDep
) -> MeetingPlanOut:
    """Plan preparation visits and restorative meetings for every case with a committed pair,
    at the registered venues and prisons, each party at their own address in the case file or
    at the case's location (`party_locations` says which)."""
    return meetings.plan(uow, user, settings, body.as_of, gaz)


@router.get("/meetings/plans", responses=error_responses(*AUTHED))
def list_plans(
    _user: Staff,
    uow: UowDep,
    limit: RecentLimit = 20,
    offset: PageOffset = 0,
) -> list[MeetingPlanSummary]:
    """Meetings plans, newest first."""
    return meetings.recent(uow, limit, offset)


@router.get("/meetings/plans/{plan_id}", responses=error_responses(*AUTHED, 404))
def get_plan(plan_id: EntityId, _user: Staff, uow: UowDep) -> MeetingPlanOut:
    """A plan: every meeting's day, session, place and pair; unplaced ones with rule and reason."""
    return meetings.get(uow, plan_id)


@router.get("/meetings/plans/{plan_id}/bookings", responses=error_responses(*AUTHED, 404))
def get_bookings(plan_id: EntityId, _user: Staff, uow: UowDep) -> dict[str, list[BookingRowOut]]:
    """What to book, per venue (rooms) and per prison (visit sessions), by date and session."""
    return meetings.bookings(uow, plan_id)


@router.post("/meetings/plans/{plan_id}/commit", responses=error_responses(*AUTHED, 404, 409))
def commit_plan(
    plan_id: EntityId,
    user: Planner,
    uow: UowDep,
    gaz: GazetteerDep,
    idempotency_key: IdempotencyKey = None,
) -> MeetingCommitOut:
    """Commit in one transaction; 409 when committed pairs changed since the plan was made."""
    return meeting_commit.commit(uow, user, plan_id, idempotency_key, gaz)


@router.get(
    "/me/calendar.ics",
    response_class=Response,
    responses=CALENDAR | error_responses(*AUTHED),
)
def my_calendar(user: FacilitatorUser, uow: UowDep) -> Response:
    """The logged-in facilitator's own meetings in the latest committed plan; nobody else's."""
    return _ics(meetings.own_calendar(uow, user))


@router.get(
    "/facilitators/{facilitator_id}/calendar.ics",
    response_class=Response,
    responses=CALENDAR | error_responses(*AUTHED, 404),
)
def facilitator_calendar(facilitator_id: EntityId, _user: Staff, uow: UowDep) -> Response:
    """One facilitator's meetings in the latest committed plan, as their calendar feed."""
    return _ics(meetings.calendar_of(uow, facilitator_id))
