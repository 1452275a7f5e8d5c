"""Expenses: a volunteer (or staff for them) claims; a coordinator, manager or admin who did
not submit it approves or rejects it, then marks it paid. Every step is audited; the
description is PERSONAL (audited as present, never copied)."""

from __future__ import annotations

from rules.volunteering import mileage_pence
from service.errors import ConflictError, ForbiddenError, NotFoundError
from service.store import tables as t
from service.store.uow import UnitOfWork
from service.workflow import volunteer_policy
from service.workflow.audit import read_personal
from service.workflow.auth import STAFF, Principal
from service.workflow.schemas.hours import (
    ExpenseDecision,
    ExpenseIn,
    ExpenseKind,
    ExpenseOut,
    ExpenseStatus,
)
from service.workflow.training import not_after
from service.workflow.volunteer_hours import on_the_case
from service.workflow.volunteer_record import existing, owner

ENTITY = "expense"
POINTER = "/path/claim_id"
MOVES = {
    ExpenseDecision.APPROVE: (ExpenseStatus.SUBMITTED, ExpenseStatus.APPROVED),
    ExpenseDecision.REJECT: (ExpenseStatus.SUBMITTED, ExpenseStatus.REJECTED),
    ExpenseDecision.PAY: (ExpenseStatus.APPROVED, ExpenseStatus.PAID),
}


def submit(uow: UnitOfWork, who: Principal, fid: str, data: ExpenseIn) -> ExpenseOut:
    """A new claim, priced now: mileage at the policy's rate per mile."""
    owner(who, fid)
    existing(uow, fid)
    not_after(data.incurred_on, uow.clock.today(), "/body/incurred_on", "expense")
    on_the_case(uow, fid, data.case, "/body/case")
    rate = None
    amount = data.amount_pence or 0
    if data.kind is ExpenseKind.MILEAGE and data.miles is not None:
        rate = volunteer_policy.in_force(uow).mileage_pence_per_mile
        amount = mileage_pence(data.miles, rate)
    row = t.ExpenseClaim(
        facilitator_id=fid,
        case_id=data.case,
        incurred_on=data.incurred_on,
        kind=data.kind.value,
        miles=data.miles,
        pence_per_mile=rate,
        amount_pence=amount,
        description=uow.cipher.seal(data.description),
        status=ExpenseStatus.SUBMITTED.value,
        submitted_by=who.username,
        submitted_at=uow.clock.now(),
    )
    uow.expenses.add(row)
    uow.flush()
    audited = {
        "facilitator": fid,
        "kind": row.kind,
        "amount_pence": amount,
        "description": "<personal>",
    }
    uow.audit.record(who.username, "submit", ENTITY, str(row.id), audited)
    uow.commit()
    return view(uow, row)


def decide(uow: UnitOfWork, who: Principal, claim_id: int, decision: ExpenseDecision) -> ExpenseOut:
    """Approve, reject or pay a claim (staff only, never one they submitted themself)."""
    if who.role not in STAFF:
        raise ForbiddenError("expenses are approved and paid by a coordinator, manager or admin")
    row = uow.expenses.get(claim_id)
    if row is None:
        raise NotFoundError("expense claim", str(claim_id), POINTER)
    before, after = MOVES[decision]
    if row.status != before.value:
        raise ConflictError(
            POINTER, f"the claim is {row.status}; only a {before} claim can be {after}"
        )
    if row.submitted_by == who.username:
        raise ForbiddenError("you submitted this claim: another member of staff decides it")
    now = uow.clock.now()
    if decision is ExpenseDecision.PAY:
        row.paid_by, row.paid_at = who.username, now
    else:
        row.decided_by, row.decided_at = who.username, now
    row.status = after.value
    changes = {"status": {"from": before.value, "to": after.value}}
    uow.audit.record(who.username, decision.value, ENTITY, str(row.id), changes)
    uow.commit()
    return view(uow, row)


def listing(
    uow: UnitOfWork,
    who: Principal,
    fid: str | None,
    status: ExpenseStatus | None,
    limit: int,
    offset: int,
) -> list[ExpenseOut]:
    """Claims, newest first: staff see any (filtered), a facilitator only their own."""
    if who.role not in STAFF:
        fid = who.facilitator_id or ""
    rows = uow.expenses.search(fid, status.value if status else None, limit, offset)
    found = [view(uow, r) for r in rows]
    for row in rows:
        read_personal(uow, who, ENTITY, str(row.id), ["description"])
    uow.commit()
    return found


def view(uow: UnitOfWork, row: t.ExpenseClaim) -> ExpenseOut:
    """A stored claim as a body (its description opened)."""
    return ExpenseOut(
        id=row.id,
        facilitator=row.facilitator_id,
        case=row.case_id,
        incurred_on=row.incurred_on,
        kind=ExpenseKind(row.kind),
        miles=row.miles,
        pence_per_mile=row.pence_per_mile,
        amount_pence=row.amount_pence,
        description=uow.cipher.open_optional(row.description) or "",
        status=ExpenseStatus(row.status),
        submitted_by=row.submitted_by,
        submitted_at=row.submitted_at,
        decided_by=row.decided_by,
        decided_at=row.decided_at,
        paid_by=row.paid_by,
        paid_at=row.paid_at,
    )
