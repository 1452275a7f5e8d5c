"""A case's timeline, derived from its record (never typed twice): the referral, decisions,
pairs, contacts, closure and feedback, as events; the timeliness clocks run over them
(rules.timeliness). Built for many cases at once, in a handful of queries, for the worklist."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from models.casefile import (
    CaseEvent,
    CaseEventKind,
    ContactOutcome,
    ContactPurpose,
    Counterpart,
    PartyRole,
    PartyStatus,
    party_status,
    reached,
    status_after,
)
from service.store import tables as t
from service.store.uow import UnitOfWork

E = CaseEventKind
ANSWERS = frozenset(
    {PartyStatus.CONSIDERING, PartyStatus.AGREED, PartyStatus.DECLINED, PartyStatus.WITHDRAWN}
)
FIRST_REACHED = {
    PartyRole.HARMED.value: E.HARMED_REACHED,
    PartyRole.RESPONSIBLE.value: E.RESPONSIBLE_REACHED,
}
NO_CONTACT = party_status(())
EVALUATION_REQUEST = ContactPurpose.EVALUATION_REQUEST.value
BY_REFERRER = Counterpart.REFERRER.value
OUTCOMES = {outcome.value: outcome for outcome in ContactOutcome}  # a dict: Enum() is slower
CONTACT_COLUMNS = (
    t.Contact.id,
    t.Contact.case_id,
    t.Contact.party_id,
    t.Contact.counterpart,
    t.Contact.kind,
    t.Contact.purpose,
    t.Contact.made_on,
    t.Contact.outcome,
)
REFERRER = {
    ContactPurpose.ACKNOWLEDGEMENT.value: E.REFERRER_ACKNOWLEDGED,
    ContactPurpose.UPDATE.value: E.REFERRER_UPDATED,
    ContactPurpose.OUTCOME_NOTICE.value: E.REFERRER_TOLD_OUTCOME,
}


def events_of(uow: UnitOfWork, cases: Sequence[t.Case]) -> dict[str, list[CaseEvent]]:
    """Case id -> its events, oldest first."""
    ids = [c.id for c in cases]
    referral_ids = [c.referral_id for c in cases if c.referral_id]
    received = uow.timeline.received(referral_ids)
    case_of = {c.referral_id: c.id for c in cases if c.referral_id}
    accepted: dict[str, dt.date] = {}
    events: dict[str, list[CaseEvent]] = defaultdict(list)
    for rid, outcome, at in uow.timeline.decisions(referral_ids):
        events[case_of[rid]].append(CaseEvent(E.REFERRAL_SCREENED, at.date(), outcome))
        if outcome == "accept":
            accepted.setdefault(rid, at.date())
    for case in cases:
        opened = case.created_at.date()
        start = received.get(case.referral_id or "", opened)
        events[case.id].append(CaseEvent(E.REFERRAL_RECEIVED, min(start, opened)))
        events[case.id].append(
            CaseEvent(E.CASE_ACCEPTED, accepted.get(case.referral_id or "", opened))
        )
        if case.closed_on is not None:
            events[case.id].append(CaseEvent(E.CASE_CLOSED, case.closed_on, case.outcome or ""))
    for cid, started in uow.timeline.pair_starts(ids):
        events[cid].append(CaseEvent(E.PAIR_ALLOCATED, started))
    columns = uow.casefile.columns_of_cases  # only what the events read: nothing sealed
    parties = {p.id: p for p in columns(t.Party, (t.Party.id, t.Party.role), ids)}
    _contact_events(columns(t.Contact, CONTACT_COLUMNS, ids), parties, events)
    evaluations = (t.Evaluation.case_id, t.Evaluation.party_id, t.Evaluation.received_on)
    for ev in columns(t.Evaluation, evaluations, ids):
        events[ev.case_id].append(
            CaseEvent(E.EVALUATION_RETURNED, ev.received_on, f"party {ev.party_id}")
        )
    scores = (t.EmpathyScore.case_id, t.EmpathyScore.party_id, t.EmpathyScore.stage)
    for score in columns(t.EmpathyScore, (*scores, t.EmpathyScore.taken_on), ids):
        kind = E.EMPATHY_BEFORE if score.stage == "before" else E.EMPATHY_AFTER
        events[score.case_id].append(CaseEvent(kind, score.taken_on, f"party {score.party_id}"))
    return {cid: sorted(events[cid], key=lambda e: e.on) for cid in ids}


def _contact_events(
    contacts: Iterable[Any], parties: dict[int, Any], events: dict[str, list[CaseEvent]]
) -> None:
    """The events of contact rows (CONTACT_COLUMNS), with their parties' id and role."""
    status: dict[int, PartyStatus] = {}
    for c in sorted(contacts, key=lambda c: (c.made_on, c.id)):
        if c.counterpart == BY_REFERRER and c.purpose in REFERRER:
            about = f"{c.kind} {c.outcome}"
            events[c.case_id].append(CaseEvent(REFERRER[c.purpose], c.made_on, about))
            continue
        party = parties.get(c.party_id) if c.party_id is not None else None
        if party is None:
            continue
        outcome = OUTCOMES[c.outcome]
        if c.purpose == EVALUATION_REQUEST:
            events[c.case_id].append(CaseEvent(E.EVALUATION_SENT, c.made_on, f"party {party.id}"))
        if reached(outcome) and party.role in FIRST_REACHED:
            about = f"{c.kind} {c.outcome}"
            events[c.case_id].append(CaseEvent(FIRST_REACHED[party.role], c.made_on, about))
        before = status.get(party.id, NO_CONTACT)  # the status after their contact before
        after = status[party.id] = status_after(before, outcome)
        if after != before and after in ANSWERS:
            text = f"party {party.id} ({party.role}) {after}"
            events[c.case_id].append(CaseEvent(E.PARTY_STATUS_CHANGED, c.made_on, text))
