"""The anonymous volunteer survey: a manager opens and closes rounds; a facilitator answers a
round once; the answers are counts that name nobody; results only once closed and only where
at least 5 answered; the volunteers report counts them."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import Engine, inspect, select, text

from geo.gazetteer import default_gazetteer
from service.clock import FixedClock
from service.errors import ConflictError, ForbiddenError, InputError
from service.store import tables as t
from service.store.db import make_engine, upgrade
from service.store.uow import UnitOfWork
from service.workflow import facilitators, reports, survey
from service.workflow.auth import Principal, Role
from service.workflow.schemas.facilitators import FacilitatorIn
from service.workflow.schemas.survey import Answer, SurveyAnswersIn
from tests.service.builders import a_facilitator
from tests.service.conftest import TEST_CIPHER, session_factory

CLOCK = FixedClock(dt.datetime(2026, 11, 23, 9, 0))
ADMIN = Principal(1, "root", Role.ADMIN, None)
MANAGER = Principal(2, "mo", Role.MANAGER, None)


def _uow(engine: Engine) -> UnitOfWork:
    return UnitOfWork(session_factory(engine, TEST_CIPHER), CLOCK)


def volunteer(n: int) -> Principal:
    return Principal(100 + n, f"vol-{n}", Role.FACILITATOR, f"F-{n}")


def registered(engine: Engine, count: int) -> list[Principal]:
    with _uow(engine) as uow:
        for n in range(1, count + 1):
            body = FacilitatorIn.model_validate(a_facilitator(f"F-{n}"))
            facilitators.create(uow, ADMIN, body, default_gazetteer())
    return [volunteer(n) for n in range(1, count + 1)]


def answers(agree: set[str] = frozenset(), **given: Answer) -> SurveyAnswersIn:
    """Every question answered: those in `agree` agree, others as given, else disagree."""
    chosen = {
        q.key: Answer.AGREE if q.key in agree else given.get(q.key, Answer.DISAGREE)
        for q in survey.QUESTIONS
    }
    return SurveyAnswersIn(answers=chosen)


def test_a_facilitator_answers_a_round_once_and_the_answers_name_nobody(engine: Engine) -> None:
    (pat,) = registered(engine, 1)
    with _uow(engine) as uow:
        opened = survey.open_round(uow, MANAGER)
        assert survey.mine(uow, pat).answered is False
        survey.answer(uow, pat, answers({"supported"}))
    with _uow(engine) as uow:
        assert survey.mine(uow, pat).answered is True
        with pytest.raises(ConflictError, match="answered round"):
            survey.answer(uow, pat, answers())
    with _uow(engine) as uow:
        tallies = uow.session.scalars(select(t.SurveyTally)).all()
        responders = uow.session.scalars(select(t.SurveyResponder)).all()
        audit = uow.session.scalars(select(t.AuditEntry).where(t.AuditEntry.action == "answer"))
        counted = {(x.question, x.answer): x.count for x in tallies if x.count}
        said = [(r.round_id, r.facilitator_id) for r in responders]
        entries = [(e.actor, e.changes) for e in audit.all()]
    assert counted == {
        (q.key, "agree" if q.key == "supported" else "disagree"): 1 for q in survey.QUESTIONS
    }
    assert said == [(opened.id, "F-1")]
    assert entries == [("vol-1", {})]
    columns = {c["name"] for c in inspect(engine).get_columns("survey_tallies")}
    assert columns == {"round_id", "question", "answer", "count"}


def test_an_answer_rewrites_every_count_so_row_versions_tell_nothing(postgres_url: str) -> None:
    """PostgreSQL only: row versions (xmin) are its own; SQLite keeps none to read."""
    engine = make_engine(postgres_url)
    upgrade(engine)
    first, second = registered(engine, 2)
    with _uow(engine) as uow:
        survey.open_round(uow, MANAGER)
    for who in (first, second):
        with _uow(engine) as uow:
            survey.answer(uow, who, answers({"valued"} if who is first else set()))
    with engine.connect() as conn:
        writers = conn.execute(text("SELECT DISTINCT xmin::text FROM survey_tallies")).all()
    engine.dispose()
    assert len(writers) == 1


def test_results_wait_for_the_close_and_need_five_answers(engine: Engine) -> None:
    people = registered(engine, 5)
    with _uow(engine) as uow:
        survey.open_round(uow, MANAGER)
    for n, who in enumerate(people[:4]):
        with _uow(engine) as uow:
            survey.answer(uow, who, answers({"varied"} if n else set()))
    with _uow(engine) as uow:
        (four,) = survey.rounds(uow, MANAGER)
        assert (four.answered, four.results) == (4, [])  # open: nothing shown yet
        closed = survey.close_round(uow, MANAGER, four.id)
    assert {r.suppressed for r in closed.results} == {"fewer than 5 answered: not shown"}
    assert {(r.answered, r.agreeing, r.share_agreeing) for r in closed.results} == {(4, None, None)}

    with _uow(engine) as uow:
        survey.open_round(uow, MANAGER)
    for n, who in enumerate(people):
        with _uow(engine) as uow:
            survey.answer(uow, who, answers({"varied"} if n < 3 else set()))
    with _uow(engine) as uow:
        five = survey.close_round(uow, MANAGER, survey.rounds(uow, MANAGER)[0].id)
    varied = next(r for r in five.results if r.question == "varied")
    assert (varied.answered, varied.agreeing, varied.share_agreeing) == (5, 3, 60.0)
    assert [r.question for r in five.results] == [q.key for q in survey.QUESTIONS]


def test_the_volunteers_report_counts_closed_rounds_in_the_period(engine: Engine) -> None:
    people = registered(engine, 6)
    with _uow(engine) as uow:
        survey.open_round(uow, MANAGER)
    for n, who in enumerate(people):
        with _uow(engine) as uow:
            survey.answer(uow, who, answers({"fairly_treated"} if n < 2 else set()))
    with _uow(engine) as uow:
        survey.close_round(uow, MANAGER, 1)
        survey.open_round(uow, MANAGER)  # open: not reported
    with _uow(engine) as uow:
        params = reports.Params(start=dt.date(2026, 1, 1), end=dt.date(2026, 12, 31))
        found = reports.run(uow, MANAGER, "volunteers", params)
        before = reports.Params(start=dt.date(2025, 1, 1), end=dt.date(2025, 12, 31))
        earlier = reports.run(uow, MANAGER, "volunteers", before)
    table = next(x for x in found.tables if x.key == "survey")
    assert len(table.rows) == len(survey.QUESTIONS)
    fair = next(r for r in table.rows if r[1] == "I feel fairly treated.")
    when = "opened 2026-11-23, closed 2026-11-23"
    assert fair == [when, "I feel fairly treated.", 6, 2, 33.33, None]
    assert next(x for x in earlier.tables if x.key == "survey").rows == []


def test_only_a_manager_or_admin_runs_rounds_one_open_at_a_time(engine: Engine) -> None:
    (pat,) = registered(engine, 1)
    coordinator = Principal(3, "cora", Role.COORDINATOR, None)
    with _uow(engine) as uow:
        with pytest.raises(ConflictError, match="no survey round is open"):
            survey.answer(uow, pat, answers())
        for who in (coordinator, pat):
            with pytest.raises(ForbiddenError):
                survey.open_round(uow, who)
        opened = survey.open_round(uow, ADMIN)
        with pytest.raises(ConflictError, match="is open; close it first"):
            survey.open_round(uow, MANAGER)
        survey.close_round(uow, MANAGER, opened.id)
        with pytest.raises(ConflictError, match="closed on 2026-11-23"):
            survey.close_round(uow, MANAGER, opened.id)


def test_staff_have_no_answers_to_give(engine: Engine) -> None:
    registered(engine, 1)
    with _uow(engine) as uow:
        survey.open_round(uow, MANAGER)
        with pytest.raises(ForbiddenError):
            survey.answer(uow, MANAGER, answers())


def test_every_question_is_answered_and_only_those_asked() -> None:
    given = {q.key: Answer.AGREE for q in survey.QUESTIONS[1:]} | {"mood": Answer.AGREE}
    with pytest.raises(InputError) as caught:
        survey.checked(SurveyAnswersIn(answers=given))
    pointers = [e.pointer for e in caught.value.errors]
    assert pointers == ["/body/answers/interesting", "/body/answers/mood"]
