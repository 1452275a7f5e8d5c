"""Request bodies of the facilitators routes (HTTP only; what the use cases take and give is
in service.workflow.schemas.facilitators)."""

from __future__ import annotations

from pydantic import ConfigDict, Field

from service.workflow.schemas.base import Schema
from service.workflow.schemas.facilitators import WindowIn


class AvailabilityIn(Schema):
    """The facilitator's absences, replacing those stored."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"unavailable": [{"start": "2026-12-01", "end": "2026-12-14"}]}]
        }
    )

    unavailable: list[WindowIn] = Field(max_length=100)
