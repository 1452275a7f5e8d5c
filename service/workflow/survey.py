"""The anonymous volunteer survey: a manager opens a round and closes it; each facilitator
answers a round at most once, from their own page; the results are shown only in aggregate,
only once the round is closed, and only where at least MIN_ANSWERED answered.

How the answers stay anonymous: two tables that share nothing but the round.
`survey_responders` holds (round, facilitator), "has answered", so nobody answers twice; it
has no time and no id. `survey_tallies` holds (round, question, answer, count): an answer adds
one to a count, so there is no row per response, no person, no time, no insertion order to
line up with the responders; each answer rewrites every count of the round (adding 0 to
those not chosen), so even PostgreSQL's row versions show only that someone answered last,
not what. The audit log records that the login answered the round, never what. Results wait
until the round is closed, so nobody can read the counts before and after one person answers
and take the difference. Left open: a round's "answered so far" and the audit log's times
tell who answered when, never what; whoever administers the database sees the counts live.

The statements are those of the service's volunteer feedback questionnaire (the words
volunteers chose for how they feel, whether the work is interesting, varied, and supported).
"""

from __future__ import annotations

from dataclasses import dataclass

from models import FieldError
from service.errors import ConflictError, InputError, NotFoundError
from service.store import reports as q
from service.store import tables as t
from service.store.reports import SurveyCounts, Window
from service.store.uow import UnitOfWork
from service.workflow.auth import Principal, Role
from service.workflow.own_record import own_id
from service.workflow.schemas.survey import (
    Answer,
    MySurvey,
    QuestionOut,
    QuestionResult,
    RoundOut,
    SurveyAnswersIn,
)

ENTITY = "survey_round"
POINTER = "/path/round_id"
MANAGERS = frozenset({Role.ADMIN, Role.MANAGER})
MIN_ANSWERED = 5
"""Fewer answers than this and a question's results are not shown: they could point at
someone."""


@dataclass(frozen=True)
class Question:
    key: str
    statement: str


QUESTIONS = (
    Question("interesting", "I find the work interesting, challenging and rewarding."),
    Question("varied", "The work I receive is varied."),
    Question("supported", "I feel supported in my role."),
    Question("trusted", "I feel trusted."),
    Question("valued", "I feel valued."),
    Question("recognised", "I feel recognised for what I do."),
    Question("skilled", "I feel skilled."),
    Question("confident", "I feel confident in the role."),
    Question("equipped", "I feel equipped for the role."),
    Question("fairly_treated", "I feel fairly treated."),
    Question("frustrated", "I feel frustrated in the role."),
)
STATEMENTS = {q.key: q.statement for q in QUESTIONS}


def open_round(uow: UnitOfWork, who: Principal) -> RoundOut:
    """Open a new round (a manager or admin; one round open at a time); audited."""
    who.require(MANAGERS, "opening a survey round")
    current = uow.surveys.open_round()
    if current is not None:
        raise ConflictError("", f"round {current.id} is open; close it first")
    row = t.SurveyRound(opened_on=uow.clock.today(), opened_by=who.username)
    uow.surveys.add(row)
    uow.flush()
    for question in QUESTIONS:
        for answer in Answer:
            uow.surveys.add(
                t.SurveyTally(round_id=row.id, question=question.key, answer=answer, count=0)
            )
    uow.audit.record(who.username, "open", ENTITY, str(row.id), {"opened_on": str(row.opened_on)})
    uow.commit()
    return _round_out(uow, row)


def close_round(uow: UnitOfWork, who: Principal, round_id: int) -> RoundOut:
    """Close an open round (a manager or admin): no more answers, its results are shown."""
    who.require(MANAGERS, "closing a survey round")
    row = _existing(uow, round_id)
    if row.closed_on is not None:
        raise ConflictError(POINTER, f"round {round_id} closed on {row.closed_on}")
    row.closed_on, row.closed_by = uow.clock.today(), who.username
    uow.audit.record(who.username, "close", ENTITY, str(row.id), {"closed_on": str(row.closed_on)})
    uow.commit()
    return _round_out(uow, row)


