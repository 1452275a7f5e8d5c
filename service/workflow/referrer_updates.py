"""Referrer updates: templated messages (service/workflow/letters/*.txt.j2, Jinja2) filled from
the case, recorded as contacts with the referrer (their purpose stops the timeliness clocks:
acknowledgement, update, outcome notice), and given back as plain text or an unsent e-mail.

What goes in is the case's own record in the seeds' words: the referral, the parties' roles and
statuses (never their names or contact details), whether a pair has the case (never who), the
outcome and the agreement's progress. Sending mail is out of scope; writing it is not.
"""

from __future__ import annotations

import datetime as dt
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime, make_msgid
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from models.casefile import (
    ContactKind,
    ContactOutcome,
    ContactPurpose,
    Counterpart,
    OutcomeKind,
    PartyRole,
    party_status,
)
from service.errors import ConflictError, InputError, NotFoundError
from service.store import tables as t
from service.store.uow import UnitOfWork
from service.workflow import contacts
from service.workflow.audit import read_personal
from service.workflow.auth import Principal
from service.workflow.case_access import case_for
from service.workflow.parties import facts_by_party
from service.workflow.schemas.casefile import ContactIn
from service.workflow.schemas.referrer_updates import (
    ReferrerMessage,
    ReferrerUpdateIn,
    ReferrerUpdateOut,
    UpdateKind,
)

LETTERS = Path(__file__).parent / "letters"
SERVICE = "Restorative and Mediation Service"
SENDER = f"{SERVICE} <rjplan@rjplan.invalid>"
"""The From of the .eml files: a reserved domain, so a draft never goes out by mistake."""
SUBJECT_LINE = "Subject: "
PURPOSE = {
    UpdateKind.ACKNOWLEDGEMENT: ContactPurpose.ACKNOWLEDGEMENT,
    UpdateKind.ACCEPTED: ContactPurpose.UPDATE,
    UpdateKind.PAIR_ALLOCATED: ContactPurpose.UPDATE,
    UpdateKind.STATUS_CHANGE: ContactPurpose.UPDATE,
    UpdateKind.CLOSURE: ContactPurpose.OUTCOME_NOTICE,
}
SUBJECT = {
    UpdateKind.ACKNOWLEDGEMENT: "Referral {ref} received",
    UpdateKind.ACCEPTED: "Referral {ref} accepted",
    UpdateKind.PAIR_ALLOCATED: "Case {ref}: facilitators allocated",
    UpdateKind.STATUS_CHANGE: "Case {ref}: an update",
    UpdateKind.CLOSURE: "Case {ref}: closed",
}
CHANNELS = (ContactKind.EMAIL, ContactKind.LETTER)
ROLE_WORDS = {
    PartyRole.HARMED.value: "person harmed",
    PartyRole.RESPONSIBLE.value: "person responsible",
    PartyRole.SUPPORTER.value: "supporter",
}
STATUS_WORDS = {
    "not_contacted": "not yet contacted",
    "informed": "told about the service",
    "considering": "considering taking part",
    "agreed": "agreed to take part",
    "declined": "declined to take part",
    "withdrawn": "withdrew",
}
OUTCOME_WORDS = {
    OutcomeKind.DECLINED.value: "declined",
    OutcomeKind.NO_OUTCOME.value: "no outcome (the people involved could not be reached or "
    "did not respond)",
    OutcomeKind.INDIRECT.value: "indirect communication",
    OutcomeKind.DIRECT.value: "direct communication",
}
METHOD_WORDS = {
    "letter": "by letter",
    "shuttle": "by messages passed between them by the facilitators",
    "conference": "at a face-to-face meeting",
    "panel": "at a community justice panel",
}
DECLINED_WORDS = {
    "harmed": "by the person harmed",
    "responsible": "by the person responsible",
    "service": "by the service",
}
REFERRER_WORDS = {
    "police": "Essex Police",
    "youth_offending_service": "the Youth Offending Service",
    "victim_support": "Victim Support",
    "self": "the service",
}


@cache
def environment() -> Environment:
    """The letters' templates: plain text (never autoescaped), every name required."""
    env = Environment(
        loader=FileSystemLoader(LETTERS),
        autoescape=select_autoescape(enabled_extensions=("html",), default_for_string=False),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
    )
    env.filters["day"] = lambda d: f"{d:%A} {d.day} {d:%B %Y}" if d else "-"
    return env


def preview(uow: UnitOfWork, who: Principal, cid: str, kind: UpdateKind) -> ReferrerMessage:
    """The message of this kind, filled from the case now (nothing recorded)."""
    case = case_for(uow, who, cid)
    return _message(uow, case, kind, who.username)


