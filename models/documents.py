"""Reading the interchange documents: dispatch on `format`, errors as JSON pointers.

Every error names the file, the JSON pointer of the field and what to do about it, so the CLI
and the service can show it to a person unchanged.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, TypeAdapter, ValidationError

from models.allocation import AllocationResult
from models.decision import Decision
from models.errors import FieldError, InputError
from models.meetings import MeetingSchedule, MeetingsProblem
from models.problem import Problem
from models.referral import Referral

FORMATS: dict[str, type[BaseModel]] = {
    "rjplan.referral/1": Referral,
    "rjplan.decision/1": Decision,
    "rjplan.problem/1": Problem,
    "rjplan.allocation/1": AllocationResult,
    "rjplan.meetings-problem/1": MeetingsProblem,
    "rjplan.meetings/1": MeetingSchedule,
}
SHORT_NAMES: dict[str, str] = {name.split(".")[1].split("/")[0]: name for name in FORMATS}

M = TypeVar("M", bound=BaseModel)


class DocumentError(InputError):
    """A document that cannot be read; carries every field error found."""


def pointer(loc: tuple[int | str, ...]) -> str:
    """A pydantic error location as a JSON pointer (RFC 6901)."""
    parts = [str(p).replace("~", "~0").replace("/", "~1") for p in loc]
    return "/" + "/".join(parts) if parts else ""


def _plain(message: str) -> str:
    return message.removeprefix("Value error, ").removeprefix("Assertion failed, ")


def field_errors(exc: ValidationError, prefix: tuple[int | str, ...] = ()) -> list[FieldError]:
    """Turn a pydantic ValidationError into FieldErrors with JSON pointers."""
    out = []
    for err in exc.errors(include_url=False):
        loc = prefix + tuple(p for p in err["loc"] if not _is_union_tag(p))
        message = _plain(str(err["msg"]))
        if err["type"] == "missing":
            message = "required field is missing; add it"
        where = _LOCATED.match(message)
        if where:  # a cross-record check names its own path: "cases/3/current: ..."
            loc = loc + tuple(int(p) if p.isdigit() else p for p in where[1].split("/"))
            message = where[2]
        out.append(FieldError(pointer(loc), message))
    return out


_LOCATED = re.compile(r"^([A-Za-z_]+(?:/[A-Za-z0-9_]+)*): (.*)$", re.DOTALL)


def _is_union_tag(part: int | str) -> bool:
    return isinstance(part, str) and part.startswith("function-")


def parse_document(data: Any, model: type[M], source: str = "<input>") -> M:
    """Validate already-decoded JSON against `model`; raises DocumentError on any problem."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise DocumentError(source, field_errors(exc)) from None


def parse_list(data: Any, model: type[M], source: str = "<input>") -> list[M]:
    """Validate a JSON list of documents; every bad item is reported with its index."""
    try:
        return TypeAdapter(list[model]).validate_python(data)  # type: ignore[valid-type]
    except ValidationError as exc:
        raise DocumentError(source, field_errors(exc)) from None


def read_json(path: Path) -> Any:
    """Decode a JSON file, turning I/O and syntax problems into a DocumentError."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DocumentError(str(path), [FieldError("", "file not found; check the path")]) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise DocumentError(str(path), [FieldError("", f"cannot read the file: {exc}")]) from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        where = f"line {exc.lineno} column {exc.colno}"
        msg = f"not valid JSON at {where}: {exc.msg}; fix the syntax"
        raise DocumentError(str(path), [FieldError("", msg)]) from None


def model_for(data: Any, source: str) -> type[BaseModel]:
    """The model class named by a document's `format` field."""
    if not isinstance(data, dict):
        raise DocumentError(source, [FieldError("", "expected a JSON object with a 'format'")])
    name = data.get("format")
    if name not in FORMATS:
        known = ", ".join(FORMATS)
        msg = f"unknown or missing format {name!r}; expected one of {known}"
        raise DocumentError(source, [FieldError("/format", msg)])
    return FORMATS[name]


def load_document(path: Path) -> BaseModel | list[BaseModel]:
    """Read any rjplan document (or a JSON list of one format) by its `format` field."""
    data = read_json(path)
    if isinstance(data, list):
        if not data:
            return []
        model = model_for(data[0], str(path))
        return list(parse_list(data, model, str(path)))
    return parse_document(data, model_for(data, str(path)), str(path))
