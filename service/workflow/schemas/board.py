"""Bodies of the coordinator's morning pages: the facilitators' table with its warnings."""

from __future__ import annotations

import datetime as dt

from pydantic import Field

from models import Referral
from service.workflow.schemas.base import Schema
from service.workflow.schemas.facilitators import FacilitatorOut


class Vetting(Schema):
    """A facilitator's vetting expiry and how close it is: `notice` is the tightest of the
    volunteer policy's notices (e.g. 60, 30, 7 days) it falls within, None when none;
    `rank` orders the notices, 0 the tightest (the pages colour by it)."""

    expires: dt.date
    days_left: int
    lapsed: bool
    notice: int | None = None
    rank: int | None = None


class TrainingLine(Schema):
    """One course on the record, as the table shows it."""

    course: str
    level: str
    completed_on: dt.date | None = None


class FacilitatorRow(Schema):
    """One facilitator on the coordinator's table: the record, the vetting warning, the
    training, and the hours their current cases still ask of them."""

    facilitator: FacilitatorOut
    vetting: Vetting
    training: list[TrainingLine] = Field(default_factory=list)
    hours_committed: float = Field(description="hours each current case still asks of them")


class PreviewRow(Schema):
    """A CSV row read as a referral."""

    row: str
    referral: Referral


class RowError(Schema):
    """What is wrong where: a row and column of the CSV."""

    where: str
    message: str


class ImportPreview(Schema):
    """A CSV's referrals and its errors, before anything is written: importable when there is
    at least one row and no error."""

    rows: list[PreviewRow] = Field(default_factory=list)
    errors: list[RowError] = Field(default_factory=list)

    @property
    def importable(self) -> bool:
        return bool(self.rows) and not self.errors
