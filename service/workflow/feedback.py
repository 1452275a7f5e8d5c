"""Feedback on a case: participants' evaluations and the referrer's (after closure), the person
responsible's victim-empathy score before and after, and complaints with their resolution.
Free-text comments are sealed; scores are plain, for the reports."""

from __future__ import annotations

import datetime as dt
from typing import Any

from models.casefile import PartyRole
from service.errors import ConflictError, InputError, NotFoundError
from service.store import tables as t
from service.store.uow import UnitOfWork
from service.workflow.audit import read_personal
from service.workflow.auth import STAFF, Principal
from service.workflow.case_access import case_for
from service.workflow.parties import party_of
from service.workflow.schemas.outcomes import (
    ComplaintIn,
    ComplaintResolved,
    EmpathyIn,
    EvaluationIn,
    FeedbackOut,
    ReferrerFeedbackIn,
)

ENTITY = "feedback"


def evaluate(uow: UnitOfWork, who: Principal, cid: str, body: EvaluationIn) -> FeedbackOut:
    """Record a participant's evaluation of a closed case."""
    case = _closed(uow, who, cid)
    party_of(uow, cid, body.party, "/body/party")
    _on_or_after(uow, body.received_on, case.closed_on, "/body/received_on", "the case closed")
    values = body.model_dump(exclude={"party", "comments"})
    row = t.Evaluation(case_id=cid, party_id=body.party, **_plain(values))
    row.comments = uow.cipher.seal(body.comments) if body.comments else None
    return _added(uow, who, cid, row, "evaluation", {"party": body.party})


def referrer(uow: UnitOfWork, who: Principal, cid: str, body: ReferrerFeedbackIn) -> FeedbackOut:
    """Record the referrer's feedback on a closed case."""
    case = _closed(uow, who, cid)
    _on_or_after(uow, body.received_on, case.closed_on, "/body/received_on", "the case closed")
    row = t.ReferrerFeedback(case_id=cid, **_plain(body.model_dump(exclude={"comments"})))
    row.comments = uow.cipher.seal(body.comments) if body.comments else None
    return _added(uow, who, cid, row, "referrer_feedback", {})


def empathy(uow: UnitOfWork, who: Principal, cid: str, body: EmpathyIn) -> FeedbackOut:
    """Record the person responsible's victim-empathy score at the start or the end."""
    case = case_for(uow, who, cid, writing=True)
    party = party_of(uow, cid, body.party, "/body/party")
    if party.role != PartyRole.RESPONSIBLE:
        raise InputError.single(
            ENTITY, "/body/party", "the victim-empathy questionnaire is the person responsible's"
        )
    _on_or_after(uow, body.taken_on, case.created_at.date(), "/body/taken_on", "the case opened")
    taken = uow.casefile.of_case(t.EmpathyScore, cid)
    if any(s.party_id == body.party and s.stage == body.stage.value for s in taken):
        raise ConflictError("/body/stage", f"the {body.stage} score of this party is recorded")
    row = t.EmpathyScore(
        case_id=cid,
        party_id=body.party,
        stage=body.stage.value,
        score=body.score,
        taken_on=body.taken_on,
    )
    return _added(uow, who, cid, row, "empathy", {"party": body.party, "stage": row.stage})


def complain(uow: UnitOfWork, who: Principal, cid: str, body: ComplaintIn) -> FeedbackOut:
    """Record a complaint about the service on a case."""
    case = case_for(uow, who, cid, writing=True)
    if body.party is not None:
        party_of(uow, cid, body.party, "/body/party")
    _on_or_after(uow, body.received_on, case.created_at.date(), "/body/received_on", "the case")
    row = t.Complaint(
        case_id=cid,
        party_id=body.party,
        received_on=body.received_on,
        summary=uow.cipher.seal(body.summary),
    )
    return _added(uow, who, cid, row, "complaint", {"party": body.party})


def resolve(
    uow: UnitOfWork, who: Principal, cid: str, complaint_id: int, body: ComplaintResolved
) -> FeedbackOut:
    """Record how a complaint was resolved."""
    case_for(uow, who, cid, writing=True)
    row = uow.casefile.complaint(complaint_id)
    if row is None or row.case_id != cid:
        raise NotFoundError(f"complaint of case {cid!r}", str(complaint_id), "/path/complaint_id")
    _on_or_after(uow, body.resolved_on, row.received_on, "/body/resolved_on", "it was received")
    row.resolved_on, row.upheld = body.resolved_on, body.upheld
    row.resolution = uow.cipher.seal(body.resolution)
    changes = {"resolved_on": str(body.resolved_on), "upheld": body.upheld}
    uow.audit.record(who.username, "resolve", "complaint", str(complaint_id), changes)
    uow.commit()
    return get(uow, who, cid)


def get(uow: UnitOfWork, who: Principal, cid: str) -> FeedbackOut:
    """A case's feedback; comments, complaints' texts and resolutions for staff only (audited)."""
    case_for(uow, who, cid)
    staff = who.role in STAFF
    sealed = {"comments", "summary", "resolution"}
    out: dict[str, list[dict[str, Any]]] = {}
    for key, model in (
        ("evaluations", t.Evaluation),
        ("referrer", t.ReferrerFeedback),
        ("empathy", t.EmpathyScore),
        ("complaints", t.Complaint),
    ):
        rows = uow.casefile.of_case(model, cid)
        out[key] = [row_values(uow, r, sealed if staff else set()) for r in rows]
    if staff and any(out.values()):
        read_personal(uow, who, ENTITY, f"case:{cid}", sorted(sealed))
        uow.commit()
    return FeedbackOut(**out)


def row_values(uow: UnitOfWork, row: t.Base, opened: set[str]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for column in row.__table__.columns:
        value = getattr(row, column.key)
        if column.info.get("sealed"):
            value = uow.cipher.open_optional(value) if column.key in opened else None
        values[column.key] = value.isoformat() if isinstance(value, dt.date) else value
    return values


def _plain(values: dict[str, Any]) -> dict[str, Any]:
    return {k: (v.value if hasattr(v, "value") else v) for k, v in values.items()}


def _closed(uow: UnitOfWork, who: Principal, cid: str) -> t.Case:
    case = case_for(uow, who, cid, writing=True)
    if case.status != "closed":
        raise ConflictError(
            "/path/case_id", f"case {cid} is open; feedback is asked for after the case closes"
        )
    return case


def _on_or_after(
    uow: UnitOfWork, day: dt.date, first: dt.date | None, pointer: str, what: str
) -> None:
    today = uow.clock.today()
    if first is not None and day < first:
        raise InputError.single(ENTITY, pointer, f"{day} is before {what} ({first})")
    if day > today:
        raise InputError.single(ENTITY, pointer, f"{day} is in the future (today is {today})")


def _added(
    uow: UnitOfWork, who: Principal, cid: str, row: t.Base, what: str, about: dict[str, Any]
) -> FeedbackOut:
    uow.casefile.add(row)
    uow.flush()
    uow.audit.record(who.username, "record", what, str(row.id), {"case": cid} | about)  # type: ignore[attr-defined]
    uow.commit()
    return get(uow, who, cid)
