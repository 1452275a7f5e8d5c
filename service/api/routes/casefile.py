"""The case file: parties, contacts, the timeline and its clocks. Who may read or write is
decided by the use cases (service.workflow.case_access): staff read, coordinators write, a
facilitator reads and logs contacts on their own cases."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Path, Query, status

from service.api.deps import CurrentUser, UowDep
from service.api.schemas.common import AUTHED, error_responses
from service.workflow import clocks, contacts, parties
from service.workflow.schemas.casefile import (
    ContactIn,
    ContactOut,
    PartyIn,
    PartyOut,
    PartyPatch,
)
from service.workflow.schemas.timeline import TimelineOut

router = APIRouter(prefix="/cases/{case_id}", tags=["case file"])
PartyId = Annotated[int, Path(ge=1, le=2_147_483_647)]
Day = Annotated[dt.date | None, Query(ge=dt.date(2000, 1, 1), le=dt.date(2100, 12, 31))]


@router.get("/parties", responses=error_responses(*AUTHED, 404))
def list_parties(case_id: str, user: CurrentUser, uow: UowDep) -> list[PartyOut]:
    """The case's parties with their status and take-up (from the contacts) and their details
    (PROTECT - PERSONAL: the read is audited)."""
    return parties.listing(uow, user, case_id)


@router.post(
    "/parties", status_code=status.HTTP_201_CREATED, responses=error_responses(*AUTHED, 404, 409)
)
def add_party(case_id: str, body: PartyIn, user: CurrentUser, uow: UowDep) -> PartyOut:
    """Add a party (harmed, responsible, or a supporter of a party); details sealed at rest."""
    return parties.add(uow, user, case_id, body)


@router.patch("/parties/{party_id}", responses=error_responses(*AUTHED, 404))
def change_party(
    case_id: str, party_id: PartyId, body: PartyPatch, user: CurrentUser, uow: UowDep
) -> PartyOut:
    """Change a party's age band, preferred channel or details (audited: which fields)."""
    return parties.update(uow, user, case_id, party_id, body)


@router.get("/contacts", responses=error_responses(*AUTHED, 404))
def list_contacts(case_id: str, user: CurrentUser, uow: UowDep) -> list[ContactOut]:
    """The contacts log, oldest first (notes: a read audited)."""
    return contacts.listing(uow, user, case_id)


@router.post(
    "/contacts", status_code=status.HTTP_201_CREATED, responses=error_responses(*AUTHED, 404)
)
def log_contact(case_id: str, body: ContactIn, user: CurrentUser, uow: UowDep) -> ContactOut:
    """Log a call, letter, visit, email or meeting attempt; a party's answer (considering,
    agreed, declined, withdrew) sets their status. Not before the referral, not in the future."""
    return contacts.log(uow, user, case_id, body)


@router.get("/timeline", responses=error_responses(*AUTHED, 404))
def case_timeline(case_id: str, user: CurrentUser, uow: UowDep, day: Day = None) -> TimelineOut:
    """The case's events and its timeliness clocks (due, overdue, met late, met) on `day`."""
    return clocks.timeline(uow, user, case_id, day)
