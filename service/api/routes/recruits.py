"""The recruitment pipeline: staff record applicants and each stage they reach, and read the
funnel (how many reached each stage, moved on, wait or left, and the days each stage takes)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, status

from models.values import Day, EntityId, Name
from models.volunteers import Stage
from service.api.deps import GazetteerDep, Staff, UowDep, VolunteerStaff
from service.api.schemas.common import AUTHED, error_responses
from service.workflow import recruitment
from service.workflow.schemas.recruitment import FunnelOut, RecruitIn, RecruitOut, StageIn

router = APIRouter(prefix="/recruits", tags=["recruitment"])


@router.post("", status_code=status.HTTP_201_CREATED, responses=error_responses(*AUTHED, 409))
def create(body: RecruitIn, user: VolunteerStaff, uow: UowDep, gaz: GazetteerDep) -> RecruitOut:
    """Record a new applicant (the `applicant` stage on `applied_on`). Audited."""
    return recruitment.create(uow, user, body, gaz)


@router.get("", responses=error_responses(*AUTHED))
def listing(user: Staff, uow: UowDep, stage: Stage | None = None) -> list[RecruitOut]:
    """Every recruit with their dated stages, or those now at `stage`. Reads audited."""
    return recruitment.listing(uow, user, stage)


@router.get("/funnel", responses=error_responses(*AUTHED))
def funnel(
    _user: Staff,
    uow: UowDep,
    first: Annotated[Day, Query(alias="from", examples=["2017-04-01"])],
    last: Annotated[Day, Query(alias="to", examples=["2018-03-31"])],
    cohort: Stage = Stage.TRAINED,
    district: Annotated[Name | None, Query()] = None,
    day: Annotated[Day | None, Query(description="read on this day; today by default")] = None,
) -> FunnelOut:
    """The funnel of those who reached `cohort` (trained by default) from `from` to `to`:
    per stage, how many reached it, moved on, are still waiting or left, and the days spent
    in it (median and 90th percentile of those who moved on)."""
    return recruitment.cohort_funnel(uow, cohort, (first, last), day, district)


@router.get("/{recruit_id}", responses=error_responses(*AUTHED, 404))
def get(recruit_id: EntityId, user: Staff, uow: UowDep) -> RecruitOut:
    """One recruit with every stage reached. The read is audited."""
    return recruitment.get(uow, user, recruit_id)


@router.post("/{recruit_id}/stages", responses=error_responses(*AUTHED, 404, 409))
def advance(
    recruit_id: EntityId, body: StageIn, user: VolunteerStaff, uow: UowDep, gaz: GazetteerDep
) -> RecruitOut:
    """The recruit reaches the next stage on a day (409 out of order). First `active` makes
    the facilitator record; `paused`, back to `active` and `left` change it too. Audited."""
    return recruitment.advance(uow, user, recruit_id, body, gaz)
