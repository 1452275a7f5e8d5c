"""The case file after screening, in the seeds' words: parties and their status, the contacts
log (take-up is derived from it, never typed), outcomes and feedback.

The hub plan's process: each party is contacted, informed and asked; if either refuses the case
closes ("declined"); otherwise communication is by letter or shuttle ("indirect") or a
face-to-face conference ("direct"); cases that cannot progress close with "no outcome" (2016
review, section 2.3). Pure functions here; the service stores and audits them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


class PartyRole(StrEnum):
    """Who a party is in the case."""

    HARMED = "harmed"
    RESPONSIBLE = "responsible"
    SUPPORTER = "supporter"


class AgeBand(StrEnum):
    UNDER_18 = "under_18"
    AGE_18_24 = "18_24"
    AGE_25_64 = "25_64"
    AGE_65_PLUS = "65_plus"
    UNKNOWN = "unknown"


def youth_route(band: AgeBand) -> bool:
    """An under-18 goes by the youth route (the Youth Offending Service's part, appropriate
    adult present): the hub plan's referral form asks "does the case involve a young person?"."""
    return band is AgeBand.UNDER_18


class Channel(StrEnum):
    """How a party prefers to be contacted."""

    PHONE = "phone"
    LETTER = "letter"
    EMAIL = "email"
    VISIT = "visit"


class PartyStatus(StrEnum):
    NOT_CONTACTED = "not_contacted"
    INFORMED = "informed"
    CONSIDERING = "considering"
    AGREED = "agreed"
    DECLINED = "declined"
    WITHDRAWN = "withdrawn"


class ContactKind(StrEnum):
    CALL = "call"
    LETTER = "letter"
    VISIT = "visit"
    EMAIL = "email"
    MEETING = "meeting"


class Counterpart(StrEnum):
    """Whom a contact was with: a party of the case, its referrer or another agency."""

    PARTY = "party"
    REFERRER = "referrer"
    AGENCY = "agency"


class ContactPurpose(StrEnum):
    """What a contact was for; the timeliness clocks stop on these (rules.timeliness)."""

    GENERAL = "general"
    ACKNOWLEDGEMENT = "acknowledgement"
    UPDATE = "update"
    OUTCOME_NOTICE = "outcome_notice"
    EVALUATION_REQUEST = "evaluation_request"
    INFORMATION_REQUEST = "information_request"


class ContactOutcome(StrEnum):
    """What came of one attempt. The last five are a party's answer and set their status."""

    NO_ANSWER = "no_answer"
    LEFT_MESSAGE = "left_message"
    UNREACHABLE = "unreachable"
    SPOKE = "spoke"
    SENT = "sent"
    INFORMED = "informed"
    CONSIDERING = "considering"
    AGREED = "agreed"
    DECLINED = "declined"
    WITHDREW = "withdrew"


NOT_REACHED = frozenset(
    {ContactOutcome.NO_ANSWER, ContactOutcome.LEFT_MESSAGE, ContactOutcome.UNREACHABLE}
)
_STATUS_OF: dict[ContactOutcome, PartyStatus] = {
    ContactOutcome.INFORMED: PartyStatus.INFORMED,
    ContactOutcome.CONSIDERING: PartyStatus.CONSIDERING,
    ContactOutcome.AGREED: PartyStatus.AGREED,
    ContactOutcome.DECLINED: PartyStatus.DECLINED,
    ContactOutcome.WITHDREW: PartyStatus.WITHDRAWN,
}


@dataclass(frozen=True)
class ContactFact:
    """What the derivations need of one logged contact with a party."""

    on: dt.date
    seq: int
    outcome: ContactOutcome


def reached(outcome: ContactOutcome) -> bool:
    """True when the contact reached the person (spoken to, met, or a letter or email sent)."""
    return outcome not in NOT_REACHED


def party_status(contacts: Iterable[ContactFact]) -> PartyStatus:
    """A party's status: the answer of their latest contact that gave one (by day, then order
    logged); informed once reached at all; not contacted before that."""
    status = PartyStatus.NOT_CONTACTED
    for contact in sorted(contacts, key=lambda c: (c.on, c.seq)):
        status = status_after(status, contact.outcome)
    return status


def status_after(status: PartyStatus, outcome: ContactOutcome) -> PartyStatus:
    """A party's status once a contact later than all before it is logged: `party_status`
    one contact at a time (the case timeline walks a party's contacts in order)."""
    if outcome in _STATUS_OF:
        return _STATUS_OF[outcome]
    if status is PartyStatus.NOT_CONTACTED and reached(outcome):
        return PartyStatus.INFORMED
    return status


