"""Referrals: the intake form (a coordinator types a referral from a partner's email or call)
with its decision and reasons after it is sent; a referral's page; the CSV import previewed
row by row, with every error, before anything is written."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from models import CaseType, CourtStatus, InputError, Organisation, Route
from rules.referral_reader import parse_referral_fields
from service.errors import ConflictError
from service.web.deps import GazetteerDep, Today, UowDep, planning, section
from service.web.forms import field_errors, values
from service.web.paths import EntityId
from service.web.templating import PREFIX, page
from service.workflow import csv_import, intake, morning, referrals
from service.workflow.auth import PLANNERS, Principal

router = APIRouter(prefix="/referrals")
Staff = Annotated[Principal, Depends(section("referrals"))]
Planner = Annotated[Principal, Depends(planning("referrals"))]
Id = EntityId  # service.web.paths: bounded as the API's ids
PREVIEW_MAX_BYTES = 900_000
"""The largest CSV the pages preview and import (it goes back with the confirmation; a larger
file goes through the API's POST /referrals/import)."""
FORM_ORDER = (
    "id",
    "received",
    "referrer.organisation",
    "route",
    "case_type",
    "offence",
    "court",
    "district",
    "location.outcode",
    "youth.under_18",
    "youth.youth_justice",
    "consent.victim",
    "consent.perpetrator",
    "responsibility_accepted",
    "restorative_element",
    "parties.1.prison",
)
MISSING = {
    "id": "Enter the referrer's reference for this referral",
    "received": "Enter the date the referral was received",
    "referrer.organisation": "Select who referred the case",
    "route": "Select how the referral reached the service",
    "case_type": "Select the kind of harm or conflict",
    "court": "Select where the case stands in court",
    "district": "Select the district",
    "location.outcode": "Enter the postcode district, such as CM1",
    "youth.under_18": "Select whether anyone involved is under 18",
    "youth.youth_justice": "Select whether the youth justice service is involved",
    "consent.victim": "Select whether the person harmed agrees",
    "consent.perpetrator": "Select whether the person responsible agrees",
    "responsibility_accepted": "Select whether the person responsible accepts responsibility",
    "restorative_element": "Select whether there is a restorative element",
}


@router.get("", response_class=HTMLResponse)
def referral_list(request: Request, user: Staff, uow: UowDep, today: Today) -> Response:
    """The referrals of the last days with their decisions, and the ways to add more."""
    context = {
        "referrals": morning.new_referrals(uow, today),
        "new_days": morning.NEW_REFERRAL_DAYS,
        "planner": user.role in PLANNERS,
    }
    return page(request, "pages/referrals.html", context)


@router.get("/new", response_class=HTMLResponse)
def intake_form(request: Request, _user: Planner, uow: UowDep, today: Today) -> Response:
    """The intake form, empty but for today's date."""
    return _form(request, uow, {"received": today.isoformat()}, {})


@router.post("/new", response_class=HTMLResponse)
async def receive(request: Request, user: Planner, uow: UowDep, gaz: GazetteerDep) -> Response:
    """Check the typed referral whole; store and screen it; show its decision. A bad field:
    the form again with every error (422), nothing written."""
    typed = values(await request.form())
    try:
        referral = parse_referral_fields(typed, "referral")
        screened = intake.receive(uow, user, referral, request.app.state.policies, gaz)
    except InputError as exc:
        return _form(request, uow, typed, _worded(field_errors(exc.errors), typed), 422)
    except ConflictError as exc:
        return _form(request, uow, typed, {"id": exc.message}, 422)
    return RedirectResponse(f"{PREFIX}/referrals/{screened.decision.referral}?new=1", 303)


@router.get("/import", response_class=HTMLResponse)
def import_form(request: Request, _user: Planner) -> Response:
    """Upload a CSV of referrals to preview."""
    return page(request, "pages/referrals_import.html", {"errors": {}})


@router.post("/import", response_class=HTMLResponse)
async def import_preview(
    request: Request, _user: Planner, uow: UowDep, file: UploadFile | None = None
) -> Response:
    """Every row read as a referral, and every error, before anything is written."""
    data = await file.read(PREVIEW_MAX_BYTES + 1) if file is not None else b""
    problem = _upload_problem(file, data)
    if problem:
        return page(request, "pages/referrals_import.html", {"errors": {"file": problem}}, 422)
    try:
        text = csv_import.decode(data, "/file")
        preview = intake.preview_csv(uow, text)
    except InputError as exc:
        errors = {"file": "; ".join(f"{e.pointer}: {e.message}" for e in exc.errors)}
        return page(request, "pages/referrals_import.html", {"errors": errors}, 422)
    context = {"preview": preview, "csv": text, "name": file.filename if file else ""}
    return page(request, "pages/referrals_preview.html", context)


@router.post("/import/confirm", response_class=HTMLResponse)
def import_confirm(
    request: Request,
    user: Planner,
    uow: UowDep,
    csv: Annotated[str, Form(max_length=PREVIEW_MAX_BYTES)],
) -> Response:
    """Import the previewed CSV: all rows or none (checked again: the store may have moved)."""
    try:
        done = referrals.import_csv(uow, user, csv)
    except InputError:
        preview = intake.preview_csv(uow, csv)
        return page(request, "pages/referrals_preview.html", {"preview": preview, "csv": csv}, 422)
    return page(request, "pages/referrals_imported.html", {"done": done})


@router.post("/screen", response_class=HTMLResponse)
async def screen_many(request: Request, user: Planner, uow: UowDep, gaz: GazetteerDep) -> Response:
    """Screen the referrals named (those not yet screened) under the policy in force."""
    form = await request.form()
    ids = [str(v)[:64] for v in form.getlist("ids")][: intake.MAX_SCREENED]
    intake.screen_unscreened(uow, user, ids, request.app.state.policies, gaz)
    return RedirectResponse(f"{PREFIX}/board", 303)


@router.get("/{referral_id}", response_class=HTMLResponse)
def referral_page(request: Request, referral_id: Id, user: Staff, uow: UowDep) -> Response:
    """One referral as received, with its decision and the reasons in words."""
    found = referrals.get(uow, referral_id)
    context = {
        "r": found,
        "new": request.query_params.get("new") == "1",
        "planner": user.role in PLANNERS,
    }
    return page(request, "pages/referral.html", context)


@router.post("/{referral_id}/screen")
def screen(
    request: Request, referral_id: Id, user: Planner, uow: UowDep, gaz: GazetteerDep
) -> Response:
    """Screen one referral under the policy in force; its page shows the decision."""
    referrals.screen(uow, user, referral_id, None, request.app.state.policies, gaz)
    return RedirectResponse(f"{PREFIX}/referrals/{referral_id}?new=1", 303)


def _form(
    request: Request, uow: UowDep, typed: dict[str, str], errors: dict[str, str], status: int = 200
) -> Response:
    policies = request.app.state.policies
    context = {
        "v": typed,
        "errors": errors,
        "districts": [(d, d.replace("_", " ")) for d in intake.districts(uow, policies)],
        "organisations": [(o.value, o.value.replace("_", " ").capitalize()) for o in Organisation],
        "routes": [(r.value, r.value.replace("_", " ").capitalize()) for r in Route],
        "case_types": [(c.value, c.value.replace("_", " ").capitalize()) for c in CaseType],
        "courts": [(c.value, c.value.capitalize()) for c in CourtStatus],
    }
    return page(request, "pages/referral_new.html", context, status)


def _worded(errors: dict[str, str], typed: dict[str, str]) -> dict[str, str]:
    """The errors on the form's own fields, in the form's order: an error about a group
    (`consent`, absent whole) goes to each of its empty fields, and an empty field gets a
    person's words for what to do (MISSING)."""
    out: dict[str, str] = {}
    for name, message in errors.items():
        inside = [k for k in MISSING if k.startswith(f"{name}.") and not typed.get(k)]
        for field in inside or [name]:
            empty = field in MISSING and not typed.get(field)
            out.setdefault(field, MISSING[field] if empty else message)
    order = {name: i for i, name in enumerate(FORM_ORDER)}
    return dict(sorted(out.items(), key=lambda item: order.get(item[0], len(order))))


def _upload_problem(file: UploadFile | None, data: bytes) -> str | None:
    if file is None or not file.filename:
        return "Select a CSV file of referrals"
    if not data:
        return "The selected file is empty"
    if len(data) > PREVIEW_MAX_BYTES:
        return f"The file must be smaller than {PREVIEW_MAX_BYTES // 1000} kB; split it"
    return None
