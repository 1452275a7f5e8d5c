"""Reports: the manager's dashboard (headline figures, charts with their tables, filters for
the period and district, downloads) and the printable annual review."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, Response

from service.web.deps import UowDep, section
from service.web.templating import page
from service.workflow import report_files, reports
from service.workflow.auth import Principal
from service.workflow.dashboard import dashboard

router = APIRouter(prefix="/reports")
Staff = Annotated[Principal, Depends(section("reports"))]
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
    """The year's review laid out for printing: key figures, then each table."""
    board = dashboard(uow, user, start, end, None)
    return page(request, "pages/annual_review.html", {"board": board})


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
