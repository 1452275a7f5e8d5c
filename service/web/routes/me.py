"""A facilitator's own page: their cases, their meetings, their calendar file and when they
are not available (which they may change); nothing of anyone else's (the workflow functions
take the signed-in principal, never an id from the request)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError

from models import InputError
from models.values import TYPED_AS_TEXT
from service.web.deps import ReaderDep, UowDep, section
from service.web.forms import field_errors, validation_errors
from service.web.templating import PREFIX, page
from service.workflow import (
    cases,
    meeting_week,
    meetings,
    own_record,
    report_files,
    reports,
    survey,
)
from service.workflow.auth import Principal
from service.workflow.schemas.facilitators import WindowIn

router = APIRouter(prefix="/me")
Facilitator = Annotated[Principal, Depends(section("me"))]
REASONS = [
    ("holiday", "Holiday"),
    ("illness", "Illness"),
    ("training", "Training"),
    ("unavailable", "Other"),
]
Day = Annotated[str, Form(max_length=10)]
Period = Annotated[dt.date | None, Query(ge=dt.date(2000, 1, 1), le=dt.date(2100, 12, 31))]


@router.get("", response_class=HTMLResponse)
async def my_work(request: Request, user: Facilitator, reader: ReaderDep, uow: UowDep) -> Response:
    """My current cases, my meetings, the link to my calendar and my absences."""
    return await _my_page(request, user, reader, uow, {})


async def _my_page(
    request: Request,
    user: Principal,
    reader: ReaderDep,
    uow: UowDep,
    context: dict[str, Any],
    status: int = 200,
) -> Response:
    mine = await cases.mine(reader, user)
    me = own_record.mine(uow, user) if user.facilitator_id else None
    found = meeting_week.own_meetings(uow, user) if user.facilitator_id else []
    values: dict[str, Any] = {
        "cases": mine,
        "me": me,
        "meetings": found,
        "survey": survey.mine(uow, user) if user.facilitator_id else None,
        "reasons": REASONS,
        "errors": {},
    }
    values |= {"form": {}, "saved": request.query_params.get("saved") == "true"}
    return page(request, "pages/me.html", values | context, status)


@router.post("/availability", response_class=HTMLResponse)
async def add_absence(
    request: Request,
    user: Facilitator,
    reader: ReaderDep,
    uow: UowDep,
    start: Day = "",
    end: Day = "",
    reason: Annotated[str, Form(max_length=32)] = "unavailable",
) -> Response:
    """Add a time I am not available (from and to, both included)."""
    form = {"start": start, "end": end, "reason": reason}
    try:
        window = WindowIn.model_validate(
            {"start": start or None, "end": end or None, "reason": reason}, context=TYPED_AS_TEXT
        )
        own_record.add_my_absence(uow, user, window)
    except ValidationError as exc:
        errors = validation_errors(exc)
        errors = {("end" if k == "form" else k): v for k, v in errors.items()}
        return await _my_page(request, user, reader, uow, {"errors": errors, "form": form}, 422)
    except InputError as exc:
        uow.session.rollback()
        context = {"errors": field_errors(exc.errors), "form": form}
        return await _my_page(request, user, reader, uow, context, 422)
    return RedirectResponse(f"{PREFIX}/me?saved=true#availability", status_code=303)


@router.post("/availability/remove")
def remove_absence(
    user: Facilitator, uow: UowDep, number: Annotated[int, Form(ge=1, le=1000)]
) -> Response:
    """Remove one of my absences."""
    own_record.remove_my_absence(uow, user, number)
    return RedirectResponse(f"{PREFIX}/me?saved=true#availability", status_code=303)


@router.get("/calendar.ics")
def my_calendar(user: Facilitator, uow: UowDep) -> Response:
    """My meetings in the latest committed plan, as an iCalendar file to download."""
    return Response(
        meetings.own_calendar(uow, user),
        media_type="text/calendar; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="rjplan-my-meetings.ics"'},
    )


@router.get("/hours", response_class=HTMLResponse)
def my_hours(
    request: Request,
    user: Facilitator,
    uow: UowDep,
    start: Annotated[Period, Query(alias="from")] = None,
    end: Annotated[Period, Query(alias="to")] = None,
) -> Response:
    """My hours by month and by case over a period (this April-March year by default)."""
    report = reports.my_hours(uow, user, start, end)
    return page(request, "pages/me_hours.html", {"report": report})


@router.get("/hours/download")
def my_hours_file(
    user: Facilitator,
    uow: UowDep,
    start: Annotated[Period, Query(alias="from")] = None,
    end: Annotated[Period, Query(alias="to")] = None,
    format: Literal["csv", "xlsx"] = "xlsx",
) -> Response:
    """My hours as a CSV or XLSX file."""
    params = reports.Params(start=start, end=end)
    body, filename, media_type = report_files.export(uow, user, "my_hours", params, format)
    return Response(
        body,
        media_type=media_type,
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
