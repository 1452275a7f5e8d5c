"""CSV imports: all rows or none, and every bad row listed with its line and column."""

from __future__ import annotations

import csv
import io
from collections import Counter
from typing import Any

from pydantic import ValidationError

from geo import Gazetteer
from models import FieldError, InputError
from models.documents import field_errors
from models.values import TYPED_AS_TEXT
from service.store.uow import UnitOfWork
from service.workflow.audit import created
from service.workflow.auth import Principal
from service.workflow.facilitators import new_row, recording
from service.workflow.schemas.facilitators import FacilitatorIn, ImportReport

FACILITATOR_COLUMNS = (
    "id",
    "name",
    "home_outcode",
    "district",
    "skills",
    "weekly_hours",
    "max_cases",
    "vetting_expires",
    "active",
    "experienced",
    "max_travel_km",
)
REQUIRED = {"id", "home_outcode", "weekly_hours", "max_cases", "vetting_expires"}
MAX_BYTES = 5_000_000
"""The largest CSV upload (the service's body limit, RJPLAN_MAX_BODY_BYTES, is above it)."""
BATCH = 1_000


def decode(data: bytes, pointer: str) -> str:
    """The text of an uploaded CSV file (UTF-8, with or without a byte-order mark)."""
    if len(data) > MAX_BYTES:
        raise InputError.single("upload", pointer, f"the file is over {MAX_BYTES} bytes; split it")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError.single(
            "upload", pointer, f"not UTF-8 text ({exc.reason}); save as UTF-8 CSV"
        ) from None


def rows(text: str, required: set[str], source: str) -> list[tuple[int, dict[str, str]]]:
    """(line number, row) pairs; a missing required column is an error naming it."""
    reader = csv.DictReader(io.StringIO(text, newline=""))  # csv reads every line ending
    try:
        header = [h.strip() for h in reader.fieldnames or []]
        twice = sorted(name for name, n in Counter(header).items() if n > 1)
        if twice:
            msg = f"column(s) {', '.join(repr(n) for n in twice)} named more than once; keep one"
            raise InputError.single(source, "/header", msg)
        missing = sorted(required - set(header))
        if missing:
            raise InputError.single(
                source, "/header", f"missing column(s) {', '.join(missing)}; header is {header}"
            )
        reader.fieldnames = header
        read = [(reader.line_num, row) for row in reader]
    except csv.Error as exc:
        msg = f"cannot read this row as CSV ({exc}); check its quotes"
        raise InputError.single(source, f"/rows/{reader.reader.line_num}", msg) from None
    out = []
    for line, row in read:
        cleaned = {k: (v or "").strip() for k, v in row.items() if k is not None}
        if any(cleaned.values()):
            out.append((line, cleaned))
    if not out:
        raise InputError.single(source, "/rows", "the file has a header but no rows")
    return out


def _facilitator(row: dict[str, str]) -> dict[str, Any]:
    skills = [s.strip() for s in row.get("skills", "").replace("|", ";").split(";") if s.strip()]
    data: dict[str, Any] = {
        "id": row.get("id"),
        "name": row.get("name", ""),
        "home": {"outcode": row.get("home_outcode") or None},
        "district": row.get("district") or None,
        "skills": [{"skill": s} for s in skills],
        "weekly_hours": row.get("weekly_hours"),
        "max_cases": row.get("max_cases"),
        "vetting_expires": row.get("vetting_expires"),
        "max_travel_km": row.get("max_travel_km") or None,
    }
    for flag in ("active", "experienced"):
        if row.get(flag):
            data[flag] = row[flag]
    return data


def import_facilitators(uow: UnitOfWork, who: Principal, text: str, gaz: Gazetteer) -> ImportReport:
    """Create every facilitator in the CSV, or none when any row is bad."""
    source = "facilitators.csv"
    errors: list[FieldError] = []
    parsed = []
    by = recording(uow, who)
    for line, row in rows(text, REQUIRED, source):
        try:
            item = FacilitatorIn.model_validate(_facilitator(row), context=TYPED_AS_TEXT)
            where = (f"/rows/{line}/home_outcode", f"/rows/{line}/skills")
            parsed.append((line, item, new_row(item, gaz, by, uow.cipher, where)))
        except ValidationError as exc:
            errors += [FieldError(f"/rows/{line}{e.pointer}", e.message) for e in field_errors(exc)]
        except InputError as exc:
            errors += exc.errors
    errors += _duplicates(uow, [(line, item.id) for line, item, _ in parsed])
    if errors:
        raise InputError(source, errors)
    for n, (_, _, facilitator) in enumerate(parsed, 1):
        uow.facilitators.add(facilitator)
        if n % BATCH == 0:
            uow.flush()  # a thousand rows a statement, never one INSERT of them all
        uow.audit.record(
            who.username, "import", "facilitator", facilitator.id, created({"id": facilitator.id})
        )
    uow.commit()
    ids = [item.id for _, item, _ in parsed]
    return ImportReport(created=len(ids), ids=ids)


def _duplicates(uow: UnitOfWork, ids: list[tuple[int, str]]) -> list[FieldError]:
    counts = Counter(i for _, i in ids)
    taken = uow.facilitators.existing_ids(i for _, i in ids)
    errors = []
    for line, fid in ids:
        if counts[fid] > 1:
            errors.append(
                FieldError(f"/rows/{line}/id", f"id {fid!r} appears more than once in the file")
            )
        elif fid in taken:
            errors.append(FieldError(f"/rows/{line}/id", f"facilitator {fid!r} already exists"))
    return errors
