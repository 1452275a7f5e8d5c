"""Schemathesis hooks of tests/service/test_schemathesis.py (loaded by SCHEMATHESIS_HOOKS).

`schema_valid_data_is_refused_only_by_a_business_rule` keeps what `positive_data_acceptance`
is for, which the test turns off: a request the schema allows may be refused with a 422 that
names a business rule (a day in the future, an unknown outcode...), but never with a type or
shape error, which would mean the schema and the server's models disagree.
"""

from __future__ import annotations

import json
from typing import Any

import schemathesis

TYPE_OR_SHAPE = (
    "Input should",  # pydantic's type errors: "Input should be a valid integer"...
    "String should",
    "List should",
    "Value should",
    "Dictionary should",
    "Tuple should",
    "Extra inputs",
    "required field is missing",  # service.api.errors: pydantic's "Field required"
    "give a number, not",  # models.values.strict_scalar
    "give true or false, not",
)


@schemathesis.check
def schema_valid_data_is_refused_only_by_a_business_rule(
    ctx: Any, response: Any, case: Any
) -> None:
    """A schema-valid request's 422 names business rules only, never a type or shape error."""
    meta = case.meta
    if meta is None or not meta.generation.mode.is_positive or response.status_code != 422:
        return
    try:
        errors = json.loads(response.content).get("errors", [])
    except (ValueError, AttributeError):
        raise AssertionError("a 422 without the JSON error body") from None
    shape = [e for e in errors if str(e.get("message", "")).startswith(TYPE_OR_SHAPE)]
    if shape:
        raise AssertionError(f"schema-valid data refused for its type or shape: {shape}")
