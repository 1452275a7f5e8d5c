"""Turning a workflow's or a model's errors into a form's field errors: field name -> message,
as the form macros take them (templates/macros/forms.html). A field is named by its JSON path
with dots (`consent.victim`), so an error's pointer (`/consent/victim`, `/body/from_date`)
finds its field."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from pydantic import ValidationError
from starlette.datastructures import FormData

from models import FieldError
from models.documents import field_errors as model_errors

MAX_FIELD = 2000
"""The longest value any form field may carry (an upload is a file, not a field)."""


def field_name(pointer: str) -> str:
    """The form field a JSON pointer names: /body/consent/victim -> consent.victim."""
    return pointer.removeprefix("/body").strip("/").replace("/", ".")


def field_errors(errors: Iterable[FieldError]) -> dict[str, str]:
    """Field name -> the first message about it (a form shows one message a field)."""
    out: dict[str, str] = {}
    for error in errors:
        out.setdefault(field_name(error.pointer) or "form", error.message)
    return out


def validation_errors(exc: ValidationError) -> dict[str, str]:
    """A pydantic error of a form's model as field errors."""
    return field_errors(model_errors(exc))


def values(form: FormData, names: Iterable[str] | None = None) -> dict[str, str]:
    """The form's text fields (the CSRF token left out), each cut to MAX_FIELD characters and
    stripped of control characters; only `names` when given."""
    wanted = set(names) if names is not None else None
    out: dict[str, str] = {}
    for key, value in form.multi_items():
        if key == "csrf_token" or not isinstance(value, str):
            continue
        if wanted is not None and key not in wanted:
            continue
        out[key] = "".join(c for c in value[:MAX_FIELD] if c >= " " or c in "\t")
    return out


def first(form: Mapping[str, str], name: str) -> str:
    """A field's value, or the empty string."""
    return form.get(name, "")
