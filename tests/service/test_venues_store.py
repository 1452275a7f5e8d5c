"""Migration 0010 on a store in use, on every backend: the volunteers' details still in clear
sealed (and opened again by the downgrade), the prisons register seeded from the gazetteer."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from alembic import command
from sqlalchemy import Engine, MetaData, text

from geo import default_gazetteer
from service.store.db import alembic_config, current_revision, make_engine, upgrade
from tests.service.builders import an_old_facilitator_row
from tests.service.conftest import TEST_CIPHER

AT = dt.datetime(2026, 11, 2, 9, 0)
CLEAR = {
    ("recruits", "name"): "Sam Applicant",
    ("recruits", "home_outcode"): "CM2",
    ("facilitators", "left_reason"): "moved to Leeds for work",
    ("expense_claims", "description"): "bus to Colchester",
    ("recruit_stages", "note"): "wants evening cases",
}


def _in_use_at_0008(engine: Engine) -> None:
    old = MetaData()
    old.reflect(engine)
    person = an_old_facilitator_row("F-1", TEST_CIPHER.seal("Alex Example"))
    person |= {"left_on": dt.date(2026, 11, 1), "left_reason": CLEAR["facilitators", "left_reason"]}
    recruit = {
        "id": "A-1",
        "name": CLEAR["recruits", "name"],
        "home_outcode": CLEAR["recruits", "home_outcode"],
        "stage": "applicant",
        "created_at": AT,
    }
    stage = {
        "recruit_id": "A-1",
        "stage": "applicant",
        "reached_on": AT.date(),
        "note": CLEAR["recruit_stages", "note"],
        "recorded_by": "coordinator",
        "recorded_at": AT,
    }
    claim = {
        "facilitator_id": "F-1",
        "incurred_on": AT.date(),
        "kind": "other",
        "amount_pence": 420,
        "description": CLEAR["expense_claims", "description"],
        "status": "submitted",
        "submitted_by": "coordinator",
        "submitted_at": AT,
    }
    with engine.begin() as conn:
        conn.execute(old.tables["facilitators"].insert(), [person])
        conn.execute(old.tables["recruits"].insert(), [recruit])
        conn.execute(old.tables["recruit_stages"].insert(), [stage])
        conn.execute(old.tables["expense_claims"].insert(), [claim])


def _values(engine: Engine) -> dict[tuple[str, str], Any]:
    with engine.connect() as conn:
        return {
            (table, column): conn.execute(text(f"SELECT {column} FROM {table}")).scalar_one()
            for table, column in CLEAR
        }


def test_migration_0010_seals_the_volunteers_details_and_seeds_the_prisons_and_back(
    database_url: str,
) -> None:
    engine = make_engine(database_url)
    try:
        upgrade(engine, "0008", cipher=TEST_CIPHER)
        _in_use_at_0008(engine)
        with pytest.raises(RuntimeError, match="rjplan db upgrade"):
            upgrade(engine, "0010")  # no key: refused, nothing changed
        assert _values(engine) == CLEAR
        upgrade(engine, "0010", cipher=TEST_CIPHER)
        sealed = _values(engine)
        assert not set(CLEAR.values()) & {str(v) for v in sealed.values()}
        assert {k: TEST_CIPHER.open(v) for k, v in sealed.items()} == CLEAR
        with engine.connect() as conn:
            prisons = conn.execute(text("SELECT name, lead_time_working_days FROM prisons")).all()
        assert {p for p, _ in prisons} == set(default_gazetteer().prisons)
        assert {days for _, days in prisons} == {10}
        command.downgrade(alembic_config(engine, TEST_CIPHER), "0008")
        assert current_revision(engine) == "0008"
        assert _values(engine) == CLEAR
    finally:
        engine.dispose()
