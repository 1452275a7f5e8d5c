"""The base of the use cases' input and output models, and a UTC time that states its zone."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict


def _as_utc(value: dt.datetime) -> dt.datetime:
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


UtcDateTime = Annotated[dt.datetime, AfterValidator(_as_utc)]
"""A time in UTC; the store keeps naive UTC, the bodies always state the zone (RFC 3339)."""


class Schema(BaseModel):
    """Base of the use cases' models: unknown fields are ignored, as in the interchange
    formats; rows and records are read by attribute."""

    model_config = ConfigDict(extra="ignore", from_attributes=True)


def _no_control_characters(value: str) -> str:
    if any(ord(ch) < 32 or 127 <= ord(ch) < 160 for ch in value):
        raise ValueError("remove the control characters (tabs, line breaks...) from this text")
    return value


Line = Annotated[str, AfterValidator(_no_control_characters)]
"""One line of text a person typed: give it a `max_length` with Field; no control characters."""