def send(uow: UnitOfWork, who: Principal, cid: str, body: ReferrerUpdateIn) -> ReferrerUpdateOut:
    """Write the message and log it as a contact with the referrer (kind email or letter,
    outcome sent, the purpose its clocks stop on); the text is the contact's sealed notes."""
    case = case_for(uow, who, cid, writing=True)
    if body.channel not in CHANNELS:
        raise InputError.single(
            "referrer_update", "/body/channel", "a message goes by email or letter"
        )
    message = _message(uow, case, body.kind, who.username)
    logged = contacts.log(
        uow,
        who,
        cid,
        ContactIn(
            counterpart=Counterpart.REFERRER,
            kind=body.channel,
            purpose=PURPOSE[body.kind],
            made_on=body.made_on or uow.clock.today(),
            outcome=ContactOutcome.SENT,
            notes=f"{SUBJECT_LINE}{message.subject}\n\n{message.body}",
        ),
    )
    return ReferrerUpdateOut(**message.model_dump(), contact_id=logged.id, made_on=logged.made_on)


def message_of(uow: UnitOfWork, who: Principal, cid: str, contact_id: int) -> ReferrerMessage:
    """A message to the referrer as logged (a read of sealed notes, audited)."""
    case_for(uow, who, cid)
    row = uow.casefile.contact(contact_id)
    if row is None or row.case_id != cid or row.counterpart != Counterpart.REFERRER.value:
        raise NotFoundError(
            f"referrer contact of case {cid!r}", str(contact_id), "/path/contact_id"
        )
    read_personal(uow, who, contacts.ENTITY, str(contact_id), ["notes"])
    uow.commit()
    text = uow.cipher.open_optional(row.notes) or ""
    subject, _, rest = text.partition("\n\n")
    if not subject.startswith(SUBJECT_LINE):
        subject, rest = f"{SUBJECT_LINE}Case {cid}", text
    kinds = [k for k in UpdateKind if SUBJECT[k].format(ref=cid) == subject[len(SUBJECT_LINE) :]]
    return ReferrerMessage(
        case_id=cid,
        kind=kinds[0] if kinds else None,
        subject=subject[len(SUBJECT_LINE) :],
        body=rest,
    )


def as_text(message: ReferrerMessage) -> str:
    """The message as a plain-text file: the subject line, a blank line, the body."""
    return f"{SUBJECT_LINE}{message.subject}\n\n{message.body}"


def as_eml(message: ReferrerMessage, at: dt.datetime) -> bytes:
    """The message as an unsent e-mail (RFC 5322; X-Unsent opens it as a draft to address)."""
    mail = EmailMessage(policy=SMTP)
    mail["From"] = SENDER
    mail["Subject"] = message.subject
    mail["Date"] = format_datetime(at.replace(tzinfo=dt.UTC))
    mail["Message-ID"] = make_msgid(domain="rjplan.invalid")
    mail["X-Unsent"] = "1"
    mail.set_content(message.body)
    return mail.as_bytes()


def _message(uow: UnitOfWork, case: t.Case, kind: UpdateKind, signed: str) -> ReferrerMessage:
    values = _context(uow, case, kind)
    body = environment().get_template(f"{kind.value}.txt.j2").render(values | {"signed": signed})
    subject = SUBJECT[kind].format(ref=case.referral_id or case.id)
    return ReferrerMessage(case_id=case.id, kind=kind, subject=subject, body=body)


def _context(uow: UnitOfWork, case: t.Case, kind: UpdateKind) -> dict[str, Any]:
    referral = uow.referrals.get(case.referral_id) if case.referral_id else None
    document: dict[str, Any] = referral.document if referral else {}
    org = str(document.get("referrer", {}).get("organisation", ""))
    rows = uow.casefile.of_case(t.Party, case.id)
    facts = facts_by_party(uow.casefile.of_case(t.Contact, case.id))
    values: dict[str, Any] = {
        "case": {
            "id": case.id,
            "referral_id": case.referral_id,
            "offence": str(document.get("offence", "")),
        },
        "referrer": REFERRER_WORDS.get(org, org.replace("_", " ") or "the referring agency"),
        "received": referral.received if referral else case.created_at.date(),
        "youth": bool(document.get("youth", {}).get("under_18")),
        "parties": [
            {
                "role_words": ROLE_WORDS[p.role],
                "status_words": STATUS_WORDS[party_status(facts.get(p.id, [])).value],
            }
            for p in rows
        ],
        "service": SERVICE,
    }
    if kind is UpdateKind.PAIR_ALLOCATED:
        pair = uow.pairs.current_of(case.id)
        if pair is None:
            raise ConflictError("/body/kind", f"case {case.id} has no pair yet; allocate one first")
        values["pair_started"] = pair.started_on
    if kind is UpdateKind.CLOSURE:
        values |= _closure(uow, case)
    return values


def _closure(uow: UnitOfWork, case: t.Case) -> dict[str, Any]:
    outcome = uow.casefile.outcome(case.id)
    if case.status != "closed" or outcome is None:
        raise ConflictError(
            "/body/kind", f"case {case.id} is open; the closure message follows the closing"
        )
    words = OUTCOME_WORDS[outcome.kind]
    if outcome.method:
        words += f", {METHOD_WORDS[outcome.method]}"
    if outcome.declined_by:
        words += f" {DECLINED_WORDS[outcome.declined_by]}"
    actions = uow.casefile.of_case(t.AgreementAction, case.id)
    return {
        "closed_on": case.closed_on,
        "outcome_words": words,
        "actions": len(actions),
        "actions_done": sum(1 for a in actions if a.done_on is not None),
    }
