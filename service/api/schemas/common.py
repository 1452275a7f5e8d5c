"""Bodies shared by every endpoint: errors, pages, the API's base model."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Query
from pydantic import ConfigDict, Field

from service.workflow.schemas.base import Schema


class FieldProblem(Schema):
    pointer: str = Field(description="JSON pointer: /body/..., /path/..., /query/..., /headers/...")
    message: str = Field(description="what is wrong and how to fix it")


class ErrorBody(Schema):
    """Every 4xx answer: a summary and the field-level problems."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "error": "invalid_input",
                    "message": "referral: 1 error(s)",
                    "errors": [
                        {
                            "pointer": "/body/received",
                            "message": "required field is missing; add it",
                        }
                    ],
                }
            ]
        }
    )

    error: str = Field(description="a short code, e.g. invalid_input, not_found, conflict")
    message: str
    errors: list[FieldProblem]


def error_responses(*codes: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI `responses` entries for these error statuses, all with the ErrorBody shape."""
    described = {
        400: "the request cannot be read",
        401: "no valid login token",
        403: "your role may not do this",
        404: "no such record",
        409: "conflicts with the current state",
        422: "invalid input; every field at fault is listed",
        429: "too many failed attempts; wait the seconds in Retry-After",
    }
    answers: dict[int | str, dict[str, Any]] = {
        code: {"model": ErrorBody, "description": described[code]} for code in codes
    }
    if 429 in answers:
        wait = {"description": "seconds to wait", "schema": {"type": "integer", "minimum": 1}}
        answers[429]["headers"] = {"Retry-After": wait}
    return answers


def json_error_responses(*codes: int) -> dict[int | str, dict[str, Any]]:
    """`error_responses` for an operation whose success is not JSON (a page, a text file): its
    errors are still the JSON ErrorBody, so say so rather than let them take its media type."""
    body = {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}
    answers = error_responses(*codes)
    for answer in answers.values():
        answer.pop("model")
        answer["content"] = body
    return answers


AUTHED = (401, 403, 422)

PageOffset = Annotated[int, Query(ge=0, le=1_000_000, description="items skipped")]
"""Where a page of a listing starts."""
RecentLimit = Annotated[int, Query(ge=1, le=200)]
"""How many of the newest proposals, plans or runs a page holds."""