def rounds(uow: UnitOfWork, who: Principal) -> list[RoundOut]:
    """Every round, newest first, with the results of those closed (a manager or admin)."""
    who.require(MANAGERS, "reading the survey rounds")
    return [_round_out(uow, r) for r in uow.surveys.rounds()]


def mine(uow: UnitOfWork, who: Principal) -> MySurvey:
    """The round open now and whether I (the signed-in facilitator) have answered it."""
    fid = own_id(who)
    row = uow.surveys.open_round()
    return MySurvey(
        round_id=row.id if row else None,
        opened_on=row.opened_on if row else None,
        answered=row is not None and uow.surveys.has_answered(row.id, fid),
        questions=[QuestionOut(key=q.key, statement=q.statement) for q in QUESTIONS],
    )


def answer(uow: UnitOfWork, who: Principal, data: SurveyAnswersIn) -> None:
    """Answer the open round once, as the signed-in facilitator: the login is marked as having
    answered, and each answer adds one to its count (nothing links the two)."""
    fid = own_id(who)
    answers = checked(data)
    row = uow.surveys.open_round()
    if row is None:
        raise ConflictError("", "no survey round is open; answer when a manager opens one")
    if uow.surveys.has_answered(row.id, fid):
        raise ConflictError("", f"you have answered round {row.id} already")
    chosen = {key: given.value for key, given in answers.items()}
    if uow.surveys.asks(row.id, chosen) != len(chosen):
        raise ConflictError("", f"round {row.id} asked other questions; reload the survey")
    uow.surveys.add(t.SurveyResponder(round_id=row.id, facilitator_id=fid))
    uow.surveys.add_answers(row.id, chosen)
    uow.audit.record(who.username, "answer", ENTITY, str(row.id), {})
    uow.commit()


def checked(data: SurveyAnswersIn) -> dict[str, Answer]:
    """Every question answered, nothing else: the answers in the questions' order."""
    errors = [
        (f"/body/answers/{q.key}", f"Choose agree, neither or disagree for “{q.statement}”")
        for q in QUESTIONS
        if q.key not in data.answers
    ]
    errors += [
        (f"/body/answers/{key}", f"no question {key!r}; answer only the questions asked")
        for key in data.answers
        if key not in STATEMENTS
    ]
    if errors:
        raise InputError("survey", [FieldError(p, m) for p, m in errors])
    return {q.key: data.answers[q.key] for q in QUESTIONS}


def results(counts: list[SurveyCounts]) -> list[QuestionResult]:
    """A round's questions in the survey's order; a question fewer than MIN_ANSWERED answered
    is shown as its number answered only, with the reason."""
    order = {q.key: i for i, q in enumerate(QUESTIONS)}
    return [result(c) for c in sorted(counts, key=lambda c: order.get(c.question, len(order)))]


def result(c: SurveyCounts) -> QuestionResult:
    """One question's result, or its suppression."""
    shown = c.answered >= MIN_ANSWERED
    return QuestionResult(
        question=c.question,
        statement=STATEMENTS.get(c.question, c.question),
        answered=c.answered,
        agreeing=c.agreeing if shown else None,
        share_agreeing=round(100 * c.agreeing / c.answered, 2) if shown else None,
        suppressed=None if shown else f"fewer than {MIN_ANSWERED} answered: not shown",
    )


def _round_out(uow: UnitOfWork, row: t.SurveyRound) -> RoundOut:
    closed = row.closed_on is not None
    counts = q.survey_counts(uow.session, Window(), row.id) if closed else []
    return RoundOut(
        id=row.id,
        opened_on=row.opened_on,
        opened_by=row.opened_by,
        closed_on=row.closed_on,
        closed_by=row.closed_by,
        answered=uow.surveys.answered(row.id),
        results=results(counts),
    )


def _existing(uow: UnitOfWork, round_id: int) -> t.SurveyRound:
    row = uow.surveys.get(round_id)
    if row is None:
        raise NotFoundError("survey round", str(round_id), POINTER)
    return row
