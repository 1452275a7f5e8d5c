"""A report as a file that leaves the service: small cells hidden, then CSV or XLSX (openpyxl:
a header row, frozen panes, number formats; one sheet per table and one of its terms)."""

from __future__ import annotations

import csv
import io
from typing import Literal

from service.store.uow import UnitOfWork
from service.workflow import reports
from service.workflow.auth import Principal
from service.workflow.schemas.reports import Cell, Headline, Report, ReportColumn, ReportTable

SMALL = 5
"""Counts from 1 to SMALL - 1 are hidden in exports (zero says nothing about anyone)."""
HIDDEN = "[c]"
HIDDEN_MEANS = f"[c]: fewer than {SMALL}, hidden so no one can be recognised."
Format = Literal["json", "csv", "xlsx"]
FORMATS: dict[str, Format] = {"json": "json", "csv": "csv", "xlsx": "xlsx"}
MEDIA_TYPES: dict[str, str] = {
    "json": "application/json",
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def small(value: Cell) -> bool:
    """A count that could point at a person: more than none, fewer than SMALL."""
    return isinstance(value, int) and 0 < value < SMALL


def _row(columns: list[ReportColumn], row: list[Cell]) -> list[Cell]:
    hide = {c.key for c, v in zip(columns, row, strict=True) if c.kind == "count" and small(v)}
    return [
        HIDDEN if c.key in hide or (c.of is not None and c.of in hide) else v
        for c, v in zip(columns, row, strict=True)
    ]


def _table(table: ReportTable) -> ReportTable:
    return table.model_copy(
        update={
            "rows": [_row(table.columns, row) for row in table.rows],
            "totals": _row(table.columns, table.totals) if table.totals else None,
        }
    )


def _headline(headline: Headline) -> Headline:
    if headline.kind == "count" and small(headline.value):
        return headline.model_copy(update={"value": None})
    return headline


def suppress(report: Report) -> Report:
    """The report with every small count hidden, and any share of one (primary suppression: a
    hidden cell can sometimes be worked out from its row's total)."""
    return report.model_copy(
        update={
            "tables": [_table(t) for t in report.tables],
            "headlines": [_headline(h) for h in report.headlines],
            "suppressed": True,
        }
    )


def period_text(report: Report) -> str:
    start = report.start.isoformat() if report.start else "the first record"
    end = report.end.isoformat() if report.end else "the last record"
    where = f", {report.district}" if report.district else ""
    return f"{start} to {end}{where}"


def to_csv(report: Report) -> str:
    """One table: a plain CSV with its header. Several: each under its title, a blank line
    between them."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    many = len(report.tables) > 1
    for i, table in enumerate(report.tables):
        if many:
            if i:
                writer.writerow([])
            writer.writerow([table.title])
        writer.writerow([c.label for c in table.columns])
        writer.writerows(table.rows)
        if table.totals:
            writer.writerow(table.totals)
    return out.getvalue()


NUMBER_FORMATS = {"count": "#,##0", "percent": "0.0%", "days": "0.0", "hours": "#,##0.0"}
NUMBER_FORMATS["ratio"] = "0.000"


def to_xlsx(report: Report) -> bytes:
    """A workbook: a sheet per table (header row, frozen below it, numbers formatted) and an
    About sheet (the report, its period, headline figures and definitions)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    first = book.active
    if first is not None:
        book.remove(first)
    bold = Font(bold=True)
    for table in report.tables:
        sheet = book.create_sheet(_sheet_name(table.title))
        sheet.append([c.label for c in table.columns])
        for cell in sheet[1]:
            cell.font = bold
        body = [*table.rows, *([table.totals] if table.totals else [])]
        for row in body:
            sheet.append([_excel(c, v) for c, v in zip(table.columns, row, strict=True)])
        for index, column in enumerate(table.columns, start=1):
            letter = get_column_letter(index)
            number_format = NUMBER_FORMATS.get(column.kind)
            if number_format:
                for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                    cell.number_format = number_format
            width = max(len(str(v)) for v in [column.label, *(r[index - 1] for r in body)])
            sheet.column_dimensions[letter].width = min(max(width + 2, 10), 60)
        if table.totals:
            for cell in sheet[sheet.max_row]:
                cell.font = bold
        sheet.freeze_panes = "B2"
    about = book.create_sheet("About")
    about.append(["Item", "Value"])
    for cell in about[1]:
        cell.font = bold
    about.append(["Report", report.title])
    about.append(["Period", period_text(report)])
    for h in report.headlines:
        value = _excel(ReportColumn(key=h.key, label=h.label, kind=h.kind), h.value)
        about.append([h.label, HIDDEN if value is None and report.suppressed else value])
        if h.kind in NUMBER_FORMATS:
            about.cell(about.max_row, 2).number_format = NUMBER_FORMATS[h.kind]
    for d in report.definitions:
        about.append([d.term, d.meaning])
    if report.suppressed:
        about.append(["[c]", HIDDEN_MEANS])
    about.column_dimensions["A"].width = 30
    about.column_dimensions["B"].width = 90
    about.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _excel(column: ReportColumn, value: Cell) -> Cell:
    """A percentage as Excel keeps one (a fraction, shown by its format)."""
    if column.kind == "percent" and isinstance(value, int | float):
        return value / 100
    return value


def _sheet_name(title: str) -> str:
    """A sheet name Excel accepts: at most 31 characters, none of []:*?/\\."""
    cleaned = "".join(" " if c in "[]:*?/\\" else c for c in title)
    return cleaned[:31]


def render(report: Report, fmt: Format, *, hide_small: bool = True) -> bytes:
    """The report as the bytes of a file of that format. Small cells are hidden, always in CSV
    and XLSX (files travel); JSON may keep them for the service's own pages and staff."""
    if fmt == "json":
        shown = suppress(report) if hide_small else report
        return shown.model_dump_json(indent=2).encode()
    if fmt == "csv":
        return to_csv(suppress(report)).encode("utf-8")
    return to_xlsx(suppress(report))


def export(
    uow: UnitOfWork, who: Principal, name: str, params: reports.Params, fmt: Format
) -> tuple[bytes, str, str]:
    """A report as a file that leaves the service: (bytes, file name, media type)."""
    body = render(reports.run(uow, who, name, params), fmt)
    start = params.start.isoformat() if params.start else "all"
    end = params.end.isoformat() if params.end else "all"
    return body, f"{name}-{start}-{end}.{fmt}", MEDIA_TYPES[fmt]
