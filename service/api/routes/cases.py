"""Cases for staff: read, close, change the work left, review pairs; a facilitator's own view
of their cases and nothing else."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query

from models.values import EntityId
from service.api.deps import CurrentUser, FacilitatorUser, Planner, ReaderDep, Staff, UowDep
from service.api.schemas.cases import ReviewIn
from service.api.schemas.common import AUTHED, PageOffset, error_responses
from service.workflow import case_changes, cases
from service.workflow.schemas.cases import CasePatch, CaseStatusFilter, CloseIn
from service.workflow.schemas.views import CaseOut

router = APIRouter(tags=["cases"])
PairId = Annotated[int, Path(ge=1, le=2_147_483_647, description="a pair's id from the case")]


@router.get("/cases", responses=error_responses(*AUTHED))
async def list_cases(
    _user: Staff,
    reader: ReaderDep,
    status: Annotated[CaseStatusFilter, Query(examples=["closed"])] = CaseStatusFilter.OPEN,
    unallocated: Annotated[bool, Query()] = False,
    limit: Annotated[int, Query(ge=1, le=1000, description="cases on a page")] = 1000,
    offset: PageOffset = 0,
) -> list[CaseOut]:
    """Cases with their pairs, by id: open ones by default, `status=closed` or `status=all`;
    `unallocated=true` for the open cases still waiting for a pair. Pages of `limit` cases
    (at most 1,000) from `offset`."""
    return await cases.listing(reader, status, unallocated, limit, offset)


@router.get("/cases/{case_id}", responses=error_responses(*AUTHED, 404))
async def get_case(case_id: EntityId, user: CurrentUser, reader: ReaderDep) -> CaseOut:
    """One case and its pair history (a facilitator: only a case they are on)."""
    return await cases.get(reader, user, case_id)


@router.patch("/cases/{case_id}", responses=error_responses(*AUTHED, 404, 409))
def update_case(case_id: EntityId, body: CasePatch, user: Planner, uow: UowDep) -> CaseOut:
    """Change the hours each facilitator still has to do, or the priority, of an open case
    (409 when closed); the change is audited."""
    return case_changes.update(uow, user, case_id, body)


@router.post("/cases/{case_id}/close", responses=error_responses(*AUTHED, 404, 409))
def close_case(case_id: EntityId, body: CloseIn, user: Planner, uow: UowDep) -> CaseOut:
    """Close a case with its outcome, in one transaction: its current pair ends on the day it
    closed (and is reviewed when `pair_went_well` is given), its hours leave both facilitators'
    loads and it never enters a proposal again; 409 when already closed. Audited."""
    return case_changes.close(uow, user, case_id, body)


@router.put("/cases/{case_id}/pairs/{pair_id}/review", responses=error_responses(*AUTHED, 404))
def review_pair(
    case_id: EntityId, pair_id: PairId, body: ReviewIn, user: Planner, uow: UowDep
) -> CaseOut:
    """Record whether a pair of this case (current or ended) went well; pairs that did are
    preferred together again by the allocator. A new review replaces the last; both audited."""
    return case_changes.review(uow, user, case_id, pair_id, body.went_well)


@router.get("/me/cases", responses=error_responses(*AUTHED))
async def my_cases(user: FacilitatorUser, reader: ReaderDep) -> list[CaseOut]:
    """The logged-in facilitator's own current (open) cases."""
    return await cases.mine(reader, user)
