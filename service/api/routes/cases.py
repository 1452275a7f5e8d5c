"""Cases for staff; a facilitator's own view of their cases and nothing else."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from service.api.deps import CurrentUser, FacilitatorUser, ReaderDep, Staff
from service.api.schemas.common import AUTHED, error_responses
from service.api.schemas.views import CaseOut
from service.workflow import cases

router = APIRouter(tags=["cases"])


@router.get("/cases", responses=error_responses(*AUTHED))
async def list_cases(
    _user: Staff, reader: ReaderDep, unallocated: Annotated[bool, Query()] = False
) -> list[CaseOut]:
    """Open cases with their pairs; `unallocated=true` for those still waiting for a pair."""
    return await cases.listing(reader, unallocated)


@router.get("/cases/{case_id}", responses=error_responses(*AUTHED, 404))
async def get_case(case_id: str, user: CurrentUser, reader: ReaderDep) -> CaseOut:
    """One case and its pair history (a facilitator: only a case they are on)."""
    return await cases.get(reader, user, case_id)


@router.get("/me/cases", responses=error_responses(*AUTHED))
async def my_cases(user: FacilitatorUser, reader: ReaderDep) -> list[CaseOut]:
    """The logged-in facilitator's own current cases."""
    return await cases.mine(reader, user)
