"""Reports (staff): the catalogue, a report as JSON, CSV or XLSX, and the history upload."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Response, UploadFile, status

from models import values
from models.values import EntityId
from service.api.deps import CurrentUser, Staff, UowDep
from service.api.schemas.common import AUTHED, error_responses
from service.errors import InputError
from service.workflow import history, report_files, reports
from service.workflow.csv_import import MAX_BYTES
from service.workflow.schemas.reports import HistoryImportOut, Report, ReportInfo

router = APIRouter(tags=["reports"])

Day = Annotated[values.Day | None, Query()]
FILES: dict[int | str, dict[str, Any]] = {
    200: {
        "content": {
            report_files.MEDIA_TYPES["csv"]: {},
            report_files.MEDIA_TYPES["xlsx"]: {},
        },
        "description": "the report (JSON, or a CSV or XLSX file with format=csv|xlsx)",
    }
}


@router.get("/reports", responses=error_responses(*AUTHED))
def list_reports(user: CurrentUser) -> list[ReportInfo]:
    """The reports this user may run (a facilitator: their own hours) and what each can count
    by."""
    return reports.catalogue(user)


@router.get(
    "/reports/{name}", response_model=Report, responses={**FILES, **error_responses(*AUTHED)}
)
def get_report(
    name: EntityId,
    user: CurrentUser,
    uow: UowDep,
    start: Annotated[Day, Query(alias="from", description="first day received")] = None,
    end: Annotated[Day, Query(alias="to", description="last day received")] = None,
    district: Annotated[values.Name | None, Query()] = None,
    by: Annotated[
        list[values.Line32] | None,
        Query(max_length=2, description="count by one thing, or two crossed (referrals)"),
    ] = None,
    split: Annotated[
        list[values.Line64] | None,
        Query(max_length=6, description="a named period: pilot:2015-04-01:2015-09-30"),
    ] = None,
    format: Literal["json", "csv", "xlsx"] = "json",
    suppress: Annotated[
        bool, Query(description="hide counts under 5 (always in CSV and XLSX)")
    ] = True,
) -> Any:
    """A report over the referrals received from `from` to `to`; CSV and XLSX are files with
    small counts hidden. Staff run the service's reports; a facilitator only `my_hours`, their
    own hours by month and by case (403 for any other)."""
    params = reports.Params(
        start=start,
        end=end,
        district=district or None,
        by=tuple(b[:32] for b in by or ()),
        splits=tuple(reports.split_of(s) for s in split or ()),
    )
    if format == "json":
        report = reports.run(uow, user, name, params)
        return report_files.suppress(report) if suppress else report
    body, filename, media_type = report_files.export(uow, user, name, params, format)
    return Response(
        body,
        media_type=media_type,
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


@router.post(
    "/history/import",
    status_code=status.HTTP_201_CREATED,
    responses=error_responses(*AUTHED, 400),
)
def import_history(file: UploadFile, user: Staff, uow: UowDep) -> HistoryImportOut:
    """Load a history file (CSV or XLSX) of past referrals as closed cases: all rows or none,
    every bad row listed (README: History import). (A plain function: run in the thread pool,
    never on the event loop.)"""
    data = file.file.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise InputError.single("upload", "/body/file", f"over {MAX_BYTES} bytes; split the file")
    return history.import_history(uow, user, data, file.filename or "history.csv")
