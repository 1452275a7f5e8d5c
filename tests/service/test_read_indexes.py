"""Migration 0014, the worklist's read indexes: it runs on the demo database on SQLite and
PostgreSQL, the planner uses the current-pairs index, and the downgrade removes what it added."""

from __future__ import annotations

from alembic import command
from sqlalchemy import inspect

from scenarios.demo_data import Scale, load_demo
from service.store.db import alembic_config, current_revision, make_engine, session_factory, upgrade
from service.store.uow import UnitOfWork
from service.workflow import demo
from tests.service.conftest import TEST_CIPHER

ADDED = {
    "cases": "ix_cases_closed_on",
    "facilitators": "ix_facilitators_vetting_expires",
    "pairs": "ix_pairs_open",
}


def _indexes(engine_url: str) -> dict[str, set[str]]:
    engine = make_engine(engine_url)
    try:
        found = inspect(engine)
        return {table: {ix["name"] or "" for ix in found.get_indexes(table)} for table in ADDED}
    finally:
        engine.dispose()


def test_migration_0014_runs_on_the_demo_data_and_goes_back(database_url: str) -> None:
    engine = make_engine(database_url)
    try:
        upgrade(engine, "0012", cipher=TEST_CIPHER)
        with UnitOfWork(session_factory(engine, TEST_CIPHER)) as uow:
            demo.load(uow, load_demo(Scale.TINY))
        assert not any(ADDED[t] in names for t, names in _indexes(database_url).items())
        upgrade(engine, "0014", cipher=TEST_CIPHER)
        assert current_revision(engine) == "0014"
        assert all(ADDED[t] in names for t, names in _indexes(database_url).items())
        with UnitOfWork(session_factory(engine, TEST_CIPHER)) as uow:
            assert len(uow.pairs.current()) == sum(
                1 for c in load_demo(Scale.TINY).problem.cases if len(c.current) == 2
            )
        command.downgrade(alembic_config(engine), "0012")
        assert not any(ADDED[t] in names for t, names in _indexes(database_url).items())
    finally:
        engine.dispose()
