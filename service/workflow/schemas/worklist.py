"""The coordinator's worklist: everything due or overdue on a day, each with the one action
that clears it. Each part of the record (the case file's clocks, holds and agreed actions,
the volunteers' vetting, supervision and hours) contributes items of this one shape, and
service.workflow.worklist orders them by urgency."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from pydantic import Field

from service.workflow.schemas.base import Schema


class Urgency(StrEnum):
    """How pressing an item is on the day asked: overdue first, then due today, then soon."""

    OVERDUE = "overdue"
    DUE_TODAY = "due_today"
    DUE_SOON = "due_soon"


class WorkItem(Schema):
    """One thing a coordinator must do: what, about whom, by when, and how to clear it."""

    kind: str = Field(
        max_length=64,
        description="what sort of item, e.g. clock:first_contact_harmed, hold_review, "
        "vetting_expiring, supervision_overdue",
    )
    subject: str = Field(max_length=32, description="case, referral or facilitator")
    subject_id: str = Field(max_length=64)
    due: dt.date
    urgency: Urgency
    title: str = Field(max_length=300, description="one line a coordinator reads")
    action: str = Field(max_length=200, description="the one action that clears it")
    link: str | None = Field(
        default=None, max_length=300, description="the page (or API path) where it is done"
    )
