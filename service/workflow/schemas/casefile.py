"""The case file's bodies: parties (with their sealed details), contacts, referral reviews and
updates. Outcomes and feedback are in schemas.outcomes."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import ConfigDict, Field

from models.casefile import (
    AgeBand,
    Channel,
    ContactKind,
    ContactOutcome,
    ContactPurpose,
    Counterpart,
    PartyRole,
    PartyStatus,
)
from service.workflow.schemas.base import (
    Line40,
    Line60,
    Line200,
    Line254,
    Line300,
    Note500,
    Note1000,
    Note2000,
    SaneDay,
    Schema,
    UtcDateTime,
)


class PartyDetails(Schema):
    """Who the party is and how to reach them: PROTECT - PERSONAL, sealed at rest, every read
    audited. All optional: a party may be known only by their role at first."""

    name: Line200 = ""
    phone: Line40 = ""
    email: Line254 = ""
    address: Note500 = ""
    times_to_avoid: Line300 = Field(default="", description="e.g. not before 10:00, not Fridays")
    interpreter: Line60 = Field(default="", description="the language, when one is needed")
    accessibility: Line300 = ""
    safe_contact: Note1000 = Field(
        default="", description="safe-contact notes: when and how it is safe to call or write"
    )


_PARTY: dict[str, Any] = {
    "role": "harmed",
    "age_band": "25_64",
    "channel": "phone",
    "details": {"name": "A. Example", "phone": "01245 000000", "times_to_avoid": "after 18:00"},
}


class PartyIn(Schema):
    """A new party of a case. A supporter names the party they support."""

    model_config = ConfigDict(json_schema_extra={"examples": [_PARTY]})

    role: PartyRole
    age_band: AgeBand = AgeBand.UNKNOWN
    channel: Channel | None = Field(default=None, description="how they prefer to be contacted")
    supports: int | None = Field(
        default=None, ge=1, le=2_147_483_647, description="a supporter's party id"
    )
    details: PartyDetails = PartyDetails()


class PartyPatch(Schema):
    """Change a party's age band, preferred channel or details (details replace the old)."""

    model_config = ConfigDict(json_schema_extra={"examples": [{"channel": "letter"}]})

    age_band: AgeBand | None = None
    channel: Channel | None = None
    details: PartyDetails | None = None


class PartyOut(Schema):
    """A party with their status and take-up, both derived from the contacts log. `details`
    is null for a reader who may not see it, and after erasure."""

    id: int
    case_id: str
    role: PartyRole
    age_band: AgeBand
    youth_route: bool = Field(description="under 18: the youth route applies")
    channel: Channel | None
    supports: int | None
    status: PartyStatus
    took_up: bool = Field(description="agreed to take part at some point (from the contacts)")
    details: PartyDetails | None
    erased_on: dt.date | None = None


_CONTACT: dict[str, Any] = {
    "party": 1,
    "counterpart": "party",
    "kind": "call",
    "purpose": "general",
    "made_on": "2026-11-24",
    "outcome": "considering",
    "next_step_on": "2026-11-27",
    "notes": "Will think about a letter; call back Friday morning.",
}


class ContactIn(Schema):
    """One contact attempt: with a party (give `party`), the referrer or another agency."""

    model_config = ConfigDict(json_schema_extra={"examples": [_CONTACT]})

    counterpart: Counterpart = Counterpart.PARTY
    party: int | None = Field(
        default=None, ge=1, le=2_147_483_647, description="the party's id (party contacts)"
    )
    kind: ContactKind
    purpose: ContactPurpose = ContactPurpose.GENERAL
    made_on: SaneDay = Field(description="not before the referral, not after today")
    outcome: ContactOutcome
    next_step_on: SaneDay | None = None
    notes: Note2000 = Field(default="", description="what was said and the next step; sealed")


class ContactOut(Schema):
    id: int
    case_id: str
    counterpart: Counterpart
    party: int | None
    kind: ContactKind
    purpose: ContactPurpose
    made_on: dt.date
    made_by: str
    outcome: ContactOutcome
    next_step_on: dt.date | None
    notes: str | None = Field(description="null for a reader who may not see it")
    created_at: UtcDateTime


class ReferralReviewIn(Schema):
    """When to look at a held or needs-information referral again, and why."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"review_on": "2027-02-01", "reason": "after sentencing on 29 January"}]
        }
    )

    review_on: SaneDay
    reason: Line300 = Field(min_length=1)


class ReferralReviewOut(Schema):
    referral_id: str
    review_on: dt.date
    reason: str
    set_by: str
