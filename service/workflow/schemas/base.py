"""The base of the use cases' input and output models, and a UTC time that states its zone."""

from __future__ import annotations

import datetime as dt
import unicodedata
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints


def _as_utc(value: dt.datetime) -> dt.datetime:
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


UtcDateTime = Annotated[dt.datetime, AfterValidator(_as_utc)]
"""A time in UTC; the store keeps naive UTC, the bodies always state the zone (RFC 3339)."""


class Schema(BaseModel):
    """Base of the use cases' models: unknown fields are ignored, as in the interchange
    formats; rows and records are read by attribute."""

    model_config = ConfigDict(extra="ignore", from_attributes=True)


def _no_control(value: str, allowed: str) -> str:
    bad = next((c for c in value if unicodedata.category(c) == "Cc" and c not in allowed), None)
    if bad is not None:
        raise ValueError(
            f"remove the control character U+{ord(bad):04X} (tabs, line breaks...) from this text"
        )
    return value


OneLine = AfterValidator(lambda v: _no_control(v, ""))
"""A text of one line: no control characters at all."""
FreeText = AfterValidator(lambda v: _no_control(v, "\n\r\t"))
"""A free text: new lines and tabs are its only control characters."""

Line = Annotated[str, OneLine]
"""One line of text a person typed: give it a `max_length` with Field; no control characters."""
Line40 = Annotated[str, StringConstraints(max_length=40, strip_whitespace=True), OneLine]
Line60 = Annotated[str, StringConstraints(max_length=60, strip_whitespace=True), OneLine]
Line200 = Annotated[str, StringConstraints(max_length=200, strip_whitespace=True), OneLine]
Line254 = Annotated[str, StringConstraints(max_length=254, strip_whitespace=True), OneLine]
Line300 = Annotated[str, StringConstraints(max_length=300, strip_whitespace=True), OneLine]
Note500 = Annotated[str, StringConstraints(max_length=500), FreeText]
Note1000 = Annotated[str, StringConstraints(max_length=1000), FreeText]
Note2000 = Annotated[str, StringConstraints(max_length=2000), FreeText]

SaneDay = Annotated[dt.date, Field(ge=dt.date(2000, 1, 1), le=dt.date(2100, 12, 31))]
"""Any day a record of the service can be about."""
