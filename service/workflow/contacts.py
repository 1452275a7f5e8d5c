"""The contacts log: every call, letter, visit, email and meeting attempt, with a party of the
case, its referrer or another agency. Coordinators log on any case, a facilitator on the cases
they are on; notes are sealed and reading them is audited."""

from __future__ import annotations

import datetime as dt

from models.casefile import ContactKind, ContactOutcome, ContactPurpose, Counterpart
from service.errors import InputError
from service.store import tables as t
from service.store.uow import UnitOfWork
from service.workflow.audit import read_personal
from service.workflow.auth import Principal
from service.workflow.case_access import case_for
from service.workflow.parties import party_of
from service.workflow.schemas.casefile import ContactIn, ContactOut

ENTITY = "contact"


def log(uow: UnitOfWork, who: Principal, cid: str, body: ContactIn) -> ContactOut:
    """Record one contact; nothing is written when any field is wrong."""
    case = case_for(uow, who, cid, writing=True)
    _check_day(uow, case, body.made_on)
    if body.counterpart is Counterpart.PARTY:
        if body.party is None:
            raise InputError.single(ENTITY, "/body/party", "a contact with a party names the party")
        party_of(uow, cid, body.party, "/body/party")
    elif body.party is not None:
        raise InputError.single(
            ENTITY, "/body/party", f"a contact with the {body.counterpart} names no party"
        )
    if body.next_step_on is not None and body.next_step_on < body.made_on:
        raise InputError.single(
            ENTITY, "/body/next_step_on", "the next step comes after the contact"
        )
    row = t.Contact(
        case_id=cid,
        party_id=body.party,
        counterpart=body.counterpart.value,
        kind=body.kind.value,
        purpose=body.purpose.value,
        made_on=body.made_on,
        made_by=who.username,
        outcome=body.outcome.value,
        next_step_on=body.next_step_on,
        notes=uow.cipher.seal(body.notes) if body.notes else None,
        created_at=uow.clock.now(),
    )
    uow.casefile.add(row)
    uow.flush()
    summary = {"case": cid, "party": body.party, "kind": row.kind, "outcome": row.outcome}
    uow.audit.record(who.username, "log", ENTITY, str(row.id), summary)
    uow.commit()
    return out(uow, row, with_notes=True)


def listing(uow: UnitOfWork, who: Principal, cid: str) -> list[ContactOut]:
    """The case's contacts, oldest first, with their notes (the read audited)."""
    case_for(uow, who, cid)
    rows = sorted(uow.casefile.of_case(t.Contact, cid), key=lambda c: (c.made_on, c.id))
    if any(r.notes for r in rows):
        read_personal(uow, who, ENTITY, f"case:{cid}", ["notes"])
        uow.commit()
    return [out(uow, r, with_notes=True) for r in rows]


def out(uow: UnitOfWork, row: t.Contact, with_notes: bool) -> ContactOut:
    """A contact as a body; notes opened only when `with_notes`."""
    return ContactOut(
        id=row.id,
        case_id=row.case_id,
        counterpart=Counterpart(row.counterpart),
        party=row.party_id,
        kind=ContactKind(row.kind),
        purpose=ContactPurpose(row.purpose),
        made_on=row.made_on,
        made_by=row.made_by,
        outcome=ContactOutcome(row.outcome),
        next_step_on=row.next_step_on,
        notes=uow.cipher.open_optional(row.notes) if with_notes else None,
        created_at=row.created_at,
    )


def _check_day(uow: UnitOfWork, case: t.Case, day: dt.date) -> None:
    """A contact is on a day between the referral's receipt and today."""
    referral = uow.referrals.get(case.referral_id) if case.referral_id else None
    first = referral.received if referral else case.created_at.date()
    today = uow.clock.today()
    if day < first:
        msg = f"{day} is before the referral was received ({first}); check the day"
    elif day > today:
        msg = f"{day} is in the future; log a contact once it has happened (today is {today})"
    else:
        return
    raise InputError.single(ENTITY, "/body/made_on", msg)
