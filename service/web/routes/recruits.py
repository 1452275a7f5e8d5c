"""Recruitment: the funnel of a cohort (those trained within a period, by default) from
applicant to active, with how many reached each stage, moved on, wait or left, and the days
each stage takes. Recruits and their stages are recorded through the API (POST /recruits)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, Response
from pydantic import TypeAdapter, ValidationError

from models import InputError
from models.values import Day
from models.volunteers import Stage
from service.web.deps import Today, UowDep, section
from service.web.forms import field_errors, validation_errors
from service.web.templating import page
from service.workflow import recruitment
from service.workflow.auth import Principal

router = APIRouter(prefix="/recruits")
Staff = Annotated[Principal, Depends(section("recruits"))]
DEFAULT_DAYS = 730
"""The period shown before one is chosen: the two years up to today."""
FIELDS = {"from": "the first day", "to": "the last day"}
_DAY: TypeAdapter[dt.date] = TypeAdapter(Day)


@router.get("", response_class=HTMLResponse)
def funnel_page(
    request: Request,
    _user: Staff,
    uow: UowDep,
    today: Today,
    first: Annotated[str, Query(alias="from", max_length=32)] = "",
    last: Annotated[str, Query(alias="to", max_length=32)] = "",
) -> Response:
    """The funnel of those trained from `from` to `to` (the last two years when not given)."""
    typed = {
        "from": first.strip() or (today - dt.timedelta(days=DEFAULT_DAYS)).isoformat(),
        "to": last.strip() or today.isoformat(),
    }
    context: dict[str, Any] = {"v": typed, "funnel": None}
    try:
        period = (_day(typed, "from"), _day(typed, "to"))
        context["funnel"] = recruitment.cohort_funnel(uow, Stage.TRAINED, period, today)
    except _BadDayError as exc:
        return page(request, "pages/recruits.html", context | {"errors": exc.errors}, 422)
    except InputError as exc:
        errors = {k.rsplit(".", 1)[-1]: v for k, v in field_errors(exc.errors).items()}
        return page(request, "pages/recruits.html", context | {"errors": errors}, 422)
    return page(request, "pages/recruits.html", context | {"errors": {}})


class _BadDayError(Exception):
    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("bad day")
        self.errors = errors


def _day(typed: dict[str, str], name: str) -> dt.date:
    """The form's day `name`, or a field error naming it and the fix."""
    try:
        return _DAY.validate_python(typed[name])
    except ValidationError as exc:
        message = next(iter(validation_errors(exc).values()), "")
        if "input" in message.lower() or not message:
            message = f"Enter {FIELDS[name]} of the period as a real date, like 2017-04-01"
        else:
            message = f"{FIELDS[name].capitalize()} of the period: {message}"
        raise _BadDayError({name: message}) from exc
