"""Facilitators: the table (skills, training, vetting with its warning, hours committed), one
facilitator with their availability editor, and "unavailable from … to …", which records the
absence and opens the minimal re-plan (the API's POST /replans) to accept."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError

from models import InputError
from models.values import TYPED_AS_TEXT
from service.web import record_forms
from service.web.deps import SettingsDep, Today, UowDep, planning, section
from service.web.forms import field_errors, validation_errors, values
from service.web.paths import EntityId
from service.web.templating import PREFIX, page
from service.workflow import facilitator_board, facilitators, proposals, volunteer_record
from service.workflow.auth import PLANNERS, Principal
from service.workflow.schemas.facilitators import WindowIn
from service.workflow.schemas.proposals import ReplanIn, ReplanReason
from service.workflow.schemas.volunteers import CheckIn, SupervisionIn, TrainingIn

router = APIRouter(prefix="/facilitators")
Staff = Annotated[Principal, Depends(section("facilitators"))]
Planner = Annotated[Principal, Depends(planning("facilitators"))]
Id = EntityId  # service.web.paths: bounded as the API's ids
MAX_WINDOWS = 100
NOTICE_COLOURS = ("red", "orange", "yellow")
"""The tag colour of each of the volunteer policy's notices, the tightest first."""


@router.get("", response_class=HTMLResponse)
def facilitator_list(request: Request, user: Staff, uow: UowDep, today: Today) -> Response:
    """Every facilitator: skills, training, vetting and its warning, hours committed."""
    rows = facilitator_board.rows(uow, user, today)
    return page(request, "pages/facilitators.html", {"rows": rows, "colours": NOTICE_COLOURS})


@router.get("/{facilitator_id}", response_class=HTMLResponse)
def facilitator_page(
    request: Request, facilitator_id: Id, user: Staff, uow: UowDep, today: Today
) -> Response:
    """One facilitator, their absences to edit, and the re-plan form."""
    return _page(request, user, uow, facilitator_id, today)


@router.get("/{facilitator_id}/record", response_class=HTMLResponse)
def record_page(request: Request, facilitator_id: Id, user: Staff, uow: UowDep) -> Response:
    """The volunteer's record today: derived skills and level, training, checks and when they
    lapse, supervision, CPD against the level's requirement, commitment and leaving; with the
    forms that add a training event, a check and a supervision."""
    saved = record_forms.SAVED.get(request.query_params.get("saved", ""))
    return _record(request, user, uow, facilitator_id, saved=saved)


@router.post("/{facilitator_id}/record/training", response_class=HTMLResponse)
async def add_training(request: Request, facilitator_id: Id, user: Staff, uow: UowDep) -> Response:
    """Add a completed course (volunteer_record.record_training)."""

    def save(body: dict[str, Any]) -> None:
        volunteer_record.record_training(
            uow, user, facilitator_id, TrainingIn.model_validate(body, context=TYPED_AS_TEXT)
        )

    return await _recorded(request, user, uow, facilitator_id, "training", save)


@router.post("/{facilitator_id}/record/check", response_class=HTMLResponse)
async def add_check(request: Request, facilitator_id: Id, user: Staff, uow: UowDep) -> Response:
    """Record a force vetting, NSV or prison clearance (volunteer_record.record_check)."""

    def save(body: dict[str, Any]) -> None:
        volunteer_record.record_check(
            uow, user, facilitator_id, CheckIn.model_validate(body, context=TYPED_AS_TEXT)
        )

    return await _recorded(request, user, uow, facilitator_id, "check", save)


@router.post("/{facilitator_id}/record/supervision", response_class=HTMLResponse)
async def add_supervision(
    request: Request, facilitator_id: Id, user: Staff, uow: UowDep
) -> Response:
    """Record a supervision held (volunteer_record.record_supervision)."""

    def save(body: dict[str, Any]) -> None:
        data = SupervisionIn.model_validate(body, context=TYPED_AS_TEXT)
        volunteer_record.record_supervision(uow, user, facilitator_id, data)

    return await _recorded(request, user, uow, facilitator_id, "supervision", save)


async def _recorded(
    request: Request,
    user: Principal,
    uow: UowDep,
    fid: str,
    form: str,
    save: Callable[[dict[str, Any]], None],
) -> Response:
    """Save one record form; its errors, worded, on the record page (422), else back to it."""
    typed = values(await request.form())
    try:
        save(record_forms.body(form, typed))
    except ValidationError as exc:
        errors = record_forms.worded(form, validation_errors(exc))
        return _record(request, user, uow, fid, typed, errors, 422)
    except InputError as exc:
        errors = record_forms.worded(form, field_errors(exc.errors))
        return _record(request, user, uow, fid, typed, errors, 422)
    return RedirectResponse(f"{PREFIX}/facilitators/{fid}/record?saved={form}", 303)


def _record(
    request: Request,
    user: Principal,
    uow: UowDep,
    fid: str,
    typed: dict[str, str] | None = None,
    errors: dict[str, str] | None = None,
    status: int = 200,
    saved: str | None = None,
) -> Response:
    context = {
        "r": volunteer_record.record(uow, user, fid),
        "v": typed or {},
        "errors": errors or {},
        "saved": saved,
        "choices": record_forms,
    }
    return page(request, "pages/facilitator_record.html", context, status)


