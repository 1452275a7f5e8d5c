"""History import: a service's spreadsheet of past referrals (CSV or XLSX) loaded as closed
cases, so the reports cover the years before rjplan. All rows or none; every bad row listed
with its line and column (README: History import)."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import zipfile
from collections import Counter
from typing import Any

from pydantic import ValidationError

from models import FieldError, InputError
from models.casefile import outcome_problems
from models.decision import DecisionKind
from models.documents import field_errors
from models.values import TYPED_AS_TEXT
from service.store import history
from service.store import tables as t
from service.store.uow import UnitOfWork
from service.workflow.auth import STAFF, Principal
from service.workflow.csv_import import MAX_BYTES, decode, rows
from service.workflow.schemas.reports import (
    BadCell,
    HistoryImportDone,
    HistoryImportOut,
    HistoryRowIn,
)

COLUMNS = tuple(HistoryRowIn.model_fields)
REQUIRED = {"id", "received", "referrer", "district", "decision"}
MAX_ROWS = 50_000
DAYS = ("decided_on", "paired_on", "closed_on")


def read_table(data: bytes, filename: str) -> list[tuple[int, dict[str, str]]]:
    """(line, row) pairs of a CSV or XLSX history file (by its name's ending)."""
    source = filename
    if filename.lower().endswith(".xlsx"):
        return _xlsx_rows(data, source)
    if filename.lower().endswith(".csv"):
        return rows(decode(data, "/file"), REQUIRED, source)
    raise InputError.single(source, "/file", "give a .csv or .xlsx file")


def _xlsx_rows(data: bytes, source: str) -> list[tuple[int, dict[str, str]]]:
    from openpyxl import load_workbook

    if len(data) > MAX_BYTES:
        raise InputError.single(source, "/file", f"the file is over {MAX_BYTES} bytes; split it")
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        raise InputError.single(
            source, "/file", "not an Excel workbook (.xlsx); save it as .xlsx or CSV"
        ) from None
    sheet = book.worksheets[0]
    lines = sheet.iter_rows(values_only=True)
    header = [_cell(v) for v in next(lines, ())]
    missing = sorted(REQUIRED - set(header))
    if missing:
        msg = f"missing column(s) {', '.join(missing)}; the first row is {header}"
        raise InputError.single(source, "/header", msg)
    out: list[tuple[int, dict[str, str]]] = []
    for number, values in enumerate(lines, start=2):
        if number > MAX_ROWS + 1:
            raise InputError.single(source, "/rows", f"over {MAX_ROWS} rows; split the file")
        row = {h: _cell(v) for h, v in zip(header, values, strict=False) if h}
        if any(row.values()):
            out.append((number, row))
    book.close()
    if not out:
        raise InputError.single(source, "/rows", "the file has a header but no rows")
    return out


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def row_problems(row: HistoryRowIn) -> list[tuple[str, str]]:
    """(column, fix) for each part of a past referral that does not fit the rest of it."""
    problems: list[tuple[str, str]] = []
    for name in DAYS:
        day = getattr(row, name)
        if day is not None and day < row.received:
            problems.append((name, f"{day} is before received {row.received}; fix either"))
    accepted = row.decision is DecisionKind.ACCEPT
    if row.outcome is not None and not accepted:
        problems.append(("outcome", f"only an accepted referral has one; not {row.decision}"))
    if row.paired_on is not None and not accepted:
        problems.append(("paired_on", f"only an accepted referral is paired; not {row.decision}"))
    if row.outcome is not None:
        # a past record may not say who declined, or how the parties communicated
        problems += [
            (field, fix)
            for field, fix in outcome_problems(row.outcome, row.declined_by, row.method)
            if getattr(row, field) is not None
        ]
    else:
        for name in ("declined_by", "method"):
            if getattr(row, name) is not None:
                problems.append((name, "only a case with an outcome has one; give the outcome"))
    contacted = row.harmed_contacted + row.responsible_contacted
    if row.took_up > contacted:
        msg = f"{row.took_up} took up but {contacted} were contacted; fix the counts"
        problems.append(("took_up", msg))
    return problems


def parse(
    table: list[tuple[int, dict[str, str]]],
) -> tuple[list[tuple[int, HistoryRowIn]], list[FieldError]]:
    """The (line, row) of each readable row, and an error for every bad cell, row or repeated id."""
    parsed: list[tuple[int, HistoryRowIn]] = []
    errors: list[FieldError] = []
    for line, raw in table:
        unknown = sorted(set(raw) - set(COLUMNS))
        for name in unknown:
            if raw[name]:
                msg = f"unknown column {name!r}; the columns are {', '.join(COLUMNS)}"
                errors.append(FieldError(f"/rows/{line}/{name}", msg))
        given = {k: v for k, v in raw.items() if v and k in COLUMNS}
        try:
            row = HistoryRowIn.model_validate(given, context=TYPED_AS_TEXT)
        except ValidationError as exc:
            errors += [FieldError(f"/rows/{line}{e.pointer}", e.message) for e in field_errors(exc)]
            continue
        errors += [FieldError(f"/rows/{line}/{f}", fix) for f, fix in row_problems(row)]
        parsed.append((line, row))
    counts = Counter(row.id for _, row in parsed)
    for line, row in parsed:
        if counts[row.id] > 1:
            msg = f"id {row.id!r} appears more than once in the file"
            errors.append(FieldError(f"/rows/{line}/id", msg))
    return parsed, errors


def import_history(uow: UnitOfWork, who: Principal, data: bytes, filename: str) -> HistoryImportOut:
    """Load every past referral of the file, or none when any row is bad (audited)."""
    who.require(STAFF, "importing history")
    name = filename.rsplit("/", 1)[-1][:200] or "history"
    parsed, errors = parse(read_table(data, name))
    taken = history.taken_ids(uow.session, (row.id for _, row in parsed))
    errors += [
        FieldError(f"/rows/{line}/id", f"id {row.id!r} was imported before; leave the row out")
        for line, row in parsed
        if row.id in taken
    ]
    if errors:
        raise InputError(name, errors)
    items = [row for _, row in parsed]
    record = t.HistoryImport(
        filename=name,
        sha256=hashlib.sha256(data).hexdigest(),
        rows=len(items),
        imported_at=uow.clock.now(),
        imported_by=who.username,
    )
    history.add_import(uow.session, record, (item.model_dump() for item in items))
    days = [i.received for i in items]
    changes = {"file": name, "rows": len(items), "sha256": record.sha256}
    uow.audit.record(who.username, "import", "history", str(record.id), changes)
    uow.commit()
    return HistoryImportOut(
        import_id=record.id,
        filename=name,
        rows=len(items),
        first_received=min(days),
        last_received=max(days),
    )


def imports(uow: UnitOfWork, who: Principal) -> list[HistoryImportDone]:
    """The history files loaded so far, the latest first (staff)."""
    who.require(STAFF, "reading the history imports")
    return [
        HistoryImportDone(
            import_id=r.id,
            filename=r.filename,
            rows=r.rows,
            imported_at=r.imported_at,
            imported_by=r.imported_by,
        )
        for r in history.imports(uow.session)
    ]


def bad_cells(errors: list[FieldError]) -> list[BadCell]:
    """A refused file's errors as (line, column, problem), in the file's order: pointers
    /rows/LINE/COLUMN, or a problem of the whole file (/file, /header, /rows)."""
    cells = []
    for e in errors:
        parts = e.pointer.strip("/").split("/", 2)
        if len(parts) == 3 and parts[0] == "rows" and parts[1].isdigit():
            cells.append(BadCell(line=int(parts[1]), column=parts[2], problem=e.message))
        else:
            cells.append(BadCell(line=None, column=None, problem=e.message))
    return sorted(cells, key=lambda c: (c.line or 0, c.column or ""))
