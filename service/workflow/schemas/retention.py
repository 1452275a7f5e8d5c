"""Retention and subject access: what an erasure did (or would do), and everything held on one
person."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import Field

from service.workflow.schemas.base import Schema
from service.workflow.schemas.casefile import ContactOut, PartyOut


class ErasureOut(Schema):
    """The closed cases whose personal details were (or, on a dry run, would be) erased."""

    policy: str
    before: dt.date = Field(description="cases closed before this day")
    dry_run: bool
    cases: int = Field(description="cases with personal values to erase")
    values: int = Field(description="sealed values blanked")
    by_table: dict[str, int]
    case_ids: list[str]


class SubjectRecord(Schema):
    """One case's record of the person: as a party, and what the case file holds about them."""

    case_id: str
    referral_received: dt.date | None
    case_status: str
    closed_on: dt.date | None
    outcome: str | None
    party: PartyOut
    contacts: list[ContactOut]
    evaluations: list[dict[str, Any]]
    empathy: list[dict[str, Any]]
    onward_referrals: list[dict[str, Any]]
    complaints: list[dict[str, Any]]
    agreed_actions: list[dict[str, Any]] = Field(description="actions owned by their role")


class SubjectAccessOut(Schema):
    """Everything held on one person (a subject access request): each case they are a party
    of, matched by name and a phone number or e-mail address."""

    person: str
    made_on: dt.date
    made_by: str
    matched_by: str
    records: list[SubjectRecord]
