"""Reading referrals from decoded JSON or from CSV text, one error list per bad referral.

In a CSV, each row is one referral and the column names are the JSON paths of its fields
(`referrer.organisation`, `consent.victim`, `parties.0.prison`). A blank cell is null where the
field may be null (`consent.victim`: not yet sought) and absent otherwise, so a blank required
field is reported, never silently defaulted. Rows are numbered as a spreadsheet numbers them:
the header is row 1, the first referral row 2.

Nothing here reads files: the caller passes the text or the decoded JSON (only `service` does
I/O), so the CLI and the web service share one reader.
"""

from __future__ import annotations

import csv
import difflib
import io
import re
import types
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError

from models import DocumentError, FieldError, InputError, Referral
from models.documents import field_errors, parse_document
from rules.policy import Policy

_LIST_ITEM = re.compile(r"^(\w+)\.(\d+)\.(.+)$")


@dataclass
class ReferralBatch:
    """Referrals read from one source: each good one with its place, and every error."""

    referrals: list[tuple[str, Referral]] = field(default_factory=list)
    errors: list[FieldError] = field(default_factory=list)
    from_csv: bool = False
    one: bool = False  # a single JSON object, not a list: answered with a single decision

    def where(self, place: str, pointer: str) -> str:
        """Where a field of the referral at `place` is: a JSON pointer, or row and column."""
        return f"{place}, column {_column(pointer)}" if self.from_csv else place + pointer

    def screenable_by(self, *policies: Policy) -> ReferralBatch:
        """The referrals every policy can screen; the others join the errors (district)."""
        kept = ReferralBatch(errors=list(self.errors), from_csv=self.from_csv, one=self.one)
        for place, referral in self.referrals:
            found = [e for policy in policies for e in policy.referral_errors(referral)]
            if found:
                for error in dict.fromkeys(found):
                    kept.errors.append(FieldError(self.where(place, error.pointer), error.message))
            else:
                kept.referrals.append((place, referral))
        return kept


def parse_referral_json(data: Any, source: str) -> ReferralBatch:
    """One referral object or a list of them; errors are JSON pointers (with the list index)."""
    batch = ReferralBatch(one=not isinstance(data, list))
    items = data if isinstance(data, list) else [data]
    for index, item in enumerate(items):
        place = f"/{index}" if isinstance(data, list) else ""
        try:
            batch.referrals.append((place, parse_document(item, Referral, source)))
        except DocumentError as exc:
            batch.errors.extend(FieldError(place + e.pointer, e.message) for e in exc.errors)
    return batch


def parse_referral_csv(text: str, source: str) -> ReferralBatch:
    """One referral per row; raises DocumentError when the header itself is unusable."""
    reader = csv.reader(io.StringIO(text, newline=""))  # the csv module reads every line ending
    try:
        lines = [(reader.line_num, cells) for cells in reader]
    except csv.Error as exc:
        msg = f"cannot read this row as CSV ({exc}); check its quotes"
        raise DocumentError(source, [FieldError(f"row {reader.line_num}", msg)]) from None
    header = lines[0][1] if lines else None
    _check_header(header, source)
    plan = _plan(list(header or []))
    batch = ReferralBatch(from_csv=True)
    for line_num, cells in lines[1:]:
        if not cells:
            continue
        place = f"row {line_num}"
        if len(cells) > len(plan):
            msg = "more cells than the header has columns; remove them or name the column"
            batch.errors.append(FieldError(place, msg))
            continue
        try:
            batch.referrals.append((place, Referral.model_validate(_nest(cells, plan))))
        except ValidationError as exc:
            for error in _cell_errors(exc):
                batch.errors.append(FieldError(batch.where(place, error.pointer), error.message))
    return batch


def parse_referral_fields(fields: Mapping[str, str], source: str) -> Referral:
    """One referral from flat fields named by their JSON paths, read as a CSV row with those
    columns would be (a web form's fields); InputError with a JSON pointer per bad field."""
    names = [n for n in fields if _canonical(n) in _known_columns()]
    try:
        return Referral.model_validate(_nest([fields[n] for n in names], _plan(names)))
    except ValidationError as exc:
        raise InputError(source, _cell_errors(exc)) from None


def _plan(names: list[str]) -> list[_Column]:
    return [_plan_column(name) for name in names]


def _cell_errors(exc: ValidationError) -> list[FieldError]:
    """A referral's validation errors, in words for cells typed by a person."""
    return [
        FieldError(error.pointer, _plainer(error.message, raw["type"], raw.get("input")))
        for error, raw in zip(field_errors(exc), exc.errors(), strict=True)
    ]


