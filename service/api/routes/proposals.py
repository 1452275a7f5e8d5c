"""The morning allocation: propose, read with explanations and alternatives, adjust, commit."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Header, Query, Response, status

from models.values import EntityId, Line200, Line1000
from service.api.deps import Planner, ReaderDep, SettingsDep, Staff, UowDep
from service.api.schemas.common import AUTHED, PageOffset, RecentLimit, error_responses
from service.api.schemas.proposals import ProposeIn
from service.workflow import commit, proposals
from service.workflow.schemas.proposals import (
    AlternativeOut,
    CommitOut,
    ControlsIn,
    ProposalOut,
    ProposalSummary,
    ReplanIn,
)

router = APIRouter(tags=["allocation"])
NOT_MODIFIED: dict[int | str, dict[str, Any]] = {
    304: {"description": "unchanged since the entity tag sent in If-None-Match"}
}
IfNoneMatch = Annotated[Line1000 | None, Header(description="an ETag of an earlier answer")]
IdempotencyKey = Annotated[
    Line200 | None,
    Header(description="repeat a commit safely: the same key gets the first answer"),
]


@router.post("/proposals", status_code=status.HTTP_201_CREATED, responses=error_responses(*AUTHED))
def create_proposal(
    body: ProposeIn, user: Planner, uow: UowDep, settings: SettingsDep
) -> ProposalOut:
    """Propose pairs for every accepted, unallocated case (ongoing pairs are kept)."""
    return proposals.propose(uow, user, settings, body.as_of)


@router.get("/proposals", responses=error_responses(*AUTHED))
def list_proposals(
    _user: Staff,
    uow: UowDep,
    limit: RecentLimit = 20,
    offset: PageOffset = 0,
) -> list[ProposalSummary]:
    """Recent proposals, newest first."""
    return proposals.recent(uow, limit, offset)


@router.get(
    "/proposals/{proposal_id}",
    response_model=ProposalOut,
    responses=NOT_MODIFIED | error_responses(*AUTHED, 404),
)
async def get_proposal(
    proposal_id: EntityId, _user: Staff, reader: ReaderDep, if_none_match: IfNoneMatch = None
) -> Response:
    """A proposal with each pair's explanation, the unallocated cases' reasons and the changes.

    The body is serialised once per status and carries an ETag: send it back in
    If-None-Match to get 304 Not Modified while the proposal is unchanged.
    """
    return _conditional(await proposals.document(reader, proposal_id), if_none_match)


def _conditional(document: proposals.Document, if_none_match: str | None) -> Response:
    headers = {"ETag": document.etag}  # and Cache-Control no-store, as every answer
    if if_none_match is not None and _matches(if_none_match, document.etag):
        return Response(status_code=status.HTTP_304_NOT_MODIFIED, headers=headers)
    return Response(document.body, media_type="application/json", headers=headers)


def _matches(if_none_match: str, etag: str) -> bool:
    tags = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
    return "*" in tags or etag in tags


@router.get(
    "/proposals/{proposal_id}/cases/{case_id}/alternatives", responses=error_responses(*AUTHED, 404)
)
def get_alternatives(
    proposal_id: EntityId,
    case_id: EntityId,
    _user: Staff,
    uow: UowDep,
    k: Annotated[int, Query(ge=1, le=20)] = 5,
) -> list[AlternativeOut]:
    """The next best pairs for one case, each with its effect on the four metrics."""
    return proposals.alternatives(uow, proposal_id, case_id, k)


@router.post(
    "/proposals/{proposal_id}/resolve",
    status_code=status.HTTP_201_CREATED,
    responses=error_responses(*AUTHED, 404),
)
def resolve_proposal(
    proposal_id: EntityId, body: ControlsIn, user: Planner, uow: UowDep, settings: SettingsDep
) -> ProposalOut:
    """Pin, forbid or keep, and re-solve: a new proposal that replaces this one for review."""
    return proposals.resolve(uow, user, settings, proposal_id, body)


@router.post("/proposals/{proposal_id}/commit", responses=error_responses(*AUTHED, 404, 409))
def commit_proposal(
    proposal_id: EntityId, user: Planner, uow: UowDep, idempotency_key: IdempotencyKey = None
) -> CommitOut:
    """Commit in one transaction; 409 when anything changed since the proposal was made."""
    return commit.commit(uow, user, proposal_id, idempotency_key)


@router.post(
    "/replans", status_code=status.HTTP_201_CREATED, responses=error_responses(*AUTHED, 404)
)
def create_replan(body: ReplanIn, user: Planner, uow: UowDep, settings: SettingsDep) -> ProposalOut:
    """Mark a facilitator unavailable from a day (or vetting lapsed); propose the fewest moves."""
    return proposals.start_replan(uow, user, settings, body)
