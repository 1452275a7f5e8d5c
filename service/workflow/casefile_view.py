"""The case file in one read, for the case file page: parties, contacts, the timeline and its
clocks, the outcome, the agreement and the feedback (each read audited by its own use case)."""

from __future__ import annotations

from service.errors import NotFoundError
from service.store.uow import UnitOfWork
from service.workflow import clocks, contacts, feedback, outcomes, parties
from service.workflow.auth import STAFF, Principal
from service.workflow.case_access import case_for
from service.workflow.schemas.base import Schema
from service.workflow.schemas.casefile import ContactOut, PartyOut
from service.workflow.schemas.outcomes import ActionOut, FeedbackOut, OnwardOut, OutcomeOut
from service.workflow.schemas.timeline import TimelineOut


class CaseFileView(Schema):
    case_id: str
    status: str
    parties: list[PartyOut]
    contacts: list[ContactOut]
    timeline: TimelineOut
    outcome: OutcomeOut | None
    actions: list[ActionOut]
    onward: list[OnwardOut]
    feedback: FeedbackOut | None


def view(uow: UnitOfWork, who: Principal, cid: str) -> CaseFileView:
    """Everything of the case file that `who` may read (feedback: staff only)."""
    case = case_for(uow, who, cid)
    try:
        outcome: OutcomeOut | None = outcomes.get(uow, who, cid)
    except NotFoundError:
        outcome = None
    return CaseFileView(
        case_id=cid,
        status=case.status,
        parties=parties.listing(uow, who, cid),
        contacts=contacts.listing(uow, who, cid),
        timeline=clocks.timeline(uow, who, cid, None),
        outcome=outcome,
        actions=outcomes.actions(uow, who, cid),
        onward=outcomes.onward_referrals(uow, who, cid),
        feedback=feedback.get(uow, who, cid) if who.role in STAFF else None,
    )
