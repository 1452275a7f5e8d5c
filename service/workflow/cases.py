"""Cases: opened from accepted referrals; read by staff, and by a facilitator only if theirs."""

from __future__ import annotations

from service.api.schemas.views import CaseOut, PairOut
from service.errors import ForbiddenError, NotFoundError
from service.store import tables as t
from service.store.uow import UnitOfWork
from service.workflow.auth import Principal, Role


def view(uow: UnitOfWork, row: t.Case) -> CaseOut:
    """A stored case with its current pair and history."""
    history = uow.pairs.history(row.id)
    current = next((p for p in history if p.ended_on is None), None)
    return CaseOut(
        id=row.id,
        referral_id=row.referral_id,
        status=row.status,
        district=row.district,
        outcode=row.outcode,
        requires_both=list(row.requires_both),
        requires_either=list(row.requires_either),
        hours=row.hours,
        priority=row.priority,
        prison=row.prison_name,
        facilitators=[current.facilitator_a, current.facilitator_b] if current else [],
        history=[_pair(p) for p in history],
    )


def _pair(pair: t.Pair) -> PairOut:
    return PairOut(
        facilitators=[pair.facilitator_a, pair.facilitator_b],
        started_on=pair.started_on,
        ended_on=pair.ended_on,
        end_reason=pair.end_reason,
    )


def get(uow: UnitOfWork, who: Principal, cid: str) -> CaseOut:
    """One case; a facilitator may read it only while they are on it."""
    row = uow.cases.get(cid)
    if row is None:
        raise NotFoundError("case", cid, "/path/case_id")
    if who.role is Role.FACILITATOR:
        pair = uow.pairs.current_of(cid)
        if pair is None or who.facilitator_id not in (pair.facilitator_a, pair.facilitator_b):
            raise ForbiddenError("a facilitator can read only the cases they are on")
    return view(uow, row)


def listing(uow: UnitOfWork, unallocated_only: bool) -> list[CaseOut]:
    """Open cases (optionally only those without a pair)."""
    current = uow.pairs.current()
    rows = [r for r in uow.cases.open() if not (unallocated_only and r.id in current)]
    return [view(uow, r) for r in rows]


def mine(uow: UnitOfWork, who: Principal) -> list[CaseOut]:
    """The facilitator's own current cases, and nothing else."""
    if who.facilitator_id is None:
        return []
    pairs = uow.pairs.current_for_facilitator(who.facilitator_id)
    return [view(uow, row) for row in uow.cases.by_ids(p.case_id for p in pairs)]