def took_up(contacts: Iterable[ContactFact]) -> bool:
    """Take-up: the party agreed to take part at some point (the dashboard's "people took up
    the offer"), even if they withdrew later."""
    return any(c.outcome is ContactOutcome.AGREED for c in contacts)


class OutcomeKind(StrEnum):
    """How a case ended, in the 2016 review's words (section 2.3)."""

    DECLINED = "declined"
    NO_OUTCOME = "no_outcome"
    INDIRECT = "indirect"
    DIRECT = "direct"


class DeclinedBy(StrEnum):
    HARMED = "harmed"
    RESPONSIBLE = "responsible"
    SERVICE = "service"


class Method(StrEnum):
    """How the parties communicated: indirectly (letter, shuttle) or directly (conference,
    community justice panel)."""

    LETTER = "letter"
    SHUTTLE = "shuttle"
    CONFERENCE = "conference"
    PANEL = "panel"


METHODS: dict[OutcomeKind, frozenset[Method]] = {
    OutcomeKind.INDIRECT: frozenset({Method.LETTER, Method.SHUTTLE}),
    OutcomeKind.DIRECT: frozenset({Method.CONFERENCE, Method.PANEL}),
}


def outcome_problems(
    kind: OutcomeKind, declined_by: DeclinedBy | None, method: Method | None
) -> list[tuple[str, str]]:
    """(field, fix) for each part of an outcome that does not fit its kind; empty when sound."""
    problems: list[tuple[str, str]] = []
    if kind is OutcomeKind.DECLINED and declined_by is None:
        problems.append(("declined_by", "say who declined: harmed, responsible or service"))
    if kind is not OutcomeKind.DECLINED and declined_by is not None:
        problems.append(("declined_by", f"only a declined case has declined_by; not {kind}"))
    allowed = METHODS.get(kind, frozenset())
    if allowed and method not in allowed:
        options = " or ".join(sorted(allowed))
        problems.append(("method", f"a {kind} outcome was by {options}; give the method"))
    if not allowed and method is not None:
        problems.append(("method", f"a {kind} outcome has no method; leave it out"))
    return problems


def positive(kind: OutcomeKind) -> bool:
    """A positive outcome: the parties communicated, directly or not (the dashboard's count)."""
    return kind in METHODS


class Impact(StrEnum):
    """The follow-up form's "impact of the conference on you overall" (hub plan, appendix H)."""

    POSITIVE = "positive"
    NEGATIVE = "negative"
    NO_IMPACT = "no_impact"
    DONT_KNOW = "dont_know"


SATISFACTION: dict[int, str] = {
    1: "very dissatisfied",
    2: "dissatisfied",
    3: "neither satisfied nor dissatisfied",
    4: "satisfied",
    5: "extremely satisfied",
}
"""The evaluation's 1-5 scale (the 2016 review's "extremely satisfied"; the dashboard's "4 out
of 5 or higher")."""


class EmpathyStage(StrEnum):
    """The victim-empathy questionnaire, asked of the person responsible at the start and end."""

    BEFORE = "before"
    AFTER = "after"


class Agency(StrEnum):
    """Where a participant was referred on to (hub plan: probation, structured activity)."""

    PROBATION = "probation"
    STRUCTURED_ACTIVITY = "structured_activity"
    VICTIM_SUPPORT = "victim_support"
    YOUTH_OFFENDING_SERVICE = "youth_offending_service"
    HOUSING = "housing"
    MENTAL_HEALTH = "mental_health"
    OTHER = "other"


class CaseEventKind(StrEnum):
    """What happens in a case's life that a timeliness clock may start or stop on. The service
    derives each from the record (service.workflow.timeline)."""

    REFERRAL_RECEIVED = "referral_received"
    REFERRAL_SCREENED = "referral_screened"
    CASE_ACCEPTED = "case_accepted"
    PAIR_ALLOCATED = "pair_allocated"
    HARMED_REACHED = "harmed_reached"
    RESPONSIBLE_REACHED = "responsible_reached"
    PARTY_STATUS_CHANGED = "party_status_changed"
    REFERRER_ACKNOWLEDGED = "referrer_acknowledged"
    REFERRER_UPDATED = "referrer_updated"
    REFERRER_TOLD_OUTCOME = "referrer_told_outcome"
    CASE_CLOSED = "case_closed"
    EVALUATION_SENT = "evaluation_sent"
    EVALUATION_RETURNED = "evaluation_returned"
    EMPATHY_BEFORE = "empathy_before"
    EMPATHY_AFTER = "empathy_after"


@dataclass(frozen=True)
class CaseEvent:
    """One event on a case's timeline: what, on which day, and a short description (never
    personal: ids and roles only)."""

    kind: CaseEventKind
    on: dt.date
    about: str = ""
