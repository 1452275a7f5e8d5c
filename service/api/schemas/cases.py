"""Request bodies of the cases routes (HTTP only; what the use cases take and give is
in service.workflow.schemas.cases)."""

from __future__ import annotations

from pydantic import ConfigDict

from service.workflow.schemas.base import Schema


class ReviewIn(Schema):
    """A coordinator's review of a pairing: did the two work well together on this case?"""

    model_config = ConfigDict(json_schema_extra={"examples": [{"went_well": True}]})

    went_well: bool
