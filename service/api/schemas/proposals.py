"""Request bodies of the proposals routes (HTTP only; what the use cases take and give is
in service.workflow.schemas.proposals)."""

from __future__ import annotations

from pydantic import ConfigDict, Field

from service.workflow.schemas.base import Day, Schema


class ProposeIn(Schema):
    model_config = ConfigDict(json_schema_extra={"examples": [{}, {"as_of": "2026-11-23"}]})

    as_of: Day | None = Field(default=None, description="the planning day; today by default")
