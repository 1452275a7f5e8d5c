"""The registers of places: staff read the venues and prisons; coordinators register, change
and import venues and change a prison's visit arrangements. Every change is audited."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, UploadFile, status

from models.values import EntityId, Line100
from service.api.deps import GazetteerDep, Planner, Staff, UowDep
from service.api.schemas.common import AUTHED, error_responses
from service.workflow import csv_import, venues
from service.workflow.schemas.venues import (
    PrisonIn,
    PrisonOut,
    VenueImportReport,
    VenueIn,
    VenueOut,
)

router = APIRouter(tags=["places"])
VenueId = Annotated[EntityId, Path()]
PrisonName = Annotated[Line100, Path()]


@router.get("/venues", responses=error_responses(*AUTHED))
def list_venues(_user: Staff, uow: UowDep, active_only: bool = False) -> list[VenueOut]:
    """Every registered venue (without booking contacts), by id."""
    return venues.listing(uow, active_only)


@router.post(
    "/venues", status_code=status.HTTP_201_CREATED, responses=error_responses(*AUTHED, 409)
)
def create_venue(body: VenueIn, user: Planner, uow: UowDep, gaz: GazetteerDep) -> VenueOut:
    """Register a venue; its postcode must be in the gazetteer. Audited."""
    return venues.create(uow, user, body, gaz)


@router.post(
    "/venues/import", status_code=status.HTTP_201_CREATED, responses=error_responses(*AUTHED)
)
def import_venues(
    file: UploadFile, user: Planner, uow: UowDep, gaz: GazetteerDep
) -> VenueImportReport:
    """Import a CSV of venues (columns as the VenueIn fields; rooms `hall:20:25;side:6`,
    opening `mon=morning+afternoon;wed=evening`): all rows or none, every bad row listed.
    (A plain function: run in the thread pool, never on the event loop.)"""
    text = csv_import.decode(file.file.read(csv_import.MAX_BYTES + 1), "/body/file")
    return venues.import_venues(uow, user, text, gaz)


@router.get("/venues/{venue_id}", responses=error_responses(*AUTHED, 404))
def get_venue(venue_id: VenueId, user: Staff, uow: UowDep) -> VenueOut:
    """One venue with its booking contact (the read is audited)."""
    return venues.get(uow, user, venue_id)


@router.put("/venues/{venue_id}", responses=error_responses(*AUTHED, 404))
def replace_venue(
    venue_id: VenueId, body: VenueIn, user: Planner, uow: UowDep, gaz: GazetteerDep
) -> VenueOut:
    """Change a venue (every field; `active: false` stops its booking). Audited."""
    return venues.replace(uow, user, venue_id, body, gaz)


@router.get("/prisons", responses=error_responses(*AUTHED))
def list_prisons(_user: Staff, uow: UowDep) -> list[PrisonOut]:
    """Every prison the service visits, with its visit arrangements."""
    return venues.prisons(uow)


@router.get("/prisons/{name:path}", responses=error_responses(*AUTHED, 404))
def get_prison(name: PrisonName, _user: Staff, uow: UowDep) -> PrisonOut:
    """One prison's visit arrangements."""
    return venues.prison(uow, name)


@router.put("/prisons/{name:path}", responses=error_responses(*AUTHED, 404))
def change_prison(name: PrisonName, body: PrisonIn, user: Planner, uow: UowDep) -> PrisonOut:
    """Change a prison's sessions, lead time, clearance, visitor rules or whether it is
    visited. Audited."""
    return venues.change_prison(uow, user, name, body)
