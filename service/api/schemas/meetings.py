"""Request bodies of the meetings routes (HTTP only; what the use cases take and give is
in service.workflow.schemas.meetings)."""

from __future__ import annotations

from pydantic import ConfigDict, Field

from service.workflow.schemas.base import Day, Schema


class MeetingPlanIn(Schema):
    """Plan the meetings of every case that has a committed pair."""

    model_config = ConfigDict(json_schema_extra={"examples": [{}, {"as_of": "2026-11-23"}]})

    as_of: Day | None = Field(
        default=None,
        description="the planning day (meetings start the day after); today by default",
    )
