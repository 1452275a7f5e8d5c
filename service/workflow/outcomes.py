"""How a case ended, in the seeds' words, with its agreement's actions and onward referrals.

The outcome is recorded when the case closes (service.workflow.case_changes.close) and may be
corrected afterwards; an open case has no outcome. The agreement's actions are monitored to
completion (they may be agreed before the case closes); each not done by its day is on the
worklist."""

from __future__ import annotations

import datetime as dt

from models.casefile import Agency, DeclinedBy, Method, OutcomeKind, outcome_problems, positive
from models.errors import FieldError
from service.errors import ConflictError, InputError, NotFoundError
from service.store import tables as t
from service.store.uow import UnitOfWork
from service.workflow.audit import read_personal
from service.workflow.auth import Principal
from service.workflow.case_access import case_for, planner
from service.workflow.parties import party_of
from service.workflow.schemas.outcomes import (
    ActionIn,
    ActionOut,
    OnwardIn,
    OnwardOut,
    OutcomeIn,
    OutcomeOut,
)

ENTITY = "outcome"


def check(body: OutcomeIn) -> None:
    """Refuse (422) an outcome whose parts do not fit its kind, naming each field."""
    problems = outcome_problems(body.outcome, body.declined_by, body.method)
    if problems:
        raise InputError(ENTITY, [FieldError(f"/body/{field}", fix) for field, fix in problems])


def record(uow: UnitOfWork, who: Principal, case: t.Case, body: OutcomeIn, day: dt.date) -> None:
    """Store the outcome of a case closing on `day` (checked first with `check`)."""
    row = uow.casefile.outcome(case.id)
    if row is None:
        row = t.CaseOutcome(case_id=case.id, recorded_on=day, recorded_by=who.username)
        uow.casefile.add(row)
    row.kind = body.outcome.value
    row.declined_by = body.declined_by.value if body.declined_by else None
    row.method = body.method.value if body.method else None
    row.recorded_on, row.recorded_by, row.migrated_from = day, who.username, None
    case.outcome = row.kind


def correct(uow: UnitOfWork, who: Principal, cid: str, body: OutcomeIn) -> OutcomeOut:
    """Correct the outcome of a closed case (409 on an open case: close it with its outcome)."""
    planner(who, "recording an outcome")
    case = case_for(uow, who, cid, writing=True)
    if case.status != "closed":
        raise ConflictError(
            "/path/case_id",
            f"case {cid} is open; an outcome is recorded when the case closes "
            "(POST /cases/{case_id}/close with the outcome)",
        )
    check(body)
    uow.proposals.lock_commits()
    record(uow, who, case, body, uow.clock.today())
    case.version += 1
    changes = {
        "outcome": body.outcome.value,
        "declined_by": body.declined_by,
        "method": body.method,
    }
    uow.audit.record(who.username, "correct", ENTITY, cid, changes)
    uow.commit()
    return get(uow, who, cid)


def get(uow: UnitOfWork, who: Principal, cid: str) -> OutcomeOut:
    """The recorded outcome of a case (404 when none: the case is open)."""
    case_for(uow, who, cid)
    row = uow.casefile.outcome(cid)
    if row is None:
        raise NotFoundError("outcome of case", cid, "/path/case_id")
    kind = OutcomeKind(row.kind)
    return OutcomeOut(
        kind=kind,
        declined_by=DeclinedBy(row.declined_by) if row.declined_by else None,
        method=Method(row.method) if row.method else None,
        positive=positive(kind),
        recorded_on=row.recorded_on,
        recorded_by=row.recorded_by,
        migrated_from=row.migrated_from,
    )


