"""The base of the use cases' input and output models, and a UTC time that states its zone.

The texts, ids and days are the edge vocabulary of models.values, written once; the base class
adds the check every field gets: no boolean or text for a number (`hours: false` is not 0), only
true or false for a yes/no (`active: 0` is not false); in a file's cells or a form's fields,
text stands for either (TYPED_AS_TEXT).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    ValidationInfo,
    field_validator,
)

from models.values import (
    FREE_TEXT,
    ONE_LINE,
    Day,
    EntityId,
    Line32,
    Line40,
    Line60,
    Line64,
    Line100,
    Line200,
    Line254,
    Line300,
    Name,
    Outcode,
    Secret,
    strict_scalar,
)
from models.values import Text500 as Note500
from models.values import Text1000 as Note1000
from models.values import Text2000 as Note2000


def _as_utc(value: dt.datetime) -> dt.datetime:
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


UtcDateTime = Annotated[dt.datetime, AfterValidator(_as_utc)]
"""A time in UTC; the store keeps naive UTC, the bodies always state the zone (RFC 3339)."""


class Schema(BaseModel):
    """Base of the use cases' models: unknown fields are ignored, as in the interchange
    formats; rows and records are read by attribute."""

    model_config = ConfigDict(extra="ignore", from_attributes=True)

    @field_validator("*", mode="before")
    @classmethod
    def _strict_numbers_and_yes_no(cls, value: Any, info: ValidationInfo) -> Any:
        field = cls.model_fields.get(info.field_name or "")
        return strict_scalar(value, field.annotation if field else None, info.context)


OneLine = ONE_LINE
"""The check of one line of text (no control characters), to annotate a str with."""
FreeText = FREE_TEXT
"""The check of a free text (new lines and tabs only), to annotate a str with."""
Line = Annotated[str, OneLine]
"""One line of text a person typed: give it a `max_length` with Field; no control characters."""
Note = Annotated[str, FreeText]
"""A free text (new lines and tabs allowed): give it a `max_length` with Field."""
SaneDay = Day
"""Any day a record of the service can be about (models.values.Day)."""

__all__ = [
    "Day",
    "EntityId",
    "FreeText",
    "Line",
    "Line32",
    "Line40",
    "Line60",
    "Line64",
    "Line100",
    "Line200",
    "Line254",
    "Line300",
    "Name",
    "Note",
    "Note500",
    "Note1000",
    "Note2000",
    "OneLine",
    "Outcode",
    "SaneDay",
    "Schema",
    "Secret",
    "UtcDateTime",
]
