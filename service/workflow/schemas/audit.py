"""Filters of the audit log, as an admin or manager searches it."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, StringConstraints, model_validator

from service.workflow.schemas.base import OneLine, SaneDay, Schema

Filter32 = Annotated[str, StringConstraints(max_length=32, strip_whitespace=True), OneLine]
Filter64 = Annotated[str, StringConstraints(max_length=64, strip_whitespace=True), OneLine]


class AuditQuery(Schema):
    """Which entries: each filter given must match exactly (empty: any); `since` and `until`
    are days in the service's zone, both included."""

    actor: Filter64 = Field(default="", description="who made the change (a username)")
    action: Filter32 = Field(default="", description="create, update, commit, read...")
    entity: Filter32 = Field(default="", description="facilitator, case, user...")
    entity_id: Filter64 = ""
    since: SaneDay | None = None
    until: SaneDay | None = None
    newest_first: bool = False

    @model_validator(mode="after")
    def _ordered(self) -> AuditQuery:
        if self.since and self.until and self.until < self.since:
            raise ValueError("the last day is before the first day; swap the dates")
        return self
