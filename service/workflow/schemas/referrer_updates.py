"""Referrer updates: a templated message to the referrer, recorded as a contact, downloadable
as plain text or an unsent e-mail (.eml)."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from pydantic import ConfigDict, Field

from models.casefile import ContactKind
from service.workflow.schemas.base import SaneDay, Schema


class UpdateKind(StrEnum):
    """The points at which the referrer is told (the timeliness standard's clocks)."""

    ACKNOWLEDGEMENT = "acknowledgement"
    ACCEPTED = "accepted"
    PAIR_ALLOCATED = "pair_allocated"
    STATUS_CHANGE = "status_change"
    CLOSURE = "closure"


class ReferrerUpdateIn(Schema):
    """Write the referrer a message of this kind from the case, and log it as sent today (or
    on `made_on`)."""

    model_config = ConfigDict(
        json_schema_extra={"examples": [{"kind": "accepted", "channel": "email"}]}
    )

    kind: UpdateKind
    channel: ContactKind = Field(
        default=ContactKind.EMAIL, description="email or letter: how it is sent"
    )
    made_on: SaneDay | None = Field(default=None, description="today by default")


class ReferrerMessage(Schema):
    """A message to the referrer: its subject and plain-text body."""

    case_id: str
    kind: UpdateKind | None = Field(description="null for a referrer contact logged by hand")
    subject: str
    body: str


class ReferrerUpdateOut(ReferrerMessage):
    contact_id: int
    made_on: dt.date
