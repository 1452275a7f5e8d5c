"""A facilitator's own volunteer record (training, checks, supervision, CPD, hours, expense
claims) with the forms to log hours and claim expenses, and the anonymous volunteer survey.
Always the signed-in facilitator's own: the workflow takes the principal, never an id from
the request."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError

from models import InputError
from models.values import TYPED_AS_TEXT
from service.web.deps import ReaderDep, UowDep, section
from service.web.forms import field_errors, validation_errors, values
from service.web.templating import PREFIX, page
from service.workflow import cases, my_record, survey
from service.workflow.auth import Principal
from service.workflow.schemas.hours import Activity, ExpenseIn, HoursIn
from service.workflow.schemas.survey import Answer, SurveyAnswersIn

router = APIRouter(prefix="/me")
Facilitator = Annotated[Principal, Depends(section("me"))]
ACTIVITIES = [(a.value, a.value.capitalize()) for a in Activity]
ANSWERS = [
    (Answer.AGREE.value, "Agree"),
    (Answer.NEITHER.value, "Neither agree nor disagree"),
    (Answer.DISAGREE.value, "Disagree"),
]
HOURS_FIELDS = ("worked_on", "hours", "activity", "case")
CLAIM_FIELDS = ("incurred_on", "kind", "miles", "amount", "description", "claim_case")
MISSING = {
    "worked_on": "Enter the day you worked",
    "hours": "Enter the hours you worked",
    "incurred_on": "Enter the date of the expense",
    "kind": "Choose mileage or another cost",
}
"""What the forms say of a field left empty (the models' own words name no field)."""
SAVED = {
    "hours": "Your hours are logged.",
    "claim": "Your claim is submitted. Staff will approve it, then pay it.",
}


@router.get("/record", response_class=HTMLResponse)
async def my_record_page(
    request: Request, user: Facilitator, reader: ReaderDep, uow: UowDep
) -> Response:
    """My training, checks, supervision, CPD, hours and expense claims, and their forms."""
    return await _record_page(request, user, reader, uow, {})


async def _record_page(
    request: Request,
    user: Principal,
    reader: ReaderDep,
    uow: UowDep,
    context: dict[str, Any],
    status: int = 200,
) -> Response:
    mine = my_record.mine(uow, user)
    current = [c.id for c in await cases.mine(reader, user)]
    past = [t.key for t in mine.year_by_case if t.key not in current]
    values_: dict[str, Any] = {
        "m": mine,
        "r": mine.record,
        "case_choices": [("", "None")] + [(c, c) for c in current + past],
        "activities": ACTIVITIES,
        "errors": {},
        "hours_form": {},
        "claim_form": {},
        "saved": SAVED.get(request.query_params.get("saved", "")),
    }
    return page(request, "pages/my_record.html", values_ | context, status)


@router.post("/record/hours", response_class=HTMLResponse)
async def log_hours(
    request: Request, user: Facilitator, reader: ReaderDep, uow: UowDep
) -> Response:
    """Log hours I worked on a day."""
    typed = values(await request.form(), HOURS_FIELDS)
    try:
        body = HoursIn.model_validate({k: v for k, v in typed.items() if v}, context=TYPED_AS_TEXT)
        my_record.log_my_hours(uow, user, body)
    except ValidationError as exc:
        context = {"errors": _worded(validation_errors(exc)), "hours_form": typed}
        return await _record_page(request, user, reader, uow, context, 422)
    except InputError as exc:
        uow.session.rollback()
        context = {"errors": field_errors(exc.errors), "hours_form": typed}
        return await _record_page(request, user, reader, uow, context, 422)
    return RedirectResponse(f"{PREFIX}/me/record?saved=hours#hours", status_code=303)


@router.post("/record/expenses", response_class=HTMLResponse)
async def claim_expense(
    request: Request, user: Facilitator, reader: ReaderDep, uow: UowDep
) -> Response:
    """Submit an expense claim: mileage (priced at the rate now) or another cost in pounds."""
    typed = values(await request.form(), CLAIM_FIELDS)
    try:
        fields = typed | {"case": typed.get("claim_case", "")}
        body = ExpenseIn.model_validate(my_record.claim_fields(fields), context=TYPED_AS_TEXT)
        my_record.claim(uow, user, body)
    except ValidationError as exc:
        errors = _worded({_claim_field(k): v for k, v in validation_errors(exc).items()})
        context = {"errors": errors, "claim_form": typed}
        return await _record_page(request, user, reader, uow, context, 422)
    except InputError as exc:
        uow.session.rollback()
        errors = {_claim_field(k): v for k, v in field_errors(exc.errors).items()}
        context = {"errors": errors, "claim_form": typed}
        return await _record_page(request, user, reader, uow, context, 422)
    return RedirectResponse(f"{PREFIX}/me/record?saved=claim#expenses", status_code=303)


def _worded(errors: dict[str, str]) -> dict[str, str]:
    """The errors, an empty field's said in words that name it."""
    return {k: MISSING[k] if k in MISSING and "missing" in v else v for k, v in errors.items()}


def _claim_field(name: str) -> str:
    """The claim form's field for a claim body's field (the amount is typed in pounds)."""
    return {"amount_pence": "amount", "case": "claim_case", "form": "kind"}.get(name, name)


@router.get("/survey", response_class=HTMLResponse)
def survey_page(request: Request, user: Facilitator, uow: UowDep) -> Response:
    """The anonymous survey's open round, to answer once."""
    return _survey_page(request, user, uow, {})


def _survey_page(
    request: Request, user: Principal, uow: UowDep, context: dict[str, Any], status: int = 200
) -> Response:
    values_ = {"s": survey.mine(uow, user), "answers": ANSWERS, "errors": {}, "form": {}}
    values_["thanks"] = request.query_params.get("answered") == "true"
    return page(request, "pages/my_survey.html", values_ | context, status)


@router.post("/survey", response_class=HTMLResponse)
async def answer_survey(request: Request, user: Facilitator, uow: UowDep) -> Response:
    """Answer the open round (each answer is only counted; nothing links it to me)."""
    typed = values(await request.form())
    given = {k.removeprefix("answers."): v for k, v in typed.items() if k.startswith("answers.")}
    try:
        body = SurveyAnswersIn.model_validate({"answers": given}, context=TYPED_AS_TEXT)
        survey.answer(uow, user, body)
    except ValidationError as exc:
        context = {"errors": validation_errors(exc), "form": typed}
        return _survey_page(request, user, uow, context, 422)
    except InputError as exc:
        uow.session.rollback()
        context = {"errors": field_errors(exc.errors), "form": typed}
        return _survey_page(request, user, uow, context, 422)
    return RedirectResponse(f"{PREFIX}/me/survey?answered=true", status_code=303)