def add_action(uow: UnitOfWork, who: Principal, cid: str, body: ActionIn) -> ActionOut:
    """Add an action of the case's agreement."""
    case = case_for(uow, who, cid, writing=True)
    outcome = uow.casefile.outcome(cid)
    if outcome is not None and not positive(OutcomeKind(outcome.kind)):
        raise ConflictError(
            "/path/case_id", f"case {cid} closed as {outcome.kind}: there is no agreement"
        )
    if body.due < case.created_at.date() - dt.timedelta(days=366):
        raise InputError.single("action", "/body/due", "the due day is long before the case")
    row = t.AgreementAction(
        case_id=cid,
        description=uow.cipher.seal(body.description),
        owner=body.owner,
        due=body.due,
        done_on=body.done_on,
        created_at=uow.clock.now(),
        created_by=who.username,
    )
    uow.casefile.add(row)
    uow.flush()
    changes = {"owner": row.owner, "due": row.due.isoformat(), "description": "<personal>"}
    uow.audit.record(who.username, "agree", "action", str(row.id), {"case": cid} | changes)
    uow.commit()
    return _action(uow, row)


def action_done(
    uow: UnitOfWork, who: Principal, cid: str, action_id: int, done_on: dt.date
) -> ActionOut:
    """Mark an agreement action done on a day (not in the future)."""
    case_for(uow, who, cid, writing=True)
    row = uow.casefile.action(action_id)
    if row is None or row.case_id != cid:
        raise NotFoundError(f"action of case {cid!r}", str(action_id), "/path/action_id")
    if done_on > uow.clock.today():
        raise InputError.single("action", "/body/done_on", "an action is done today or earlier")
    row.done_on = done_on
    uow.audit.record(who.username, "done", "action", str(action_id), {"done_on": str(done_on)})
    uow.commit()
    return _action(uow, row)


def actions(uow: UnitOfWork, who: Principal, cid: str) -> list[ActionOut]:
    """The agreement's actions (their descriptions: a read audited)."""
    case_for(uow, who, cid)
    rows = uow.casefile.of_case(t.AgreementAction, cid)
    if rows:
        read_personal(uow, who, "action", f"case:{cid}", ["description"])
        uow.commit()
    return [_action(uow, r) for r in rows]


def add_onward(uow: UnitOfWork, who: Principal, cid: str, body: OnwardIn) -> OnwardOut:
    """Record that a participant was referred on to another agency."""
    case_for(uow, who, cid, writing=True)
    if body.party is not None:
        party_of(uow, cid, body.party, "/body/party")
    if body.on > uow.clock.today():
        raise InputError.single("onward", "/body/on", "record an onward referral once it is made")
    row = t.OnwardReferral(
        case_id=cid,
        party_id=body.party,
        agency=body.agency.value,
        referred_on=body.on,
        note=uow.cipher.seal(body.note) if body.note else None,
    )
    uow.casefile.add(row)
    uow.flush()
    changes = {"case": cid, "party": body.party, "agency": row.agency}
    uow.audit.record(who.username, "refer_on", "onward", str(row.id), changes)
    uow.commit()
    return _onward(uow, row)


def onward_referrals(uow: UnitOfWork, who: Principal, cid: str) -> list[OnwardOut]:
    """The case's onward referrals, oldest first (their notes' read audited)."""
    case_for(uow, who, cid)
    rows = sorted(uow.casefile.of_case(t.OnwardReferral, cid), key=lambda r: (r.referred_on, r.id))
    if any(r.note for r in rows):
        read_personal(uow, who, "onward", f"case:{cid}", ["note"])
        uow.commit()
    return [_onward(uow, r) for r in rows]


def _onward(uow: UnitOfWork, row: t.OnwardReferral) -> OnwardOut:
    return OnwardOut(
        id=row.id,
        party=row.party_id,
        agency=Agency(row.agency),
        on=row.referred_on,
        note=uow.cipher.open_optional(row.note),
    )


def _action(uow: UnitOfWork, row: t.AgreementAction) -> ActionOut:
    return ActionOut(
        id=row.id,
        description=uow.cipher.open(row.description),
        owner=row.owner,
        due=row.due,
        done_on=row.done_on,
    )
