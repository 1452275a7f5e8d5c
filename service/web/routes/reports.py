"""Reports: the manager's dashboard (headline figures, charts with their tables, filters for
the period and district, downloads) and the printable annual review."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Form, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from models import InputError
from service.web.deps import UowDep, overseeing, section
from service.web.templating import PREFIX, page
from service.workflow import annual_review as review
from service.workflow import history, report_files, reports
from service.workflow.auth import Principal
from service.workflow.csv_import import MAX_BYTES
from service.workflow.dashboard import dashboard
from service.workflow.schemas.reports import BadCell

router = APIRouter(prefix="/reports")
Staff = Annotated[Principal, Depends(section("reports"))]
Overseer = Annotated[Principal, Depends(overseeing("reports"))]
Day = Annotated[dt.date | None, Query(ge=dt.date(2000, 1, 1), le=dt.date(2100, 12, 31))]
District = Annotated[str | None, Query(max_length=64)]
DOWNLOADS = (("referrals", "Referrals by referrer"), ("funnel", "Funnel"),
             ("outcomes", "Case outcomes"), ("feedback", "Feedback"),
             ("timeliness", "Timeliness"))  # fmt: skip


@router.get("", response_class=HTMLResponse)
def dashboard_page(
    request: Request,
    user: Staff,
    uow: UowDep,
    start: Annotated[Day, Query(alias="from")] = None,
    end: Annotated[Day, Query(alias="to")] = None,
    district: District = None,
) -> Response:
    """The dashboard for a period (this April-March year by default) and a district."""
    board = dashboard(uow, user, start, end, district)
    options = [("", "All districts"), *((d, d) for d in board.districts)]
    context = {"board": board, "downloads": DOWNLOADS, "district_options": options}
    return page(request, "pages/dashboard.html", context)


@router.get("/annual", response_class=HTMLResponse)
def annual_review(
    request: Request,
    user: Staff,
    uow: UowDep,
    start: Annotated[Day, Query(alias="from")] = None,
    end: Annotated[Day, Query(alias="to")] = None,
) -> Response:
    """The year's review laid out for printing: the aims, key figures, each table and the
    chosen quotes."""
    board = dashboard(uow, user, start, end, None)
    said = review.words(uow, user, review.year_of(board.start))
    context = {"board": board, "words": said, "can_write": user.role in review.WRITERS}
    return page(request, "pages/annual_review.html", context)


@router.get("/annual/edit", response_class=HTMLResponse)
def annual_review_edit(
    request: Request,
    user: Overseer,
    uow: UowDep,
    year: Annotated[int | None, Query(ge=2000, le=2099)] = None,
    saved: Annotated[str | None, Query(max_length=16)] = None,
) -> Response:
    """The manager's forms for the year's review: the aims, and the feedback comments of the
    year to quote (names taken out)."""
    chosen = year or review.year_of(uow.clock.today())
    return _edit_page(request, uow, user, chosen, saved=saved)


@router.post("/annual/aims", response_class=HTMLResponse)
def annual_review_aims(
    request: Request,
    user: Overseer,
    uow: UowDep,
    year: Annotated[int, Form(ge=2000, le=2099)],
    aims: Annotated[str, Form(max_length=4000)] = "",
) -> Response:
    """Write the year's aims."""
    try:
        review.set_aims(uow, user, year, aims)
    except InputError as exc:
        uow.session.rollback()
        errors = {"aims": exc.errors[0].message}
        return _edit_page(request, uow, user, year, errors=errors, aims=aims, status=422)
    return _edited(year, "aims")


@router.post("/annual/quotes", response_class=HTMLResponse)
def annual_review_quote(
    request: Request,
    user: Overseer,
    uow: UowDep,
    year: Annotated[int, Form(ge=2000, le=2099)],
    source: Annotated[str, Form(max_length=16)],
    source_id: Annotated[int, Form(ge=1)],
    text: Annotated[str, Form(max_length=4000)] = "",
) -> Response:
    """Quote a comment in the year's review (as edited)."""
    try:
        review.choose(uow, user, year, source, source_id, text)
    except InputError as exc:
        uow.session.rollback()
        errors = {f"text-{source}-{source_id}": exc.errors[0].message}
        return _edit_page(request, uow, user, year, errors=errors, status=422)
    return _edited(year, "quote")


