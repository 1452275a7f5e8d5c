"""The case file in the store: migration 0008 on a copy of the demo database (the old closing
words moved into the seeds' words and back), and tables.py in step with the migrations."""

from __future__ import annotations

import shutil
from pathlib import Path

from alembic import command
from sqlalchemy import Engine, text

from scenarios.demo_data import Scale, load_demo
from service.store.db import alembic_config, current_revision, make_engine, session_factory, upgrade
from service.store.uow import UnitOfWork
from service.workflow import demo
from tests.service.conftest import TEST_CIPHER

OLD_WORDS = ("completed", "withdrawn", "not_proceeding", "transferred")


def _demo_at_0007_with_cases_closed_in_the_old_words(engine: Engine) -> list[str]:
    upgrade(engine, "0007", cipher=TEST_CIPHER)
    with UnitOfWork(session_factory(engine, TEST_CIPHER)) as uow:
        demo.load(uow, load_demo(Scale.TINY), records=False)  # records: tables of 0010
    with engine.begin() as conn:
        ids = conn.execute(text("SELECT id FROM cases ORDER BY id")).scalars().all()[:4]
        for cid, word in zip(ids, OLD_WORDS, strict=True):
            conn.execute(
                text(
                    "UPDATE cases SET status = 'closed', closed_on = '2026-11-20', "
                    "outcome = :word WHERE id = :cid"
                ),
                {"word": word, "cid": cid},
            )
    return list(ids)


def _outcomes(engine: Engine) -> dict[str, tuple[str, str | None, str | None]]:
    with engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT c.id, c.outcome, o.declined_by, o.migrated_from FROM cases c "
                "JOIN case_outcomes o ON o.case_id = c.id ORDER BY c.id"
            )
        ).all()
    return {cid: (kind, by, old) for cid, kind, by, old in rows}


def test_migration_0008_moves_the_old_closing_words_of_a_copy_of_the_demo_database(
    tmp_path: Path,
) -> None:
    original = tmp_path / "demo.sqlite"
    engine = make_engine(f"sqlite:///{original}")
    ids = _demo_at_0007_with_cases_closed_in_the_old_words(engine)
    engine.dispose()
    copy = tmp_path / "copy.sqlite"
    shutil.copy(original, copy)
    migrated = make_engine(f"sqlite:///{copy}")
    try:
        upgrade(migrated, "0008", cipher=TEST_CIPHER)
        assert current_revision(migrated) == "0008"
        assert _outcomes(migrated) == {
            ids[0]: ("direct", None, "completed"),
            ids[1]: ("declined", None, "withdrawn"),
            ids[2]: ("no_outcome", None, "not_proceeding"),
            ids[3]: ("declined", "service", "transferred"),
        }
        command.downgrade(alembic_config(migrated, TEST_CIPHER), "0007")
        with migrated.connect() as conn:
            words = conn.execute(
                text("SELECT outcome FROM cases WHERE outcome IS NOT NULL ORDER BY id")
            ).scalars()
            assert tuple(words) == OLD_WORDS
    finally:
        migrated.dispose()


def test_migration_0008_runs_on_postgresql_and_sqlite_with_the_demo_data(
    database_url: str,
) -> None:
    engine = make_engine(database_url)
    try:
        ids = _demo_at_0007_with_cases_closed_in_the_old_words(engine)
        upgrade(engine, cipher=TEST_CIPHER)
        assert _outcomes(engine)[ids[0]] == ("direct", None, "completed")
        assert len(_outcomes(engine)) == 4
    finally:
        engine.dispose()