@router.post("/{facilitator_id}/availability", response_class=HTMLResponse)
async def save_availability(
    request: Request, facilitator_id: Id, user: Planner, uow: UowDep, today: Today
) -> Response:
    """Replace the facilitator's absences with the edited list (rows ticked "remove" and
    empty rows left out)."""
    typed = values(await request.form())
    try:
        windows = _windows(typed)
    except _BadWindowsError as exc:
        return _page(request, user, uow, facilitator_id, today, errors=exc.errors, status=422)
    facilitators.set_availability(uow, user, facilitator_id, windows)
    return RedirectResponse(f"{PREFIX}/facilitators/{facilitator_id}?saved=1", 303)


@router.post("/{facilitator_id}/unavailable", response_class=HTMLResponse)
async def mark_unavailable(
    request: Request,
    facilitator_id: Id,
    user: Planner,
    uow: UowDep,
    settings: SettingsDep,
    today: Today,
) -> Response:
    """Record the absence and propose the fewest moves: the re-plan's page, to accept."""
    typed = values(await request.form(), ("from_date", "until"))
    body: dict[str, Any] = {
        "facilitator": facilitator_id,
        "reason": "unavailable",
        "from_date": typed.get("from_date") or None,
        "until": typed.get("until") or None,
    }
    try:
        replan = ReplanIn.model_validate(body, context=TYPED_AS_TEXT)
        made = proposals.start_replan(uow, user, settings, replan)
    except ValidationError as exc:
        errors = _replan_worded(validation_errors(exc))
        return _page(request, user, uow, facilitator_id, today, typed, errors, 422)
    except InputError as exc:
        errors = field_errors(exc.errors)
        return _page(request, user, uow, facilitator_id, today, typed, errors, 422)
    return RedirectResponse(f"{PREFIX}/board/proposals/{made.id}", 303)


@router.post("/{facilitator_id}/vetting-lapsed", response_class=HTMLResponse)
def vetting_lapsed(
    facilitator_id: Id, user: Planner, uow: UowDep, settings: SettingsDep, today: Today
) -> Response:
    """Their vetting lapses (or has lapsed): record it from today or its expiry, whichever is
    later, and propose moving their cases (the re-plan's page, to accept)."""
    expires = facilitator_board.one(uow, user, facilitator_id, today).vetting.expires
    body = ReplanIn(
        facilitator=facilitator_id,
        reason=ReplanReason.VETTING_LAPSED,
        from_date=max(expires, today),
    )
    made = proposals.start_replan(uow, user, settings, body)
    return RedirectResponse(f"{PREFIX}/board/proposals/{made.id}", 303)


def _page(
    request: Request,
    user: Principal,
    uow: UowDep,
    fid: str,
    today: dt.date,
    typed: dict[str, str] | None = None,
    errors: dict[str, str] | None = None,
    status: int = 200,
) -> Response:
    row = facilitator_board.one(uow, user, fid, today)
    context = {
        "row": row,
        "f": row.facilitator,
        "colours": NOTICE_COLOURS,
        "v": typed or {},
        "errors": errors or {},
        "planner": user.role in PLANNERS,
        "saved": request.query_params.get("saved") == "1",
        "today": today,
    }
    return page(request, "pages/facilitator.html", context, status)


class _BadWindowsError(Exception):
    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("bad windows")
        self.errors = errors


def _windows(typed: dict[str, str]) -> list[WindowIn]:
    """The edited absences: rows `w-N-start`, `w-N-end`, `w-N-reason`, `w-N-remove`."""
    out: list[WindowIn] = []
    errors: dict[str, str] = {}
    for n in range(MAX_WINDOWS + 1):
        start, end = typed.get(f"w-{n}-start", ""), typed.get(f"w-{n}-end", "")
        if typed.get(f"w-{n}-remove") or not (start or end):
            continue
        reason = typed.get(f"w-{n}-reason") or "unavailable"
        try:
            out.append(
                WindowIn.model_validate(
                    {"start": start, "end": end, "reason": reason}, context=TYPED_AS_TEXT
                )
            )
        except ValidationError as exc:
            for name, message in validation_errors(exc).items():
                field = f"w-{n}-{name}" if name in ("start", "end", "reason") else f"w-{n}-end"
                errors.setdefault(field, f"Absence {n + 1}: {_plain(message)}")
    if errors:
        raise _BadWindowsError(errors)
    return out


def _plain(message: str) -> str:
    if "date" in message.lower() and "input" in message.lower():
        return "enter a real date"
    return message


def _replan_worded(errors: dict[str, str]) -> dict[str, str]:
    out = {}
    for name, message in errors.items():
        if name == "from_date":
            out[name] = "Enter the first day they are unavailable"
        elif name in ("", "form", "until"):
            out["until"] = "The last day must be the same as or after the first day"
        else:
            out[name] = message
    return out
