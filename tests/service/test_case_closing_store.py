"""Closing cases and reviewing pairs in the store: migration 0004 on a database already in use,
tables.py in step with the migrations, reviews as the allocator's worked_well_with, and a close
that overlaps a commit."""

from __future__ import annotations

import datetime as dt
from typing import Any

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine, MetaData, inspect, select

from models.casefile import DeclinedBy, OutcomeKind
from service.errors import ConflictError
from service.server import create_app
from service.store import tables as t
from service.store.db import alembic_config, current_revision, make_engine, upgrade
from service.store.mapping import partners_who_worked_well
from service.store.tables import Base
from service.store.uow import UnitOfWork
from service.workflow import case_changes, commit, proposals, scenario_runs
from service.workflow.auth import Principal, Role
from service.workflow.schemas.cases import CloseIn
from service.workflow.schemas.views import CaseOut
from tests.service.builders import (
    a_facilitator,
    a_referral,
    an_old_facilitator_row,
    logged_in,
)
from tests.service.concurrency import overlapping
from tests.service.conftest import settings_for

COORDINATOR = Principal(1, "coordinator", Role.COORDINATOR, None)

NEW_COLUMNS = {
    "cases": {"closed_on", "outcome"},
    "pairs": {"went_well", "reviewed_by", "reviewed_at"},
}


def _columns(engine: Engine, table: str) -> set[str]:
    return {c["name"] for c in inspect(engine).get_columns(table)}


def _a_case_with_a_pair_at_0003(engine: Engine) -> None:
    """A facilitator pair on an open case, written through the 0003 schema as it was."""
    old = MetaData()
    old.reflect(engine, only=["facilitators", "cases", "pairs"])
    case: dict[str, Any] = {
        "id": "R-1",
        "status": "open",
        "lat": 51.73,
        "lon": 0.47,
        "requires_both": [],
        "requires_either": ["mediation"],
        "hours": 19.0,
        "priority": 1,
        "created_at": dt.datetime(2026, 11, 18, 9, 0),
        "version": 2,
    }
    pair = {
        "case_id": "R-1",
        "facilitator_a": "F-1",
        "facilitator_b": "F-2",
        "started_on": dt.date(2026, 11, 19),
    }
    with engine.begin() as conn:
        conn.execute(
            old.tables["facilitators"].insert(), [an_old_facilitator_row(f) for f in ("F-1", "F-2")]
        )
        conn.execute(old.tables["cases"].insert(), [case])
        conn.execute(old.tables["pairs"].insert(), [pair])


def test_migration_0004_adds_closing_and_review_columns_to_a_store_in_use_and_keeps_its_rows(
    database_url: str,
) -> None:
    engine = make_engine(database_url)
    try:
        upgrade(engine, "0003")
        _a_case_with_a_pair_at_0003(engine)
        upgrade(engine, "0004")
        assert current_revision(engine) == "0004"
        for table, added in NEW_COLUMNS.items():
            assert added <= _columns(engine, table)
        now = MetaData()
        now.reflect(engine, only=["cases", "pairs"])
        cases, pairs = now.tables["cases"], now.tables["pairs"]
        with engine.connect() as conn:
            case = conn.execute(select(cases)).one()
            pair = conn.execute(select(pairs)).one()
        assert (case.id, case.status, case.version, case.hours) == ("R-1", "open", 2, 19.0)
        assert (case.closed_on, case.outcome) == (None, None)
        assert (pair.facilitator_a, pair.started_on, pair.ended_on) == (
            "F-1",
            dt.date(2026, 11, 19),
            None,
        )
        assert (pair.went_well, pair.reviewed_by, pair.reviewed_at) == (None, None, None)
        command.downgrade(alembic_config(engine), "0003")
        assert current_revision(engine) == "0003"
        for table, added in NEW_COLUMNS.items():
            assert not added & _columns(engine, table)
    finally:
        engine.dispose()