def _plainer(message: str, kind: str, cell: Any) -> str:
    if kind == "bool_parsing":
        return f"{cell!r} is not true or false; write true or false"
    if kind in ("date_from_datetime_parsing", "date_parsing"):
        return f"{cell!r} is not a date; write it as YYYY-MM-DD"
    return message


def _column(pointer: str) -> str:
    return pointer.strip("/").replace("/", ".") or "(row)"


def _check_header(names: Any, source: str) -> None:
    if not names:
        raise DocumentError(source, [FieldError("row 1", "no header row; name the columns")])
    known = _known_columns()
    errors = []
    for name in names:
        if not isinstance(name, str) or not name.strip():
            errors.append(FieldError("row 1", "a column has no name; name it or delete it"))
        elif names.count(name) > 1:
            errors.append(FieldError(f"row 1, column {name}", "named twice; keep one"))
        elif _canonical(name) not in known:
            close = difflib.get_close_matches(_canonical(name), known, n=1, cutoff=0.8)
            if close:  # a typo in a field name would otherwise be ignored, e.g. a flag lost
                msg = f"unknown column; did you mean {close[0]!r}?"
                errors.append(FieldError(f"row 1, column {name}", msg))
    if errors:
        raise DocumentError(source, list(dict.fromkeys(errors)))


def _canonical(name: str) -> str:
    return _LIST_ITEM.sub(r"\1.0.\3", name.strip())


def _known_columns(model: type[BaseModel] = Referral, prefix: str = "") -> list[str]:
    out = []
    for name, info in model.model_fields.items():
        inner, _ = _unwrap(info.annotation)
        if get_origin(inner) is list:
            inner, prefix_item = get_args(inner)[0], f"{prefix}{name}.0."
            out.extend(_known_columns(inner, prefix_item))
        elif isinstance(inner, type) and issubclass(inner, BaseModel):
            out.extend(_known_columns(inner, f"{prefix}{name}."))
        else:
            out.append(f"{prefix}{name}")
    return out


def _unwrap(annotation: Any) -> tuple[Any, bool]:
    """The annotation without None, and whether None was allowed."""
    if get_origin(annotation) in (Union, types.UnionType):
        args = get_args(annotation)
        inner = [a for a in args if a is not type(None)]
        return (inner[0] if len(inner) == 1 else annotation), len(inner) < len(args)
    return annotation, False


def _nullable(path: list[str]) -> bool:
    model: Any = Referral
    nullable = False
    for part in path:
        if part.isdigit():
            continue
        fields = getattr(model, "model_fields", {})
        if part not in fields:
            return False
        model, nullable = _unwrap(fields[part].annotation)
        if get_origin(model) is list:
            model = get_args(model)[0]
    return nullable


@dataclass(frozen=True)
class _Column:
    """Where a column's cells go: a path in the referral, or in one item of a list field."""

    path: tuple[str, ...]
    item: tuple[str, int] | None
    nullable: bool


def _plan_column(name: str) -> _Column:
    item = _LIST_ITEM.match(name.strip())
    if item:
        return _Column(tuple(item[3].split(".")), (item[1], int(item[2])), False)
    path = name.strip().split(".")
    return _Column(tuple(path), None, _nullable(path))


def _nest(cells: list[str], plan: list[_Column]) -> dict[str, Any]:
    """A CSV row as the nested JSON object its column paths describe.

    A short row simply lacks its last fields, which validation then reports as missing.
    """
    out: dict[str, Any] = {}
    lists: dict[str, dict[int, dict[str, Any]]] = {}
    for column, cell in zip(plan, cells, strict=False):
        value = cell.strip()
        if column.item is not None:
            if value:  # an item whose cells are all blank is not there at all
                name, index = column.item
                _put(lists.setdefault(name, {}).setdefault(index, {}), column.path, value)
        elif value:
            _put(out, column.path, value)
        elif column.nullable:
            _put(out, column.path, None)
    for name, items in lists.items():
        out[name] = [items[i] for i in sorted(items)]
    return out


def _put(target: dict[str, Any], path: tuple[str, ...], value: Any) -> None:
    if len(path) == 1:  # most columns: a top-level field
        target[path[0]] = value
        return
    for part in path[:-1]:
        nested = target.setdefault(part, {})
        if not isinstance(nested, dict):
            return
        target = nested
    target[path[-1]] = value
