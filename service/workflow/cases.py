"""Cases: opened from accepted referrals; read by staff, and by a facilitator only if theirs.

Reads go through the Core queries of `service.store.queries` (one query per request): they are
most of the service's traffic. Changes (close, hours, priority, reviews) are in case_changes.
A facilitator never sees the reviews of pairs (staff's judgement of volunteers' work).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from itertools import groupby

from service.errors import ForbiddenError, NotFoundError
from service.store import queries
from service.store.readers import Reader
from service.workflow.auth import Principal, Role
from service.workflow.schemas.cases import CaseStatusFilter
from service.workflow.schemas.views import CaseOut, PairOut


async def get(reader: Reader, who: Principal, cid: str) -> CaseOut:
    """One case; a facilitator may read it only while they are on it."""
    rows = await queries.case_with_pairs(reader, cid)
    if not rows:
        raise NotFoundError("case", cid, "/path/case_id")
    facilitator = who.role is Role.FACILITATOR
    case = view(rows, reviews=not facilitator)
    if facilitator and who.facilitator_id not in case.facilitators:
        raise ForbiddenError("a facilitator can read only the cases they are on")
    return case


_STATUS = {
    CaseStatusFilter.OPEN: "open",
    CaseStatusFilter.CLOSED: "closed",
    CaseStatusFilter.ALL: None,
}


async def listing(
    reader: Reader, status: CaseStatusFilter, unallocated_only: bool, limit: int, offset: int
) -> list[CaseOut]:
    """A page of the cases with this status, by id (optionally only open ones still waiting
    for a pair)."""
    rows = await queries.cases_in(reader, _STATUS[status], unallocated_only, limit, offset)
    return list(_views(rows))


async def mine(reader: Reader, who: Principal) -> list[CaseOut]:
    """The facilitator's own current (open) cases, and nothing else."""
    if who.facilitator_id is None:
        return []
    rows = await queries.cases_of(reader, who.facilitator_id)
    return list(_views(rows, reviews=False))


def view(rows: Sequence[queries.Record], reviews: bool = True) -> CaseOut:
    """One case from its rows of `queries.case_with_pairs`: its current pair and history (the
    pairs' reviews left out unless `reviews`)."""
    case = rows[0]
    history = [_pair(r, reviews) for r in rows if r.pair_id is not None]
    current = next((p for p in history if p.ended_on is None), None)
    return CaseOut(
        id=case.id,
        referral_id=case.referral_id,
        status=case.status,
        closed_on=case.closed_on,
        outcome=case.outcome,
        district=case.district,
        outcode=case.outcode,
        requires_both=list(case.requires_both),
        requires_either=list(case.requires_either),
        hours=case.hours,
        priority=case.priority,
        prison=case.prison_name,
        facilitators=list(current.facilitators) if current else [],
        history=history,
    )


def _views(rows: Sequence[queries.Record], reviews: bool = True) -> Iterator[CaseOut]:
    for _, of_case in groupby(rows, key=lambda r: r.id):
        yield view(list(of_case), reviews)


def _pair(row: queries.Record, reviews: bool) -> PairOut:
    return PairOut(
        id=row.pair_id,
        facilitators=[row.facilitator_a, row.facilitator_b],
        started_on=row.started_on,
        ended_on=row.ended_on,
        end_reason=row.end_reason,
        went_well=row.went_well if reviews else None,
        reviewed_by=row.reviewed_by if reviews else None,
        reviewed_at=row.reviewed_at if reviews else None,
    )
