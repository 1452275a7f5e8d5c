"""The registers of places meetings are held: neutral venues (create, change, import, read) and
the prisons the service visits (read, change)."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import ConfigDict, Field

from models.meetings import Session, Weekday
from service.workflow.schemas.base import Line60, Line200, Line300, Note1000, Schema, UtcDateTime

Opening = dict[Weekday, Annotated[list[Session], Field(max_length=3)]]
WEEKDAYS_DAYTIME: Opening = {
    day: [Session.MORNING, Session.AFTERNOON]
    for day in (Weekday.MON, Weekday.TUE, Weekday.WED, Weekday.THU, Weekday.FRI)
}
POSTCODE = r"^[A-Za-z]{1,2}[0-9][0-9A-Za-z]?( ?[0-9][A-Za-z]{2})?$"
"""A full postcode, or its outward code alone (e.g. CO1) when the full one is not known."""

_VENUE_EXAMPLE: dict[str, Any] = {
    "id": "V-COL-1",
    "name": "Colchester Community Centre",
    "address": "1 High Street, Colchester",
    "postcode": "CO1 1AA",
    "district": "Colchester",
    "rooms": [{"id": "hall", "capacity": 20, "cost_pounds": 25.0}],
    "step_free": True,
    "hearing_loop": True,
    "opening": {"mon": ["morning", "afternoon"], "wed": ["evening"]},
    "neutral_for": ["victim", "harmer"],
    "risk_notes": "Side entrance lets parties arrive apart",
    "contact": "Bookings office, 01206 000000",
}


class RoomIn(Schema):
    """A bookable room: its id in the venue, how many people it seats and its cost a session."""

    id: str = Field(min_length=1, max_length=40, pattern=r"^[A-Za-z0-9_. -]+$")
    capacity: int = Field(ge=1, le=500, description="people it seats; at least 1")
    cost_pounds: float = Field(default=0.0, ge=0, le=10_000, description="pounds a session")


class VenueIn(Schema):
    """A neutral venue. The postcode's outward code must be one the gazetteer knows (it places
    the venue); `contact` is a person's details (sealed at rest, each read audited)."""

    model_config = ConfigDict(json_schema_extra={"examples": [_VENUE_EXAMPLE]})

    id: str = Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.-]+$")
    name: Line200 = Field(min_length=1)
    address: Line300 = ""
    postcode: str = Field(
        pattern=POSTCODE, max_length=8, examples=["CO1 1AA"], description="or its outward code"
    )
    district: Line60 | None = None
    rooms: list[RoomIn] = Field(min_length=1, max_length=50)
    step_free: bool = False
    hearing_loop: bool = False
    high_risk_suitable: bool = Field(
        default=False, description="suitable for high-risk cases (e.g. staffed, secure entry)"
    )
    opening: Opening = Field(
        default_factory=lambda: dict(WEEKDAYS_DAYTIME), description="weekday -> open sessions"
    )
    neutral_for: list[Line60] = Field(
        default_factory=list,
        max_length=20,
        description="parties (victim, harmer) and areas it is neutral ground for; empty: any",
    )
    risk_notes: Note1000 = ""
    contact: Line300 | None = None
    active: bool = True


class VenueOut(VenueIn):
    """A registered venue; `contact` is given only when one venue is read (audited)."""

    lat: float
    lon: float
    version: int
    updated_at: UtcDateTime
    updated_by: str


class PrisonIn(Schema):
    """A prison's professional-visit arrangements, as staff keep them."""

    sessions: Opening = Field(description="weekday -> professional-visit sessions")
    visitors_per_session: int = Field(ge=0, le=50)
    lead_time_working_days: int = Field(ge=0, le=60, description="working days' notice")
    clearance: Literal["prison", "force", "nsv"] = Field(
        default="prison", description="the check a facilitator needs to visit"
    )
    visitor_rules: Note1000 = ""
    active: bool = True


class PrisonOut(PrisonIn):
    name: str
    lat: float
    lon: float
    postcode: str
    category: str
    version: int
    updated_at: UtcDateTime
    updated_by: str


class VenueImportReport(Schema):
    created: int
    ids: list[str]


class PlacesOut(Schema):
    """The registers of places together: venues (without contacts) and prisons."""

    venues: list[VenueOut]
    prisons: list[PrisonOut]
