"""Changing a case: close it, change the work left or its priority, review a pair; all audited.

Each change first takes the commit lock, as a proposal commit does (service.workflow.commit):
a close, new hours or a review changes what the allocator reads, so it never lands between a
commit's check of the store and its writes; a commit after it finds the store changed (409).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from service.errors import ConflictError, InputError, NotFoundError
from service.store import queries
from service.store import tables as t
from service.store.uow import UnitOfWork
from service.workflow import cases, outcomes
from service.workflow.audit import diff
from service.workflow.auth import Principal
from service.workflow.schemas.cases import CasePatch, CloseIn
from service.workflow.schemas.views import CaseOut

CASE_POINTER = "/path/case_id"
ENTITY = "case"


def close(uow: UnitOfWork, who: Principal, cid: str, body: CloseIn) -> CaseOut:
    """Close an open case with its outcome (in the seeds' words) on a day (today by default);
    its current pair ends that day, reviewed when `pair_went_well` is given."""
    outcomes.check(body)
    case = _open_case(uow, cid, "closed again")
    pair = uow.pairs.current_of(cid)
    day = _closing_day(body.closed_on, uow.clock.today(), case, pair)
    if pair is None and body.pair_went_well is not None:
        raise InputError.single(
            ENTITY,
            "/body/pair_went_well",
            "the case has no current pair to review; leave pair_went_well out (review an "
            "earlier pair with PUT /cases/{case_id}/pairs/{pair_id}/review)",
        )
    before = _closing(case, pair)
    outcome = body.outcome.value
    case.status, case.closed_on = "closed", day
    outcomes.record(uow, who, case, body, day)
    case.version += 1
    if pair is not None:
        pair.ended_on, pair.end_reason = day, f"case closed: {outcome}"
        if body.pair_went_well is not None:
            _review(pair, who, body.pair_went_well, uow.clock.now())
    how = {"declined_by": body.declined_by, "method": body.method}
    changes = diff(before, _closing(case, pair)) | {k: v for k, v in how.items() if v}
    uow.audit.record(who.username, "close", ENTITY, cid, changes)
    return _committed(uow, cid)


def update(uow: UnitOfWork, who: Principal, cid: str, patch: CasePatch) -> CaseOut:
    """Change the hours still to do or the priority of an open case (audited when they differ)."""
    case = _open_case(uow, cid, "changed")
    before = {"hours": case.hours, "priority": case.priority}
    for key, value in patch.model_dump(exclude_unset=True).items():
        setattr(case, key, value)
    changes = diff(before, {"hours": case.hours, "priority": case.priority})
    if changes:
        case.version += 1
        uow.audit.record(who.username, "update", ENTITY, cid, changes)
    return _committed(uow, cid)


def review(uow: UnitOfWork, who: Principal, cid: str, pair_id: int, went_well: bool) -> CaseOut:
    """Record whether a pair of the case (current or ended) went well; a new review replaces
    the one before, and the audit log keeps both."""
    uow.proposals.lock_commits()
    if uow.cases.get(cid) is None:
        raise NotFoundError("case", cid, CASE_POINTER)
    pair = uow.pairs.get(pair_id)
    if pair is None or pair.case_id != cid:
        raise NotFoundError(f"pair of case {cid!r}", str(pair_id), "/path/pair_id")
    before = {"went_well": pair.went_well, "reviewed_by": pair.reviewed_by}
    if before != {"went_well": went_well, "reviewed_by": who.username}:
        _review(pair, who, went_well, uow.clock.now())
        after = {"went_well": pair.went_well, "reviewed_by": pair.reviewed_by}
        about = {"pair": pair.id, "facilitators": [pair.facilitator_a, pair.facilitator_b]}
        uow.audit.record(who.username, "review", ENTITY, cid, about | diff(before, after))
    return _committed(uow, cid)


def _open_case(uow: UnitOfWork, cid: str, doing: str) -> t.Case:
    uow.proposals.lock_commits()
    case = uow.cases.get(cid)
    if case is None:
        raise NotFoundError("case", cid, CASE_POINTER)
    if case.status != "open":
        raise ConflictError(
            CASE_POINTER,
            f"case {cid} was closed on {case.closed_on} ({case.outcome}); a closed case "
            f"cannot be {doing}",
        )
    return case


def _closing_day(
    closed_on: dt.date | None, today: dt.date, case: t.Case, pair: t.Pair | None
) -> dt.date:
    """The day given, or today; never after today, nor before the case opened (unless its
    pair started earlier, as the demo's ongoing cases did) or its current pair started."""
    day = closed_on or today
    opened = min(case.created_at.date(), pair.started_on) if pair else case.created_at.date()
    if day > today:
        msg = f"{day} is in the future; give today ({today}) or an earlier day"
    elif pair is not None and day < pair.started_on:
        msg = f"{day} is before the current pair started ({pair.started_on}); give a later day"
    elif day < opened:
        msg = f"{day} is before the case was opened ({opened}); give a later day"
    else:
        return day
    raise InputError.single(ENTITY, "/body/closed_on", msg)


def _review(pair: t.Pair, who: Principal, went_well: bool, at: dt.datetime) -> None:
    pair.went_well, pair.reviewed_by, pair.reviewed_at = went_well, who.username, at


def _closing(case: t.Case, pair: t.Pair | None) -> dict[str, Any]:
    """What a close changes, for the audit log (JSON: dates as ISO text)."""
    return {
        "status": case.status,
        "closed_on": case.closed_on.isoformat() if case.closed_on else None,
        "outcome": case.outcome,
        "pair": None if pair is None else _pair(pair),
    }


def _pair(pair: t.Pair) -> dict[str, Any]:
    return {
        "id": pair.id,
        "facilitators": [pair.facilitator_a, pair.facilitator_b],
        "ended_on": pair.ended_on.isoformat() if pair.ended_on else None,
        "end_reason": pair.end_reason,
        "went_well": pair.went_well,
    }


def _committed(uow: UnitOfWork, cid: str) -> CaseOut:
    """Commit, and the case as it now is (read in the same transaction)."""
    uow.flush()
    rows = queries.case_with_pairs_in(uow.session, cid)
    uow.commit()
    return cases.view(rows)
