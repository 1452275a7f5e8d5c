"""Who may read or write a case's file: staff read every case; coordinators and admins write
every case; a facilitator reads and logs contacts only on the cases they are on now."""

from __future__ import annotations

from service.errors import ForbiddenError, NotFoundError
from service.store import tables as t
from service.store.uow import UnitOfWork
from service.workflow.auth import PLANNERS, STAFF, Principal, Role

CASE_POINTER = "/path/case_id"


def case_for(uow: UnitOfWork, who: Principal, cid: str, writing: bool = False) -> t.Case:
    """The case, if `who` may read it (or write it, when `writing`); 404 or 403 otherwise."""
    case = uow.cases.get(cid)
    if case is None:
        raise NotFoundError("case", cid, CASE_POINTER)
    if who.role is Role.FACILITATOR:
        if not on_case(uow, who, cid):
            raise ForbiddenError("a facilitator can see only the cases they are on now")
    elif who.role not in (PLANNERS if writing else STAFF):
        raise ForbiddenError(f"a {who.role} may read case files but not change them")
    return case


def on_case(uow: UnitOfWork, who: Principal, cid: str) -> bool:
    """True when `who` is a facilitator of the case's current pair."""
    pair = uow.pairs.current_of(cid)
    return pair is not None and who.facilitator_id in (pair.facilitator_a, pair.facilitator_b)


def planner(who: Principal, doing: str) -> None:
    """Refuse (403) unless `who` is a coordinator or an admin."""
    who.require(PLANNERS, doing)
