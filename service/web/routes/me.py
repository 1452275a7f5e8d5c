"""A facilitator's own page: their cases, their availability and their calendar file; nothing
of anyone else's (the workflow functions take the signed-in principal, never an id from the
request)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response

from service.web.deps import ReaderDep, UowDep, section
from service.web.templating import page
from service.workflow import cases, facilitators, meetings
from service.workflow.auth import Principal

router = APIRouter(prefix="/me")
Facilitator = Annotated[Principal, Depends(section("me"))]


@router.get("", response_class=HTMLResponse)
async def my_work(request: Request, user: Facilitator, reader: ReaderDep, uow: UowDep) -> Response:
    """My current cases, my absences and the link to my calendar."""
    mine = await cases.mine(reader, user)
    me = facilitators.get(uow, user, user.facilitator_id) if user.facilitator_id else None
    return page(request, "pages/me.html", {"cases": mine, "me": me})


@router.get("/calendar.ics")
def my_calendar(user: Facilitator, uow: UowDep) -> Response:
    """My meetings in the latest committed plan, as an iCalendar file to download."""
    return Response(
        meetings.own_calendar(uow, user),
        media_type="text/calendar; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="rjplan-my-meetings.ics"'},
    )