def test_the_migrated_store_is_exactly_what_tables_py_declares(engine: Engine) -> None:
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []


def test_partners_who_worked_well_go_both_ways_once_each_and_only_among_known_ids() -> None:
    reviewed = [("F-1", "F-2"), ("F-2", "F-1"), ("F-3", "F-1"), ("F-1", "F-9"), ("F-4", "F-4")]
    partners = partners_who_worked_well(reviewed, {"F-1", "F-2", "F-3", "F-4"})
    assert partners == {"F-1": ["F-2", "F-3"], "F-2": ["F-1"], "F-3": ["F-1"]}


def test_the_problem_and_a_scenario_pool_list_the_partners_of_pairs_reviewed_well_only(
    engine: Engine, database_url: str
) -> None:
    app = create_app(settings_for(database_url))
    with TestClient(app) as client:
        headers = logged_in(client, Role.COORDINATOR)
        for fid in ("F-1", "F-2", "F-3", "F-4"):
            client.post("/facilitators", json=a_facilitator(fid), headers=headers)
        client.post("/referrals", json=a_referral("R-1"), headers=headers)
        client.post("/referrals/R-1/screen", json={}, headers=headers)
    day = dt.date(2026, 11, 2)
    with UnitOfWork(app.state.sessions) as uow:
        for a, b, went_well in (("F-2", "F-1", True), ("F-1", "F-3", False), ("F-3", "F-4", None)):
            pair = t.Pair(case_id="R-1", facilitator_a=a, facilitator_b=b, started_on=day)
            pair.ended_on, pair.went_well = day, went_well
            uow.pairs.add(pair)
        uow.commit()
    with UnitOfWork(app.state.sessions) as uow:
        problem = proposals.base_problem(uow, day)
        pool = scenario_runs.store_pool(uow)
    worked_well = {f.id: f.worked_well_with for f in problem.facilitators}
    assert worked_well == {"F-1": ["F-2"], "F-2": ["F-1"], "F-3": [], "F-4": []}
    assert {f.id: f.worked_well_with for f in pool} == worked_well
    app.state.engine.dispose()


def _one_case_and_a_proposal_for_it(app: FastAPI) -> str:
    with TestClient(app) as client:
        headers = logged_in(client, Role.COORDINATOR)
        for fid in ("F-1", "F-2"):
            client.post("/facilitators", json=a_facilitator(fid), headers=headers)
        client.post("/referrals", json=a_referral("R-1"), headers=headers)
        client.post("/referrals/R-1/screen", json={}, headers=headers)
    with UnitOfWork(app.state.sessions) as uow:
        made = proposals.propose(uow, COORDINATOR, app.state.settings, None)
    assert [c.case for c in made.changes] == ["R-1"]
    return made.id


def test_a_commit_overlapping_the_close_of_a_case_it_pairs_is_refused(
    engine: Engine, database_url: str
) -> None:
    """The close holds its uncommitted writes while the commit runs (tests/service/concurrency.py):
    the commit waits for it, then finds the store changed, so a closed case never gets a pair."""
    app = create_app(settings_for(database_url))
    proposal = _one_case_and_a_proposal_for_it(app)
    withdrawn = CloseIn(outcome=OutcomeKind.DECLINED, declined_by=DeclinedBy.HARMED)
    first, second, how = overlapping(
        engine,
        lambda uow: case_changes.close(uow, COORDINATOR, "R-1", withdrawn),
        lambda uow: commit.commit(uow, COORDINATOR, proposal, None),
    )
    if engine.dialect.name == "postgresql":
        assert how == "waited for a lock"
    assert isinstance(first, CaseOut), first
    assert first.status == "closed"
    assert isinstance(second, ConflictError), second
    with UnitOfWork(app.state.sessions) as uow:
        assert uow.pairs.current_of("R-1") is None
        assert proposals.base_problem(uow, dt.date(2026, 11, 23)).cases == []
    app.state.engine.dispose()