@router.post("/annual/quotes/remove", response_class=HTMLResponse)
def annual_review_unquote(
    user: Overseer,
    uow: UowDep,
    year: Annotated[int, Form(ge=2000, le=2099)],
    quote: Annotated[int, Form(ge=1)],
) -> Response:
    """Take a quote out of the year's review."""
    review.unquote(uow, user, year, quote)
    return _edited(year, "removed")


def _edited(year: int, what: str) -> Response:
    return RedirectResponse(
        f"{PREFIX}/reports/annual/edit?year={year}&saved={what}", status_code=303
    )


def _edit_page(
    request: Request,
    uow: UowDep,
    user: Principal,
    year: int,
    *,
    saved: str | None = None,
    errors: dict[str, str] | None = None,
    aims: str | None = None,
    status: int = 200,
) -> Response:
    said = review.words(uow, user, year)
    context = {
        "year": year,
        "words": said,
        "aims": said.aims or "" if aims is None else aims,
        "candidates": review.candidates(uow, user, year),
        "saved": saved,
        "errors": errors or {},
    }
    return page(request, "pages/annual_review_edit.html", context, status)


@router.get("/download/{name}")
def download(
    name: str,
    user: Staff,
    uow: UowDep,
    start: Annotated[Day, Query(alias="from")] = None,
    end: Annotated[Day, Query(alias="to")] = None,
    district: District = None,
    format: Literal["csv", "xlsx"] = "xlsx",
) -> Response:
    """A report as a CSV or XLSX file, counts under 5 hidden."""
    params = reports.Params(start=start, end=end, district=district or None)
    body, filename, media_type = report_files.export(uow, user, name, params, format)
    return Response(
        body,
        media_type=media_type,
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


@router.get("/history", response_class=HTMLResponse)
def history_form(
    request: Request,
    user: Overseer,
    uow: UowDep,
    imported: Annotated[int | None, Query(ge=1)] = None,
) -> Response:
    """Upload a history file of past referrals (CSV or XLSX); the files loaded so far."""
    return _history_page(request, uow, user, imported=imported)


@router.post("/history", response_class=HTMLResponse)
def history_upload(
    request: Request, user: Overseer, uow: UowDep, file: UploadFile | None = None
) -> Response:
    """Load the file: every row, or none and every bad row listed. (A plain function: run in
    the thread pool, never on the event loop.)"""
    name = (file.filename or "") if file is not None else ""
    data = file.file.read(MAX_BYTES + 1) if file is not None and name else b""
    try:
        if not data:
            raise InputError.single("upload", "/file", "choose a .csv or .xlsx file to upload")
        if len(data) > MAX_BYTES:
            raise InputError.single("upload", "/file", f"over {MAX_BYTES} bytes; split the file")
        done = history.import_history(uow, user, data, name)
    except InputError as exc:
        uow.session.rollback()
        bad = history.bad_cells(exc.errors)
        return _history_page(request, uow, user, bad=bad, name=name, status=422)
    return RedirectResponse(f"{PREFIX}/reports/history?imported={done.import_id}", status_code=303)


def _summary(bad: list[BadCell]) -> dict[str, str]:
    if not bad:
        return {}
    if len(bad) == 1 and bad[0].line is None:
        return {"file": f"{bad[0].problem}. Nothing was imported"}
    return {"file": f"The file has {len(bad)} problems, listed below. Nothing was imported"}


def _history_page(
    request: Request,
    uow: UowDep,
    user: Principal,
    *,
    imported: int | None = None,
    bad: list[BadCell] | None = None,
    name: str = "",
    status: int = 200,
) -> Response:
    done = history.imports(uow, user)
    context = {
        "imports": done,
        "columns": history.COLUMNS,
        "required": history.REQUIRED,
        "bad": bad or [],
        "name": name,
        "errors": _summary(bad or []),
        "just": next((i for i in done if i.import_id == imported), None),
    }
    return page(request, "pages/history_import.html", context, status)
