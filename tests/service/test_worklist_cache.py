"""The worklist is derived once per committed state (worklist.everything,
UnitOfWork.committed_state): read again with nothing committed since, it is the kept one, in
one statement; after a commit, by this process or by another connection, it is derived again
and says what the data now say. On SQLite nothing is kept; a unit of work that has written
keeps nothing either (its own changes are not in the snapshot)."""

from __future__ import annotations

import datetime as dt
import threading
import uuid
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.orm import Session, sessionmaker

from scenarios.demo_data import load_demo
from scenarios.demo_scales import DEMO_AS_OF, Scale
from service.clock import FixedClock
from service.store.db import make_engine, session_factory, upgrade
from service.store.uow import UnitOfWork
from service.workflow import demo, worklist
from service.workflow.schemas.worklist import WorkItem
from tests.service.conftest import TEST_CIPHER

DAY = DEMO_AS_OF
CLOCK = FixedClock(dt.datetime.combine(DAY, dt.time(9)))


@pytest.fixture
def sessions(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> sessionmaker[Session]:
    """The tiny demo service in a migrated store, and a process that has kept nothing yet."""
    monkeypatch.setattr(worklist, "_DERIVED", {})
    return _demo_store(engine)


def _demo_store(engine: Engine) -> sessionmaker[Session]:
    made = session_factory(engine, TEST_CIPHER)
    with UnitOfWork(made, CLOCK) as uow:
        demo.load(uow, load_demo(Scale.TINY))
    return made


def _read(engine: Engine, made: sessionmaker[Session]) -> tuple[list[WorkItem], int]:
    """The whole worklist on DAY, and the statements the read sent."""
    sent = [0]

    def count(*_: Any) -> None:
        sent[0] += 1

    event.listen(engine, "before_cursor_execute", count)
    try:
        with UnitOfWork(made, CLOCK) as uow:
            items = worklist.everything(uow, DAY)
    finally:
        event.remove(engine, "before_cursor_execute", count)
    return items, sent[0]


def _derived_afresh(made: sessionmaker[Session], monkeypatch: pytest.MonkeyPatch) -> list[WorkItem]:
    monkeypatch.setattr(worklist, "_DERIVED", {})
    with UnitOfWork(made, CLOCK) as uow:
        return worklist.everything(uow, DAY)


def test_a_second_read_with_nothing_committed_between_is_the_kept_one(
    engine: Engine, sessions: sessionmaker[Session]
) -> None:
    first, derived = _read(engine, sessions)
    again, kept = _read(engine, sessions)
    assert first  # there are items
    assert again == first
    if engine.dialect.name == "postgresql":
        assert kept == 1 < derived  # the snapshot only
    else:
        assert kept == derived  # SQLite: derived every time


def test_a_commit_by_another_connection_derives_it_again(
    engine: Engine, sessions: sessionmaker[Session], monkeypatch: pytest.MonkeyPatch
) -> None:
    before, _ = _read(engine, sessions)
    with engine.begin() as other:  # not through this process's units of work
        lapsing = DAY + dt.timedelta(days=3)
        other.execute(text("UPDATE facilitators SET vetting_expires = :on"), {"on": lapsing})
    after, sent = _read(engine, sessions)
    assert after != before  # every vetting now lapses in three days: the list says so
    assert sent > 1
    assert after == _derived_afresh(sessions, monkeypatch)


def test_a_unit_of_work_that_has_written_keeps_nothing(
    engine: Engine, sessions: sessionmaker[Session]
) -> None:
    with UnitOfWork(sessions, CLOCK) as uow:
        clean = uow.committed_state()
        uow.session.execute(text("UPDATE facilitators SET max_cases = max_cases"))
        assert uow.committed_state() is None
    if engine.dialect.name == "postgresql":
        assert clean is not None
        assert clean.database == engine.url.render_as_string(hide_password=True)
    else:
        assert clean is None


@pytest.mark.postgres
def test_two_schemas_of_one_server_never_share_a_worklist(
    postgres_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Snapshots are the whole server's, and two stores may sit on one server (the tests'
    schemas do): the key names the database, search path included, beside the snapshot."""
    monkeypatch.setattr(worklist, "_DERIVED", {})
    admin = create_engine(postgres_url.split("?")[0], isolation_level="AUTOCOMMIT")
    schema = f"t_{uuid.uuid4().hex[:12]}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    first, second = (
        make_engine(postgres_url),
        make_engine(postgres_url.replace(postgres_url.rsplit("%3D", 1)[1], schema)),
    )
    try:
        for made in (first, second):
            upgrade(made)
        one, two = _demo_store(first), _demo_store(second)
        with second.begin() as conn:
            conn.execute(text("UPDATE facilitators SET vetting_expires = :on"), {"on": DAY})
        kept, _ = _read(first, one)  # kept for the first store, at the server's snapshot now
        other, sent = _read(second, two)  # the same snapshot, unless something else committed
        assert sent > 1
        assert other != kept
        assert other == _derived_afresh(two, monkeypatch)
    finally:
        first.dispose()
        second.dispose()
        with admin.connect() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.mark.postgres
def test_requests_that_find_it_out_of_date_at_once_derive_it_once(
    postgres_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Eight reads at once after a commit: one derives the list, the others wait for it."""
    monkeypatch.setattr(worklist, "_DERIVED", {})
    engine = make_engine(postgres_url)
    upgrade(engine)
    made = _demo_store(engine)
    derived = [0]
    derive = worklist._derive

    def counted(uow: UnitOfWork, on: dt.date) -> list[WorkItem]:
        derived[0] += 1
        return derive(uow, on)

    monkeypatch.setattr(worklist, "_derive", counted)
    start = threading.Barrier(8)

    def read() -> list[WorkItem]:
        with UnitOfWork(made, CLOCK) as uow:
            uow.committed_state()  # the snapshot taken before the others derive
            start.wait()
            return worklist.everything(uow, DAY)

    try:
        with ThreadPoolExecutor(8) as pool:
            answers = list(pool.map(lambda _: read(), range(8)))
    finally:
        engine.dispose()
    assert derived[0] == 1
    assert all(a == answers[0] for a in answers)
    assert answers[0]
