"""Facilitators: staff read them; coordinators create, change and import them."""

from __future__ import annotations

from fastapi import APIRouter, UploadFile, status

from models.values import EntityId
from service.api.deps import GazetteerDep, Planner, Staff, UowDep
from service.api.schemas.common import AUTHED, error_responses
from service.api.schemas.facilitators import AvailabilityIn
from service.workflow import csv_import, facilitators
from service.workflow.schemas.facilitators import (
    FacilitatorIn,
    FacilitatorOut,
    FacilitatorPatch,
    ImportReport,
)

router = APIRouter(prefix="/facilitators", tags=["facilitators"])


@router.get("", responses=error_responses(*AUTHED))
def list_facilitators(user: Staff, uow: UowDep) -> list[FacilitatorOut]:
    """Every facilitator, with skills, vetting, hours, absences and current cases (the read of
    their names is audited)."""
    return facilitators.listing(uow, user)


@router.post("", status_code=status.HTTP_201_CREATED, responses=error_responses(*AUTHED, 409))
def create_facilitator(
    body: FacilitatorIn, user: Planner, uow: UowDep, gaz: GazetteerDep
) -> FacilitatorOut:
    """Add a facilitator; the home outcode is resolved by the gazetteer."""
    return facilitators.create(uow, user, body, gaz)


@router.post(
    "/import", status_code=status.HTTP_201_CREATED, responses=error_responses(*AUTHED, 409)
)
def import_facilitators(
    file: UploadFile, user: Planner, uow: UowDep, gaz: GazetteerDep
) -> ImportReport:
    """Import a CSV of facilitators: all rows or none; every bad row is listed. (A plain
    function: FastAPI runs it in its thread pool, so a long import never holds up other
    requests.)"""
    text = csv_import.decode(file.file.read(csv_import.MAX_BYTES + 1), "/body/file")
    return csv_import.import_facilitators(uow, user, text, gaz)


@router.get("/{facilitator_id}", responses=error_responses(*AUTHED, 404))
def get_facilitator(facilitator_id: EntityId, user: Staff, uow: UowDep) -> FacilitatorOut:
    """One facilitator (the read of their name is audited)."""
    return facilitators.get(uow, user, facilitator_id)


@router.patch("/{facilitator_id}", responses=error_responses(*AUTHED, 404))
def update_facilitator(
    facilitator_id: EntityId, body: FacilitatorPatch, user: Planner, uow: UowDep, gaz: GazetteerDep
) -> FacilitatorOut:
    """Change skills, vetting, hours or other fields; the change is audited."""
    return facilitators.update(uow, user, facilitator_id, body, gaz)


@router.put("/{facilitator_id}/availability", responses=error_responses(*AUTHED, 404))
def set_availability(
    facilitator_id: EntityId, body: AvailabilityIn, user: Planner, uow: UowDep
) -> FacilitatorOut:
    """Replace the facilitator's absences (inclusive date windows)."""
    return facilitators.set_availability(uow, user, facilitator_id, body.unavailable)
