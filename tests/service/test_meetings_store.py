"""The meeting plans in the store: migration 0002 and the repository, on every backend."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from alembic import command
from sqlalchemy import Engine, inspect

from geo import default_gazetteer
from service.errors import ConflictError
from service.store import tables as t
from service.store.db import alembic_config, current_revision, make_engine, upgrade
from service.store.uow import UnitOfWork
from service.workflow import meeting_commit, meetings
from service.workflow.auth import Principal, Role
from service.workflow.schemas.meetings import MeetingCommitOut
from tests.service.concurrency import overlapping
from tests.service.conftest import TEST_CIPHER, session_factory, settings_for

COORDINATOR = Principal(1, "coordinator", Role.COORDINATOR, None)

MEETING_TABLES = {"meeting_plans", "meeting_plan_keys"}


def a_plan_row(
    pid: str, status: str = "proposed", committed_at: dt.datetime | None = None
) -> t.MeetingPlan:
    return t.MeetingPlan(
        id=pid,
        status=status,
        as_of=dt.date(2026, 11, 23),
        fingerprint="0" * 64,
        problem={},
        schedule={"meetings": [], "unplaced": []},
        created_at=dt.datetime(2026, 11, 23, 9, 0),
        created_by="coordinator",
        committed_at=committed_at,
        committed_by="coordinator" if committed_at else None,
    )


def test_migration_0002_adds_the_meeting_tables_and_its_downgrade_removes_them(
    database_url: str,
) -> None:
    engine = make_engine(database_url)
    try:
        upgrade(engine, "0001")
        assert not MEETING_TABLES & set(inspect(engine).get_table_names())
        upgrade(engine, "0002")
        assert current_revision(engine) == "0002"
        assert set(inspect(engine).get_table_names()) >= MEETING_TABLES
        command.downgrade(alembic_config(engine), "0001")
        assert current_revision(engine) == "0001"
        assert not MEETING_TABLES & set(inspect(engine).get_table_names())
    finally:
        engine.dispose()


def test_the_latest_committed_plan_is_the_one_committed_last_not_the_one_made_last(
    engine: Engine,
) -> None:
    sessions = session_factory(engine, TEST_CIPHER)
    with UnitOfWork(sessions) as uow:
        assert uow.meetings.latest_committed() is None
        uow.meetings.add(a_plan_row("early", "committed", dt.datetime(2026, 11, 23, 10, 0)))
        uow.meetings.add(a_plan_row("late", "committed", dt.datetime(2026, 11, 23, 11, 0)))
        uow.meetings.add(a_plan_row("newest-proposed"))
        uow.commit()
    with UnitOfWork(sessions) as uow:
        latest = uow.meetings.latest_committed()
        assert latest is not None
        assert latest.id == "late"
        assert {p.id for p in uow.meetings.recent(10, 0)} == {"early", "late", "newest-proposed"}
        assert uow.meetings.idempotency("unused") is None


def _commit_at_once(engine: Engine, plan_id: str, keys: tuple[str | None, str | None]) -> list[Any]:
    """Commit one plan in two overlapping transactions (tests/service/concurrency.py); each
    outcome, answer or error."""
    first, second, how = overlapping(
        engine,
        lambda uow: meeting_commit.commit(uow, COORDINATOR, plan_id, keys[0], default_gazetteer()),
        lambda uow: meeting_commit.commit(uow, COORDINATOR, plan_id, keys[1], default_gazetteer()),
    )
    if engine.dialect.name == "postgresql":
        assert how == "waited for a lock"
    return [first, second]


@pytest.mark.parametrize(("keys", "refused"), [((None, None), 1), (("k", "k"), 0)])
def test_two_concurrent_commits_of_one_plan_commit_it_once(
    engine: Engine, database_url: str, keys: tuple[str | None, str | None], refused: int
) -> None:
    settings = settings_for(database_url).model_copy(update={"meetings_time_limit_s": 1.0})
    with UnitOfWork(session_factory(engine, TEST_CIPHER)) as uow:
        plan = meetings.plan(uow, COORDINATOR, settings, dt.date(2026, 11, 23), default_gazetteer())
    outcomes = _commit_at_once(engine, plan.id, keys)
    answers = [o for o in outcomes if isinstance(o, MeetingCommitOut)]
    assert len(outcomes) == 2
    assert len(outcomes) - len(answers) == refused
    assert all(isinstance(o, MeetingCommitOut | ConflictError) for o in outcomes), outcomes
    assert len({a.committed_at for a in answers}) == 1, "a retry repeats the first answer"
    with UnitOfWork(session_factory(engine, TEST_CIPHER)) as uow:
        entries = uow.audit.search("meeting_plan", plan.id, 10, 0)
        assert len(entries) == 1
