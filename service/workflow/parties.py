"""The parties of a case: added and changed by coordinators, read by staff and the case's own
facilitators. Details are sealed at rest and every read of them is audited; status and take-up
are derived from the contacts log (models.casefile), never typed."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

from models.casefile import (
    AgeBand,
    Channel,
    ContactFact,
    ContactOutcome,
    PartyRole,
    party_status,
    took_up,
    youth_route,
)
from service.errors import ConflictError, InputError, NotFoundError
from service.store import tables as t
from service.store.uow import UnitOfWork
from service.workflow.audit import read_personal
from service.workflow.auth import Principal
from service.workflow.case_access import case_for, planner
from service.workflow.schemas.casefile import PartyDetails, PartyIn, PartyOut, PartyPatch

ENTITY = "party"
DETAILS = ["details"]


def add(uow: UnitOfWork, who: Principal, cid: str, body: PartyIn) -> PartyOut:
    """Add a party to a case (a supporter names a party of the same case)."""
    planner(who, "adding a party")
    case = case_for(uow, who, cid, writing=True)
    if case.status != "open":
        raise ConflictError("/path/case_id", f"case {cid} is closed; parties join open cases")
    if body.role is PartyRole.SUPPORTER and body.supports is None:
        raise InputError.single(ENTITY, "/body/supports", "a supporter names whom they support")
    if body.supports is not None:
        party_of(uow, cid, body.supports, "/body/supports")
    row = t.Party(
        case_id=cid,
        role=body.role.value,
        supports_id=body.supports,
        age_band=body.age_band.value,
        channel=body.channel.value if body.channel else None,
        details=uow.cipher.seal_json(body.details.model_dump()),
        created_at=uow.clock.now(),
        created_by=who.username,
        version=1,
    )
    uow.casefile.add(row)
    uow.flush()
    summary = {"case": cid, "role": row.role, "age_band": row.age_band, "details": "<personal>"}
    uow.audit.record(who.username, "create", ENTITY, str(row.id), summary)
    uow.commit()
    return out(uow, row, [], with_details=True)


def update(uow: UnitOfWork, who: Principal, cid: str, pid: int, body: PartyPatch) -> PartyOut:
    """Change a party's age band, channel or details (audited: which fields, not values)."""
    planner(who, "changing a party")
    case_for(uow, who, cid, writing=True)
    row = party_of(uow, cid, pid, "/path/party_id")
    changed = sorted(body.model_dump(exclude_unset=True, exclude_none=True))
    if body.age_band is not None:
        row.age_band = body.age_band.value
    if body.channel is not None:
        row.channel = body.channel.value
    if body.details is not None:
        row.details = uow.cipher.seal_json(body.details.model_dump())
    if changed:
        row.version += 1
        uow.audit.record(who.username, "update", ENTITY, str(pid), {"fields": changed})
    uow.commit()
    return out(uow, row, _facts(uow, cid).get(pid, []), with_details=True)


def listing(uow: UnitOfWork, who: Principal, cid: str) -> list[PartyOut]:
    """The case's parties with their status, and their details (the read audited)."""
    case_for(uow, who, cid)
    rows = uow.casefile.of_case(t.Party, cid)
    facts = _facts(uow, cid)
    if rows:
        read_personal(uow, who, ENTITY, f"case:{cid}", DETAILS)
        uow.commit()
    return [out(uow, row, facts.get(row.id, []), with_details=True) for row in rows]


def one(uow: UnitOfWork, who: Principal, cid: str, pid: int) -> PartyOut:
    """One party of the case with their details (the read audited)."""
    case_for(uow, who, cid)
    row = party_of(uow, cid, pid, "/path/party_id")
    read_personal(uow, who, ENTITY, str(pid), DETAILS)
    uow.commit()
    return out(uow, row, _facts(uow, cid).get(pid, []), with_details=True)


def out(
    uow: UnitOfWork, row: t.Party, facts: Sequence[ContactFact], with_details: bool
) -> PartyOut:
    """A party as a body; its details opened only when `with_details` (and not erased)."""
    details = None
    if with_details and row.details is not None:
        details = PartyDetails.model_validate(uow.cipher.open_json(row.details))
    band = AgeBand(row.age_band)
    return PartyOut(
        id=row.id,
        case_id=row.case_id,
        role=PartyRole(row.role),
        age_band=band,
        youth_route=youth_route(band),
        channel=Channel(row.channel) if row.channel else None,
        supports=row.supports_id,
        status=party_status(facts),
        took_up=took_up(facts),
        details=details,
        erased_on=row.erased_on,
    )


def facts_by_party(contacts: Iterable[t.Contact]) -> dict[int, list[ContactFact]]:
    """Party id -> what the derivations need of each of their contacts."""
    facts: dict[int, list[ContactFact]] = defaultdict(list)
    for c in contacts:
        if c.party_id is not None:
            facts[c.party_id].append(ContactFact(c.made_on, c.id, ContactOutcome(c.outcome)))
    return facts


def _facts(uow: UnitOfWork, cid: str) -> dict[int, list[ContactFact]]:
    return facts_by_party(uow.casefile.of_case(t.Contact, cid))


def party_of(uow: UnitOfWork, cid: str, pid: int, pointer: str) -> t.Party:
    row = uow.casefile.party(pid)
    if row is None or row.case_id != cid:
        raise NotFoundError(f"party of case {cid!r}", str(pid), pointer)
    return row
