"""Subject access: everything the case file holds on one person, as JSON and as a readable page.

The person is found from one of their party records and matched in every other case by the
same name and the same phone number or e-mail address (details are sealed, so each party's are
opened to compare: a read of personal details, audited like every other). Coordinators and
admins only; the export itself is in the audit log."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from models.casefile import PartyRole
from service.errors import NotFoundError
from service.store import tables as t
from service.store.uow import UnitOfWork
from service.workflow import contacts, parties
from service.workflow.audit import read_personal
from service.workflow.auth import Principal
from service.workflow.case_access import case_for, planner
from service.workflow.feedback import row_values
from service.workflow.parties import facts_by_party
from service.workflow.referrer_updates import LETTERS
from service.workflow.schemas.casefile import PartyDetails
from service.workflow.schemas.retention import SubjectAccessOut, SubjectRecord

ENTITY = "subject_access"
MATCHED_BY = "the same name and the same phone number or e-mail address"


def export(uow: UnitOfWork, who: Principal, cid: str, pid: int) -> SubjectAccessOut:
    """Every record of the person who is party `pid` of case `cid` (audited)."""
    planner(who, "a subject access export")
    case_for(uow, who, cid)
    first = parties.party_of(uow, cid, pid, "/path/party_id")
    if first.details is None:
        raise NotFoundError(f"personal details of party {pid} (erased)", str(pid), "/path/party_id")
    details = _details(uow, first)
    rows = [first, *(p for p in _same_person(uow, details) if p.id != first.id)]
    records = [_record(uow, who, row) for row in rows]
    about = {"party": pid, "records": len(records), "cases": [r.case_id for r in records]}
    uow.audit.record(who.username, "export", ENTITY, str(pid), about)
    uow.commit()
    return SubjectAccessOut(
        person=details.name or f"party {pid}",
        made_on=uow.clock.today(),
        made_by=who.username,
        matched_by=MATCHED_BY,
        records=records,
    )


def as_html(export: SubjectAccessOut) -> str:
    """The export as a readable, self-contained HTML page (autoescaped)."""
    template = _environment().get_template("subject_access.html.j2")
    return template.render(export=export)


@cache
def _environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(LETTERS),
        autoescape=select_autoescape(enabled_extensions=("html.j2",), default_for_string=True),
        undefined=StrictUndefined,
    )


def _details(uow: UnitOfWork, row: t.Party) -> PartyDetails:
    return PartyDetails.model_validate(uow.cipher.open_json(row.details or "{}"))


def _same_person(uow: UnitOfWork, details: PartyDetails) -> Sequence[t.Party]:
    name = _norm(details.name)
    phone, mail = _digits(details.phone), details.email.strip().lower()
    if not name or not (phone or mail):
        return []
    found = []
    for row in uow.casefile.all_parties():
        if row.details is None:
            continue
        other = _details(uow, row)
        same_way = (phone and _digits(other.phone) == phone) or (
            mail and other.email.strip().lower() == mail
        )
        if _norm(other.name) == name and same_way:
            found.append(row)
    return found


def _record(uow: UnitOfWork, who: Principal, row: t.Party) -> SubjectRecord:
    case = uow.cases.get(row.case_id)
    assert case is not None  # a party's case always exists (foreign key)
    referral = uow.referrals.get(case.referral_id) if case.referral_id else None
    logged = uow.casefile.of_case(t.Contact, case.id)
    mine = sorted((c for c in logged if c.party_id == row.id), key=lambda c: (c.made_on, c.id))
    sealed = {"comments", "summary", "resolution", "note"}

    def of(model: type[t.Base]) -> list[dict[str, object]]:
        rows = uow.casefile.of_case(model, case.id)
        return [row_values(uow, r, sealed) for r in rows if getattr(r, "party_id", None) == row.id]

    actions = uow.casefile.of_case(t.AgreementAction, case.id)
    read_personal(uow, who, "party", str(row.id), ["details", "notes", "comments"])
    return SubjectRecord(
        case_id=case.id,
        referral_received=referral.received if referral else None,
        case_status=case.status,
        closed_on=case.closed_on,
        outcome=case.outcome,
        party=parties.out(uow, row, facts_by_party(logged).get(row.id, []), with_details=True),
        contacts=[contacts.out(uow, c, with_notes=True) for c in mine],
        evaluations=of(t.Evaluation),
        empathy=of(t.EmpathyScore),
        onward_referrals=of(t.OnwardReferral),
        complaints=of(t.Complaint),
        agreed_actions=[
            row_values(uow, a, {"description"})
            for a in actions
            if a.owner == row.role and row.role != PartyRole.SUPPORTER.value
        ],
    )


def _norm(name: str) -> str:
    return " ".join(name.lower().split())


def _digits(phone: str) -> str:
    return "".join(c for c in phone if c.isdigit())
