"""Migration 0006 on a store already in use: stored skills become the training and prison
clearances that grant them, the allocator sees the same skills, and the downgrade restores them."""

from __future__ import annotations

import datetime as dt

from alembic import command
from sqlalchemy import Engine, MetaData, inspect, select

from models import Skill
from service.store.db import alembic_config, session_factory, upgrade
from service.store.uow import UnitOfWork
from service.workflow import facilitators
from tests.service.conftest import TEST_CIPHER

PERSON = {
    "id": "F-1",
    "name": "",
    "home_lat": 51.73,
    "home_lon": 0.47,
    "weekly_hours": 6.0,
    "max_cases": 3,
    "vetting_expires": dt.date(2030, 1, 1),
    "active": True,
    "experienced": True,
    "avoid_partners": [],
    "version": 1,
}
SKILLS = [
    {"facilitator_id": "F-1", "skill": "mediation", "trained_on": dt.date(2024, 3, 1)},
    {"facilitator_id": "F-1", "skill": "dv", "trained_on": None},
    {"facilitator_id": "F-1", "skill": "prison", "trained_on": dt.date(2019, 5, 1)},
]


def _at_0005_with_skills(engine: Engine) -> None:
    command.downgrade(alembic_config(engine), "0005")
    old = MetaData()
    old.reflect(engine, only=["facilitators", "facilitator_skills"])
    with engine.begin() as conn:
        conn.execute(old.tables["facilitators"].insert(), [PERSON])
        conn.execute(old.tables["facilitator_skills"].insert(), SKILLS)


def test_stored_skills_become_training_and_clearances_the_allocator_reads_alike(
    engine: Engine,
) -> None:
    _at_0005_with_skills(engine)
    upgrade(engine, cipher=TEST_CIPHER)
    assert "facilitator_skills" not in inspect(engine).get_table_names()
    with UnitOfWork(session_factory(engine, TEST_CIPHER)) as uow:
        (row,) = uow.facilitators.all()
        courses = sorted((e.course, e.level, e.completed_on) for e in row.training)
        assert courses == [
            ("dv_sv", "intermediate", None),
            ("mediation", "foundation", dt.date(2024, 3, 1)),
        ]
        (view,) = facilitators.allocator_view(uow, [row], dt.date(2026, 11, 25))
    assert view.skills == {Skill.MEDIATION, Skill.DV, Skill.PRISON}


def test_the_downgrade_of_0006_gives_the_skills_back(engine: Engine) -> None:
    _at_0005_with_skills(engine)
    upgrade(engine, cipher=TEST_CIPHER)
    command.downgrade(alembic_config(engine, TEST_CIPHER), "0005")
    table = MetaData()
    table.reflect(engine, only=["facilitator_skills"])
    with engine.connect() as conn:
        rows = conn.execute(select(table.tables["facilitator_skills"])).all()
    assert sorted((r.skill, r.trained_on) for r in rows) == [
        ("dv", None),
        ("mediation", dt.date(2024, 3, 1)),
        ("prison", None),
    ]
    assert "training_events" not in inspect(engine).get_table_names()
