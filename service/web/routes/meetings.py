"""Meetings: the plans, one plan's week by place and by facilitator, planning, committing, and
each place's or facilitator's calendar file (.ics) of a plan."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from service.errors import ConflictError
from service.web.deps import GazetteerDep, SettingsDep, UowDep, section
from service.web.paths import EntityId
from service.web.templating import PREFIX, page
from service.workflow import meeting_commit, meeting_week, meetings
from service.workflow.auth import PLANNERS, Principal

router = APIRouter(prefix="/meetings")
Staff = Annotated[Principal, Depends(section("meetings"))]
PLANS_SHOWN = 20
CALENDAR_NAME = r"^[A-Za-z0-9_.-]{1,120}\.ics$"


async def _planner(user: Staff) -> Principal:
    user.require(PLANNERS, "planning and committing meetings")
    return user


Planner = Annotated[Principal, Depends(_planner)]


@router.get("", response_class=HTMLResponse)
def plans(request: Request, user: Staff, uow: UowDep) -> Response:
    """The plans, newest first, and the button to plan the meetings of the committed pairs."""
    found = meetings.recent(uow, PLANS_SHOWN, 0)
    return page(request, "pages/meetings.html", {"plans": found})


@router.post("/plans")
def plan(user: Planner, uow: UowDep, settings: SettingsDep, gaz: GazetteerDep) -> Response:
    """Plan every committed case's meetings (a few seconds), then show the plan."""
    made = meetings.plan(uow, user, settings, None, gaz)
    return RedirectResponse(f"{PREFIX}/meetings/plans/{made.id}", status_code=303)


@router.get("/plans/{plan_id}", response_class=HTMLResponse)
def plan_page(
    request: Request,
    plan_id: EntityId,
    user: Staff,
    uow: UowDep,
    week: Annotated[dt.date | None, Query(ge=dt.date(2000, 1, 1), le=dt.date(2100, 1, 1))] = None,
    by: Annotated[Literal["place", "facilitator"], Query()] = "place",
    committed: bool = False,
) -> Response:
    """One week of a plan, by place or by facilitator, with the meetings it could not place."""
    return _plan_page(request, uow, plan_id, week, by, {"committed": committed})


def _plan_page(
    request: Request,
    uow: UowDep,
    plan_id: EntityId,
    week: dt.date | None,
    by: str,
    extra: Mapping[str, object],
    status: int = 200,
) -> Response:
    shown = meeting_week.week(uow, plan_id, week)
    context: dict[str, object] = {"plan": shown, "by": by, "conflict": None, **extra}
    return page(request, "pages/meetings_plan.html", context, status)


@router.post("/plans/{plan_id}/commit", response_class=HTMLResponse)
def commit(
    request: Request, plan_id: EntityId, user: Planner, uow: UowDep, gaz: GazetteerDep
) -> Response:
    """Commit the plan; when the committed pairs changed since, say so on the plan's page."""
    try:
        meeting_commit.commit(uow, user, plan_id, None, gaz)
    except ConflictError as exc:
        uow.session.rollback()
        extra = {"conflict": exc.message}
        return _plan_page(request, uow, plan_id, None, "place", extra, status=409)
    return RedirectResponse(f"{PREFIX}/meetings/plans/{plan_id}?committed=true", status_code=303)


@router.get("/plans/{plan_id}/calendars/{name}")
def plan_calendar(
    plan_id: EntityId,
    name: Annotated[str, Path(pattern=CALENDAR_NAME)],
    _user: Staff,
    uow: UowDep,
) -> Response:
    """One place's or facilitator's meetings in this plan, as an iCalendar file to download."""
    body = meeting_week.plan_calendar(uow, plan_id, name)
    return Response(
        body,
        media_type="text/calendar; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="rjplan-{name}"'},
    )
