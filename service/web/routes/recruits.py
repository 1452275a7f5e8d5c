"""Recruitment: the funnel of a cohort (those trained within a period, by default) from
applicant to active, with how many reached each stage, moved on, wait or left, and the days
each stage takes; the recruits in the pipeline, and one recruit's page where a coordinator
moves them to their next stage on a day (recruitment.advance). New applicants are recorded
through the API (POST /recruits)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import TypeAdapter, ValidationError

from models import InputError
from models.values import TYPED_AS_TEXT, Day
from models.volunteers import Stage
from service.errors import ConflictError
from service.web import record_forms
from service.web.deps import GazetteerDep, Today, UowDep, section
from service.web.forms import field_errors, validation_errors, values
from service.web.templating import PREFIX, page
from service.workflow import recruitment
from service.workflow.auth import Principal
from service.workflow.schemas.recruitment import StageIn

router = APIRouter(prefix="/recruits")
Staff = Annotated[Principal, Depends(section("recruits"))]
Id = Annotated[str, Path(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.-]+$")]
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
    context: dict[str, Any] = {"v": typed, "funnel": None, "recruits": recruitment.pipeline(uow)}
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


@router.get("/{recruit_id}", response_class=HTMLResponse)
def recruit_page(request: Request, recruit_id: Id, user: Staff, uow: UowDep) -> Response:
    """One recruit: their stages so far and the form that moves them to the next."""
    saved = request.query_params.get("saved") == "1"
    return _recruit(request, user, uow, recruit_id, saved=saved)


@router.post("/{recruit_id}/stage", response_class=HTMLResponse)
async def next_stage(
    request: Request, recruit_id: Id, user: Staff, uow: UowDep, gaz: GazetteerDep
) -> Response:
    """Move the recruit to the stage chosen, on the day given (recruitment.advance)."""
    typed = values(await request.form())
    try:
        data = StageIn.model_validate(record_forms.body("stage", typed), context=TYPED_AS_TEXT)
        recruitment.advance(uow, user, recruit_id, data, gaz)
    except ValidationError as exc:
        errors = record_forms.worded("stage", validation_errors(exc))
        return _recruit(request, user, uow, recruit_id, typed, errors, 422)
    except (InputError, ConflictError) as exc:
        errors = record_forms.worded("stage", field_errors(exc.errors))
        return _recruit(request, user, uow, recruit_id, typed, errors, 422)
    return RedirectResponse(f"{PREFIX}/recruits/{recruit_id}?saved=1", 303)


def _recruit(
    request: Request,
    user: Principal,
    uow: UowDep,
    rid: str,
    typed: dict[str, str] | None = None,
    errors: dict[str, str] | None = None,
    status: int = 200,
    saved: bool = False,
) -> Response:
    context = {
        "recruit": recruitment.get(uow, user, rid),
        "v": typed or {},
        "errors": errors or {},
        "saved": saved,
    }
    return page(request, "pages/recruit.html", context, status)
