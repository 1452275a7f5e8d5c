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
